/**
 * Why a practice scores what it scores: the calculation trace of docs/formulas.md for one practice, built from
 * the figures the engine itself computes (assess, scoring, recommendations), never recomputed here, and a
 * what-if: the answers that would close the gap, and the effect of hypothetical answers on the practice, its
 * perspective, the overall figures and the roadmap. Pure: nothing is read or written.
 */
import type { Answer, AnswerValue, ConsensusDecision, Engagement, EvidenceRef, PracticeState } from '../engagement/types.js';
import type { EvidenceRule, Perspective, Practice } from '../model/types.js';
import { assess, type AssessOptions } from './assess.js';
import { reconcile, type RespondentAnswer } from './reconcile.js';
import { allRecommendations, coveredLevels, isTriggered } from './recommendations.js';
import { ANSWER_VALUES, answerValue, criterionConfidence } from './scoring.js';
import { criterionSupport } from './reconcile.js';
import type { Assessment, EvidenceResult, PracticeResult } from './types.js';
import { percent } from '../util/format.js';

export interface ExplainedCriterion {
  id: string;
  text: string;
  level: number;
  answer: AnswerValue | null;
  /** What it counts in m_l: the answer's value, 0 when unanswered, null when `na` (left out). */
  value: number | null;
  /** Where the answer comes from and what backs it. */
  source: {
    notes: string | null;
    evidence: EvidenceRef[];
    sources: string[];
    decision: ConsensusDecision | null;
    respondents: RespondentAnswer[];
  };
  /** What it adds to the practice's confidence (0..1); null when unanswered. */
  confidence: number | null;
}

export interface ExplainedLevel {
  level: number;
  criteria: ExplainedCriterion[];
  /** m_l. */
  m: number;
  /** false when every criterion of the level is `na`: it does not apply (m_l = 1, shown as n/a). */
  applies: boolean;
  /** The level counts in the gap (l ≤ ⌈T⌉), and what it leaves missing there (its share for a fractional target). */
  up_to_target: boolean;
  missing: number;
}

export interface ExplainedRecommendation {
  id: string;
  title: string;
  level: number;
  covers: number[];
  triggered: boolean;
  /** Why it is triggered or not, in terms of the levels it covers. */
  why: string;
  priority: number | null;
  bucket: string | null;
  rank: number | null;
  phase: string | null;
}

export interface AnswerChange {
  criterion: string;
  level: number;
  from: AnswerValue | null;
  to: AnswerValue;
}

export interface Figures {
  score: number | null;
  level: number | null;
  gap: number | null;
  in_place: number | null;
  coverage: number;
  confidence: number;
}

export interface SetEffect {
  changes: AnswerChange[];
  practice: { before: Figures; after: Figures };
  perspective: { id: Perspective; before: { score: number | null; gap: number | null }; after: { score: number | null; gap: number | null } };
  overall: { before: Assessment['overall']; after: Assessment['overall'] };
  roadmap: {
    /** Recommendations triggered only with the hypothetical answers, and no longer triggered with them. */
    added: string[];
    removed: string[];
    /** Recommendations whose phase changes (null: unscheduled). */
    moved: { id: string; from: string | null; to: string | null }[];
    first_steps: { before: string[]; after: string[] };
    total_days: { before: number; after: number };
    requirements: { id: string; before: string; after: string }[];
  };
}

export interface Explanation {
  practice: { id: string; name: string; perspective: Perspective; weight: number; method: PracticeResult['method']; na: string | null };
  /** What backs every answer of the practice (its own evidence and sources), or null. */
  practice_backing: string | null;
  /** The practice's entry of assessment.json, as `relm assess --json` gives it. */
  figures: PracticeResult;
  rating: number | null;
  levels: ExplainedLevel[];
  score: number | null;
  level: number | null;
  /** Why the level is what it is. */
  level_why: string;
  target: number | null;
  target_from: 'practice' | 'default' | null;
  gap: number | null;
  in_place: number | null;
  coverage: number;
  confidence: number;
  answered: number;
  recommendations: ExplainedRecommendation[];
  evidence: EvidenceResult[];
  /** Evidence rules that do not apply yet: they start above the practice's level. */
  evidence_later: (EvidenceRule & { from_level: number })[];
  perspective: { id: Perspective; score: number | null; target: number | null; gap: number | null };
  what_if: {
    /** The fewest answer changes that bring the gap to 0: every criterion up to the target fully in place (lower levels first). */
    close_gap: AnswerChange[];
    /** The fewest answer changes that lift the level to the target (each level up to it at least half in place; lower levels first). */
    reach_level: AnswerChange[];
  };
  set: SetEffect | null;
}

