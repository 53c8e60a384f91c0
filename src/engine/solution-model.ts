/**
 * The strategic solution model (the "architecture and design" phase of the engagement): the future state of
 * release management, per perspective and practice, as statements of what will be true at the target level,
 * each marked as already in place or still to be built (and by which recommendation, in which phase); and the
 * links to the other ITSM processes with their current and target figures. Pure: it reads the model, the
 * answers and the computed practices and recommendations.
 */
import type { Engagement } from '../engagement/types.js';
import { PERSPECTIVES, type Model, type Practice } from '../model/types.js';
import { projectPerspectives } from './scenarios.js';
import { ANSWER_VALUES, answerValue, weightedMean } from './scoring.js';
import type { PracticeResult, RecommendationResult } from './types.js';
import type { AssessmentDocument } from '../schema-types/assessment.js';

export type SolutionModel = AssessmentDocument['solution_model'];
export type SolutionPerspective = SolutionModel['perspectives'][number];
export type SolutionPractice = SolutionPerspective['practices'][number];
export type FutureStatement = SolutionPractice['statements'][number];
export type StatementStatus = FutureStatement['status'];
/** A link between release management and another ITSM process, with the practices that carry it. */
export type IntegrationLink = SolutionModel['links'][number];

// Clauses that describe today's shortfall rather than the future state: cut from a criterion's text.
const CONCESSION = /,\s*(?:but|though|although|even though|yet|whereas)\b.*$/i;
const ASIDE = /,\s*(?:at least|even if|even without|if only|mainly|usually|often|sometimes|mostly)\b[^,;]*(?:,|$)/gi;
const HEDGE = /\b(?:usually|often|sometimes|mostly|generally|occasionally|typically)\s+/gi;

/**
 * A criterion's text as a future-state sentence, for models without `future_state` wording: the clauses that
 * concede today's shortfall ("…, but steps differ each time", "…, at least informally, …") and hedges
 * ("usually") are cut; the sentence starts with a capital and ends with a full stop.
 */
export function futureStatement(text: string): string {
  let s = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:,]+$/, '');
  const cut = s.replace(CONCESSION, '').replace(ASIDE, '').replace(HEDGE, '').replace(/\s+/g, ' ').trim();
  // Never cut a sentence down to nothing (or to a fragment of a word or two).
  if (cut.split(' ').length >= 2) s = cut;
  return asSentence(s.replace(/[.;:,]+$/, ''));
}

