import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { goalStatus } from '../../src/engine/traceability.js';
import type { RequirementTrace } from '../../src/engine/types.js';
import { miniEngagement } from '../helpers/mini-model.js';

/**
 * The mini engagement (test/helpers/mini-model.ts) with goals and requirements: R-1 names alpha, R-2
 * names alpha and beta, so alpha's work serves two requirements; gamma's serves none, but alpha-4 waits for it.
 */
function aligned() {
  const e = miniEngagement();
  e.model.practices.find((p) => p.id === 'alpha')!.recommendations!.find((r) => r.id === 'alpha-4')!.depends_on = ['gamma-3'];
  e.model.practices.find((p) => p.id === 'zeta')!.recommendations = [
    { id: 'zeta-2', level: 2, title: 'Tidy up', horizon: 'tactical', effort_days: 1, impact: 1 },
  ];
  e.target = {
    ...e.target,
    targets: { ...e.target.targets, zeta: 2 },
    phases: [
      { id: 'P1', name: 'First', end: '2026-06-30', capacity_days: 4 },
      { id: 'P2', name: 'Second', end: '2026-12-31', capacity_days: 20 },
    ],
    goals: [
      { id: 'G-1', title: 'Reliable releases' },
      { id: 'G-2', title: 'A team that scales' },
      { id: 'G-3', title: 'Lower cost' },
    ],
    requirements: [
      { id: 'R-1', title: 'Fewer failed releases', practices: ['alpha'], goals: ['G-1'] },
      { id: 'R-2', title: 'Skilled release team', practices: ['alpha', 'beta'], goals: ['G-2', 'G-1'] },
      { id: 'R-3', title: 'Visible status', practices: ['eps'] },
    ],
  };
  return assess(e);
}

describe('the alignment matrix: goals × requirements × recommendations × phases', () => {
  const a = aligned();
  const t = a.traceability;
  const rec = (id: string) => t.recommendations.find((r) => r.id === id)!;

  it('traces a recommendation that serves two requirements to both, and to the goals of both', () => {
    expect(rec('alpha-2')).toEqual({ id: 'alpha-2', requirements: ['R-1', 'R-2'], enables: [], goals: ['G-1', 'G-2'], phase: 'P1', hygiene: false });
    expect(t.rows.filter((r) => r.recommendation === 'alpha-2')).toEqual([
      { goal: 'G-1', requirement: 'R-1', recommendation: 'alpha-2', via: 'direct', phase: 'P1' },
      { goal: 'G-1', requirement: 'R-2', recommendation: 'alpha-2', via: 'direct', phase: 'P1' },
      { goal: 'G-2', requirement: 'R-2', recommendation: 'alpha-2', via: 'direct', phase: 'P1' },
    ]);
  });

  it('counts a prerequisite of work that serves a requirement as enabling it, not as hygiene', () => {
    expect(rec('gamma-3')).toMatchObject({ requirements: [], enables: ['R-1', 'R-2'], goals: ['G-1', 'G-2'], hygiene: false });
    expect(t.rows).toContainEqual({ goal: 'G-2', requirement: 'R-2', recommendation: 'gamma-3', via: 'prerequisite', phase: rec('gamma-3').phase });
  });

  it('lists the work that serves no requirement or goal as hygiene', () => {
    expect(t.hygiene).toEqual(['zeta-2']);
    expect(t.rows.filter((r) => r.via === 'hygiene')).toEqual([
      { goal: null, requirement: null, recommendation: 'zeta-2', via: 'hygiene', phase: rec('zeta-2').phase },
    ]);
  });

  it('gives each goal its requirements, work, phases and status; a goal no requirement serves says so', () => {
    // Phase 1 (4 days) takes alpha-2 and gamma-3 (alpha-4 waits for it), phase 2 the rest: are planned by P2.
    expect(a.requirements.map((r) => [r.id, r.status, r.reaches_target])).toEqual([
      ['R-1', 'planned', 'P2'],
      ['R-2', 'planned', 'P2'],
      ['R-3', 'unknown', null],
    ]);
    expect(t.goals.map((g) => [g.id, g.requirements, g.status, g.reaches_target])).toEqual([
      ['G-1', ['R-1', 'R-2'], 'planned', 'P2'],
      ['G-2', ['R-2'], 'planned', 'P2'],
      ['G-3', [], 'no-requirements', null],
    ]);
    expect(t.goals[1]!.recommendations).toEqual(['alpha-2', 'alpha-4', 'beta-2']);
    expect(t.goals[1]!.phases).toEqual(['P1', 'P2']);
    expect(t.requirements).toEqual([
      { id: 'R-1', goals: ['G-1'] },
      { id: 'R-2', goals: ['G-2', 'G-1'] },
      { id: 'R-3', goals: [] },
    ]);
  });

  it('derives a goal’s status from its requirements', () => {
    const req = (status: RequirementTrace['status'], reaches: string | null) => ({ status, reaches_target: reaches }) as RequirementTrace;
    expect(goalStatus([], ['P1'])).toEqual({ status: 'no-requirements', reaches_target: null });
    expect(goalStatus([req('met', 'now'), req('met', 'now')], ['P1'])).toEqual({ status: 'met', reaches_target: 'now' });
    expect(goalStatus([req('met', 'now'), req('planned', 'P2'), req('planned', 'P1')], ['P1', 'P2'])).toEqual({ status: 'planned', reaches_target: 'P2' });
    expect(goalStatus([req('planned', 'P1'), req('unknown', null)], ['P1'])).toEqual({ status: 'unknown', reaches_target: null });
    expect(goalStatus([req('unknown', null), req('not-on-plan', null)], ['P1'])).toEqual({ status: 'not-on-plan', reaches_target: null });
  });
});

