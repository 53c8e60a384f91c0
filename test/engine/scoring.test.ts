import { describe, expect, it } from 'vitest';
import { assess, assessOverall, assessPerspectives } from '../../src/engine/assess.js';
import { gapOf, ratingLevelScores, scorePractice, weightedMean } from '../../src/engine/scoring.js';
import type { PracticeResult } from '../../src/engine/types.js';
import { engagementWith, tinyModel } from '../helpers/engagement.js';

const model = tinyModel();
const practice = (id: string) => model.practices.find((p) => p.id === id)!;

describe('scorePractice (docs/formulas.md, Practice)', () => {
  it('averages each level, counts unanswered as 0, leaves na out; an all-na level counts as the level below in the score', () => {
    // a-1a most 1 | a-2a half .5, a-2b some .25 -> .375 | a-3a na -> n/a | a-4a most 1 | a-5a unanswered 0
    const s = scorePractice(practice('a'), engagementWith().practices.practices.a);
    expect(s.method).toBe('answers');
    expect(s.levelScores).toEqual([1, 0.375, 1, 1, 0]); // what the gap reads: nothing missing at an n/a level
    expect(s.score).toBeCloseTo(1 + 0.375 + 0.375 + 1 + 0, 12); // level 3 counts as level 2: 2.75
    expect(s.level).toBe(1); // m_2 = .375 < .5 stops the climb at level 1
    expect(s.coverage).toBeCloseTo(5 / 6, 12); // na counts as answered
    expect(s.confidence).toBeCloseTo(1 / 5, 12); // one of five answers cites evidence
  });

  it('reaches level L only when every level up to L is at least half met', () => {
    const s = scorePractice(practice('b'), { answers: { 'b-1a': 'half', 'b-2a': 'half', 'b-3a': 'some', 'b-4a': 'most', 'b-5a': 'most' } });
    expect(s.score).toBeCloseTo(0.5 + 0.5 + 0.25 + 1 + 1, 12);
    expect(s.level).toBe(2);
  });

  it('scores all-none as 0 and level 0', () => {
    const s = scorePractice(practice('b'), { answers: { 'b-1a': 'none', 'b-2a': 'none', 'b-3a': 'none', 'b-4a': 'none', 'b-5a': 'none' } });
    expect(s.score).toBe(0);
    expect(s.level).toBe(0);
  });

  it('gives an all-na practice the full score (every level is met by definition)', () => {
    const s = scorePractice(practice('b'), { answers: { 'b-1a': 'na', 'b-2a': 'na', 'b-3a': 'na', 'b-4a': 'na', 'b-5a': 'na' } });
    expect(s.score).toBe(5);
    expect(s.level).toBe(5);
    expect(s.coverage).toBe(1);
  });

  it('counts a level that does not apply as the level below for score and level, and 0 missing for the gap (docs/formulas.md)', () => {
    // m = 1, 1, 0.25, n/a, 0 -> m' = 1, 1, 0.25, 0.25, 0: S = 2.5, A = 2; gap to 3 = 0 + 0 + 0.75
    const s = scorePractice(practice('b'), { answers: { 'b-1a': 'most', 'b-2a': 'most', 'b-3a': 'some', 'b-4a': 'na', 'b-5a': 'none' } });
    expect(s.score).toBe(2.5);
    expect(s.level).toBe(2);
    expect(s.naLevels).toEqual([4]);
    expect(gapOf(s.levelScores!, 3)).toBe(0.75);
    expect(gapOf(s.levelScores!, 4)).toBe(0.75); // nothing to do at the level that does not apply
    // n/a at level 2 under a level 1 at 0.25: level 2 counts 0.25 too, so it cannot lift the level above 0
    const low = scorePractice(practice('b'), { answers: { 'b-1a': 'some', 'b-2a': 'na', 'b-3a': 'most', 'b-4a': 'most', 'b-5a': 'most' } });
    expect(low.score).toBe(0.25 + 0.25 + 1 + 1 + 1);
    expect(low.level).toBe(0);
    // n/a at level 1 counts 1
    expect(scorePractice(practice('b'), { answers: { 'b-1a': 'na', 'b-2a': 'half', 'b-3a': 'none', 'b-4a': 'none', 'b-5a': 'none' } })).toMatchObject({
      score: 1.5,
      level: 2,
    });
  });

  it('treats a level with no criteria in a custom model as not applying', () => {
    const p = { ...practice('b'), criteria: practice('b').criteria.filter((c) => c.level !== 3) };
    const s = scorePractice(p, { answers: { 'b-1a': 'most', 'b-2a': 'half', 'b-4a': 'most', 'b-5a': 'none' } });
    expect(s.naLevels).toEqual([3]);
    expect(s.score).toBe(1 + 0.5 + 0.5 + 1 + 0);
    expect(s.level).toBe(4);
  });

  it('marks a level whose criteria are all na as not applying (m = 1, shown n/a)', () => {
    const s = scorePractice(practice('a'), engagementWith().practices.practices.a);
    expect(s.naLevels).toEqual([3]);
    expect(scorePractice(practice('b'), { answers: { 'b-1a': 'most', 'b-2a': 'na' } }).naLevels).toEqual([2]);
  });

  it('is assessed with one criterion answered; an empty answers map is not, and a rating beside it is used', () => {
    const empty = { 'b-1a': null, 'b-2a': null, 'b-3a': null, 'b-4a': null, 'b-5a': null };
    expect(scorePractice(practice('b'), { answers: empty })).toMatchObject({ method: 'not-assessed', score: null, level: null, levelScores: null });
    expect(scorePractice(practice('b'), { answers: null })).toMatchObject({ method: 'not-assessed' });
    expect(scorePractice(practice('b'), { answers: empty, rating: 2 })).toMatchObject({ method: 'rating', score: 2, level: 2, levelScores: [1, 1, 0, 0, 0] });
    // m = 0, 0, 0, n/a, 0: the n/a level counts as level 3 (0), so the score is 0, not 1
    expect(scorePractice(practice('b'), { answers: { ...empty, 'b-4a': 'na' } })).toMatchObject({ method: 'answers', score: 0, level: 0 });
  });

  it('uses a rating only when no criterion is answered', () => {
    expect(scorePractice(practice('b'), { rating: 2 })).toMatchObject({ method: 'rating', score: 2, level: 2, coverage: 0, confidence: 0 });
    expect(scorePractice(practice('b'), { rating: 2, sources: ['int-01'] }).confidence).toBe(1);
    const both = scorePractice(practice('b'), { rating: 4, answers: { 'b-1a': 'most' } });
    expect(both.method).toBe('answers');
    expect(both.score).toBe(1);
  });

  it('treats a practice with neither answers nor rating as not assessed, and na as not applicable', () => {
    expect(scorePractice(practice('c'), {})).toMatchObject({ method: 'not-assessed', score: null, level: null });
    expect(scorePractice(practice('c'), null)).toMatchObject({ method: 'not-assessed', score: null });
    expect(scorePractice(practice('d'), { na: 'out of scope' })).toMatchObject({ method: 'na', score: null });
  });

  it('counts practice-level evidence or sources for every answer', () => {
    const s = scorePractice(practice('e'), engagementWith().practices.practices.e);
    expect(s.confidence).toBe(1);
  });
});

