/**
 * Time moves on, and a schedule inside each phase (DESIGN §3.1): past phases, the running phase from as_of with
 * its capacity prorated, done work never rescheduled, work in progress carried first, the decision date, and
 * start/end dates on parallel lanes with dependencies first. Every figure below is counted by hand on the
 * Monday-to-Friday calendar of 2026.
 */
import { describe, expect, it } from 'vitest';
import { phaseWindows, scheduleRoadmap, workingDaysIn, type Timing } from '../../src/engine/roadmap.js';
import type { RecommendationResult } from '../../src/engine/types.js';
import { WorkingDays } from '../../src/util/workdays.js';

const days = new WorkingDays();
const rec = (id: string, effort_days: number, depends_on: string[] = []) => ({ id, effort_days, depends_on }) as unknown as RecommendationResult;
const timing = (from: string, extra: Partial<Timing> = {}): Timing => ({ from, days, ...extra });

describe('time moves on: past and running phases, done and carried work', () => {
  // as_of 2026-07-01 (a Wednesday), one day after phase 1 ends: work is placed from the next working day, Thursday 2 July.
  const phases = [
    { id: 'P1', name: 'Stabilise', start: '2026-04-01', end: '2026-06-30', capacity_days: 20 },
    { id: 'P2', name: 'Standardise', end: '2026-09-30', capacity_days: 40 },
  ];
  const recs = [rec('a', 10), rec('b', 5), rec('c', 30, ['a']), rec('d', 5, ['b'])];
  const t = timing('2026-07-02', { done: new Set(['a']), carried: ['b'] });

  it('counts working days: July 23, August 21, September 22 in 2026', () => {
    expect(workingDaysIn('2026-07-01', '2026-07-31', days)).toBe(23);
    expect(workingDaysIn('2026-08-01', '2026-08-31', days)).toBe(21);
    expect(workingDaysIn('2026-09-01', '2026-09-30', days)).toBe(22);
    expect(workingDaysIn('2026-07-02', '2026-07-01', days)).toBe(0);
  });

  it('makes phase 1 past and phase 2 running from as_of, its capacity prorated to the working days left', () => {
    // Phase 2 starts the working day after phase 1 ends, Wednesday 1 July: 66 working days to 30 September, 65 from 2 July.
    expect(phaseWindows(phases, [20, 40], t)).toEqual([
      { status: 'past', start: '2026-04-01', capacity: 0, prorated: false },
      { status: 'running', start: '2026-07-02', capacity: (40 * 65) / 66, prorated: true },
    ]);
  });

  it('never schedules done work again, carries work in progress first, and leaves out what no longer fits', () => {
    const { roadmap, phaseOf, dates } = scheduleRoadmap(recs, phases, 100, undefined, t);
    // Nothing new in the past phase. b (in progress, carried) first: 5 of 39.39 days; c waits for a, which is
    // done (met): 30 more, 4.39 left; d (5) fits no open phase: unscheduled. a is done: listed, never placed.
    expect(roadmap.phases.map((p) => [p.id, p.status, p.start, p.recommendations, p.used_days])).toEqual([
      ['P1', 'past', '2026-04-01', [], 0],
      ['P2', 'running', '2026-07-02', ['b', 'c'], 35],
    ]);
    expect(roadmap.done).toEqual(['a']);
    expect(roadmap.unscheduled).toEqual(['d']);
    expect(phaseOf.has('a')).toBe(false);
    // One lane (⌈39.39 ÷ 65⌉ = 1): b on 2, 3, 6, 7, 8 July; c from 9 July, 30 working days: 17 in July
    // (9–31), then 3–7, 10–14 and 17–19 August: ends Wednesday 19 August.
    expect(roadmap.phases[1]!.lanes).toBe(1);
    expect(dates.get('b')).toEqual({ start: '2026-07-02', end: '2026-07-08', late: false });
    expect(dates.get('c')).toEqual({ start: '2026-07-09', end: '2026-08-19', late: false });
    expect(dates.has('d')).toBe(false);
  });

  it('never schedules nor prices dropped work: in no phase, no total, not left out either; a dependency on it is met', () => {
    // As above, but b is dropped (not carried): c waits for a (done: met) and takes 30 of the running phase's
    // 39.39 days; d waits for b (dropped: met) and fits the 9.39 left. The phase holds c and d: 35 days, €3,500 at
    // €100 a day; b (5 days) is in no phase, no total, and not among the unscheduled either.
    const { roadmap, phaseOf } = scheduleRoadmap(recs, phases, 100, undefined, timing('2026-07-02', { done: new Set(['a']), dropped: new Set(['b']) }));
    expect(roadmap.phases[1]!.recommendations).toEqual(['c', 'd']);
    expect([roadmap.total_days, roadmap.total_cost]).toEqual([35, 3500]);
    expect(roadmap.dropped).toEqual(['b']);
    expect(roadmap.done).toEqual(['a']);
    expect(roadmap.unscheduled).toEqual([]);
    expect(roadmap.unscheduled_days).toBe(0);
    expect(phaseOf.has('b')).toBe(false);
    // With room for it, d is placed although b never is: the dependency on dropped work is met.
    const roomy = [phases[0]!, { ...phases[1]!, capacity_days: 80 }];
    const r2 = scheduleRoadmap(recs, roomy, 100, undefined, timing('2026-07-02', { dropped: new Set(['b']) })).roadmap;
    expect(r2.phases[1]!.recommendations).toEqual(['a', 'c', 'd']);
    expect(r2.total_days).toBe(45);
  });

  it('schedules nothing when every phase has ended', () => {
    const { roadmap } = scheduleRoadmap(recs, phases, 100, undefined, timing('2026-10-01'));
    expect(roadmap.phases.map((p) => p.status)).toEqual(['past', 'past']);
    expect(roadmap.unscheduled).toEqual(['a', 'b', 'c', 'd']);
    expect(roadmap.total_days).toBe(0);
  });

  it('starts the first phase no earlier than the working day after the decision, at its full capacity', () => {
    // Decision on Friday 24 April 2026: the first phase starts Monday 27 April.
    const w = phaseWindows([{ id: 'P1', name: 'One', end: '2026-06-30', capacity_days: 50 }], [50], timing(days.after('2026-04-24')));
    expect(w).toEqual([{ status: 'future', start: '2026-04-27', capacity: 50, prorated: false }]);
  });
});

