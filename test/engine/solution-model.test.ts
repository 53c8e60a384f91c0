import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { asSentence, futureStatement } from '../../src/engine/solution-model.js';
import { miniEngagement } from '../helpers/mini-model.js';

describe('future-state wording derived from a criterion', () => {
  it('cuts what concedes today’s shortfall and hedges, and makes a sentence', () => {
    expect(futureStatement('releases happen, but steps differ each time')).toBe('Releases happen.');
    expect(futureStatement('Release dates are usually agreed a month ahead.')).toBe('Release dates are agreed a month ahead.');
    expect(futureStatement('Business owners are consulted, at least informally, about when releases take place')).toBe(
      'Business owners are consulted about when releases take place.',
    );
    expect(futureStatement('Changes are logged as change requests, though not always before the work starts')).toBe('Changes are logged as change requests.');
    expect(futureStatement('Code is kept in version control, even if conventions differ')).toBe('Code is kept in version control.');
    expect(futureStatement('  A   written policy exists  ')).toBe('A written policy exists.');
  });

  it('leaves the model’s own future-state wording as written, but for the capital and the full stop', () => {
    expect(asSentence('releases are planned, but only roughly, usually a month ahead')).toBe('Releases are planned, but only roughly, usually a month ahead.');
    const e = miniEngagement();
    e.model.practices.find((p) => p.id === 'beta')!.future_state!['1'] = 'everyone can ship a release, even if slowly';
    const s = assess(e).solution_model.perspectives[0]!.practices[0]!.statements[0]!;
    expect([s.text, s.wording]).toEqual(['Everyone can ship a release, even if slowly.', 'model']);
  });

  it('keeps a sentence whole rather than cut it to a fragment', () => {
    expect(futureStatement('Sometimes, but rarely')).toBe('Sometimes, but rarely.');
    expect(futureStatement('Is it done?')).toBe('Is it done?');
  });
});

