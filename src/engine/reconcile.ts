import type { Answer, AnswerValue, ConsensusDecision, PracticesFile, Responses } from '../engagement/types.js';
import type { Model } from '../model/types.js';
import { answerValue, type CriterionSupport } from './scoring.js';
import type * as Doc from '../schema-types/assessment.js';
import { maxOf, minOf } from '../util/arrays.js';

/** The answer scale in steps (docs/formulas.md): none 0, some 1, half 2, most 3. `na` is off the scale. */
export const SCALE = ['none', 'some', 'half', 'most'] as const;
type ScaleAnswer = (typeof SCALE)[number];

/** Two answers this many scale steps apart (or more) are a disagreement. */
export const DISAGREEMENT_STEPS = 2;

export function stepOf(a: AnswerValue): number | null {
  return a === 'na' ? null : SCALE.indexOf(a as ScaleAnswer);
}

/** What the respondents of responses/ say, criterion by criterion (the `consensus` section of assessment.json). */
export type Consensus = Doc.Consensus;
export type RespondentSummary = Consensus['respondents'][number];
export type ReconciledCriterion = Consensus['criteria'][number];
export type RespondentAnswer = ReconciledCriterion['answers'][number];

/** The median answer of a criterion: na when more than half say na, else the median step of the others, ties to the lower. */
export function proposalOf(answers: readonly AnswerValue[]): AnswerValue {
  const na = answers.filter((a) => a === 'na').length;
  if (na * 2 > answers.length) return 'na';
  const steps = answers
    .map(stepOf)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  return SCALE[steps[Math.floor((steps.length - 1) / 2)]!]!;
}

/** Scale steps between the lowest and the highest answer (na left out; 0 with fewer than two). */
export function spreadOf(answers: readonly AnswerValue[]): number {
  const steps = answers.map(stepOf).filter((s): s is number => s !== null);
  return steps.length < 2 ? 0 : maxOf(steps) - minOf(steps);
}

function agrees(a: AnswerValue, consensus: AnswerValue): boolean {
  const x = stepOf(a);
  const y = stepOf(consensus);
  return x === null || y === null ? a === consensus : Math.abs(x - y) <= 1;
}

function detail(a: Answer | undefined) {
  return a && typeof a === 'object' ? a : null;
}

/**
 * Reconciles the respondents' answers (responses/*.yaml) with the consensus in practices.yaml, criterion
 * by criterion: each respondent's answer, the spread in scale steps, the proposed consensus (the median,
 * ties to the lower), and whether the respondents disagree (a spread of two steps or more). Null when
 * no respondent has answered. Pure.
 */