describe('size and scope per phase', () => {
  const a = aligned();

  it('gives each phase its duration, effort, cost, owner roles and deliverables', () => {
    const e = miniEngagement();
    const alpha = e.model.practices.find((p) => p.id === 'alpha')!;
    alpha.owner = 'Release manager';
    alpha.recommendations![0]!.deliverables = ['Release checklist', 'Release calendar'];
    alpha.recommendations![2]!.deliverables = ['Release scorecard', 'release checklist'];
    e.manifest.engagement.day_rate = 500;
    const s = assess(e).size_and_scope;
    const p1 = s.phases[0]!;
    // P1 runs from 1 April (the first working day after as_of, 31 March) to 30 June 2026: 91 days, 65 working days.
    expect([p1.phase, p1.start, p1.end, p1.calendar_days, p1.working_days]).toEqual(['P1', '2026-04-01', '2026-06-30', 91, 65]);
    expect(p1.recommendations).toEqual(['alpha-2', 'alpha-4', 'gamma-3']);
    expect([p1.effort_days, p1.cost]).toEqual([6, 3000]);
    expect(p1.fte).toBeCloseTo(6 / 65, 10);
    expect(p1.roles.map((r) => [r.role, r.effort_days, r.recommendations])).toEqual([
      ['Release manager', 4, ['alpha-2', 'alpha-4']],
      [null, 2, ['gamma-3']],
    ]);
    // Each deliverable once per phase (case does not make it another one), in placing order.
    expect(p1.deliverables).toEqual([
      { title: 'Release checklist', recommendation: 'alpha-2' },
      { title: 'Release calendar', recommendation: 'alpha-2' },
      { title: 'Release scorecard', recommendation: 'alpha-4' },
    ]);
    expect(p1.without_deliverables).toEqual(['gamma-3']);
    expect(s.unscheduled).toMatchObject({
      phase: null,
      start: null,
      calendar_days: null,
      working_days: null,
      fte: null,
      recommendations: ['beta-2'],
      effort_days: 2,
      cost: 1000,
    });
    expect(s.deliverables).toBe(3);
  });

  it('has no unscheduled entry when all the work fits', () => {
    expect(a.size_and_scope.unscheduled).toBeNull();
    expect(a.size_and_scope.phases.map((p) => p.recommendations.length)).toEqual(a.roadmap.phases.map((p) => p.recommendations.length));
  });
});
