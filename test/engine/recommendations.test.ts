import { describe, expect, it } from 'vitest';
import { deliveryScenarios, traceRequirements } from '../../src/engine/plan.js';
import { bucketOf, triggerRecommendations, type SourcedRecommendation } from '../../src/engine/recommendations.js';
import { scheduleRoadmap } from '../../src/engine/roadmap.js';
import type { PracticeResult } from '../../src/engine/types.js';

const practice = (id: string, perspective: PracticeResult['perspective'], level: number | null, score: number | null, target: number | null): PracticeResult => ({
  id,
  name: id,
  perspective,
  weight: 1,
  assessed: score !== null,
  na: false,
  method: score === null ? 'not-assessed' : 'answers',
  score,
  level,
  level_scores: null,
  target,
  gap: score !== null && target !== null ? Math.max(0, target - score) : null,
  coverage: 1,
  confidence: 1,
  evidence: [],
});

const practices = [
  practice('p1', 'process', 1, 2, 4), // gap 2, urgency 8
  practice('p2', 'people', 2, 2.5, 3), // gap .5, urgency 1.25
  practice('p3', 'technology', null, null, 3), // not assessed
  practice('p4', 'organization', 0, 0, 1), // gap 1, urgency 3
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
  rec('r1-2', 'p1', 2, 4, 10),
  rec('r1-3', 'p1', 3, 3, 5),
  rec('r1-4', 'p1', 4, 5, 20),
  rec('r1-5', 'p1', 5, 5, 5), // above the target: not triggered
  rec('r2-2', 'p2', 2, 5, 1), // at the current level: not triggered
  rec('r2-3', 'p2', 3, 2, 0.5, ['r1-3']),
  rec('r3-2', 'p3', 2, 5, 1), // practice not assessed
  rec('r4-1', 'p4', 1, 1, 2, ['r9-9']), // an untriggered dependency counts as met
];
const requirements = [
  { id: 'R1', title: 'People first', practices: ['p2'] },
  { id: 'R2', title: 'Then process', practices: ['p1', 'p2'] },
];
const weights = { process: 2 };

