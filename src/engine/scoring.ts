import type { AnswerDetail, AnswerValue, Answer, PracticeState } from '../engagement/types.js';
import type { Practice } from '../model/types.js';

/** Answer values of docs/formulas.md (OWASP SAMM's scale); `na` is left out. */
export const ANSWER_VALUES: Record<Exclude<AnswerValue, 'na'>, number> = { none: 0, some: 0.25, half: 0.5, most: 1 };

export function answerValue(a: Answer | undefined): AnswerValue | null {
  if (a === undefined || a === null) return null;
  return typeof a === 'string' ? a : a.answer;
}

/** Each criterion of a practice with its level and answer value (0..1; unanswered 0; null: `na`), as the recommendations read them. */
export function criterionStates(practice: Practice, state: PracticeState | null | undefined): { id: string; level: number; value: number | null }[] {
  const answers = state?.answers ?? {};
  return practice.criteria.map((c) => {
    const v = answerValue(answers[c.id]);
    return { id: c.id, level: c.level, value: v === 'na' ? null : v === null ? 0 : ANSWER_VALUES[v] };
  });
}

export interface PracticeScore {
  method: 'answers' | 'rating' | 'na' | 'not-assessed';
  score: number | null;
  level: number | null;
  /** m_1..m_5 as the gap reads them (a level that does not apply counts 1: nothing missing there); for a rating, 1 up to the rating and 0 above. */
  levelScores: number[] | null;
  /** The levels whose criteria are all `na`: they "do not apply" and are shown as n/a, never as 100 %. */
  naLevels: number[];
  coverage: number;
  confidence: number;
}

/** What the respondents of responses/ say about one criterion (engine/reconcile.ts computes it). */
export interface CriterionSupport {
  /** Respondents who answered the criterion. */
  respondents: number;
  /** Those within one scale step of the consensus in practices.yaml (all of them after a workshop decision). */
  agreeing: number;
  /** The respondents disagree (a spread of two steps or more) and no workshop has settled it. */
  open: boolean;
}

/** This many respondents agreeing with the consensus make a criterion fully supported. */
export const FULL_SUPPORT_RESPONDENTS = 3;

/**
 * How well the respondents support a criterion's consensus, 0..1: cited documents count in full, else each
 * agreeing respondent a third (three agreeing respondents are stronger than one); an open disagreement halves it.
 */
export function respondentSupport(s: CriterionSupport, documented: boolean): number {
  const base = documented ? 1 : Math.min(1, s.agreeing / FULL_SUPPORT_RESPONDENTS);
  return s.open ? base / 2 : base;
}

/**
 * What one answered criterion adds to its practice's confidence, 0..1: 1 when it (or the practice) cites
 * evidence or an interview source; where respondents answered it, their support instead (respondentSupport).
 */
export function criterionConfidence(state: PracticeState, a: Answer | undefined, support?: CriterionSupport): number {
  const detail = a && typeof a === 'object' ? (a as AnswerDetail) : undefined;
  const docs = (state.evidence?.length ?? 0) > 0 || (detail?.evidence?.length ?? 0) > 0;
  if (support && support.respondents > 0) return respondentSupport(support, docs);
  return docs || (state.sources?.length ?? 0) > 0 || (detail?.sources?.length ?? 0) > 0 ? 1 : 0;
}

/**
 * What each level counts for the score and the level (docs/formulas.md): a level that does not apply (all its criteria
 * `na`, or none at all) counts as much as the level below it (level 1: 1), so it neither lifts a practice above
 * the levels really in place nor blocks it. Example: m = 1, 1, 0.25, n/a, 0 → 1, 1, 0.25, 0.25, 0 (score 2.5,
 * level 2). The gap and the recommendations read m_l itself, where such a level counts 1: nothing to do there.
 */
export function countedLevelScores(levelScores: readonly number[], naLevels: readonly number[]): number[] {
  const out: number[] = [];
  levelScores.forEach((m, i) => out.push(naLevels.includes(i + 1) ? (i === 0 ? 1 : out[i - 1]!) : m));
  return out;
}

const NOT_SCORED = { score: null, level: null, levelScores: null, naLevels: [], coverage: 0, confidence: 0 } as const;

/** m_l for a quick rating r: 1 for the levels up to r, the fraction of level ⌈r⌉ for a fractional r, 0 above. */
export function ratingLevelScores(r: number): number[] {
  return [1, 2, 3, 4, 5].map((l) => Math.max(0, Math.min(1, r - (l - 1))));
}

/**
 * Scores one practice (docs/formulas.md). For each level l, m_l is the mean value of its criteria (na
 * left out, unanswered counting 0, 1 when every criterion is na); the score is Σ m'_l and the level the largest L
 * with m'_l ≥ 0.5 for every l ≤ L, where m' counts a level that does not apply as the level below
 * (countedLevelScores). A practice is assessed when it has a rating or at least one
 * criterion answered (na counts); an `answers` map with nothing answered falls back to a rating beside
 * it, else the practice is not assessed. A rating alone gives score = level = rating. Confidence is the
 * share of the answered criteria backed by evidence or an interview; where respondents answered a criterion
 * (`support`, from responses/), their number and agreement decide instead (respondentSupport).
 */