export interface ExplainOptions extends AssessOptions {
  /** Hypothetical answers: criterion id -> answer. */
  set?: Record<string, AnswerValue>;
}

function figuresOf(p: PracticeResult): Figures {
  return { score: p.score, level: p.level, gap: p.gap, in_place: p.in_place, coverage: p.coverage, confidence: p.confidence };
}

const levelList = (levels: readonly number[]) => (levels.length === 1 ? `level ${levels[0]}` : `levels ${levels[0]}–${levels[levels.length - 1]}`);
const pctText = (m: number) => percent(m, { spaced: true });

/** Why a recommendation is triggered or not (docs/formulas.md: some covered level l ≤ ⌈T⌉ with m_l < 1). */
function whyTriggered(p: PracticeResult, covers: number[], triggered: boolean): string {
  if (!p.assessed) return p.na ? 'the practice does not apply' : 'the practice is not assessed';
  if (p.target === null) return 'the practice has no target';
  const top = Math.ceil(p.target);
  const within = covers.filter((l) => l <= top);
  if (!within.length) return `it covers ${levelList(covers)}, above the target ${p.target}`;
  const short = within.filter((l) => p.level_scores![l - 1]! < 1);
  if (triggered)
    return `it covers ${levelList(covers)}, and ${short.map((l) => `level ${l} is at ${pctText(p.level_scores![l - 1]!)}`).join(', ')} (< 100 %)${within.length < covers.length ? `; the levels above ${top} are beyond the target` : ''}`;
  return `${levelList(within)}, which it covers up to the target, ${within.length === 1 ? 'is' : 'are'} fully in place`;
}

/** The what-if: criteria to change (to `most`), lower levels first, then the model's order. */
function closeGap(practice: Practice, answers: Record<string, Answer>, target: number): AnswerChange[] {
  const top = Math.min(5, Math.ceil(target));
  const out: AnswerChange[] = [];
  for (let l = 1; l <= top; l++) {
    for (const c of practice.criteria) {
      if (c.level !== l) continue;
      const v = answerValue(answers[c.id] ?? null);
      if (v !== 'most' && v !== 'na') out.push({ criterion: c.id, level: l, from: v, to: 'most' });
    }
  }
  return out;
}

/** The fewest changes (each to `most`, the lowest answers first) that put every level up to the target at least half in place. */
function reachLevel(practice: Practice, answers: Record<string, Answer>, target: number): AnswerChange[] {
  const top = Math.min(5, Math.ceil(target));
  const out: AnswerChange[] = [];
  for (let l = 1; l <= top; l++) {
    const own = practice.criteria
      .filter((c) => c.level === l)
      .map((c, i) => ({ c, i, v: answerValue(answers[c.id] ?? null) }))
      .filter((x) => x.v !== 'na');
    if (!own.length) continue;
    const value = (v: AnswerValue | null) => (v === null || v === 'na' ? 0 : ANSWER_VALUES[v]);
    let sum = own.reduce((t, x) => t + value(x.v), 0);
    // The lowest answers gain the most from `most`; equal ones go in the model's order.
    const candidates = own.filter((x) => x.v !== 'most').sort((a, b) => value(a.v) - value(b.v) || a.i - b.i);
    for (const x of candidates) {
      if (sum >= own.length / 2) break;
      sum += 1 - value(x.v);
      out.push({ criterion: x.c.id, level: l, from: x.v, to: 'most' });
    }
  }
  return out;
}