describe('a schedule inside each phase', () => {
  // From Wednesday 1 April to 30 April 2026: 22 working days; capacity 40 gives ⌈40 ÷ 22⌉ = 2 lanes.
  const phases = [{ id: 'P1', name: 'One', end: '2026-04-30', capacity_days: 40 }];
  const recs = [rec('x', 3), rec('y', 2, ['x']), rec('z', 4), rec('w', 20, ['y'])];
  const { roadmap, dates } = scheduleRoadmap(recs, phases, null, undefined, timing('2026-04-01'));

  it('runs the phase capacity as parallel lanes', () => {
    expect(workingDaysIn('2026-04-01', '2026-04-30', days)).toBe(22);
    expect(roadmap.phases[0]!.lanes).toBe(2);
  });

  it('starts a dependent in the same phase the working day after its prerequisite ends', () => {
    // x: 1–3 April (Wed–Fri) on lane 1; y waits for x: Monday 6 and Tuesday 7 April (lane 1 and 2 both give 6 April: the first).
    expect(dates.get('x')).toEqual({ start: '2026-04-01', end: '2026-04-03', late: false });
    expect(dates.get('y')).toEqual({ start: '2026-04-06', end: '2026-04-07', late: false });
    expect(dates.get('y')!.start > dates.get('x')!.end).toBe(true);
    // z needs nothing: lane 2 from 1 April, 4 working days: 1, 2, 3 and 6 April.
    expect(dates.get('z')).toEqual({ start: '2026-04-01', end: '2026-04-06', late: false });
  });

  it('flags work that cannot end inside its phase as late', () => {
    // w waits for y (ends 7 April): from Wednesday 8 April, 20 working days: 17 to 30 April, then 1, 4 and 5 May.
    expect(dates.get('w')).toEqual({ start: '2026-04-08', end: '2026-05-05', late: true });
  });
});
