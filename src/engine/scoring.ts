import type { AnswerDetail, AnswerValue, Answer, PracticeState } from '../engagement/types.js';
import type { Practice } from '../model/types.js';

/** Answer values of DESIGN §3 (OWASP SAMM's scale); `na` is left out. */
export const ANSWER_VALUES: Record<Exclude<AnswerValue, 'na'>, number> = { none: 0, some: 0.25, half: 0.5, most: 1 };

export function answerValue(a: Answer | undefined): AnswerValue | null {
  if (a === undefined || a === null) return null;
  return typeof a === 'string' ? a : a.answer;
}

export interface PracticeScore {
  method: 'answers' | 'rating' | 'na' | 'not-assessed';
  score: number | null;
  level: number | null;
  levelScores: number[] | null;
  coverage: number;
  confidence: number;
}

/**
 * Scores one practice (DESIGN §3). For each level l, m_l is the mean value of its criteria (na left
 * out, unanswered counting 0, 1 when every criterion is na); the score is Σ m_l and the level the
 * largest L with m_l ≥ 0.5 for every l ≤ L. A rating alone gives score = level = rating.
 */
export function scorePractice(practice: Practice, state: PracticeState | null | undefined): PracticeScore {
  const s = state ?? {};
  const practiceCited = (s.evidence?.length ?? 0) > 0 || (s.sources?.length ?? 0) > 0;
  if (s.na !== undefined) return { method: 'na', score: null, level: null, levelScores: null, coverage: 0, confidence: 0 };
  if (s.answers === undefined) {
    if (s.rating === undefined) return { method: 'not-assessed', score: null, level: null, levelScores: null, coverage: 0, confidence: 0 };
    return { method: 'rating', score: s.rating, level: s.rating, levelScores: null, coverage: 0, confidence: practiceCited ? 1 : 0 };
  }
  const answers = s.answers ?? {};
  const levelScores: number[] = [];
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
        const detail = typeof a === 'object' ? (a as AnswerDetail) : undefined;
        if (practiceCited || (detail?.evidence?.length ?? 0) > 0 || (detail?.sources?.length ?? 0) > 0) cited++;
      }
      if (v === 'na') continue;
      sum += v === null ? 0 : ANSWER_VALUES[v];
      n++;
    }
    levelScores.push(n === 0 ? 1 : sum / n);
  }
  const score = levelScores.reduce((a, b) => a + b, 0);
  let level = 0;
  while (level < 5 && levelScores[level]! >= 0.5) level++;
  const total = practice.criteria.length;
  return {
    method: 'answers',
    score,
    level,
    levelScores,
    coverage: total === 0 ? 0 : answered / total,
    confidence: answered === 0 ? 0 : cited / answered,
  };
}

/** Weighted mean of the values that are not null; null when none has weight. */
export function weightedMean(pairs: readonly { value: number | null; weight: number }[]): number | null {
  let num = 0;
  let den = 0;
  for (const { value, weight } of pairs) {
    if (value === null) continue;
    num += weight * value;
    den += weight;
  }
  return den === 0 ? null : num / den;
}
