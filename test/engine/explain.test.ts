import { describe, expect, it } from 'vitest';
import { explainPractice } from '../../src/engine/explain.js';
import { engagementWith } from '../helpers/engagement.js';

describe('explainPractice', () => {
  // Practice a (weight 2, target 4): 1a most | 2a half, 2b some | 3a na (level 3 does not apply) | 4a most | 5a unanswered.
  const e = engagementWith();

  it('traces each level: criteria with answer and value, m_l, and what it leaves missing up to the target', () => {
    const x = explainPractice(e, 'a');
    expect(x.levels.map((l) => [l.level, l.m, l.applies, l.up_to_target, l.missing])).toEqual([
      [1, 1, true, true, 0],
      [2, 0.375, true, true, 0.625],
      [3, 1, false, true, 0],
      [4, 1, true, true, 0],
      [5, 0, true, false, 0],
    ]);
    expect(x.levels[1]!.criteria.map((c) => [c.id, c.answer, c.value, c.confidence])).toEqual([
      ['a-2a', 'half', 0.5, 1],
      ['a-2b', 'some', 0.25, 0],
    ]);
    expect(x.levels[2]!.criteria[0]).toMatchObject({ answer: 'na', value: null });
    expect(x.levels[4]!.criteria[0]).toMatchObject({ answer: null, value: 0, confidence: null });
    expect([x.score, x.level, x.target, x.target_from, x.gap, x.in_place]).toEqual([2.75, 1, 4, 'practice', 0.625, 3.375]); // the n/a level 3 counts as level 2 (.375) in the score
    expect(x.level_why).toBe('level 1 is at least half in place, and level 2 is at 38 % (< 50 %)');
  });

  it('proposes the fewest changes: all of level 2 to close the gap, one to reach the level', () => {
    const x = explainPractice(e, 'a');
    expect(x.what_if.close_gap).toEqual([
      { criterion: 'a-2a', level: 2, from: 'half', to: 'most' },
      { criterion: 'a-2b', level: 2, from: 'some', to: 'most' },
    ]);
    // Level 2 needs a mean of 0.5 over two criteria: raising the lower one (some) is enough.
    expect(x.what_if.reach_level).toEqual([{ criterion: 'a-2b', level: 2, from: 'some', to: 'most' }]);
    const y = explainPractice(e, 'a', { set: { 'a-2a': 'most', 'a-2b': 'most' } });
    expect(y.set!.practice.after).toMatchObject({ gap: 0, level: 4, score: 4 });
    expect(y.set!.perspective).toMatchObject({ id: 'process' });
  });

  it('counts a fractional target in proportion at its last level', () => {
    const f = engagementWith();
    f.target.targets.a = 2.5;
    const x = explainPractice(f, 'a');
    // Levels 1–2 whole, level 3 (n/a, m = 1) half: 0 + 0.625 + 0.5 × 0.
    expect(x.levels.map((l) => l.missing)).toEqual([0, 0.625, 0, 0, 0]);
    expect(x.gap).toBe(0.625);
    expect(x.what_if.close_gap.map((c) => c.criterion)).toEqual(['a-2a', 'a-2b']);
  });

  it('explains a quick rating and proposes answering the criteria up to the target', () => {
    const x = explainPractice(e, 'b');
    expect(x.practice.method).toBe('rating');
    expect(x.levels.map((l) => l.m)).toEqual([1, 1, 0, 0, 0]);
    expect(x.gap).toBe(1);
    expect(x.what_if.close_gap.map((c) => `${c.criterion}:${c.from}`)).toEqual(['b-1a:null', 'b-2a:null', 'b-3a:null']);
    const y = explainPractice(e, 'b', { set: Object.fromEntries(x.what_if.close_gap.map((c) => [c.criterion, c.to])) });
    expect(y.set!.practice.after.gap).toBe(0);
  });

  it('says why a recommendation is not triggered when its levels are in place', () => {
    const f = engagementWith();
    f.model.practices[0]!.recommendations = [
      { id: 'ra-2', level: 2, title: 'two', horizon: 'tactical', effort_days: 1, impact: 3 },
      { id: 'ra-4', level: 4, title: 'four', horizon: 'tactical', effort_days: 1, impact: 3 },
      { id: 'ra-5', level: 5, title: 'five', horizon: 'tactical', effort_days: 1, impact: 3 },
    ];
    const x = explainPractice(f, 'a');
    expect(x.recommendations.map((r) => [r.id, r.covers, r.triggered, r.why])).toEqual([
      ['ra-2', [1, 2], true, 'it covers levels 1–2, and level 2 is at 38 % (< 100 %)'],
      ['ra-4', [3, 4], false, 'levels 3–4, which it covers up to the target, are fully in place'],
      ['ra-5', [5], false, 'it covers level 5, above the target 4'],
    ]);
  });

  it('has no what-if for a practice that does not apply', () => {
    const x = explainPractice(e, 'd');
    expect(x.practice.na).toBe('no technology in scope');
    expect(x.what_if.close_gap).toEqual([]);
  });
});
