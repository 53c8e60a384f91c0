import { describe, expect, it } from 'vitest';
import type { ProgressFile } from '../../src/engagement/types.js';
import { progressOf, progressSince } from '../../src/engine/progress.js';
import { SMALL_PROGRESS, smallPlan } from './fixtures.js';

describe('progressOf: a small roadmap, computed by hand', () => {
  const catalogue = new Map([['x9', { title: 'Extra work', practice: 'p-x', effort_days: 3 }]]);
  const p = progressOf(smallPlan(), SMALL_PROGRESS, '2026-08-15', null, catalogue);

  it('sorts each phase into done, late, in progress, not started and dropped', () => {
    const [p1, p2, p3] = p.phases;
    // P1 ended on 30 June: r1 and r2 are done; r3, still in progress, is late by 46 days (1 July to 15 August).
    expect(p1!.ended).toBe(true);
    expect(p1!.counts).toEqual({ done: 2, dropped: 0, late: 1, 'in-progress': 0, 'not-started': 0 });
    const r3 = p1!.recommendations.find((r) => r.id === 'r3')!;
    expect(r3).toMatchObject({
      status: 'in-progress',
      bucket: 'late',
      late: true,
      days_late: 46,
      notes: 'Waiting for the test environment',
      owner: null,
      owner_role: 'release-manager',
    });
    expect([p1!.planned_days, p1!.done_days]).toEqual([23, 15]);
    // P2 runs to 30 October: r4 in progress (not late), r5 dropped and out of the scope.
    expect(p2!.ended).toBe(false);
    expect(p2!.counts).toEqual({ done: 0, dropped: 1, late: 0, 'in-progress': 1, 'not-started': 0 });
    expect([p2!.planned_days, p2!.done_days]).toEqual([20, 0]);
    // P3: r6 not started, waiting for r4.
    expect(p3!.counts['not-started']).toBe(1);
    expect(p3!.recommendations[0]!.waiting_for).toEqual(['r4']);
  });

  it('totals the effort: 73 person-days planned (r5 dropped, r7 unscheduled), 15 done, 23 due by today', () => {
    expect(p.totals).toEqual({
      recommendations: 6,
      done: 2,
      dropped: 1,
      late: 1,
      in_progress: 1,
      not_started: 1,
      planned_days: 73,
      done_days: 15,
      due_days: 23,
      percent_done: 15 / 73,
      done_cost: null, // the plan here has no day rate
    });
    expect(p.unscheduled.map((r) => r.id)).toEqual(['r7']);
    expect(p.outside_plan).toEqual([expect.objectContaining({ id: 'x9', title: 'Extra work', effort_days: 3, status: 'done', phase: null })]);
  });

  it('draws the burn-up: planned effort at each phase end against the effort done by then', () => {
    expect(p.burnup).toEqual([
      { date: '2026-03-31', label: 'start', planned_days: 0, done_days: 0 },
      // By 30 June only r1 (done 15 May) is done; r2 was done on 10 July.
      { date: '2026-06-30', label: 'P1', planned_days: 23, done_days: 10 },
      { date: '2026-08-15', label: 'today', planned_days: 23, done_days: 15 },
      { date: '2026-10-30', label: 'P2', planned_days: 43, done_days: null },
      { date: '2027-03-31', label: 'P3', planned_days: 73, done_days: null },
    ]);
  });

  it('says which requirements done work now meets, and what the others wait for', () => {
    const by = Object.fromEntries(p.requirements.map((r) => [r.id, r]));
    expect(by['REQ-1']).toMatchObject({ done: 2, work_done: true, metrics_met: true, met_by_done_work: true, waiting_for: null });
    expect(by['REQ-2']).toMatchObject({ done: 0, work_done: false, met_by_done_work: false, waiting_for: 'work' });
    expect(by['REQ-3']).toMatchObject({ done: 1, work_done: true, metrics_met: false, met_by_done_work: false, waiting_for: 'metrics' });
    expect(by['REQ-4']).toMatchObject({ status_at_plan: 'met', met_by_done_work: false, waiting_for: null });
  });

  it('lists next steps: late work under way, then other work under way, then work that can start', () => {
    expect(p.next_steps).toEqual(['r3', 'r4']);
    const later = progressOf(
      smallPlan(),
      { recommendations: { ...SMALL_PROGRESS.recommendations, r4: { status: 'done', started: '2026-08-01', done: '2026-09-01' } } },
      '2026-09-02',
    );
    expect(later.next_steps).toEqual(['r3', 'r6']);
  });

  it('measured on an earlier day, counts work done or started after it as not done or not started yet', () => {
    const early = progressOf(smallPlan(), SMALL_PROGRESS, '2026-05-01');
    const by = Object.fromEntries(early.phases.flatMap((ph) => ph.recommendations).map((r) => [r.id, r]));
    // r1 started 2 April, done 15 May: in progress on 1 May; r2 done 10 July, never started: planned; r3 started that day.
    expect([by.r1!.status, by.r1!.done, by.r2!.status, by.r3!.status, by.r4!.status]).toEqual(['in-progress', null, 'planned', 'in-progress', 'planned']);
    expect(early.totals).toMatchObject({ done: 0, in_progress: 2, done_days: 0 });
  });

  it('treats a plan without progress.yaml as all planned, nothing late before the first phase ends', () => {
    const none = progressOf(smallPlan(), null, '2026-04-10');
    expect(none.totals).toMatchObject({ done: 0, late: 0, not_started: 7 - 1, planned_days: 85, done_days: 0, due_days: 0, percent_done: 0 });
    expect(none.next_steps).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('progressSince', () => {
  it('names what was done, started and dropped since an earlier reading, and what went back', () => {
    const before: ProgressFile = {
      recommendations: { r1: { status: 'done', done: '2026-05-15' }, r2: { status: 'in-progress' }, r6: { status: 'done', done: '2026-05-01' } },
    };
    expect(progressSince(before, SMALL_PROGRESS)).toEqual({ done: ['r2', 'x9'], started: ['r3', 'r4'], dropped: ['r5'], reopened: ['r6'] });
    expect(progressSince(null, null)).toEqual({ done: [], started: [], dropped: [], reopened: [] });
  });

  it('measured to an earlier day, counts only what had happened by then (as progressOf does)', () => {
    // On 2026-07-01: r2 (done 2026-07-10) was not done yet, r4 (started 2026-08-01) not started; x9 was done.
    expect(progressSince(null, SMALL_PROGRESS, '2026-07-01')).toEqual({ done: ['r1', 'x9'], started: ['r3'], dropped: ['r5'], reopened: [] });
    expect(progressSince(null, SMALL_PROGRESS, '2026-08-15')).toEqual(progressSince(null, SMALL_PROGRESS));
  });
});