describe('gapOf (docs/formulas.md, Gap)', () => {
  it('counts what is missing at the levels up to the target; work above it never offsets a hole below', () => {
    expect(gapOf([1, 0.5, 0.5, 0, 0], 3)).toBe(1); // score 2, level 3: target − score would say 1 too
    expect(gapOf([1, 0.5, 1, 1, 1], 3)).toBe(0.5); // score 4.5 above a target of 3, yet level 2 is half missing
    expect(gapOf([1, 1, 1, 0, 0], 3)).toBe(0);
    expect(gapOf([0, 0, 0, 0, 0], 0)).toBe(0);
  });

  it('counts a fractional target’s last level in proportion', () => {
    // ⌊2.5⌋ = 2: (1 − 1) + (1 − .5) = .5, plus .5 × (1 − .25) = .375
    expect(gapOf([1, 0.5, 0.25, 0, 0], 2.5)).toBeCloseTo(0.875, 12);
  });

  it('equals max(0, T − r) for a rating', () => {
    expect(gapOf(ratingLevelScores(2), 4)).toBe(2);
    expect(gapOf(ratingLevelScores(4), 3)).toBe(0);
    expect(gapOf(ratingLevelScores(2), 2.5)).toBeCloseTo(0.5, 12);
  });
});

describe('weightedMean', () => {
  it('skips nulls and returns null without weight', () => {
    expect(
      weightedMean([
        { value: 1, weight: 1 },
        { value: null, weight: 5 },
        { value: 4, weight: 2 },
      ]),
    ).toBe(3);
    expect(weightedMean([{ value: null, weight: 1 }])).toBeNull();
    expect(weightedMean([])).toBeNull();
  });

  it('weighs subnormal weights in their true proportions and stays within its values', () => {
    // One weight of 5e-324 (the smallest double): the mean is that value, not 5e-324 × 2.75 rounded (which read 3).
    expect(weightedMean([{ value: 2.75, weight: 5e-324 }])).toBe(2.75);
    expect(
      weightedMean([
        { value: 2.75, weight: 5e-324 },
        { value: 2, weight: 0 },
      ]),
    ).toBe(2.75);
    // 1e-323 is twice 5e-324: (2 × 2 + 2.75 × 1) / 3 = 2.25 (it read 2.33).
    expect(
      weightedMean([
        { value: 2, weight: 1e-323 },
        { value: 2.75, weight: 5e-324 },
      ]),
    ).toBe(2.25);
    // The largest weight allowed beside a subnormal one: the subnormal one counts for nothing that a double can hold.
    expect(
      weightedMean([
        { value: 1, weight: 1000 },
        { value: 5, weight: 5e-324 },
      ]),
    ).toBe(1);
    // -0 weighs nothing; the same value everywhere is that value exactly, whatever the weights.
    expect(
      weightedMean([
        { value: 4, weight: -0 },
        { value: 1.1, weight: 3 },
      ]),
    ).toBe(1.1);
    expect(weightedMean([0.1, 0.7, 3, 1e-300].map((weight) => ({ value: 0.1, weight })))).toBe(0.1);
    expect(weightedMean([{ value: 3, weight: -0 }])).toBeNull();
  });
});