/** The engagement with hypothetical answers for one practice (a copy: the original is left as it is). */
export function withAnswers(e: Engagement, practiceId: string, set: Record<string, AnswerValue>): Engagement {
  const state: PracticeState = { ...(e.practices.practices[practiceId] ?? {}) };
  const answers: Record<string, Answer> = { ...(state.answers ?? {}) };
  for (const [cid, v] of Object.entries(set)) {
    const cur = answers[cid];
    answers[cid] = cur && typeof cur === 'object' ? { ...cur, answer: v } : v;
  }
  state.answers = answers;
  return { ...e, practices: { ...e.practices, practices: { ...e.practices.practices, [practiceId]: state } } };
}

function setEffect(before: Assessment, after: Assessment, practiceId: string, changes: AnswerChange[]): SetEffect {
  const pb = before.practices.find((p) => p.id === practiceId)!;
  const pa = after.practices.find((p) => p.id === practiceId)!;
  const k = pb.perspective;
  const phase = (a: Assessment) => new Map(a.recommendations.map((r) => [r.id, r.phase]));
  const b = phase(before);
  const a = phase(after);
  const reqs = new Map(before.requirements.map((r) => [r.id, r.status]));
  return {
    changes,
    practice: { before: figuresOf(pb), after: figuresOf(pa) },
    perspective: {
      id: k,
      before: { score: before.perspectives[k].score, gap: before.perspectives[k].gap },
      after: { score: after.perspectives[k].score, gap: after.perspectives[k].gap },
    },
    overall: { before: before.overall, after: after.overall },
    roadmap: {
      added: [...a.keys()].filter((id) => !b.has(id)),
      removed: [...b.keys()].filter((id) => !a.has(id)),
      moved: [...a.entries()].filter(([id, ph]) => b.has(id) && b.get(id) !== ph).map(([id, ph]) => ({ id, from: b.get(id)!, to: ph })),
      first_steps: { before: before.first_steps, after: after.first_steps },
      total_days: { before: before.roadmap.total_days, after: after.roadmap.total_days },
      requirements: after.requirements.filter((r) => reqs.get(r.id) !== r.status).map((r) => ({ id: r.id, before: reqs.get(r.id) ?? 'none', after: r.status })),
    },
  };
}

/**
 * The calculation trace of one practice. `assessment` is the engagement's assessment when the caller has
 * it already (else it is computed); with `set`, the engagement is assessed again with those answers.
 */
