/**
 * The alignment (traceability) matrix: the organisation's strategic goals → the requirements that serve them →
 * the recommendations that meet those requirements → the phases that deliver them. A recommendation serves a
 * requirement when its practice is one the requirement lists (as for the requirement's status); it *enables*
 * one when a recommendation serving it waits for it (its dependencies, followed through). A recommendation
 * that serves and enables nothing is "hygiene": worth doing for the maturity it adds, but traced to no goal.
 */
import type { Goal, Requirement } from '../engagement/types.js';
import type { RecommendationResult, RequirementTrace } from './types.js';
import type { AssessmentDocument } from '../schema-types/assessment.js';
import { pushAll } from '../util/arrays.js';

export type Traceability = AssessmentDocument['traceability'];
export type GoalTrace = Traceability['goals'][number];
export type GoalStatus = GoalTrace['status'];
export type RecommendationAlignment = Traceability['recommendations'][number];
/** One line of the matrix: a goal (null: the requirement names none), a requirement (null: hygiene), a recommendation and its phase. */
export type TraceRow = Traceability['rows'][number];

/** A goal's status from its requirements' (docs/formulas.md, Requirements). */
export function goalStatus(reqs: readonly RequirementTrace[], phaseOrder: readonly string[]): { status: GoalStatus; reaches_target: string | null } {
  if (!reqs.length) return { status: 'no-requirements', reaches_target: null };
  if (reqs.every((r) => r.status === 'met')) return { status: 'met', reaches_target: 'now' };
  if (reqs.some((r) => r.status === 'not-on-plan')) return { status: 'not-on-plan', reaches_target: null };
  if (reqs.some((r) => r.status === 'unknown')) return { status: 'unknown', reaches_target: null };
  const latest = reqs
    .filter((r) => r.status === 'planned')
    .map((r) => r.reaches_target!)
    .reduce((a, b) => (phaseOrder.indexOf(b) > phaseOrder.indexOf(a) ? b : a));
  return { status: 'planned', reaches_target: latest };
}

export function traceAlignment(
  goals: readonly Goal[],
  requirements: readonly Requirement[],
  traces: readonly RequirementTrace[],
  recs: readonly RecommendationResult[],
  phaseOrder: readonly string[],
): Traceability {
  const goalsOf = new Map(requirements.map((r) => [r.id, r.goals ?? []]));
  const direct = new Map(recs.map((r) => [r.id, traces.filter((t) => t.practices.includes(r.practice)).map((t) => t.id)]));
  // Everything each recommendation waits for, directly or through others (its dependencies are triggered ones).
  const byId = new Map(recs.map((r) => [r.id, r]));
  const prerequisites = (id: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(byId.get(id)?.depends_on ?? [])];
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d) || !byId.has(d)) continue;
      seen.add(d);
      pushAll(stack, byId.get(d)!.depends_on);
    }
    return seen;
  };
  const enables = new Map<string, Set<string>>(recs.map((r) => [r.id, new Set()]));
  for (const r of recs) for (const d of prerequisites(r.id)) for (const req of direct.get(r.id)!) enables.get(d)!.add(req);
  const reqOrder = traces.map((t) => t.id);
  const ordered = (ids: Iterable<string>, order: readonly string[]) => [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const goalOrder = goals.map((g) => g.id);

  const alignment = recs.map((r): RecommendationAlignment => {
    const serves = direct.get(r.id)!;
    const enabled = ordered(
      [...enables.get(r.id)!].filter((x) => !serves.includes(x)),
      reqOrder,
    );
    const goalIds = ordered(new Set([...serves, ...enabled].flatMap((q) => goalsOf.get(q) ?? [])), goalOrder);
    return { id: r.id, requirements: serves, enables: enabled, goals: goalIds, phase: r.phase, hygiene: !serves.length && !enabled.length };
  });

  const rows: TraceRow[] = [];
  const rowsFor = (goal: string | null, req: RequirementTrace) => {
    for (const a of alignment) {
      if (a.requirements.includes(req.id)) rows.push({ goal, requirement: req.id, recommendation: a.id, via: 'direct', phase: a.phase });
    }
    for (const a of alignment) {
      if (a.enables.includes(req.id)) rows.push({ goal, requirement: req.id, recommendation: a.id, via: 'prerequisite', phase: a.phase });
    }
  };
  for (const g of goals) for (const t of traces) if ((goalsOf.get(t.id) ?? []).includes(g.id)) rowsFor(g.id, t);
  for (const t of traces) if (!(goalsOf.get(t.id) ?? []).length) rowsFor(null, t);
  for (const a of alignment) if (a.hygiene) rows.push({ goal: null, requirement: null, recommendation: a.id, via: 'hygiene', phase: a.phase });

  const goalTraces = goals.map((g): GoalTrace => {
    const reqs = traces.filter((t) => (goalsOf.get(t.id) ?? []).includes(g.id));
    const recIds = alignment.filter((a) => a.requirements.some((q) => reqs.some((t) => t.id === q))).map((a) => a.id);
    const phases = ordered(new Set(recIds.map((id) => byId.get(id)!.phase).filter((x): x is string => x !== null)), phaseOrder);
    return { id: g.id, title: g.title, requirements: reqs.map((t) => t.id), recommendations: recIds, phases, ...goalStatus(reqs, phaseOrder) };
  });

  return {
    goals: goalTraces,
    requirements: traces.map((t) => ({ id: t.id, goals: goalsOf.get(t.id) ?? [] })),
    recommendations: alignment,
    rows,
    hygiene: alignment.filter((a) => a.hygiene).map((a) => a.id),
  };
}