export function reconcile(model: Model, practices: PracticesFile, responses: readonly Responses[] = []): Consensus | null {
  if (!responses.length) return null;
  const ordered = [...responses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const criteria: ReconciledCriterion[] = [];
  for (const p of model.practices) {
    const state = practices.practices[p.id] ?? {};
    for (const c of p.criteria) {
      const answers: RespondentAnswer[] = [];
      for (const r of ordered) {
        const a = r.answers[p.id]?.[c.id];
        const v = answerValue(a ?? null);
        if (v === null) continue;
        const d = detail(a);
        answers.push({ respondent: r.id, answer: v, notes: d?.notes ?? null, evidence: d?.evidence ?? [] });
      }
      if (!answers.length) continue;
      const values = answers.map((a) => a.answer);
      const spread = spreadOf(values);
      const naSplit = values.includes('na') && values.some((v) => v !== 'na');
      const disagreement = spread >= DISAGREEMENT_STEPS || naSplit;
      const proposal = proposalOf(values);
      const current = state.answers?.[c.id];
      const consensus = answerValue(current ?? null);
      const decision = detail(current)?.decision ?? null;
      const status = decision ? 'decided' : consensus === null ? 'pending' : consensus === proposal ? 'accepted' : 'differs';
      criteria.push({
        criterion: c.id,
        practice: p.id,
        level: c.level,
        text: c.text,
        answers,
        spread,
        na_split: naSplit,
        disagreement,
        proposal,
        consensus,
        consensus_sources: detail(current)?.sources ?? [],
        decision,
        status,
        agreeing: consensus === null ? 0 : decision ? answers.length : values.filter((v) => agrees(v, consensus)).length,
        open: disagreement && !decision,
      });
    }
  }
  const practiceOrder = new Map(model.practices.map((p, i) => [p.id, i]));
  const respondents = ordered.map((r): RespondentSummary => {
    const answered = Object.entries(r.answers).filter(([, a]) => Object.values(a ?? {}).some((x) => answerValue(x ?? null) !== null));
    return {
      id: r.id,
      file: r.file,
      name: r.respondent.name,
      role: r.respondent.role ?? null,
      date: r.date,
      answered: answered.reduce((n, [, a]) => n + Object.values(a ?? {}).filter((x) => answerValue(x ?? null) !== null).length, 0),
      practices: answered.map(([pid]) => pid).sort((a, b) => (practiceOrder.get(a) ?? Infinity) - (practiceOrder.get(b) ?? Infinity)),
    };
  });
  return {
    respondents,
    criteria,
    disagreements: criteria.filter((c) => c.disagreement).length,
    open_disagreements: criteria.filter((c) => c.open).length,
    unsettled: criteria.filter((c) => c.status === 'pending' || c.status === 'differs').length,
  };
}

/** Each criterion's support by the respondents, for the confidence of its practice (scoring.ts). */
export function criterionSupport(consensus: Consensus | null): Map<string, CriterionSupport> {
  return new Map((consensus?.criteria ?? []).map((c) => [c.criterion, { respondents: c.answers.length, agreeing: c.agreeing, open: c.open }]));
}

/** One criterion's consensus to write into practices.yaml. */
export interface ConsensusUpdate {
  practice: string;
  criterion: string;
  answer: AnswerValue;
  /** The respondents who answered it: the consensus's sources. */
  sources: string[];
  decision?: ConsensusDecision;
  /** The answer practices.yaml holds now. */
  before: AnswerValue | null;
  how: 'median' | 'workshop';
}

export interface ConsensusSkip {
  criterion: string;
  reason: string;
}

export interface ConsensusPlan {
  updates: ConsensusUpdate[];
  skipped: ConsensusSkip[];
  /** Criteria asked for whose consensus already is the proposal, citing every respondent. */
  unchanged: string[];
}

export interface PlanRequest {
  /** `all`, criterion ids or practice ids: accept the proposal (the median). */
  accept: readonly string[];
  /** Workshop decisions: criterion id -> answer, with the reason. */
  set: Readonly<Record<string, AnswerValue>>;
  because?: string;
  date?: string;
  /** Replace an answer practices.yaml already holds that differs from the proposal, when accepting `all` or a practice. */
  force?: boolean;
}

/**
 * What `relm reconcile --accept / --set` writes. Accepting takes the proposal (the median) with the
 * respondents as sources. Accepting everything (`all`, or a whole practice) leaves alone what needs a person:
 * open disagreements (settle them in a workshop, or name the criterion to take the median), answers the
 * consultant already wrote that differ (unless `force`), and workshop decisions (only a new decision replaces
 * one). Naming a criterion accepts its median even where that replaces the consultant's answer.
 */
export function planConsensus(model: Model, consensus: Consensus | null, req: PlanRequest): ConsensusPlan {
  const criteria = consensus?.criteria ?? [];
  const byId = new Map(criteria.map((c) => [c.criterion, c]));
  const owner = new Map(model.practices.flatMap((p) => p.criteria.map((c) => [c.id, p.id] as const)));
  const updates: ConsensusUpdate[] = [];
  const skipped: ConsensusSkip[] = [];
  const unchanged: string[] = [];
  const named = new Set(req.accept.filter((x) => owner.has(x)));
  const all = req.accept.includes('all');
  const practices = new Set(req.accept.filter((x) => !owner.has(x) && x !== 'all'));
  for (const c of criteria) {
    if (req.set[c.criterion] !== undefined) continue;
    const explicit = named.has(c.criterion);
    if (!explicit && !all && !practices.has(c.practice)) continue;
    const sources = c.answers.map((a) => a.respondent);
    if (c.status === 'accepted' && sources.every((s) => c.consensus_sources.includes(s))) {
      unchanged.push(c.criterion);
      continue;
    }
    if (c.decision) {
      skipped.push({
        criterion: c.criterion,
        reason: `settled in a workshop (${c.decision.because}); only a new decision replaces it: --set ${c.criterion}=ANSWER --because "..."`,
      });
      continue;
    }
    if (c.open && !explicit) {
      skipped.push({
        criterion: c.criterion,
        reason: `the respondents disagree (${c.answers.map((a) => `${a.respondent} ${a.answer}`).join(', ')}): settle it in a workshop with --set ${c.criterion}=ANSWER --because "...", or name it to take the median (${c.proposal})`,
      });
      continue;
    }
    if (c.status === 'differs' && !explicit && !req.force) {
      skipped.push({
        criterion: c.criterion,
        reason: `practices.yaml says ${c.consensus} where the median is ${c.proposal}: name it, or pass --force, to replace it`,
      });
      continue;
    }
    updates.push({ practice: c.practice, criterion: c.criterion, answer: c.proposal, sources, before: c.consensus, how: 'median' });
  }
  for (const [cid, answer] of Object.entries(req.set)) {
    const c = byId.get(cid);
    updates.push({
      practice: owner.get(cid)!,
      criterion: cid,
      answer,
      sources: c ? c.answers.map((a) => a.respondent) : [],
      decision: { because: req.because ?? '', ...(req.date ? { date: req.date } : {}) },
      before: c?.consensus ?? null,
      how: 'workshop',
    });
  }
  const order = new Map(model.practices.flatMap((p) => p.criteria.map((c) => c.id)).map((id, i) => [id, i]));
  updates.sort((a, b) => order.get(a.criterion)! - order.get(b.criterion)!);
  return { updates, skipped, unchanged };
}
