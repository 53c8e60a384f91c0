import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { PlanFile, PlanTask } from '../../src/engagement/types.js';
import { planStatus, tasksByPhase } from '../../src/engine/plan-progress.js';
import { ROOT } from '../helpers/cli.js';

const task = (id: string, status: PlanTask['status'], extra: Partial<PlanTask> = {}): PlanTask => ({ id, title: `Task ${id}`, status, ...extra });

describe('planStatus', () => {
  // today 2026-03-15
  const plan: PlanFile = {
    tasks: [
      task('a', 'done', { phase: 'assessment', due: '2026-03-01' }),
      task('b', 'in-progress', { phase: 'assessment', due: '2026-03-10', depends_on: ['a'], owner: 'E. Marsh', start: '2026-03-02' }), // overdue
      task('c', 'todo', { phase: 'architecture', due: '2026-03-20', depends_on: ['a'] }), // ready
      task('d', 'todo', { phase: 'architecture', due: '2026-03-14', depends_on: ['a', 'b'] }), // overdue, not ready (b not done)
      task('e', 'blocked', { phase: 'planning', due: '2026-03-05' }), // overdue and blocked
      task('f', 'done', { phase: 'planning', due: '2026-02-01' }), // done long ago: not overdue
      task('g', 'todo', { due: '2026-03-15' }), // due today: not overdue; no deps: ready
      task('h', 'todo', { phase: 'support', depends_on: [] }), // no due date: never overdue; ready
      task('i', 'blocked', { phase: 'support', depends_on: ['a'] }), // blocked is not ready even with deps done
    ],
  };
  const s = planStatus(plan, '2026-03-15');

  it('counts by status, overdue and percent done by task count', () => {
    expect(s).toMatchObject({ total: 9, done: 2, in_progress: 1, blocked: 2, overdue: 3, today: '2026-03-15' });
    expect(s.percent_done).toBeCloseTo(2 / 9, 12);
  });

  it('flags overdue (not done, due before today) and ready (to do, every dependency done) per task', () => {
    const flags = Object.fromEntries(s.tasks.map((t) => [t.id, [t.overdue, t.ready]]));
    expect(flags).toEqual({
      a: [false, false],
      b: [true, false],
      c: [false, true],
      d: [true, false],
      e: [true, false],
      f: [false, false],
      g: [false, true],
      h: [false, true],
      i: [false, false],
    });
  });

  it('gives the JSON fields, null where the plan says nothing', () => {
    expect(s.tasks[1]).toEqual({
      id: 'b',
      title: 'Task b',
      phase: 'assessment',
      owner: 'E. Marsh',
      start: '2026-03-02',
      due: '2026-03-10',
      status: 'in-progress',
      overdue: true,
      ready: false,
    });
    expect(s.tasks[6]).toEqual({
      id: 'g',
      title: 'Task g',
      phase: null,
      owner: null,
      start: null,
      due: '2026-03-15',
      status: 'todo',
      overdue: false,
      ready: true,
    });
    expect(Object.keys(s)).toEqual(['total', 'done', 'in_progress', 'blocked', 'overdue', 'percent_done', 'today', 'tasks']);
  });

  it('groups tasks by phase in the engagement order, tasks without a phase last', () => {
    expect(tasksByPhase(s.tasks).map((g) => [g.phase, g.tasks.map((t) => t.id).join('')])).toEqual([
      ['assessment', 'ab'],
      ['architecture', 'cd'],
      ['planning', 'ef'],
      ['support', 'hi'],
      [null, 'g'],
    ]);
  });

  it('handles an empty plan', () => {
    expect(planStatus({ tasks: [] }, '2026-01-01')).toEqual({
      total: 0,
      done: 0,
      in_progress: 0,
      blocked: 0,
      overdue: 0,
      percent_done: 1,
      today: '2026-01-01',
      tasks: [],
    });
  });

  it('on the example plan: 4 of 11 done at as_of, three overdue on 2026-04-12', () => {
    const acme = parse(readFileSync(join(ROOT, 'examples/acme-bank/plan.yaml'), 'utf8')) as PlanFile;
    const atAsOf = planStatus(acme, '2026-03-31');
    expect(atAsOf).toMatchObject({ total: 11, done: 4, in_progress: 2, blocked: 1, overdue: 0 });
    expect(atAsOf.tasks.filter((t) => t.ready)).toEqual([]);
    const later = planStatus(acme, '2026-04-12');
    expect(later.tasks.filter((t) => t.overdue).map((t) => t.id)).toEqual(['analyse-release-process', 'tactical-recommendations', 'training-requirements']);
    // Once the tactical recommendations are done, the strategic model can start.
    const next = planStatus({ tasks: acme.tasks.map((t) => (t.id === 'tactical-recommendations' ? { ...t, status: 'done' } : t)) }, '2026-03-31');
    expect(next.tasks.filter((t) => t.ready).map((t) => t.id)).toEqual(['strategic-model']);
  });
});