describe('the solution model of a small custom model (hand-computed)', () => {
  it('never presents a level-1 (initial) criterion as an element of the future state, only the model’s own level-1 wording', () => {
    const statements = assess(miniEngagement()).solution_model.perspectives.flatMap((p) => p.practices.flatMap((x) => x.statements));
    expect(statements.filter((s) => s.level === 1).map((s) => [s.wording, s.criteria])).toEqual([['model', ['beta-1a']]]);
  });

  const a = assess(miniEngagement());
  const sm = a.solution_model;
  const practice = (id: string) => sm.perspectives.flatMap((p) => p.practices).find((p) => p.id === id);

  it('covers the five perspectives in order, leaving out practices not applicable or without a target', () => {
    expect(sm.perspectives.map((p) => p.id)).toEqual(['people', 'process', 'technology', 'organization', 'integration']);
    expect(sm.perspectives.map((p) => p.practices.map((x) => x.id))).toEqual([['beta'], ['alpha'], ['gamma'], [], ['eps']]);
    expect(practice('delta')).toBeUndefined(); // na
    expect(practice('zeta')).toBeUndefined(); // target 0
  });

  it('restates each criterion up to the target as the future state, in place or to build, without the levels that do not apply', () => {
    // alpha: target 4; level 1 (the initial state, no future-state wording of the model's) is no element of the
    // future state; level 3 is all na so it has no statement; level 5 is above the target.
    expect(practice('alpha')!.statements.map((s) => [s.level, s.text, s.status, s.value, s.recommendation, s.criteria])).toEqual([
      [2, 'A written release checklist is used for every release.', 'in-place', 1, null, ['alpha-2a']],
      [2, 'Release dates are agreed a month ahead.', 'to-build', 0.5, 'alpha-2', ['alpha-2b']],
      [4, 'Release outcomes are measured against targets.', 'to-build', 0, 'alpha-4', ['alpha-4a']],
    ]);
    expect(practice('alpha')!.statements.every((s) => s.wording === 'criterion')).toBe(true);
    expect([practice('alpha')!.in_place, practice('alpha')!.to_build]).toEqual([1, 2]);
  });

  it('uses the model’s own future-state wording for a level, in place only when the whole level is', () => {
    // beta: target 2; level 1 in place (most); level 2 = (1 + 0.5) / 2 = 0.75, so to build by beta-2.
    expect(practice('beta')!.statements).toEqual([
      {
        level: 1,
        text: 'Everyone can ship a release.',
        wording: 'model',
        criteria: ['beta-1a'],
        status: 'in-place',
        value: 1,
        recommendation: null,
        phase: null,
      },
      {
        level: 2,
        text: 'A skills matrix and a deputy for every role, kept current.',
        wording: 'model',
        criteria: ['beta-2a', 'beta-2b'],
        status: 'to-build',
        value: 0.75,
        recommendation: 'beta-2',
        phase: null,
      },
    ]);
  });

  it('reads a quick rating level by level, and takes in the last level of a fractional target', () => {
    // gamma: rating 2, target 2.5: level 2 in place (level 1 is the initial state), level 3 (half targeted) to build by gamma-3.
    expect(practice('gamma')!.statements.map((s) => [s.level, s.status, s.value, s.recommendation])).toEqual([
      [2, 'in-place', 1, null],
      [3, 'to-build', 0, 'gamma-3'],
    ]);
  });

  it('marks a practice not yet assessed as such, with no recommendation', () => {
    expect(practice('eps')!.statements.map((s) => [s.level, s.status, s.value, s.recommendation])).toEqual([
      [2, 'not-assessed', null, null],
      [3, 'not-assessed', null, null],
    ]);
  });

  it('places each statement to build in the phase of the recommendation that builds it', () => {
    // Priority (urgency × impact × weight / effort): alpha (gap 1.25, process weight 2) 12.2, gamma (gap 0.5) 1.9,
    // beta (gap 0.25) 0.8. The first phase's 6 days take alpha-2, alpha-4 and gamma-3 (2 days each); beta-2 waits.
    const placed = sm.perspectives.flatMap((p) => p.practices.flatMap((x) => x.statements)).filter((s) => s.status === 'to-build');
    expect(placed.map((s) => [s.recommendation, s.phase])).toEqual([
      ['beta-2', null],
      ['alpha-2', 'P1'],
      ['alpha-4', 'P1'],
      ['gamma-3', 'P1'],
    ]);
  });

  it('counts the statements per perspective and in all', () => {
    expect(sm.perspectives.map((p) => [p.in_place, p.to_build, p.not_assessed])).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 2],
    ]);
    expect([sm.in_place, sm.to_build, sm.not_assessed]).toEqual([3, 4, 2]);
  });

  it('links release management to each ITSM process through the practices that name it, weighted like a perspective', () => {
    // change: alpha (score 1 + 0.75 + 0.75 + 0 + 0 = 2.5: its n/a level 3 counts as level 2; weight 1, target 4) and gamma (2, weight 3, target 2.5); eps not assessed.
    const change = sm.links.find((l) => l.id === 'change')!;
    expect(change.practices).toEqual(['alpha', 'gamma', 'eps']);
    expect(change.current).toBeCloseTo((2.5 + 3 * 2) / 4, 10);
    expect(change.target).toBeCloseTo((4 + 3 * 2.5) / 4, 10);
    // gaps: alpha (0 + 0.25 + 0 + 1) = 1.25; gamma 0 + 0 + 0.5 × 1 = 0.5.
    expect(change.gap).toBeCloseTo((1.25 + 3 * 0.5) / 4, 10);
    expect(change.link).toBe('Approved changes trigger releases.');
    expect(sm.links.find((l) => l.id === 'incident')).toEqual({
      id: 'incident',
      name: 'Incident management',
      link: null,
      practices: [],
      current: null,
      target: null,
      gap: null,
      recommendations: [],
      phases: [],
    });
  });

  it('has no links when no practice links to a process', () => {
    const e = miniEngagement();
    for (const p of e.model.practices) delete p.links;
    expect(assess(e).solution_model.links).toEqual([]);
  });
});