export function scorePractice(practice: Practice, state: PracticeState | null | undefined, support?: ReadonlyMap<string, CriterionSupport>): PracticeScore {
  const s = state ?? {};
  const practiceCited = (s.evidence?.length ?? 0) > 0 || (s.sources?.length ?? 0) > 0;
  if (s.na !== undefined) return { method: 'na', ...NOT_SCORED, naLevels: [] };
  const answers = s.answers ?? {};
  const anyAnswered = practice.criteria.some((c) => answerValue(answers[c.id]) !== null);
  if (!anyAnswered) {
    if (s.rating === undefined) return { method: 'not-assessed', ...NOT_SCORED, naLevels: [] };
    return {
      method: 'rating',
      score: s.rating,
      level: Math.floor(s.rating),
      levelScores: ratingLevelScores(s.rating),
      naLevels: [],
      coverage: 0,
      confidence: practiceCited ? 1 : 0,
    };
  }
  const levelScores: number[] = [];
  const naLevels: number[] = [];
  let answered = 0;
  let cited = 0;
  for (let l = 1; l <= 5; l++) {
    let sum = 0;
    let n = 0;
    for (const c of practice.criteria) {
      if (c.level !== l) continue;
      const a = answers[c.id];
      const v = answerValue(a);
      if (v !== null) {
        answered++;
        cited += criterionConfidence(s, a, support?.get(c.id));
      }
      if (v === 'na') continue;
      sum += v === null ? 0 : ANSWER_VALUES[v];
      n++;
    }
    if (n === 0) naLevels.push(l);
    levelScores.push(n === 0 ? 1 : sum / n);
  }
  const counted = countedLevelScores(levelScores, naLevels);
  const score = counted.reduce((a, b) => a + b, 0);
  let level = 0;
  while (level < 5 && counted[level]! >= 0.5) level++;
  const total = practice.criteria.length;
  return {
    method: 'answers',
    score,
    level,
    levelScores,
    naLevels,
    coverage: total === 0 ? 0 : answered / total,
    confidence: answered === 0 ? 0 : cited / answered,
  };
}

/**
 * The gap (docs/formulas.md): what is missing at the levels up to the target, G = Σ_{l ≤ T} (1 − m_l), a
 * fractional target counting its last level in proportion. Work above the target never offsets a hole
 * below it. For a rating r: max(0, T − r).
 */
export function gapOf(levelScores: readonly number[], target: number): number {
  const whole = Math.floor(target);
  let g = 0;
  for (let l = 1; l <= whole && l <= 5; l++) g += 1 - levelScores[l - 1]!;
  const frac = target - whole;
  if (frac > 0 && whole < 5) g += frac * (1 - levelScores[whole]!);
  // Sums of binary fractions are exact here, but guard against -0 and tiny negatives all the same.
  return g <= 1e-12 ? 0 : g;
}

/**
 * Weighted mean of the values that are not null; null when none has weight. The weights are first scaled by one
 * power of two so that the largest is between 1 and 2: exact, so ordinary weights give the same bits as without
 * it, while weights as small as 5e-324 (subnormal numbers, whose products with a score lose their precision and
 * gave an overall score of 3 for a single perspective at 2.75) weigh in their true proportions. A weighted mean
 * lies between the least and the greatest of its values: the result is held there against rounding.
 */
export function weightedMean(pairs: readonly { value: number | null; weight: number }[]): number | null {
  let max = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { value, weight } of pairs) {
    if (value === null || !(weight > 0)) continue;
    if (weight > max) max = weight;
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  if (max === 0) return null;
  const shift = -Math.floor(Math.log2(max));
  let num = 0;
  let den = 0;
  for (const { value, weight } of pairs) {
    if (value === null || !(weight > 0)) continue;
    const w = timesPowerOfTwo(weight, shift);
    num += w * value;
    den += w;
  }
  return Math.min(hi, Math.max(lo, num / den));
}

/** x · 2^n, exactly (in steps, since 2^1074 itself is beyond a double's range). */
function timesPowerOfTwo(x: number, n: number): number {
  let r = x;
  for (let left = n; left !== 0; ) {
    const step = Math.max(-1000, Math.min(1000, left));
    r *= 2 ** step;
    left -= step;
  }
  return r;
}

/**
 * Status colour of a practice or perspective (docs/formulas.md): green when the gap is 0, amber when at most one
 * level's worth is missing (0 < G ≤ 1), red above; none when it is not assessed or has no target.
 */
export function ragOf(gap: number | null, assessed = true): 'green' | 'amber' | 'red' | 'none' {
  if (!assessed || gap === null) return 'none';
  return gap === 0 ? 'green' : gap <= 1 ? 'amber' : 'red';
}