describe('assess (docs/formulas.md, perspectives and overall)', () => {
  const a = assess(engagementWith());
  const byId = Object.fromEntries(a.practices.map((p) => [p.id, p]));

  it('computes targets, gaps and what is in place per practice, never negative', () => {
    // a: m = 1, .375, 1 (all na: n/a), 1, 0; score 2.75 (n/a counts as level 2); target 4: gap = 0 + .625 + 0 + 0
    expect(byId.a).toMatchObject({ target: 4, assessed: true, na_levels: [3] });
    expect(byId.a!.gap).toBeCloseTo(0.625, 12);
    expect(byId.a!.in_place).toBeCloseTo(3.375, 12);
    expect(byId.b).toMatchObject({ score: 2, target: 3, gap: 1 });
    expect(byId.e).toMatchObject({ score: 5, target: 3, gap: 0 }); // overachievement does not offset
    expect(byId.c).toMatchObject({ assessed: false, na: false, target: 3, gap: null });
    expect(byId.d).toMatchObject({ assessed: false, na: true, target: null, gap: null });
  });

  it('weights practices within a perspective by the model weight', () => {
    // process: a (w 2, 2.75, T 4, G .625) and b (w 1, 2, T 3, G 1)
    expect(a.perspectives.process.score).toBeCloseTo((2 * 2.75 + 2) / 3, 12);
    expect(a.perspectives.process.target).toBeCloseTo(11 / 3, 12);
    expect(a.perspectives.process.gap).toBeCloseTo(0.75, 12);
    // people: c not assessed, so only e
    expect(a.perspectives.people).toMatchObject({ score: 5, target: 3, gap: 0, practices: ['c', 'e'] });
    // technology: only an na practice -> no data; organization, integration: no practices
    expect(a.perspectives.technology.score).toBeNull();
    expect(a.perspectives.organization).toMatchObject({ score: null, target: null, gap: null, practices: [] });
  });

  it('weights perspectives by relm.yaml weights; percent_to_target = 1 − G/T of the overall figures shown', () => {
    const process = (2 * 2.75 + 2) / 3;
    expect(a.overall.score).toBeCloseTo((5 + 2 * process) / 3, 12);
    expect(a.overall.target).toBeCloseTo((3 + 2 * (11 / 3)) / 3, 12);
    expect(a.overall.gap).toBeCloseTo((0 + 2 * 0.75) / 3, 12);
    // G = 0.5, T = (3 + 22/3) / 3 = 31/9: 1 − 4.5/31
    expect(a.overall.percent_to_target).toBeCloseTo(1 - 4.5 / 31, 12);
    expect(a.overall.percent_to_target).toBeCloseTo(1 - a.overall.gap! / a.overall.target!, 12);
    expect(a.overall.weakest).toBe('process');
  });

  it('gives a tie for weakest to the first perspective in the schema order', () => {
    const per = assessPerspectives([
      { id: 'x', perspective: 'technology', weight: 1, assessed: true, score: 2, target: 3, gap: 1 },
      { id: 'y', perspective: 'process', weight: 1, assessed: true, score: 2, target: 3, gap: 1 },
    ] as PracticeResult[]);
    expect(assessOverall(per, []).weakest).toBe('process');
  });

  it('reports no percent_to_target (null, never 100 %) when nothing has a target', () => {
    const e = engagementWith({ target: { targets: {} } });
    const r = assess(e);
    expect(r.overall.percent_to_target).toBeNull();
    expect(r.overall.target).toBeNull();
    expect(r.practices.every((p) => p.gap === null)).toBe(true);
  });

  it('says nothing is assessed, with no score, when no practice has an answer or a rating', () => {
    const e = engagementWith({ practices: { practices: { a: { answers: { 'a-1a': null } }, b: {}, c: { answers: null } } } });
    const r = assess(e);
    expect(r.overall).toEqual({ score: null, target: null, gap: null, percent_to_target: null, weakest: null });
    expect(r.summary).toMatchObject({ practices: 5, assessed: 0, not_assessed: 5, largest_gaps: [], weakest: [] });
    expect(r.recommendations).toEqual([]);
    expect(r.first_steps).toEqual([]);
  });

  it('is deterministic, and sections whose file is absent are null', () => {
    expect(JSON.stringify(assess(engagementWith()))).toBe(JSON.stringify(assess(engagementWith())));
    expect(a).toMatchObject({ backlog: null, releases: null, training: null });
  });
});
