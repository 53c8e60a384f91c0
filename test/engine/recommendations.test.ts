import { describe, expect, it } from 'vitest';
import { requirementMetrics, traceRequirements } from '../../src/engine/requirements.js';
import { deliveryScenarios, recommendedScenario, scenariosDiffer } from '../../src/engine/scenarios.js';
import { decide, decisionDate } from '../../src/engine/decision.js';
import { bucketOf, coveredLevels, triggerRecommendations, type SourcedRecommendation } from '../../src/engine/recommendations.js';
import { firstSteps, scheduleRoadmap } from '../../src/engine/roadmap.js';
import { gapOf, ragOf } from '../../src/engine/scoring.js';
import type { PracticeResult } from '../../src/engine/types.js';
import type { Requirement } from '../../src/engagement/types.js';

/** A practice result from its level means m_1..m_5 (null: not assessed), with the v2 gap. */
const practice = (id: string, perspective: PracticeResult['perspective'], m: number[] | null, target: number | null): PracticeResult => {
  const score = m ? m.reduce((a, b) => a + b, 0) : null;
  let level: number | null = null;
  if (m) {
    level = 0;
    while (level < 5 && m[level]! >= 0.5) level++;
  }
  const gap = m && target !== null ? gapOf(m, target) : null;
  return {
    id,
    name: id,
    perspective,
    weight: 1,
    assessed: m !== null,
    na: false,
    method: m === null ? 'not-assessed' : 'answers',
    score,
    level,
    level_scores: m,
    na_levels: [],
    target,
    gap,
    in_place: gap === null ? null : target! - gap,
    rag: ragOf(gap, m !== null),
    coverage: 1,
    confidence: 1,
    evidence: [],
  };
};

const practices = [
  practice('p1', 'process', [1, 0.5, 0.5, 0, 0], 4), // score 2, level 3; gap 0 + .5 + .5 + 1 = 2, urgency 8
  practice('p2', 'people', [1, 1, 0.5, 0, 0], 3), // score 2.5, level 3; gap .5, urgency 1.25
  practice('p3', 'technology', null, 3), // not assessed
  practice('p4', 'organization', [0, 0, 0, 0, 0], 1), // gap 1, urgency 3
];
const rec = (id: string, practice: string, level: number, impact: number, effort_days: number, depends_on: string[] = []): SourcedRecommendation => ({
  id,
  practice,
  level,
  impact,
  effort_days,
  depends_on,
  title: id,
  horizon: 'tactical',
  source: 'model',
});
const recs = [
  rec('r1-2', 'p1', 2, 4, 10), // covers 1-2: m2 = .5 < 1 (level 3 reached, but level 2 is not fully in place)
  rec('r1-3', 'p1', 3, 3, 5), // covers 3: .5
  rec('r1-4', 'p1', 4, 5, 20), // covers 4: 0
  rec('r1-5', 'p1', 5, 5, 5), // covers 5, above the target 4: not triggered
  rec('r2-2', 'p2', 2, 5, 1), // covers 1-2, both fully in place: not triggered
  rec('r2-3', 'p2', 3, 2, 0.5, ['r1-3']),
  rec('r3-2', 'p3', 2, 5, 1), // practice not assessed
  rec('r4-1', 'p4', 1, 1, 2, ['r9-9']), // an untriggered dependency counts as met
];
const requirements = [
  { id: 'R1', title: 'People first', practices: ['p2'] },
  { id: 'R2', title: 'Then process', practices: ['p1', 'p2'] },
];
const weights = { process: 2 };