describe('triggerRecommendations (DESIGN §3 Recommendations)', () => {
  const out = triggerRecommendations(practices, recs, weights, requirements);
  const byId = Object.fromEntries(out.map((r) => [r.id, r]));

  it('triggers a recommendation when A_p < L ≤ T_p on an assessed practice', () => {
    expect(out.map((r) => r.id).sort()).toEqual(['r1-2', 'r1-3', 'r1-4', 'r2-3', 'r4-1']);
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

  it('breaks ties by level, then id', () => {
    const tied = triggerRecommendations([practice('q', 'process', 0, 0, 5)], [rec('b', 'q', 2, 1, 1), rec('a', 'q', 2, 1, 1), rec('c', 'q', 1, 1, 1)], {}, []);
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

  it('gives every priority 0 when no triggered recommendation has urgency', () => {
    const flat = triggerRecommendations([practice('q', 'process', 2, 3.5, 3)], [rec('x', 'q', 3, 3, 3)], {}, []);
    expect(flat.map((r) => [r.id, r.priority, r.bucket])).toEqual([['x', 0, 'low']]);
  });
});

describe('scheduleRoadmap (DESIGN §3 Roadmap)', () => {
  const ordered = triggerRecommendations(practices, recs, weights, requirements);

  it('places each recommendation, in a stable topological order, in the earliest phase after its dependencies that has room', () => {
    const phases = [
      { id: 'P1', name: 'One', capacity_days: 12 },
      { id: 'P2', name: 'Two', capacity_days: 20 },
      { id: 'P3', name: 'Three' }, // no capacity: unlimited
    ];
    const { roadmap, phaseOf } = scheduleRoadmap(ordered, phases, 1000);
    // r1-2 -> P1 (2 left); r1-3 does not fit P1 -> P2 (15 left); r2-3 after r1-3 -> P2 (14.5 left);
    // r1-4 after P2, 20 > 14.5 -> P3; r4-1 (no dependency) -> P1 (0 left)
    expect(roadmap.phases.map((p) => [p.id, p.recommendations, p.used_days, p.cost])).toEqual([
      ['P1', ['r1-2', 'r4-1'], 12, 12000],
      ['P2', ['r1-3', 'r2-3'], 5.5, 5500],
      ['P3', ['r1-4'], 20, 20000],
    ]);
    expect(roadmap.unscheduled).toEqual([]);
    expect(roadmap.total_days).toBe(37.5);
    expect(roadmap.total_cost).toBe(37500);
    expect(phaseOf.get('r1-4')).toBe('P3');
  });

  it('leaves unscheduled what fits no phase, and what depends on unscheduled work', () => {
    const { roadmap } = scheduleRoadmap(ordered, [{ id: 'P1', name: 'Only', capacity_days: 6 }], null);
    // r1-2 (10) fits nowhere; r1-3, r2-3 and r1-4 wait for it; r4-1 (2) fits
    expect(roadmap.phases[0]!.recommendations).toEqual(['r4-1']);
    expect(roadmap.unscheduled).toEqual(['r1-2', 'r1-3', 'r2-3', 'r1-4']);
    expect(roadmap.unscheduled_days).toBe(35.5);
    expect(roadmap.total_cost).toBeNull();
  });

  it('leaves everything unscheduled without phases', () => {
    const { roadmap } = scheduleRoadmap(ordered, [], null);
    expect(roadmap.phases).toEqual([]);
    expect(roadmap.unscheduled).toHaveLength(5);
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

describe('traceRequirements and deliveryScenarios', () => {
  const ordered = triggerRecommendations(practices, recs, weights, requirements);
  const phases = [
    { id: 'P1', name: 'One', capacity_days: 12 },
    { id: 'P2', name: 'Two', capacity_days: 20 },
    { id: 'P3', name: 'Three', capacity_days: 20 },
  ];

  it('traces each requirement to its recommendations and phases, and the phase it reaches its target in', () => {
    const { phaseOf } = scheduleRoadmap(ordered, phases, null);
    const t = traceRequirements(requirements, practices, ordered, phases, phaseOf, null);
    expect(t[0]).toMatchObject({ id: 'R1', rank: 1, recommendations: ['r2-3'], phases: ['P2'], reaches_target: 'P2', metric: null });
    expect(t[1]).toMatchObject({ id: 'R2', rank: 2, recommendations: ['r2-3', 'r1-3', 'r1-2', 'r1-4'], phases: ['P1', 'P2', 'P3'], reaches_target: 'P3' });
  });

  it('compares the measured metric with the requirement target', () => {
    const { phaseOf } = scheduleRoadmap(ordered, phases, null);
    const releases = { change_failure_rate: 0.2, deployment_frequency_per_week: 2 } as never;
    const t = traceRequirements(
      [
        { id: 'M1', title: 'Fewer failures', metric: { name: 'change_failure_rate', target: 0.1 } },
        { id: 'M2', title: 'More often', metric: { name: 'deployment_frequency_per_week', target: 1 } },
      ],
      practices,
      ordered,
      phases,
      phaseOf,
      releases,
    );
    expect(t.map((x) => x.metric)).toEqual([
      { name: 'change_failure_rate', target: 0.1, value: 0.2, met: false },
      { name: 'deployment_frequency_per_week', target: 1, value: 2, met: true },
    ]);
    expect(t[0]!.reaches_target).toBe('now'); // no practice: nothing to reach
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
      { id: 'R1', reaches_target: 'P3' },
      { id: 'R2', reaches_target: null },
    ]);
    expect(s[2]!.total_cost).toBe(3750);
  });

  it('takes scenarios named in target.yaml', () => {
    const s = deliveryScenarios({ targets: {}, phases, requirements, scenarios: [{ id: 'lean', name: 'Lean', capacity_factor: 0, capacity: { P3: 100 } }] }, practices, ordered, null);
    expect(s.map((x) => x.id)).toEqual(['as-planned', 'lean']);
    expect(s[1]!.capacity).toEqual({ P1: 0, P2: 0, P3: 100 });
    expect(s[1]!.phases[2]!.recommendations).toEqual(['r1-2', 'r1-3', 'r2-3', 'r1-4', 'r4-1']);
  });
});
