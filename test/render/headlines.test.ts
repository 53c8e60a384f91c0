import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import type { Assessment } from '../../src/engine/types.js';
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
  it('states the position: overall, target, percent defined from the gap and target it is computed from, and the weakest perspectives', () => {
    expect(H.positionSentence(a)).toBe(
      "Test Co's release management scores 3.3 out of 5 against a target of 3.4; with 0.5 levels missing on average, it is 85% of the way there (1 − 0.5 ÷ 3.4). The weakest perspectives are Process (2.5) and People (5.0).",
    );
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
    b.summary.requirements = { total: 6, met: 1, planned: 3, not_on_plan: 1, unknown: 1, by_phase: [], all_planned_by: 'P2' };
    expect(H.requirementsSentence(b)).toBe(
      'The plan meets 4 of the 6 requirements by the end of Standardise (phase 2), 30 October 2026; one is not on the plan at this capacity and one cannot be judged yet (a practice not assessed or a metric not measured).',
    );
    expect(H.slideTitles(b, riskPhrase).requirements).toBe('Two requirements are not met by this plan');
    b.summary.requirements = { total: 6, met: 1, planned: 3, not_on_plan: 2, unknown: 0, by_phase: [], all_planned_by: 'P2' };
    expect(H.slideTitles(b, riskPhrase).requirements).toBe('Two requirements need more capacity than planned');
    b.summary.requirements = { total: 6, met: 1, planned: 5, not_on_plan: 0, unknown: 0, by_phase: [], all_planned_by: 'P2' };
    expect(H.slideTitles(b, riskPhrase).requirements).toBe('Every requirement is on the plan, the last met by October 2026');
    b.summary.requirements = { total: 2, met: 2, planned: 0, not_on_plan: 0, unknown: 0, by_phase: [], all_planned_by: 'now' };
    expect(H.requirementsSentence(b)).toBe('All 2 requirements are met today.');
    b.summary.requirements = { total: 3, met: 0, planned: 0, not_on_plan: 3, unknown: 0, by_phase: [], all_planned_by: 'now' };
    expect(H.requirementsSentence(b)).toBe('The plan as scheduled meets none of the 3 requirements; three are not on the plan at this capacity.');
  });

  it('leads with the answer: requirements met, by when, for what effort and cost', () => {
    const b = structuredClone(a);
    b.engagement.currency = 'EUR';
    b.roadmap.phases = [
      { id: 'P1', name: 'Stabilise', start: '2026-04-01', end: '2026-06-30', capacity_days: 100, used_days: 99, cost: 84150, recommendations: ['x'] },
      { id: 'P3', name: 'Optimise', start: '2026-11-02', end: '2027-03-31', capacity_days: 220, used_days: 219, cost: 186150, recommendations: ['y'] },
    ];
    b.summary.plan = { recommendations: 45, scheduled: 45, days: 318, cost: 270300, ends: '2027-03-31', first_phase: 'P1' };
    b.summary.requirements = { total: 6, met: 0, planned: 4, not_on_plan: 2, unknown: 0, by_phase: [], all_planned_by: 'P3' };
    expect(H.answerSentence(b)).toBe(
      'Test Co can meet 4 of its 6 release-management requirements by March 2027 with 318 person-days (€270,300) of work in two phases; the other two need more capacity.',
    );
    expect(H.slideTitles(b, riskPhrase).answer).toBe('4 of 6 requirements met by March 2027, for €270,300');
  });

  it('headlines the release record with the metric that misses its target', () => {
    const r = { ...base(), releases: null }.releases;
    expect(H.releaseSentence(r)).toBe('No release history was provided: measuring it is a first step.');
    const rel = {
      window_days: 180,
      count: 29,
      outcome_known: 29,
      change_failure_rate: 7 / 29,
      lead_time_days: 14.4,
      recovery_hours: 10,
      deployment_frequency_per_week: 1.1,
      band: 'medium',
      targets: { change_failure_rate: 0.1, lead_time_days: 7 },
    } as unknown as NonNullable<Assessment['releases']>;
    // 7 of 29 = 24%; 1 / .241 = 4.1 -> "one in four"
    expect(H.releaseSentence(rel)).toBe('One release in four fails or needs a fix: a change failure rate of 24% against a target of 10%.');
    expect(H.releaseSentence({ ...rel, change_failure_rate: 0.08 })).toBe('Lead time for changes is 14.4 days against a target of 7 days.');
    expect(H.releaseSentence({ ...rel, change_failure_rate: null, outcome_known: 0, targets: {} })).toBe(
      '29 releases in 180 days, but none records its outcome: the change failure rate is unknown.',
    );
  });

  it('headlines the backlog with the expected wait (Little’s law)', () => {
    const b = structuredClone(a);
    b.backlog = {
      open_count: 42,
      expected_wait_days: 189.0,
      throughput_per_30_days: 6.667,
      arrivals_per_30_days: 8.333,
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

  it('asks for the first phase, and names the scenario meeting the most requirements', () => {
    const b = structuredClone(a);
    b.engagement.currency = 'EUR';
    b.roadmap.phases = [
      { id: 'P1', name: 'Stabilise', start: '2026-04-01', end: '2026-06-30', capacity_days: 100, used_days: 99, cost: 84150, recommendations: ['x'] },
    ];
    b.requirements = [{}, {}, {}] as never;
    b.scenarios = [
      { id: 'as-planned', name: 'Capacity as planned', total_days: 99, total_cost: 84150, requirements_reached: 1 },
      { id: 'double', name: 'Double the capacity', total_days: 150, total_cost: 127500, requirements_reached: 3 },
    ] as never;
    b.summary.recommended_scenario = 'double';
    // The extra: €127,500 − €84,150 = €43,350 for 150 − 99 = 51 person-days.
    expect(H.askSentence(b)).toBe(
      'Approve Stabilise (phase 1): 99 person-days (€84,150) from 1 April 2026 to 30 June 2026; and decide whether to fund €43,350 more for the later phases, which meets all 3 requirements instead of 1.',
    );
    expect(H.scenarioSentence(b)).toBe(
      'Double the capacity would meet 3 of the 3 requirements for €127,500: €43,350 (51 person-days) more than the plan, which meets 1.',
    );
    expect(H.slideTitles(b, riskPhrase).ask).toBe('Decision today: approve Stabilise, 99 person-days (€84,150)');
  });
});