describe('triggerRecommendations (docs/formulas.md, Recommendations)', () => {
  const out = triggerRecommendations(practices, recs, weights, requirements);
  const byId = Object.fromEntries(out.map((r) => [r.id, r]));

  it('covers the levels above the next lower recommendation, up to its own', () => {
    expect(coveredLevels(2, [2, 3, 4, 5])).toEqual([1, 2]);
    expect(coveredLevels(4, [2, 3, 4, 5])).toEqual([4]);
    expect(coveredLevels(4, [2, 4])).toEqual([3, 4]);
    expect(byId['r1-2']!.covers).toEqual([1, 2]);
  });

  it('triggers a recommendation when a level it covers, up to the target, is not fully in place', () => {
    expect(out.map((r) => r.id).sort()).toEqual(['r1-2', 'r1-3', 'r1-4', 'r2-3', 'r4-1']);
  });

  it('triggers nothing exactly when the gap is 0 (gap 0 ⇔ no recommendation)', () => {
    for (const m of [
      [1, 1, 1, 0, 0],
      [1, 1, 1, 1, 0.5],
    ]) {
      const p = practice('q', 'process', m, 3);
      expect(p.gap).toBe(0);
      expect(triggerRecommendations([p], [rec('q2', 'q', 2, 1, 1), rec('q3', 'q', 3, 1, 1), rec('q4', 'q', 4, 1, 1)], {}, [])).toEqual([]);
    }
    // A hole at level 2 under a level-3 practice is a gap of .25 and triggers the level-2 recommendation only.
    const holed = practice('q', 'process', [1, 0.75, 1, 0, 0], 3);
    expect(holed.gap).toBe(0.25);
    expect(triggerRecommendations([holed], [rec('q2', 'q', 2, 1, 1), rec('q3', 'q', 3, 1, 1), rec('q4', 'q', 4, 1, 1)], {}, []).map((r) => r.id)).toEqual([
      'q2',
    ]);
  });

  it('computes urgency, priority relative to the maximum, and buckets', () => {
    // raw: r1-2 8·4·2/10 = 6.4; r1-3 8·3·2/5 = 9.6 (max); r1-4 8·5·2/20 = 4; r2-3 1.25·2·1/max(1,.5) = 2.5; r4-1 3·1·1/2 = 1.5
    expect(byId['r1-2']!.urgency).toBe(8);
    expect(byId['r1-3']!.priority).toBe(100);
    expect(byId['r1-2']!.priority).toBeCloseTo(6.4 / 0.096, 9);
    expect(byId['r1-4']!.priority).toBeCloseTo(4 / 0.096, 9);
    expect(byId['r2-3']!.priority).toBeCloseTo(2.5 / 0.096, 9);
    expect(byId['r4-1']!.priority).toBeCloseTo(1.5 / 0.096, 9);
    expect(out.map((r) => [r.id, r.bucket])).toEqual([
      ['r2-3', 'medium'],
      ['r1-3', 'high'],
      ['r1-2', 'high'],
      ['r1-4', 'medium'],
      ['r4-1', 'low'],
    ]);
  });

  it('orders by customer rank, then priority, level and id; unranked last', () => {
    expect(out.map((r) => [r.id, r.rank])).toEqual([
      ['r2-3', 1],
      ['r1-3', 2],
      ['r1-2', 2],
      ['r1-4', 2],
      ['r4-1', null],
    ]);
  });

  it('puts target.yaml `first` ahead of the requirements, in its order', () => {
    const first = triggerRecommendations(practices, recs, weights, requirements, ['r4-1', 'r1-4', 'r-untriggered']);
    expect(first.map((r) => r.id)).toEqual(['r4-1', 'r1-4', 'r2-3', 'r1-3', 'r1-2']);
    expect(first.filter((r) => r.first).map((r) => r.id)).toEqual(['r4-1', 'r1-4']);
  });

  it('breaks ties by level, then id', () => {
    const tied = triggerRecommendations(
      [practice('q', 'process', [0, 0, 0, 0, 0], 5)],
      [rec('b', 'q', 2, 1, 1), rec('a', 'q', 2, 1, 1), rec('c', 'q', 1, 1, 1)],
      {},
      [],
    );
    expect(tied.map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('lists dependencies: explicit ones that are triggered, and lower triggered levels of the same practice', () => {
    expect(byId['r1-4']!.depends_on).toEqual(['r1-2', 'r1-3']);
    expect(byId['r2-3']!.depends_on).toEqual(['r1-3']);
    expect(byId['r4-1']!.depends_on).toEqual([]);
  });

  it('has bucket boundaries at 50 and 25', () => {
    expect([bucketOf(50), bucketOf(49.99), bucketOf(25), bucketOf(24.99)]).toEqual(['high', 'medium', 'medium', 'low']);
  });

  it('gives a lone triggered recommendation priority 100 (a triggered one always has a gap, so urgency > 0)', () => {
    const flat = triggerRecommendations([practice('q', 'process', [1, 1, 1, 1, 0], 5)], [rec('x', 'q', 5, 3, 3)], {}, []);
    expect(flat.map((r) => [r.id, r.bucket])).toEqual([['x', 'high']]);
    expect(flat[0]!.priority).toBe(100);
  });
});

describe('scheduleRoadmap (docs/formulas.md, Roadmap: customer order first)', () => {
  const ordered = triggerRecommendations(practices, recs, weights, requirements);

  it('walks the recommendations in order, placing each one’s dependencies first, in the earliest phase with room', () => {
    const phases = [
      { id: 'P1', name: 'One', capacity_days: 12 },
      { id: 'P2', name: 'Two', capacity_days: 20 },
      { id: 'P3', name: 'Three' }, // no capacity: unlimited
    ];
    const { roadmap, phaseOf } = scheduleRoadmap(ordered, phases, 1000);
    // Order: r2-3, r1-3, r1-2, r1-4, r4-1. r2-3 needs r1-3, which needs r1-2: r1-2 (10) -> P1 (2 left);
    // r1-3 (5) does not fit P1 -> P2 (15 left); r2-3 (.5) after P2 -> P2 (14.5 left); r1-4 (20) after P2,
    // 20 > 14.5 -> P3; r4-1 (2) -> P1 (0 left).
    expect(roadmap.phases.map((p) => [p.id, p.recommendations, p.used_days, p.cost])).toEqual([
      ['P1', ['r1-2', 'r4-1'], 12, 12000],
      ['P2', ['r1-3', 'r2-3'], 5.5, 5500],
      ['P3', ['r1-4'], 20, 20000],
    ]);
    expect(roadmap.unscheduled).toEqual([]);
    expect(roadmap.total_days).toBe(37.5);
    expect(roadmap.total_cost).toBe(37500);
    expect(phaseOf.get('r1-4')).toBe('P3');
    expect(firstSteps(roadmap)).toEqual(['r1-2', 'r4-1']);
  });

  it('pulls a rank-1 recommendation’s prerequisite from a rank-3 requirement into the first phase', () => {
    // X serves requirement 1 and depends on Y, which only requirement 3 names; Z serves requirement 2.
    const ps = [practice('px', 'process', [0, 0, 0, 0, 0], 1), practice('pz', 'process', [0, 0, 0, 0, 0], 1), practice('py', 'process', [0, 0, 0, 0, 0], 1)];
    const rs = [rec('X', 'px', 1, 1, 5, ['Y']), rec('Z', 'pz', 1, 5, 5), rec('Y', 'py', 1, 5, 5)];
    const reqs = [
      { id: 'R1', title: 'One', practices: ['px'] },
      { id: 'R2', title: 'Two', practices: ['pz'] },
      { id: 'R3', title: 'Three', practices: ['py'] },
    ];
    const o = triggerRecommendations(ps, rs, {}, reqs);
    expect(o.map((r) => r.id)).toEqual(['X', 'Z', 'Y']);
    const { roadmap } = scheduleRoadmap(
      o,
      [
        { id: 'P1', name: 'One', capacity_days: 10 },
        { id: 'P2', name: 'Two', capacity_days: 100 },
      ],
      null,
    );
    // Placing order: Y (X's prerequisite), X, then Z; P1 holds 10 days: Y and X. (The v1 walk put Z in P1 and X in P2.)
    expect(roadmap.phases.map((p) => p.recommendations)).toEqual([['Y', 'X'], ['Z']]);
    expect(firstSteps(roadmap)).toEqual(['Y', 'X']);
    // X waits for Y: only Y can start at once, so only Y is a first step (not "X (first step)" after Y).
    expect(firstSteps(roadmap, o)).toEqual(['Y']);
  });

  it('leaves unscheduled what fits no phase, and what depends on unscheduled work', () => {
    const { roadmap } = scheduleRoadmap(ordered, [{ id: 'P1', name: 'Only', capacity_days: 6 }], null);
    // r1-2 (10) fits nowhere; r1-3, r2-3 and r1-4 wait for it; r4-1 (2) fits
    expect(roadmap.phases[0]!.recommendations).toEqual(['r4-1']);
    expect(roadmap.unscheduled).toEqual(['r1-2', 'r1-3', 'r2-3', 'r1-4']);
    expect(roadmap.unscheduled_days).toBe(35.5);
    expect(roadmap.total_cost).toBeNull();
    expect(firstSteps(roadmap)).toEqual(['r4-1']);
  });

  it('leaves everything unscheduled without phases, and then has no first steps', () => {
    const { roadmap } = scheduleRoadmap(ordered, [], null);
    expect(roadmap.phases).toEqual([]);
    expect(roadmap.unscheduled).toHaveLength(5);
    expect(firstSteps(roadmap)).toEqual([]);
  });

  it('never exceeds a phase capacity nor places work before a dependency', () => {
    const phases = [
      { id: 'A', name: 'A', capacity_days: 7 },
      { id: 'B', name: 'B', capacity_days: 7 },
      { id: 'C', name: 'C', capacity_days: 25 },
    ];
    const { roadmap, phaseOf } = scheduleRoadmap(ordered, phases, null);
    for (const p of roadmap.phases) expect(p.used_days).toBeLessThanOrEqual(p.capacity_days!);
    const index = (id: string) => phases.findIndex((p) => p.id === phaseOf.get(id));
    for (const r of ordered) {
      if (phaseOf.get(r.id)) for (const d of r.depends_on) expect(index(d)).toBeLessThanOrEqual(index(r.id));
    }
  });
});

describe('requirement status, traceability and scenarios (docs/formulas.md, Requirements)', () => {
  const ordered = triggerRecommendations(practices, recs, weights, requirements);
  const phases = [
    { id: 'P1', name: 'One', capacity_days: 12 },
    { id: 'P2', name: 'Two', capacity_days: 20 },
    { id: 'P3', name: 'Three', capacity_days: 20 },
  ];

  it('is planned, reaching its target in the latest phase of its practices’ recommendations', () => {
    const { phaseOf } = scheduleRoadmap(ordered, phases, null);
    const t = traceRequirements(requirements, practices, ordered, phases, phaseOf, null);
    expect(t[0]).toMatchObject({ id: 'R1', rank: 1, recommendations: ['r2-3'], phases: ['P2'], status: 'planned', reaches_target: 'P2', metrics: [] });
    expect(t[1]).toMatchObject({
      id: 'R2',
      rank: 2,
      recommendations: ['r2-3', 'r1-3', 'r1-2', 'r1-4'],
      phases: ['P1', 'P2', 'P3'],
      status: 'planned',
      reaches_target: 'P3',
    });
  });

  it('is met when every practice has no gap and every metric meets its one target (from dora)', () => {
    const atTarget = [practice('ok', 'process', [1, 1, 1, 0, 0], 3)];
    const releases = { change_failure_rate: 0.08, deployment_frequency_per_week: 2, lead_time_days: null } as never;
    const reqs: Requirement[] = [
      { id: 'M1', title: 'Fewer failures', practices: ['ok'], metrics: ['change_failure_rate'] },
      { id: 'M2', title: 'Failures too high', practices: ['ok'], metrics: ['change_failure_rate'] },
      { id: 'M3', title: 'Faster', metrics: ['lead_time_days'] },
      { id: 'M4', title: 'Old form', metric: { name: 'deployment_frequency_per_week', target: 1 } },
    ];
    const t = traceRequirements(reqs, atTarget, [], phases, new Map(), releases, { change_failure_rate: 0.1, lead_time_days: 7 });
    expect(t.map((x) => [x.id, x.status, x.reaches_target])).toEqual([
      ['M1', 'met', 'now'],
      ['M2', 'met', 'now'],
      ['M3', 'unknown', null], // no data: never met
      ['M4', 'met', 'now'],
    ]);
    expect(t[0]!.metrics).toEqual([{ name: 'change_failure_rate', target: 0.1, value: 0.08, met: true }]);
    expect(t[3]!.metrics).toEqual([{ name: 'deployment_frequency_per_week', target: 1, value: 2, met: true }]);
  });

  it('is not on the plan when a metric misses its target and nothing on the plan works on it', () => {
    // "Fewer failed releases" at a 20 % change failure rate is not "already met", whatever the practices say.
    const atTarget = [practice('ok', 'process', [1, 1, 1, 0, 0], 3)];
    const t = traceRequirements(
      [{ id: 'F', title: 'Fewer failed releases', practices: ['ok'], metrics: ['change_failure_rate'] }],
      atTarget,
      [],
      phases,
      new Map(),
      { change_failure_rate: 0.2 } as never,
      { change_failure_rate: 0.1 },
    );
    expect(t[0]).toMatchObject({
      status: 'not-on-plan',
      reaches_target: null,
      metrics: [{ name: 'change_failure_rate', target: 0.1, value: 0.2, met: false }],
    });
  });

  it('is unknown when a practice it names is not assessed, and not on the plan when some of its work is unscheduled', () => {
    const { phaseOf } = scheduleRoadmap(ordered, [{ id: 'P1', name: 'Only', capacity_days: 6 }], null);
    const t = traceRequirements(
      [
        { id: 'U', title: 'Unknown', practices: ['p3'] },
        { id: 'N', title: 'Off the plan', practices: ['p1'] },
        { id: 'P', title: 'Planned', practices: ['p4'] },
      ],
      practices,
      ordered,
      [{ id: 'P1', name: 'Only', capacity_days: 6 }],
      phaseOf,
      null,
    );
    expect(t.map((x) => [x.id, x.status, x.reaches_target])).toEqual([
      ['U', 'unknown', null],
      ['N', 'not-on-plan', null],
      ['P', 'planned', 'P1'],
    ]);
  });

  it('takes each metric’s target from dora, the older metric.target only where dora has none', () => {
    expect(requirementMetrics({ id: 'a', title: 'a', metric: { name: 'lead_time_days', target: 10 } }, { lead_time_days: 7 })).toEqual([
      { name: 'lead_time_days', target: 7 },
    ]);
    expect(requirementMetrics({ id: 'a', title: 'a', metric: { name: 'lead_time_days', target: 10 } }, {})).toEqual([{ name: 'lead_time_days', target: 10 }]);
    expect(requirementMetrics({ id: 'a', title: 'a', metrics: ['rework_rate'] }, {})).toEqual([{ name: 'rework_rate', target: null }]);
  });

  it('compares the plan with half and double capacity', () => {
    const s = deliveryScenarios({ targets: {}, phases, requirements }, practices, ordered, 100);
    expect(s.map((x) => [x.id, x.total_days, x.unscheduled])).toEqual([
      ['as-planned', 37.5, []],
      // capacity 6 / 10 / 10: r1-2 (10) -> P2; r1-3 (5) -> P3; r2-3 -> P3; r1-4 (20) fits nowhere; r4-1 -> P1
      ['half', 17.5, ['r1-4']],
      ['double', 37.5, []],
    ]);
    expect(s[1]!.requirements).toEqual([
      { id: 'R1', status: 'planned', reaches_target: 'P3' },
      { id: 'R2', status: 'not-on-plan', reaches_target: null },
    ]);
    expect(s.map((x) => x.requirements_reached)).toEqual([2, 1, 2]);
    // Most requirements, then fewest left out, then fewest days: as planned and double tie on everything but
    // days (37.5 each), so the first listed wins.
    expect(recommendedScenario(s)).toBe('as-planned');
    const sc = (id: string, reached: number, left: number, days: number) =>
      ({ id, requirements_reached: reached, unscheduled: Array(left).fill('x'), total_days: days }) as never;
    expect(recommendedScenario([sc('a', 2, 1, 10), sc('b', 3, 4, 50), sc('c', 3, 2, 60), sc('d', 3, 2, 55)])).toBe('d');
    expect(recommendedScenario([])).toBeNull();
    expect(s[2]!.total_cost).toBe(3750);
  });

  it('takes scenarios named in target.yaml', () => {
    const s = deliveryScenarios(
      { targets: {}, phases, requirements, scenarios: [{ id: 'lean', name: 'Lean', capacity_factor: 0, capacity: { P3: 100 } }] },
      practices,
      ordered,
      null,
    );
    expect(s.map((x) => x.id)).toEqual(['as-planned', 'lean']);
    expect(s[1]!.capacity).toEqual({ P1: 0, P2: 0, P3: 100 });
    expect(s[1]!.phases[2]!.recommendations).toEqual(['r1-2', 'r1-3', 'r2-3', 'r1-4', 'r4-1']);
  });
});

describe('capacity options and the decision (DESIGN §3.1)', () => {
  const ordered = triggerRecommendations(practices, recs, weights, requirements);
  const withGoals = [
    { id: 'R1', title: 'People first', practices: ['p2'], goals: ['G1'] },
    { id: 'R2', title: 'Then process', practices: ['p1', 'p2'], goals: ['G2'] },
  ];
  const goals = [
    { id: 'G1', title: 'One' },
    { id: 'G2', title: 'Two' },
  ];
  const roadmapPhases = (phases: { id: string; name: string; end?: string }[]) =>
    phases.map((p) => ({ id: p.id, name: p.name, start: null, end: p.end ?? null }));
  const decision = (target: Parameters<typeof deliveryScenarios>[0], dayRate: number | null) => {
    const scenarios = deliveryScenarios(target, practices, ordered, dayRate);
    const recommended = recommendedScenario(scenarios);
    return {
      scenarios,
      recommended,
      d: decide({
        scenarios,
        recommended,
        phases: roadmapPhases(target.phases ?? []),
        dayRate,
        requirements: (target.requirements ?? []).length,
        goals: (target.goals ?? []).length,
        decideBy: { date: '2026-04-24', source: 'plan.yaml' },
        decider: { name: 'C. Doyle', role: 'CIO' },
        effort: new Map(ordered.map((r) => [r.id, r.effort_days])),
        triggered: ordered.length,
      })!,
    };
  };

  it('collapses three identical scenarios into one option and recommends none of them', () => {
    // P1 has 80 days: even halved (40) it holds all 37.5 person-days, so the three place the same work.
    const phases = [{ id: 'P1', name: 'Only', end: '2026-06-30', capacity_days: 80 }];
    const { scenarios, recommended, d } = decision({ targets: {}, phases, requirements: withGoals, goals }, 100);
    expect(scenarios.map((s) => [s.id, s.same_as])).toEqual([
      ['as-planned', null],
      ['half', 'as-planned'],
      ['double', 'as-planned'],
    ]);
    expect(scenariosDiffer(scenarios)).toBe(false);
    expect(recommended).toBeNull();
    // As planned, not recommended: 37.5 person-days × 100 = 3,750, all of it in the one phase.
    expect(d).toMatchObject({
      scenario: 'as-planned',
      recommended: false,
      approve_now: { phase: 'P1', name: 'Only', index: 1, days: 37.5, cost: 3750 },
      later: { days: 0, cost: 0, phases: 0 },
      total: { days: 37.5, cost: 3750 },
      requirements_met: 2,
      requirements_total: 2,
      requirements_by: '2026-06-30',
      goals_met: 2,
      goals_total: 2,
      base: null,
      extra: null,
    });
  });

  it('decides for the recommended scenario: approve its first phase now, the later phases add up to its total', () => {
    // As planned 12/20/10: r1-2 (10) P1, r1-3 (5) P2, r2-3 (.5) P2, r1-4 (20) fits nowhere, r4-1 (2) P1:
    // 17.5 days, R1 planned, R2 not on the plan (r1-4 left out): 1 requirement, goal G1 only.
    // Half 6/10/5: r1-2 P2, r1-3 P3, r4-1 P1 (17 days); r2-3 and r1-4 left out: no requirement. Double 24/40/20: r1-2, r1-3, r2-3, r4-1 in P1
    // (17.5), r1-4 in P2 (20): both requirements by the end of P2, both goals: recommended.
    const phases = [
      { id: 'P1', name: 'Stabilise', end: '2026-06-30', capacity_days: 12 },
      { id: 'P2', name: 'Standardise', end: '2026-10-30', capacity_days: 20 },
      { id: 'P3', name: 'Optimise', end: '2027-03-31', capacity_days: 10 },
    ];
    const { scenarios, recommended, d } = decision({ targets: {}, phases, requirements: withGoals, goals }, 850);
    expect(scenarios.map((s) => [s.id, s.total_days, s.requirements_reached, s.goals_reached, s.same_as])).toEqual([
      ['as-planned', 17.5, 1, 1, null],
      ['half', 17, 0, 0, null],
      ['double', 37.5, 2, 2, null],
    ]);
    expect(recommended).toBe('double');
    // Now: P1's 17.5 days × 850 = 14,875; later: P2's 20 days = 17,000; total 37.5 days = 31,875;
    // the plan as planned 17.5 days = 14,875, so the extra is 20 days, 17,000.
    expect(d).toEqual({
      scenario: 'double',
      name: 'Double the capacity',
      recommended: true,
      approve_now: { phase: 'P1', name: 'Stabilise', index: 1, start: null, end: '2026-06-30', days: 17.5, cost: 14875 },
      later: { days: 20, cost: 17000, phases: 1 },
      total: { days: 37.5, cost: 31875 },
      requirements_met: 2,
      requirements_total: 2,
      requirements_not_on_plan: 0,
      requirements_unknown: 0,
      requirements_by: '2026-10-30',
      goals_met: 2,
      goals_total: 2,
      base: { scenario: 'as-planned', name: 'Capacity as planned', days: 17.5, cost: 14875, requirements_met: 1, goals_met: 1 },
      extra: { days: 20, cost: 17000 },
      no_work: null,
      // What the extra buys: R2 (off the plan as planned) and goal G2.
      buys: { requirements: ['R2'], goals: 1, recommendations: 1, days: 20, base_meets_all: false },
      // The bridge: 17.5 days as planned + r1-4's 20 (left out as planned) = 37.5; nothing dropped; r1-3 and r2-3
      // move from P2 into P1. Capacity 12 + 20 + 10 = 42 → 84; 20 more days on 17.5 is 114 % more (20 ÷ 17.5).
      bridge: {
        added: ['r1-4'],
        added_days: 20,
        added_cost: 17000,
        dropped: [],
        dropped_days: 0,
        dropped_cost: 0,
        moved: 2,
        capacity_base: 42,
        capacity: 84,
        cost_share: 20 / 17.5,
      },
      decide_by: '2026-04-24',
      decide_by_source: 'plan.yaml',
      decided_by: { name: 'C. Doyle', role: 'CIO' },
    });
    expect(d.approve_now.cost! + d.later.cost!).toBe(d.total.cost);
    // The bridge adds up: as planned + added − dropped = the option's total, in days and in money.
    expect(d.base!.days + d.bridge!.added_days - d.bridge!.dropped_days).toBe(d.total.days);
    expect(d.base!.cost! + d.bridge!.added_cost! - d.bridge!.dropped_cost!).toBe(d.total.cost);
  });

  it('says what the extra buys when the capacity as planned already meets every requirement: only the work left out', () => {
    // The thin fixture's case. One phase of 19 days as planned: r1-2 (10), r1-3 (5), r2-3 (0.5), r4-1 (2) = 17.5;
    // r1-4 (20) does not fit. With only R1 (p2's work) required, as planned meets it; double (38) also places
    // r1-4 (37.5 in all): the extra 20 days buy no requirement, only the recommendation the plan leaves out.
    const phases = [{ id: 'P1', name: 'Only', end: '2026-06-30', capacity_days: 19 }];
    const { recommended, d } = decision({ targets: {}, phases, requirements: [withGoals[0]!] }, 100);
    expect(recommended).toBe('double');
    expect(d.buys).toEqual({ requirements: [], goals: 0, recommendations: 1, days: 20, base_meets_all: true });
    expect(d.bridge).toMatchObject({ added: ['r1-4'], added_days: 20, added_cost: 2000, dropped: [], moved: 0, capacity_base: 19, capacity: 38 });
    expect(d.extra).toEqual({ days: 20, cost: 2000 });
  });

  it('adds up exactly with fractional days and rates, and gives days only without a day rate', () => {
    const phases = [
      { id: 'P1', name: 'One', capacity_days: 12 },
      { id: 'P2', name: 'Two', capacity_days: 20 },
      { id: 'P3', name: 'Three', capacity_days: 20 },
    ];
    const { d } = decision({ targets: {}, phases, requirements }, 0.1);
    // Options differ (half leaves r1-4 out), as planned and double tie: the first listed, as planned, is
    // recommended. P1 12 days now, P2 + P3 25.5 later.
    expect([d.scenario, d.recommended, d.approve_now.days, d.later.days, d.total.days]).toEqual(['as-planned', true, 12, 25.5, 37.5]);
    expect(d.approve_now.cost! + d.later.cost!).toBe(d.total.cost);
    const none = decision({ targets: {}, phases, requirements }, null).d;
    expect([none.approve_now.cost, none.later.cost, none.total.cost]).toEqual([null, null, null]);
  });

  it('takes the decision date from relm.yaml, else from the report task of plan.yaml', () => {
    const plan = {
      tasks: [
        { id: 'kickoff', title: 'Kick-off', status: 'done' as const, due: '2026-02-20' },
        { id: 'report-presentation', title: 'Report and management presentation', status: 'todo' as const, due: '2026-04-24' },
      ],
    };
    expect(decisionDate('2026-05-04', plan)).toEqual({ date: '2026-05-04', source: 'relm.yaml' });
    expect(decisionDate(undefined, plan)).toEqual({ date: '2026-04-24', source: 'plan.yaml' });
    expect(decisionDate(undefined, { tasks: [{ id: 'final', title: 'Final report to the board', status: 'todo', due: '2026-05-11' }] })).toEqual({
      date: '2026-05-11',
      source: 'plan.yaml',
    });
    expect(decisionDate(undefined, null)).toEqual({ date: null, source: null });
    // Re-assessed after the report went out: that decision is behind us.
    expect(decisionDate(undefined, plan, '2026-07-01')).toEqual({ date: null, source: null });
    expect(decisionDate(undefined, plan, '2026-03-31')).toEqual({ date: '2026-04-24', source: 'plan.yaml' });
  });
});
