import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { metricTargets, recommendationKpis } from '../../src/engine/kpis.js';
import { deriveRisks } from '../../src/engine/risks.js';
import { planTraining } from '../../src/engine/training.js';
import type { Assessment, PracticeResult, RecommendationResult } from '../../src/engine/types.js';
import { engagementWith } from '../helpers/engagement.js';

describe('risks derived from the data', () => {
  it('finds none in a small engagement without a plan or a record', () => {
    expect(assess(engagementWith()).risks).toEqual([]);
  });

  it('lists unscheduled work, full phases, failing releases and a growing backlog, the most severe first', () => {
    const a = structuredClone(assess(engagementWith())) as Assessment;
    a.roadmap = {
      phases: [{ id: 'P1', name: 'One', start: null, end: null, capacity_days: 10, used_days: 9.6, cost: null, recommendations: ['x'] }],
      unscheduled: ['y', 'z'],
      total_days: 9.6,
      total_cost: null,
      unscheduled_days: 12,
    };
    a.requirements = [
      { id: 'R', title: 'R', rank: 1, practices: [], recommendations: [], phases: [], status: 'not-on-plan', reaches_target: null, metrics: [], metric: null },
    ];
    a.releases = { change_failure_rate: 0.2, outcome_known: 10, targets: { change_failure_rate: 0.1 }, bands: { change_failure_rate: 'low' } } as never;
    a.backlog = { arrivals_per_30_days: 9, throughput_per_30_days: 6, open_count: 40 } as never;
    const r = deriveRisks(a);
    expect(r.map((x) => [x.kind, x.likelihood, x.impact])).toEqual([
      ['unscheduled-work', 'high', 'high'],
      ['failing-releases', 'high', 'high'],
      ['backlog-growing', 'high', 'medium'],
      ['no-slack', 'medium', 'medium'], // 9.6 of 10 days: 96 % ≥ 95 %
    ]);
    expect(r[0]!.figures).toEqual({ recommendations: 2, days: 12, requirements_off_plan: 1 });
  });
});

describe('single points of knowledge', () => {
  it('flags a required skill that only one person holds at level 3 or above', () => {
    const t = planTraining({
      roles: [{ id: 'r', requires: { a: 2, b: 2 } }],
      people: [
        { id: 'p1', roles: ['r'], skills: { a: 3, b: 4 } },
        { id: 'p2', roles: ['r'], skills: { a: 2, b: 3 } },
      ],
    });
    expect(t.single_points).toEqual([{ skill: 'a', name: 'a', person: 'p1' }]);
  });
});

describe('KPIs a recommendation moves, with one target per metric', () => {
  const rec = { level: 4 } as RecommendationResult;
  const practice = {
    id: 't',
    name: 'T',
    perspective: 'process' as const,
    criteria: [],
    evidence: [
      { metric: 'releases.change_failure_rate', from_level: 3, max: 0.15 },
      { metric: 'releases.change_failure_rate', from_level: 4, max: 0.1 },
      { metric: 'backlog.costed_share', from_level: 2, min: 0.8 },
      { metric: 'releases.recovery_hours', from_level: 5, max: 1 },
    ],
  };
  const other = { id: 'u', name: 'U', perspective: 'process' as const, criteria: [], evidence: [{ metric: 'backlog.costed_share', from_level: 3, min: 0.9 }] };
  const results = [
    { id: 't', target: 4 },
    { id: 'u', target: 3 },
  ] as PracticeResult[];

  it('takes dora for a release metric, else the strictest threshold of the rules at the practices’ targets', () => {
    const targets = metricTargets([practice, other], results, { change_failure_rate: 0.12 });
    // change failure rate: dora 0.12; costed share: the stricter of 0.8 (t) and 0.9 (u); recovery: level 5 is above t's target 4
    expect([...targets]).toEqual([
      ['releases.change_failure_rate', { target: 0.12, direction: 'at-most' }],
      ['backlog.costed_share', { target: 0.9, direction: 'at-least' }],
    ]);
    expect(metricTargets([practice], results, {}).get('releases.change_failure_rate')).toEqual({ target: 0.1, direction: 'at-most' });
  });

  it('gives each KPI its baseline, the one target, and whether it is already met', () => {
    const targets = metricTargets([practice, other], results, { change_failure_rate: 0.12 });
    const doc = { releases: { change_failure_rate: 0.24 }, backlog: { costed_share: 0.95 } } as never;
    expect(recommendationKpis(rec, practice, doc, targets)).toEqual([
      { metric: 'releases.change_failure_rate', baseline: 0.24, target: 0.12, direction: 'at-most', met_now: false },
      { metric: 'backlog.costed_share', baseline: 0.95, target: 0.9, direction: 'at-least', met_now: true },
    ]);
  });
});
