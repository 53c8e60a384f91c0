import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import type { Assessment, Decision } from '../../src/engine/types.js';
import { bandOf, overallBand, targetChecks, weakestMetric } from '../../src/engine/releases.js';
import * as H from '../../src/render/headlines.js';
import { riskPhrase } from '../../src/render/plan-view.js';
import { engagementWith } from '../helpers/engagement.js';

/** The tiny engagement of the engine tests, with hand-set figures where a headline reads them. */
function base(): Assessment {
  return assess(engagementWith());
}

describe('headline sentences (computed; docs/formulas.md)', () => {
  const a = base();
  // Hand-computed from the tiny engagement (test/engine/scoring.test.ts): practice a scores 2.75 (its n/a level 3
  // counts as level 2, .375); overall score (5 + 2 × 2.5) / 3 = 3.333; target (3 + 2 × 11/3) / 3 = 31/9 = 3.444;
  // gap (0 + 2 × .75) / 3 = .5; percent 1 − .5 ÷ 31/9 = 85%. Perspectives with data: process 2.5, people 5.
  // Gaps: process .75, people 0.
  it("states the position in the reader's words: overall, target, gap, percent of the way (no formula) and the weakest perspectives", () => {
    expect(H.positionSentence(a)).toBe(
      "Test Co's release management scores 3.3 out of 5 against a target of 3.4; with 0.5 levels missing on average, it is 85% of the way there. The weakest perspectives are Process (2.5) and People (5.0).",
    );
  });

  // Counted from the engine's status per practice (green at target, amber within one level, red more than one
  // level short, none not assessed): five practices, four assessed.
  it('counts the practices by status against their targets', () => {
    const b = structuredClone(a);
    const rags = ['green', 'amber', 'amber', 'red', 'none'] as const;
    b.practices = rags.map((rag, i) => ({ ...a.practices[0]!, id: `p${i}`, rag }));
    expect(H.statusSentence(b)).toBe(
      'Of the four practices assessed, one is at target, two are within one level of target and one is more than one level short.',
    );
    b.practices = b.practices.filter((p) => p.rag === 'red');
    expect(H.statusSentence(b)).toBe('The only practice assessed is more than one level short.');
  });

  it('names the largest gaps from the perspectives’ gaps, not their scores', () => {
    expect(H.largestGapsSentence(a)).toBe('The only gap is in Process: 0.8 levels missing on average.');
    // Organization has the larger gap although Process has the lower score.
    const b = structuredClone(a);
    b.summary.largest_gaps = [
      { id: 'organization', gap: 2.02 },
      { id: 'technology', gap: 1.98 },
      { id: 'process', gap: 1.95 },
    ];
    expect(H.largestGapsSentence(b)).toBe('The largest gaps are in Organization and Technology: 2.0 levels missing on average in each.');
    b.summary.largest_gaps = [
      { id: 'integration', gap: 2.5 },
      { id: 'people', gap: 1.2 },
    ];
    expect(H.largestGapsSentence(b)).toBe('The largest gaps are in Integration and People: 2.5 and 1.2 levels missing on average.');
    expect(H.slideTitles(b, riskPhrase).gaps).toBe('The largest gaps are in Integration and People');
  });

  it('says how many requirements the plan meets, and by when', () => {
    const b = structuredClone(a);
    b.roadmap.phases = [
      { id: 'P1', name: 'Stabilise', start: '2026-04-01', end: '2026-06-30', capacity_days: 10, used_days: 10, cost: null, recommendations: ['x'] },
      { id: 'P2', name: 'Standardise', start: '2026-07-01', end: '2026-10-30', capacity_days: 10, used_days: 5, cost: null, recommendations: ['y'] },
    ];
    b.summary.requirements = { total: 6, met: 1, planned: 3, reached: 4, not_reached: 2, not_on_plan: 1, unknown: 1, by_phase: [], all_planned_by: 'P2' };
    expect(H.requirementsSentence(b)).toBe(
      'The plan meets four of the six requirements by the end of Standardise (phase 2), 30 October 2026; one is not on the plan at this capacity and one cannot be judged yet (a practice not assessed or a metric not measured).',
    );
    expect(H.slideTitles(b, riskPhrase).requirements).toBe('Two requirements are not met by this plan');
    b.summary.requirements = { total: 6, met: 1, planned: 3, reached: 4, not_reached: 2, not_on_plan: 2, unknown: 0, by_phase: [], all_planned_by: 'P2' };
    expect(H.slideTitles(b, riskPhrase).requirements).toBe('Two requirements need more capacity than planned');
    b.summary.requirements = { total: 6, met: 1, planned: 5, reached: 6, not_reached: 0, not_on_plan: 0, unknown: 0, by_phase: [], all_planned_by: 'P2' };
    expect(H.slideTitles(b, riskPhrase).requirements).toBe('Every requirement is on the plan, the last met by October 2026');
    b.summary.requirements = { total: 2, met: 2, planned: 0, reached: 2, not_reached: 0, not_on_plan: 0, unknown: 0, by_phase: [], all_planned_by: 'now' };
    expect(H.requirementsSentence(b)).toBe('Both requirements are met today.');
    b.summary.requirements = { total: 3, met: 0, planned: 0, reached: 0, not_reached: 3, not_on_plan: 3, unknown: 0, by_phase: [], all_planned_by: 'now' };
    expect(H.requirementsSentence(b)).toBe('The plan as scheduled meets none of the three requirements; three are not on the plan at this capacity.');
  });

  /** The decision of the bundled example (hand-checked against its assessment.json): double the capacity. */
  const doubled = (): Decision => ({
    scenario: 'double',
    name: 'Double the capacity',
    recommended: true,
    approve_now: { phase: 'P1', name: 'Stabilise', index: 1, start: '2026-04-27', end: '2026-06-30', days: 200, cost: 170000 },
    later: { days: 447, cost: 379950, phases: 2 },
    total: { days: 647, cost: 549950 },
    requirements_met: 6,
    requirements_total: 6,
    requirements_not_on_plan: 0,
    requirements_unknown: 0,
    requirements_by: '2027-03-31',
    goals_met: 3,
    goals_total: 3,
    base: { scenario: 'as-planned', name: 'Capacity as planned', days: 496, cost: 421600, requirements_met: 4, goals_met: 0 },
    extra: { days: 151, cost: 128350 },
    no_work: null,
    buys: { requirements: ['REQ-5', 'REQ-6'], goals: 3, recommendations: 15, days: 151, base_meets_all: false },
    bridge: {
      added: Array.from({ length: 15 }, (_, i) => `rec-${i}`),
      added_days: 151,
      added_cost: 128350,
      dropped: [],
      dropped_days: 0,
      dropped_cost: 0,
      moved: 31,
      capacity_base: 500,
      capacity: 1000,
      cost_share: 151 / 496,
    },
    decide_by: '2026-04-24',
    decide_by_source: 'plan.yaml',
    decided_by: { name: 'Catherine Doyle', role: 'CIO' },
  });
  /** The plan as planned, nothing recommended over it: 99 days now, 219 later, 4 of 6 requirements, no goal. */
  const asPlanned = (): Decision => ({
    ...doubled(),
    scenario: 'as-planned',
    name: 'Capacity as planned',
    recommended: false,
    approve_now: { phase: 'P1', name: 'Stabilise', index: 1, start: '2026-04-01', end: '2026-06-30', days: 99, cost: 84150 },
    later: { days: 219, cost: 186150, phases: 1 },
    total: { days: 318, cost: 270300 },
    requirements_met: 4,
    requirements_not_on_plan: 2,
    goals_met: 0,
    base: null,
    extra: null,
    buys: null,
    bridge: null,
    decide_by: null,
    decide_by_source: null,
    decided_by: null,
  });
  const withDecision = (d: Decision): Assessment => {
    const b = structuredClone(a);
    b.engagement.currency = 'EUR';
    b.summary.plan = { recommendations: 45, scheduled: 45, days: 318, cost: 270300, ends: '2027-03-31', first_phase: 'P1' };
    b.decision = d;
    b.requirements = [{}, {}, {}, {}, {}, {}] as never;
    b.scenarios = ['as-planned', 'half', 'double'].map((id) => ({ id, same_as: null })) as never;
    b.summary.recommended_scenario = d.recommended ? d.scenario : null;
    return b;
  };

  it('leads with the recommendation and what it buys, from the decision', () => {
    const b = withDecision(doubled());
    // The extra over the plan: €549,950 − €421,600 = €128,350; now €170,000 + later €379,950 = €549,950.
    expect(H.answerSentence(b)).toBe(
      'Double the capacity: fund €128,350 more than planned (€549,950 in all) to meet all six requirements and all three strategic goals by March 2027; approve Stabilise (phase 1, €170,000) by 24 April 2026.',
    );
    expect(H.slideTitles(b, riskPhrase).answer).toBe('Fund €128,350 more to meet all six requirements and all three strategic goals by March 2027');
    const c = withDecision(asPlanned());
    expect(H.answerSentence(c)).toBe(
      'Approve Stabilise (phase 1, €84,150) now: the first step of the €270,300 plan, which meets four of the six requirements and none of the three strategic goals by March 2027; the other two need more capacity.',
    );
    expect(H.slideTitles(c, riskPhrase).answer).toBe('Approve Stabilise: four of the six requirements met by March 2027, for €270,300');
  });

  it('bridges the plan as planned to the recommended option, and says why doubling the capacity costs 30 % more', () => {
    const b = withDecision(doubled());
    b.engagement.day_rate = 850;
    // €421,600 + €128,350 (15 recommendations, 151 person-days left out as planned) = €549,950; 151 ÷ 496 = 30 %.
    expect(H.bridgeSentence(b)).toBe(
      '€421,600 as planned plus €128,350 for the 15 recommendations (151 person-days) the planned capacity leaves out make the €549,950 of double the capacity. It costs 30% more although the capacity grows from 500 person-days to 1,000 person-days: you pay for the work done (person-days × €850), not for the capacity made available; the extra capacity lets the work that did not fit be done in the same phases and brings 31 recommendations into an earlier phase.',
    );
    expect(H.bridgeSentence(withDecision(asPlanned()))).toBeNull();
  });

  it('claims only what the extra buys: where the plan as planned meets every requirement, it buys the work left out (the thin fixture)', () => {
    // The thin fixture: as planned £24,000 (40 person-days) meets both requirements; double (80) also places the
    // one recommendation (6 person-days, £3,600) that did not fit, so nothing is left out: £27,600 in all.
    const thin: Decision = {
      ...doubled(),
      approve_now: { phase: 'H2', name: 'Second half', index: 1, start: '2026-07-01', end: '2026-12-31', days: 46, cost: 27600 },
      later: { days: 0, cost: 0, phases: 0 },
      total: { days: 46, cost: 27600 },
      requirements_met: 2,
      requirements_total: 2,
      requirements_by: '2026-12-31',
      goals_met: 0,
      goals_total: 0,
      base: { scenario: 'as-planned', name: 'Capacity as planned', days: 40, cost: 24000, requirements_met: 2, goals_met: 0 },
      extra: { days: 6, cost: 3600 },
      buys: { requirements: [], goals: 0, recommendations: 1, days: 6, base_meets_all: true },
      bridge: {
        ...doubled().bridge!,
        added: ['team-skills-to-3'],
        added_days: 6,
        added_cost: 3600,
        moved: 0,
        capacity_base: 40,
        capacity: 80,
        cost_share: 6 / 40,
      },
      decide_by: null,
      decide_by_source: null,
    };
    const b = withDecision(thin);
    b.engagement.currency = 'GBP';
    b.roadmap.unscheduled = [];
    b.requirements = [{}, {}] as never;
    expect(H.answerSentence(b)).toBe(
      'Double the capacity: fund £3,600 more than planned (£27,600 in all) to do the one recommendation the planned capacity leaves out, closing the whole gap (the capacity as planned already meets both requirements by December 2026); approve Second half (phase 1, £27,600) now.',
    );
    expect(H.answerSentence(b)).not.toMatch(/all 2|to meet/);
    expect(H.slideTitles(b, riskPhrase).answer).toBe(
      'Fund £3,600 more to do the one recommendation the planned capacity leaves out, closing the whole gap (the capacity as planned already meets both requirements)',
    );
  });

  it('says the roadmap has ended, not that work waits for capacity, when every phase is past', () => {
    const b = withDecision({
      ...asPlanned(),
      approve_now: { ...asPlanned().approve_now, phase: null, name: null, index: null, days: 0, cost: 0 },
      no_work: 'roadmap-ended',
    });
    b.roadmap.unscheduled = ['x', 'y'];
    b.roadmap.phases = [{ ...b.roadmap.phases[0]!, end: '2027-03-31', status: 'past', recommendations: [] }];
    expect(H.answerSentence(b)).toBe(
      'Every phase of the roadmap has ended (the last on 31 March 2027): add the next phases to schedule the two open recommendations.',
    );
    expect(H.slideTitles(b, riskPhrase).answer).toBe('The roadmap has ended: add its next phases');
  });

  it('headlines the release record with the metric that misses its target', () => {
    const r = { ...base(), releases: null }.releases;
    expect(H.releaseSentence(r)).toBe('No release history was provided: measuring it is a first step.');
    // The engine's own checks and bands, from these figures: the test pins the wording.
    const releases = (m: { cfr: number | null; lead: number; recovery: number; freq: number }, targets: Record<string, number>) => {
      const bands = {
        deployment_frequency_per_week: bandOf('deployment_frequency_per_week', m.freq),
        lead_time_days: bandOf('lead_time_days', m.lead),
        change_failure_rate: bandOf('change_failure_rate', m.cfr),
        recovery_hours: bandOf('recovery_hours', m.recovery),
      };
      const values = {
        change_failure_rate: m.cfr,
        lead_time_days: m.lead,
        recovery_hours: m.recovery,
        deployment_frequency_per_week: m.freq,
        request_lead_time_days: null,
        rework_rate: null,
      };
      return {
        window_days: 180,
        count: 29,
        outcome_known: m.cfr === null ? 0 : 29,
        ...values,
        bands,
        band: overallBand(Object.values(bands)),
        weakest: weakestMetric(bands),
        targets,
        target_checks: targetChecks(values, targets),
      } as unknown as NonNullable<Assessment['releases']>;
    };
    const measured = { cfr: 7 / 29, lead: 14.4, recovery: 10, freq: 1.1 };
    // 7 of 29 = 24.1%, a little under one in four: "almost one in four"; lead time 14.4 > 7 misses too, and is named.
    expect(H.releaseSentence(releases(measured, { change_failure_rate: 0.1, lead_time_days: 7 }))).toBe(
      'Almost one release in four fails or needs a fix: a change failure rate of 24% against a target of 10%. Lead time for changes also misses its target.',
    );
    expect(H.releaseSentence(releases({ ...measured, cfr: 0.08 }, { change_failure_rate: 0.1, lead_time_days: 7 }))).toBe(
      'Lead time for changes is 14.4 days against a target of 7 days.',
    );
    expect(H.releaseSentence(releases({ ...measured, cfr: null }, {}))).toBe(
      '29 releases in 180 days, but none records its outcome: the change failure rate is unknown.',
    );
    // Every target met: say which were compared. Bands: frequency 1.1 high, lead 14.4 medium, failures 8% high,
    // recovery 10 h high; overall the lower-middle of medium, high, high, high = high; the weakest: lead time (medium).
    expect(H.releaseSentence(releases({ ...measured, cfr: 0.08 }, { change_failure_rate: 0.1 }))).toBe(
      'Releases meet their targets (change failure rate): DORA band high overall, the weakest metric lead time for changes (medium), 8% of releases failing.',
    );
  });

  it('never says releases meet their targets where none is set, nor shows the DORA band alone', () => {
    const releases = structuredClone(base());
    // No dora targets. Frequency 7.5 a week elite, lead 0.5 day elite, 45% failing low, recovery 10 h high:
    // lower-middle of low, high, elite, elite = high, with change failure rate low beside it.
    const bands = { deployment_frequency_per_week: 'elite', lead_time_days: 'elite', change_failure_rate: 'low', recovery_hours: 'high' } as const;
    const r = {
      window_days: 180,
      count: 193,
      outcome_known: 193,
      change_failure_rate: 0.45,
      bands,
      band: overallBand(Object.values(bands)),
      weakest: weakestMetric(bands),
      targets: {},
      target_checks: [],
    } as unknown as NonNullable<Assessment['releases']>;
    expect(r.band).toBe('high');
    const sentence = H.releaseSentence(r);
    expect(sentence).toBe(
      'DORA band high overall, the weakest metric change failure rate (low); 45% of releases failing. No release targets are set, so none is compared.',
    );
    expect(sentence).not.toMatch(/meet their targets/);
    releases.releases = r;
    expect(H.slideTitles(releases, riskPhrase).release).toBe('Releases are DORA high overall, change failure rate low');
  });

  it('headlines the backlog with the expected wait (Little’s law)', () => {
    const b = structuredClone(a);
    b.backlog = {
      open_count: 42,
      expected_wait_days: 189.0,
      throughput_per_30_days: 6.667,
      arrivals_per_30_days: 8.333,
      growing: true, // 8.333 arrive a month against 6.667 delivered
      close_not_build: [
        { id: 'a', reason: 'obsolete', of: ['b'] },
        { id: 'c', reason: 'duplicate', of: ['d'] },
      ],
    } as never;
    expect(H.backlogSentence(b)).toBe(
      "A new request waits about 189 days at today's pace: 42 open items, 6.7 delivered a month, and more arrive than are delivered.",
    );
    expect(H.closeSentence(b)).toBe('Two open items should be closed, not built: one duplicates another request and one is made obsolete by later changes.');
    expect(H.slideTitles(b, riskPhrase).backlog).toBe('A new request waits about 189 days');
  });

  it('says nothing is assessed, with no score, when nothing is', () => {
    const empty = assess(engagementWith({ practices: { practices: {} } }));
    expect(H.positionSentence(empty)).toBe('Nothing has been assessed yet: no practice has an answer or a rating, so there is no score.');
    expect(H.answerSentence(empty)).toMatch(/^Nothing has been assessed yet/);
    expect(H.slideTitles(empty, riskPhrase).position).toBe('Nothing has been assessed yet');
    expect(H.planSentence(empty)).toBe('There is no plan yet: nothing has been assessed.');
  });

  it('asks for the first phase and the later ones, adding up to the total, and says who decides by when', () => {
    const b = withDecision(doubled());
    expect(H.askSentence(b)).toBe(
      'Approve Stabilise (phase 1): 200 person-days (€170,000) from 27 April 2026 to 30 June 2026; and fund the two later phases with double the capacity: 447 person-days (€379,950). In all €549,950 (€128,350 more than the capacity as planned), which meets all six requirements and all three strategic goals by 31 March 2027; the capacity as planned meets four of the six requirements and none of the three strategic goals.',
    );
    expect(H.scenarioSentence(b)).toBe(
      'Double the capacity would meet all six requirements and all three strategic goals for €549,950: €128,350 (151 person-days) more than the capacity as planned, which meets four of the six requirements and none of the three strategic goals.',
    );
    expect(H.slideTitles(b, riskPhrase).ask).toBe('Decide by 24 April 2026: approve Stabilise (€170,000) and fund the later phases (€379,950)');
    const one = withDecision({ ...doubled(), later: { days: 447, cost: 379950, phases: 1 } });
    expect(H.slideTitles(one, riskPhrase).ask).toBe('Decide by 24 April 2026: approve Stabilise (€170,000) and fund the later phase (€379,950)');
    expect(H.decideSentence(b)).toBe(
      'Catherine Doyle (CIO) decides by 24 April 2026, when this report is delivered; the work starts on 27 April 2026, the first working day after the decision.',
    );
    const c = withDecision(asPlanned());
    // Now €84,150 + later €186,150 = €270,300.
    expect(H.askSentence(c)).toBe(
      'Approve Stabilise (phase 1): 99 person-days (€84,150) from 1 April 2026 to 30 June 2026; then one later phase: 219 person-days (€186,150). In all €270,300, which meets four of the six requirements and none of the three strategic goals by 31 March 2027; the other two need more capacity.',
    );
    expect(H.slideTitles(c, riskPhrase).ask).toBe('Decision today: approve Stabilise (€84,150)');
    expect(H.decideSentence(c)).toBe('The programme sponsor decides at the presentation of this report; the work starts on 1 April 2026.');
  });

  it('says capacity is not the constraint when the options place the same work, and names no recommended one', () => {
    const b = withDecision(asPlanned());
    b.requirements = [{}, {}, {}, {}, {}, {}] as never;
    b.scenarios = [
      { id: 'as-planned', name: 'Capacity as planned', same_as: null },
      { id: 'half', name: 'Half the capacity', same_as: 'as-planned' },
      { id: 'double', name: 'Double the capacity', same_as: 'as-planned' },
    ] as never;
    b.summary.recommended_scenario = null;
    expect(H.scenarioSentence(b)).toBe(
      'Capacity is not the constraint: half the capacity and double the capacity place the same work in the same phases as planned, at the same cost and with the same requirements met.',
    );
    b.summary.recommended_scenario = 'as-planned';
    b.scenarios[1]!.same_as = null;
    expect(H.scenarioSentence(b)).toBe(
      'The capacity as planned is the right choice: it meets four of the six requirements for €270,300, and no option tested meets more.',
    );
  });
});