/** The model's own future-state wording as a sentence: whitespace collapsed, a capital first, a full stop last; nothing cut. */
export function asSentence(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  if (!s) return '';
  return `${s[0]!.toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;
}

/** The value of one criterion's answer (0..1), or 'na'; an unanswered criterion counts 0. */
function criterionValue(e: Engagement, practiceId: string, criterionId: string): number | 'na' {
  const v = answerValue(e.practices.practices[practiceId]?.answers?.[criterionId]);
  if (v === 'na') return 'na';
  return v === null ? 0 : ANSWER_VALUES[v];
}

function statementsOf(e: Engagement, mp: Practice, p: PracticeResult, recs: readonly RecommendationResult[]): FutureStatement[] {
  const top = Math.ceil(p.target!);
  const own = recs.filter((r) => r.practice === p.id);
  const builder = (level: number) => own.find((r) => r.covers.includes(level)) ?? null;
  const out: FutureStatement[] = [];
  const make = (level: number, text: string, wording: FutureStatement['wording'], criteria: string[], value: number | null): FutureStatement => {
    const status: StatementStatus = value === null ? 'not-assessed' : value >= 1 ? 'in-place' : 'to-build';
    const r = status === 'to-build' ? builder(level) : null;
    return { level, text, wording, criteria, status, value, recommendation: r?.id ?? null, phase: r?.phase ?? null };
  };
  for (let level = 1; level <= top; level++) {
    const criteria = mp.criteria.filter((c) => c.level === level);
    if (!criteria.length || p.na_levels.includes(level)) continue; // a level that does not apply has no future state
    const own = mp.future_state?.[String(level) as keyof NonNullable<Practice['future_state']>]; // level is 1..5
    if (own !== undefined) {
      const applicable = p.method === 'answers' ? criteria.filter((c) => criterionValue(e, p.id, c.id) !== 'na') : criteria;
      const value = p.assessed ? p.level_scores![level - 1]! : null;
      out.push(
        make(
          level,
          asSentence(own),
          'model',
          applicable.map((c) => c.id),
          value,
        ),
      );
      continue;
    }
    // Level 1 (initial) criteria describe how things are before any practice exists ("deployments are manual"):
    // without a future-state sentence of the model's own for level 1, they are no element of the future state.
    if (level === 1) continue;
    for (const c of criteria) {
      let value: number | null = null;
      if (p.method === 'answers') {
        const v = criterionValue(e, p.id, c.id);
        if (v === 'na') continue;
        value = v;
      } else if (p.method === 'rating') {
        value = p.level_scores![level - 1]!;
      }
      out.push(make(level, futureStatement(c.text), 'criterion', [c.id], value));
    }
  }
  return out;
}

/** The ITSM links: each process of the model with the practices that link to it, their figures and the work on them. */
export function integrationLinks(
  model: Model,
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  phaseOrder: readonly string[],
): IntegrationLink[] {
  const processes = model.processes ?? [];
  if (!model.practices.some((p) => (p.links ?? []).some((l) => processes.some((x) => x.id === l)))) return [];
  const result = new Map(practices.map((p) => [p.id, p]));
  return processes.map((proc) => {
    const linked = model.practices.filter((p) => (p.links ?? []).includes(proc.id)).map((p) => result.get(p.id)!);
    const scored = linked.filter((p) => p.assessed);
    const targeted = scored.filter((p) => p.target !== null);
    const work = recs.filter((r) => linked.some((p) => p.id === r.practice));
    const phases = [...new Set(work.map((r) => r.phase).filter((x): x is string => x !== null))].sort((a, b) => phaseOrder.indexOf(a) - phaseOrder.indexOf(b));
    return {
      id: proc.id,
      name: proc.name,
      link: proc.link ?? null,
      practices: linked.map((p) => p.id),
      current: weightedMean(scored.map((p) => ({ value: p.score, weight: p.weight }))),
      target: weightedMean(targeted.map((p) => ({ value: p.target, weight: p.weight }))),
      gap: weightedMean(targeted.map((p) => ({ value: p.gap, weight: p.weight }))),
      recommendations: work.map((r) => r.id),
      phases,
    };
  });
}

/**
 * The solution model: for every practice with a target above 0 (not "not applicable"), the statements of its
 * criteria up to the target level (the last level of a fractional target included; level 1, the initial state, only
 * where the model words its future state), as future-state sentences,
 * each marked in place, to build or not assessed; per perspective in the schema's order, with the counts.
 */
export function solutionModel(
  e: Engagement,
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  phaseOrder: readonly string[],
): SolutionModel {
  const modelPractice = new Map(e.model.practices.map((p) => [p.id, p]));
  const count = (xs: readonly FutureStatement[], s: StatementStatus) => xs.filter((x) => x.status === s).length;
  const perspectives = PERSPECTIVES.map((k): SolutionPerspective => {
    const own = practices
      .filter((p) => p.perspective === k && !p.na && p.target !== null && p.target > 0)
      .map((p): SolutionPractice => {
        const statements = statementsOf(e, modelPractice.get(p.id)!, p, recs);
        return {
          id: p.id,
          name: p.name,
          level: p.level,
          target: p.target!,
          statements,
          in_place: count(statements, 'in-place'),
          to_build: count(statements, 'to-build'),
        };
      });
    const all = own.flatMap((p) => p.statements);
    return {
      id: k,
      practices: own,
      in_place: count(all, 'in-place'),
      to_build: count(all, 'to-build'),
      not_assessed: count(all, 'not-assessed'),
      statement_count: all.length,
    };
  });
  const sum = (f: (p: SolutionPerspective) => number) => perspectives.reduce((t, p) => t + f(p), 0);
  return {
    perspectives,
    links: integrationLinks(e.model, practices, recs, phaseOrder),
    projection: projectPerspectives(
      practices,
      recs,
      phaseOrder.map((id) => ({ id })),
    ),
    in_place: sum((p) => p.in_place),
    to_build: sum((p) => p.to_build),
    not_assessed: sum((p) => p.not_assessed),
    statement_count: sum((p) => p.statement_count),
  };
}