export function explainPractice(e: Engagement, practiceId: string, opts: ExplainOptions = {}, assessment: Assessment = assess(e, opts)): Explanation {
  const practice = e.model.practices.find((p) => p.id === practiceId);
  if (!practice) throw new Error(`no practice "${practiceId}" in the model`);
  const p = assessment.practices.find((x) => x.id === practiceId)!;
  const state = e.practices.practices[practiceId] ?? {};
  const answers = state.answers ?? {};
  const consensus = assessment.consensus === undefined ? reconcile(e.model, e.practices, e.responses) : assessment.consensus;
  const support = criterionSupport(consensus);
  const byCriterion = new Map((consensus?.criteria ?? []).map((c) => [c.criterion, c]));
  const top = p.target === null ? 0 : Math.ceil(p.target);
  const scored = p.method === 'answers';

  const levels: ExplainedLevel[] = [1, 2, 3, 4, 5].map((l) => {
    const criteria = practice.criteria
      .filter((c) => c.level === l)
      .map((c): ExplainedCriterion => {
        const a = answers[c.id];
        const v = scored ? answerValue(a ?? null) : null;
        const detail = a && typeof a === 'object' ? a : null;
        return {
          id: c.id,
          text: c.text,
          level: l,
          answer: v,
          value: v === 'na' ? null : v === null ? 0 : ANSWER_VALUES[v],
          source: {
            notes: detail?.notes ?? null,
            evidence: detail?.evidence ?? [],
            sources: detail?.sources ?? [],
            decision: detail?.decision ?? null,
            respondents: byCriterion.get(c.id)?.answers ?? [],
          },
          confidence: v === null ? null : criterionConfidence(state, a, support.get(c.id)),
        };
      });
    const m = p.level_scores ? p.level_scores[l - 1]! : 0;
    const frac = p.target === null ? 0 : l === Math.floor(p.target) + 1 ? p.target - Math.floor(p.target) : l <= p.target ? 1 : 0;
    return {
      level: l,
      criteria,
      m,
      applies: !p.na_levels.includes(l),
      up_to_target: p.target !== null && l <= top,
      missing: p.level_scores ? frac * (1 - m) : 0,
    };
  });

  let levelWhy: string;
  if (!p.assessed) levelWhy = p.na ? 'the practice does not apply' : 'the practice is not assessed: no criterion answered and no rating';
  else if (p.method === 'rating') levelWhy = `the quick rating ${state.rating}: m_l is 1 up to it and 0 above`;
  else if (p.level === 5) levelWhy = 'every level is at least half in place (m_l ≥ 0.5)';
  else
    levelWhy = `${p.level === 1 ? 'level 1 is at least half in place, and ' : p.level ? `levels 1–${p.level} are at least half in place, and ` : ''}level ${p.level! + 1} is at ${pctText(p.level_scores![p.level!]!)} (< 50 %)`;

  const recs = allRecommendations(e).filter((r) => r.practice === practiceId);
  const ladder = recs.map((r) => r.level);
  const triggered = new Map(assessment.recommendations.filter((r) => r.practice === practiceId).map((r) => [r.id, r]));
  const recommendations = recs
    .map((r): ExplainedRecommendation => {
      const t = triggered.get(r.id);
      const covers = coveredLevels(r.level, ladder);
      const on = isTriggered(p, r.level, ladder);
      return {
        id: r.id,
        title: r.title,
        level: r.level,
        covers,
        triggered: on,
        why: whyTriggered(p, covers, on),
        priority: t?.priority ?? null,
        bucket: t?.bucket ?? null,
        rank: t?.rank ?? null,
        phase: t?.phase ?? null,
      };
    })
    .sort((a, b) => a.level - b.level || (a.id < b.id ? -1 : 1));

  const rules = practice.evidence ?? [];
  const answered = practice.criteria.filter((c) => scored && answerValue(answers[c.id] ?? null) !== null).length;
  const changesFor = (f: typeof closeGap) => (p.target === null || p.na ? [] : f(practice, scored ? answers : {}, p.target));
  const explanation: Explanation = {
    practice: { id: practice.id, name: practice.name, perspective: practice.perspective, weight: p.weight, method: p.method, na: state.na ?? null },
    practice_backing: practiceBacking(state),
    figures: p,
    rating: state.rating ?? null,
    levels,
    score: p.score,
    level: p.level,
    level_why: levelWhy,
    target: p.target,
    target_from: p.target === null ? null : e.target.targets[practiceId] !== undefined ? 'practice' : 'default',
    gap: p.gap,
    in_place: p.in_place,
    coverage: p.coverage,
    confidence: p.confidence,
    answered,
    recommendations,
    evidence: p.evidence,
    evidence_later: p.level === null ? [] : rules.filter((r) => r.from_level > p.level!),
    perspective: { id: p.perspective, ...pick(assessment.perspectives[p.perspective]) },
    what_if: { close_gap: changesFor(closeGap), reach_level: changesFor(reachLevel) },
    set: null,
  };
  if (opts.set && Object.keys(opts.set).length) {
    const changes = practice.criteria
      .filter((c) => opts.set![c.id] !== undefined)
      .map((c) => ({ criterion: c.id, level: c.level, from: scored ? answerValue(answers[c.id] ?? null) : null, to: opts.set![c.id]! }));
    const after = assess(withAnswers(e, practiceId, opts.set), opts);
    explanation.set = setEffect(assessment, after, practiceId, changes);
  }
  return explanation;
}

function practiceBacking(s: PracticeState): string | null {
  const bits = [
    (s.sources ?? []).length ? `practice sources ${s.sources!.join(', ')}` : '',
    (s.evidence ?? []).length ? `practice evidence: ${s.evidence!.map((e) => e.title).join('; ')}` : '',
  ].filter(Boolean);
  return bits.length ? bits.join(' · ') : null;
}

function pick(k: { score: number | null; target: number | null; gap: number | null }) {
  return { score: k.score, target: k.target, gap: k.gap };
}
