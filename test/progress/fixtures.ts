import type { ProgressFile } from '../../src/engagement/types.js';
import type { Assessment, RequirementMetric } from '../../src/engine/types.js';

/** A small plan of record: three phases, seven recommendations (one unscheduled), four requirements. */
export function smallPlan(): Assessment {
  const rec = (id: string, effort_days: number, phase: string | null, depends_on: string[] = []) => ({
    id,
    title: `Do ${id}`,
    practice: `p-${id}`,
    effort_days,
    owner: 'release-manager',
    depends_on,
    phase,
  });
  const recs = [
    rec('r1', 10, 'P1'),
    rec('r2', 5, 'P1'),
    rec('r3', 8, 'P1'),
    rec('r4', 20, 'P2', ['r1']),
    rec('r5', 12, 'P2', ['r3']),
    rec('r6', 30, 'P3', ['r4']),
    rec('r7', 40, null),
  ];
  const phase = (id: string, name: string, start: string, end: string, ids: string[]) => ({
    id,
    name,
    start,
    end,
    capacity_days: null,
    used_days: 0,
    cost: null,
    recommendations: ids,
  });
  const metric = (met: boolean | null): RequirementMetric => ({ name: 'change_failure_rate', target: 0.1, value: met === null ? null : met ? 0.05 : 0.2, met });
  const req = (id: string, rank: number, status: string, recommendations: string[], metrics: RequirementMetric[] = []) => ({
    id,
    title: `Requirement ${id}`,
    rank,
    status,
    recommendations,
    metrics,
  });
  return {
    as_of: '2026-03-31',
    recommendations: recs,
    roadmap: {
      phases: [
        phase('P1', 'Stabilise', '2026-04-01', '2026-06-30', ['r1', 'r2', 'r3']),
        phase('P2', 'Standardise', '2026-07-01', '2026-10-30', ['r4', 'r5']),
        phase('P3', 'Optimise', '2026-11-02', '2027-03-31', ['r6']),
      ],
      unscheduled: ['r7'],
    },
    requirements: [
      req('REQ-1', 1, 'planned', ['r1', 'r2']),
      req('REQ-2', 2, 'planned', ['r3', 'r4']),
      req('REQ-3', 3, 'planned', ['r2'], [metric(false)]),
      req('REQ-4', 4, 'met', []),
    ],
  } as unknown as Assessment;
}

export const SMALL_PROGRESS: ProgressFile = {
  recommendations: {
    r1: { status: 'done', owner: 'A. Lee', started: '2026-04-02', done: '2026-05-15' },
    r2: { status: 'done', done: '2026-07-10' },
    r3: { status: 'in-progress', started: '2026-05-01', notes: 'Waiting for the test environment' },
    r4: { status: 'in-progress', started: '2026-08-01' },
    r5: { status: 'dropped', notes: 'Replaced by the new tooling' },
    x9: { status: 'done', done: '2026-06-01' },
  },
};
