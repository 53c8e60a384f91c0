import { describe, expect, it } from 'vitest';
import { planMilestones } from '../../src/engine/roadmap.js';

type In = Parameters<typeof planMilestones>[0];

/** Two phases; one requirement measured by the change failure rate (24 % today, target 10 %), planned by P2. */
function plan(over: { late_end?: string | null; status?: string; met?: boolean } = {}): In {
  const kpi = { metric: 'releases.change_failure_rate', target: 0.1, direction: 'at-most', met_now: over.met ?? false };
  return {
    roadmap: {
      phases: [
        { id: 'P1', start: '2026-04-27', end: '2026-06-30', recommendations: ['r1'] },
        { id: 'P2', start: '2026-07-01', end: '2026-10-31', recommendations: ['r2'] },
      ],
    },
    recommendations: [
      // r1 is in P1 but late: it ends after P1's end (30 June), on late_end.
      { id: 'r1', phase: 'P1', late: over.late_end !== undefined, end: over.late_end ?? '2026-06-20', kpis: [kpi] },
      { id: 'r2', phase: 'P2', late: false, end: '2026-10-20', kpis: [] },
    ],
    requirements: [
      {
        id: 'REQ-1',
        status: over.status ?? 'planned',
        reaches_target: 'P2',
        metrics: [{ name: 'change_failure_rate', target: 0.1, value: 0.24, met: over.met ?? false }],
      },
    ],
  } as unknown as In;
}

describe('plan milestones: when each requirement and metric target is met (one engine fact)', () => {
  it('reaches a metric a planned requirement names at the end of its phase, even when only the requirement moves it', () => {
    // r1 moves the rate in P1 (ends 20 June, not late); REQ-1 is met at P2's end, 31 October: the rate is met then
    // too, not on 30 June (the later phase wins), so the milestones never say "requirement met" without its metric.
    expect(planMilestones(plan())).toEqual([
      { date: '2026-10-31', phase: 'P2', requirement: 'REQ-1', metric: null },
      { date: '2026-10-31', phase: 'P2', requirement: null, metric: 'releases.change_failure_rate' },
    ]);
  });

  it('keeps a metric moved by late work when that work ends before the milestone, drops it when after', () => {
    // r1 is late (ends 24 July, after P1) but before 31 October: still reached on 31 October.
    expect(planMilestones(plan({ late_end: '2026-07-24' })).map((m) => m.metric)).toEqual([null, 'releases.change_failure_rate']);
    // r1 ends 15 November, after 31 October: the rate is not a milestone.
    expect(planMilestones(plan({ late_end: '2026-11-15' })).map((m) => m.metric)).toEqual([null]);
  });

  it('names no metric target already met today, and none of a requirement off the plan', () => {
    expect(planMilestones(plan({ met: true })).filter((m) => m.metric === 'releases.change_failure_rate')).toEqual([]);
    expect(planMilestones(plan({ status: 'not-on-plan' }))).toEqual([]);
  });
});
