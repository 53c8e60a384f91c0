/**
 * The solution model, alignment and scope sentences (computed, like every headline) on the mini engagement of
 * test/helpers/mini-model.ts, whose figures are worked out in test/engine/solution-model.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import type { Assessment } from '../../src/engine/types.js';
import * as H from '../../src/render/headlines.js';
import { miniEngagement } from '../helpers/mini-model.js';

function aligned(): Assessment {
  const e = miniEngagement();
  const alpha = e.model.practices.find((p) => p.id === 'alpha')!;
  alpha.owner = 'Release manager';
  alpha.recommendations![0]!.deliverables = ['Release checklist', 'Release calendar'];
  e.target = {
    ...e.target,
    phases: [
      { id: 'P1', name: 'First', end: '2026-06-30', capacity_days: 6 },
      { id: 'P2', name: 'Second', end: '2026-12-31', capacity_days: 20 },
    ],
    goals: [
      { id: 'G-1', title: 'Reliable releases' },
      { id: 'G-2', title: 'Lower cost' },
    ],
    requirements: [{ id: 'R-1', title: 'Fewer failed releases', practices: ['alpha'], goals: ['G-1'] }],
  };
  return assess(e);
}

describe('the future state in one sentence and one slide title', () => {
  const a = assess(miniEngagement());

  it('counts what is in place, what the plan builds by when, what waits and what cannot be judged', () => {
    // 12 statements: 5 in place; 4 to build, of which alpha-2, alpha-4 and gamma-3 are in P1 (ends 30 June) and beta-2 is not scheduled; 3 of eps not assessed.
    expect(H.futureStateSentence(a)).toBe(
      "Test Co's future release management comes down to nine elements across the five perspectives: three are in place today; four are to be built: three by this plan (by 30 June 2026) and one when more capacity is found; two cannot be judged until their practices are assessed.",
    );
    expect(H.futureDirectionTitle(a)).toBe('The future state: 3 of 9 elements in place, 3 more by June 2026');
  });

  it('says when the plan builds everything that is missing', () => {
    const b = aligned();
    // Two phases: everything to build is scheduled, the last in P2 (ends 31 December 2026); eps is still not assessed.
    expect(H.futureStateSentence(b)).toBe(
      "Test Co's future release management comes down to nine elements across the five perspectives: three are in place today; this plan builds the four missing, by 31 December 2026; two cannot be judged until their practices are assessed.",
    );
    expect(H.futureDirectionTitle(b)).toBe('The future state: 3 of 9 elements in place, 4 more by December 2026');
    const c = structuredClone(b);
    c.solution_model.not_assessed = 0;
    for (const p of c.solution_model.perspectives) for (const x of p.practices) x.statements = x.statements.filter((s) => s.status !== 'not-assessed');
    expect(H.futureDirectionTitle(c)).toBe('The future state: 3 of 7 elements in place, the rest built by December 2026');
  });

  it('has nothing to draw before anything is assessed, and nothing to build at target', () => {
    const e = miniEngagement();
    for (const k of Object.keys(e.practices.practices)) e.practices.practices[k] = {};
    const none = assess(e);
    expect(H.futureStateSentence(none)).toBe('The future state cannot be drawn yet: no practice has been assessed.');
    expect(H.futureDirectionTitle(none)).toBe('The future state is drawn once practices are assessed');
    const done = assess({ ...miniEngagement(), target: { targets: { default: 1, zeta: 0 } } });
    // Target 1 everywhere: level 1 is the initial state, an element of the future state only where the model words
    // it (beta's "Everyone can ship a release"), which is in place.
    expect(H.futureStateSentence(done)).toBe("Test Co's future release management comes down to one element across the five perspectives, and it holds today.");
  });
});

describe('the alignment with the strategic goals', () => {
  it('says how many goals the plan reaches and by when, which are not traced, and how much work is hygiene', () => {
    const a = aligned();
    // R-1 (alpha): the customer's order puts alpha-2 and alpha-4 first, both in P1 (6 days), so G-1 is reached by
    // its end; G-2 has no requirement. gamma-3 (P1) and beta-2 (P2) serve nothing.
    expect(a.requirements[0]!.status).toBe('planned');
    expect(H.alignmentSentence(a)).toBe(
      'The plan reaches 1 of the 2 strategic goals by the end of First (phase 1), 30 June 2026; one has no requirement serving it. Two recommendations of the 4 serve no requirement or goal: hygiene work, kept for the maturity it adds.',
    );
  });

  it('traces to the requirements alone without goals, and to nothing without requirements', () => {
    const a = aligned();
    const b = structuredClone(a);
    b.traceability.goals = [];
    expect(H.alignmentSentence(b)).toBe(
      'No strategic goals are recorded, so the plan is traced to the requirements only. Two recommendations of the 4 serve no requirement or goal: hygiene work, kept for the maturity it adds.',
    );
    expect(H.alignmentSentence(assess(miniEngagement()))).toBe('No strategic goals or requirements are recorded, so the plan cannot be traced to them.');
    const c = structuredClone(a);
    c.traceability.hygiene = [];
    c.traceability.goals = c.traceability.goals.map((g) => ({ ...g, status: 'not-on-plan', reaches_target: null }));
    expect(H.alignmentSentence(c)).toBe(
      "The plan as scheduled reaches none of the 2 strategic goals: both need work that does not fit the phases' capacity. Every recommendation serves a requirement and so a goal, directly or as a prerequisite.",
    );
  });
});

describe('the size and scope of the programme', () => {
  it('gives the deliverables and the people the phases need, full time', () => {
    const a = aligned();
    // P1 (65 working days): alpha-2, alpha-4, gamma-3 = 6 days → 0.09; P2 (132 working days from 1 July to 31 December): beta-2, 2 days → 0.02.
    expect(a.size_and_scope.phases.map((p) => p.working_days)).toEqual([65, 132]);
    expect(H.scopeSentence(a)).toBe(
      'Over two phases the programme produces two deliverables, and needs up to 0.1 people full time, drawn from one role (and work whose owner is still to be named).',
    );
  });

  it('says so when the model names no deliverables', () => {
    expect(H.scopeSentence(assess(miniEngagement()))).toBe(
      'Over one phase the programme needs 0.1 people full time, whose owners are still to be named; the model names no deliverables for its recommendations.',
    );
  });
});
