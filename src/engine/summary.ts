import { questionnaireRecords } from './sources.js';
import type { Engagement } from '../engagement/types.js';
import { PERSPECTIVES, type Perspective } from '../model/types.js';
import type { PerspectiveResult, PracticeResult, RequirementTrace, Roadmap, Summary } from './types.js';

/** Perspectives with a gap above 0, the largest first; ties keep the model's perspective order. */
export function largestGaps(perspectives: Record<Perspective, PerspectiveResult>): Summary['largest_gaps'] {
  return PERSPECTIVES.filter((k) => (perspectives[k].gap ?? 0) > 0)
    .map((id) => ({ id, gap: perspectives[id].gap! }))
    .sort((a, b) => b.gap - a.gap || PERSPECTIVES.indexOf(a.id) - PERSPECTIVES.indexOf(b.id));
}

/**
 * The engine's one order of practice gaps (docs/formulas.md): the largest gap first; ties by the perspective
 * order, then the model's order of practices. `gap_order` holds every practice with a gap (0 included),
 * `practice_gaps` only those above 0: what ranks. Every deliverable and format lists gaps from these.
 */
export function practiceGapOrder(practices: readonly PracticeResult[]): Pick<Summary, 'practice_gaps' | 'gap_order'> {
  const position = new Map(practices.map((p, i) => [p.id, PERSPECTIVES.indexOf(p.perspective) * practices.length + i]));
  const ordered = practices.filter((p) => p.gap !== null).sort((x, y) => y.gap! - x.gap! || position.get(x.id)! - position.get(y.id)!);
  return {
    practice_gaps: ordered.filter((p) => p.gap! > 0).map((p) => ({ id: p.id, gap: p.gap! })),
    gap_order: ordered.map((p) => p.id),
  };
}

/** Perspectives with a score, the lowest first; ties keep the model's perspective order. */
export function weakestPerspectives(perspectives: Record<Perspective, PerspectiveResult>): Summary['weakest'] {
  return PERSPECTIVES.filter((k) => perspectives[k].score !== null)
    .map((id) => ({ id, score: perspectives[id].score! }))
    .sort((a, b) => a.score - b.score || PERSPECTIVES.indexOf(a.id) - PERSPECTIVES.indexOf(b.id));
}

/** How many requirements are met now, planned, off the plan or unknown, and how many are met by each phase's end. */
export function requirementSummary(traces: readonly RequirementTrace[], phases: readonly string[]): Summary['requirements'] {
  const count = (s: RequirementTrace['status']) => traces.filter((t) => t.status === s).length;
  const met = count('met');
  const by_phase = phases.map((phase, k) => ({
    phase,
    met: met + traces.filter((t) => t.status === 'planned' && phases.indexOf(t.reaches_target!) <= k).length,
  }));
  const planned = traces.filter((t) => t.status === 'planned');
  const last = planned.reduce<string | null>(
    (acc, t) => (acc === null || phases.indexOf(t.reaches_target!) > phases.indexOf(acc) ? t.reaches_target : acc),
    null,
  );
  return {
    total: traces.length,
    met,
    planned: planned.length,
    reached: met + planned.length,
    not_reached: traces.length - met - planned.length,
    not_on_plan: count('not-on-plan'),
    unknown: count('unknown'),
    by_phase,
    all_planned_by: traces.length === 0 ? null : (last ?? 'now'),
  };
}

/** The summary every headline sentence is built from (docs/formulas.md: computed, never written by hand). */
export function summarise(
  practices: readonly PracticeResult[],
  perspectives: Record<Perspective, PerspectiveResult>,
  traces: readonly RequirementTrace[],
  roadmap: Roadmap,
  recommendationCount: number,
  recommended: string | null = null,
  evidence_base: Summary['evidence_base'] = { documents: 0, interviews: 0, respondents: 0, observations: 0, confidence: null, unverified: true },
): Summary {
  const withWork = roadmap.phases.filter((p) => p.recommendations.length);
  return {
    practices: practices.length,
    assessed: practices.filter((p) => p.assessed).length,
    not_assessed: practices.filter((p) => !p.assessed && !p.na).length,
    not_applicable: practices.filter((p) => p.na).length,
    largest_gaps: largestGaps(perspectives),
    ...practiceGapOrder(practices),
    weakest: weakestPerspectives(perspectives),
    requirements: requirementSummary(
      traces,
      roadmap.phases.map((p) => p.id),
    ),
    plan: {
      recommendations: recommendationCount,
      // Done and dropped recommendations (progress.yaml) are neither scheduled nor left out: never counted as planned work.
      scheduled: recommendationCount - roadmap.unscheduled.length - (roadmap.done?.length ?? 0) - (roadmap.dropped?.length ?? 0),
      days: roadmap.total_days,
      cost: roadmap.total_cost,
      ends: withWork.length ? withWork[withWork.length - 1]!.end : null,
      first_phase: withWork[0]?.id ?? null,
    },
    recommended_scenario: recommended,
    evidence_base,
  };
}

/** Below this mean confidence the ratings are unverified (docs/formulas.md). */
export const UNVERIFIED_BELOW = 0.25;

/**
 * What the ratings rest on (docs/formulas.md, the evidence base): each source counted as what it is. Documents:
 * the distinct evidence references cited in practices.yaml (practice or answer); interviews: interview records;
 * respondents: returned questionnaires (responses/), which are not interviews; observations. Confidence: the
 * mean confidence of the assessed practices. Unverified: confidence below 25 %, or no source at all.
 */
export function evidenceBase(
  e: Pick<Engagement, 'practices' | 'interviews' | 'responses' | 'observations'>,
  practices: readonly PracticeResult[],
): Summary['evidence_base'] {
  const questionnaires = questionnaireRecords(e);
  const refs = new Set<string>();
  for (const state of Object.values(e.practices.practices ?? {})) {
    if (!state) continue;
    const answered = Object.values(state.answers ?? {}).flatMap((a) => (a && typeof a === 'object' ? (a.evidence ?? []) : []));
    for (const r of [...(state.evidence ?? []), ...answered]) refs.add(`${r.title.trim().toLowerCase()}\u0000${r.ref ?? ''}`);
  }
  const assessed = practices.filter((p) => p.assessed);
  const confidence = assessed.length ? assessed.reduce((t, p) => t + p.confidence, 0) / assessed.length : null;
  const out = {
    documents: refs.size,
    // A returned questionnaire leaves an interview record too: it is counted once, as a respondent.
    interviews: e.interviews.filter((iv) => !questionnaires.has(iv.id)).length,
    respondents: (e.responses ?? []).length,
    observations: (e.observations ?? []).length,
    confidence,
  };
  const sources = out.documents + out.interviews + out.respondents + out.observations;
  return { ...out, unverified: sources === 0 || confidence === null || confidence < UNVERIFIED_BELOW };
}
