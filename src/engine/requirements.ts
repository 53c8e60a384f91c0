import type { Phase, Requirement, TargetFile } from '../engagement/types.js';
import type { PracticeResult, RecommendationResult, ReleaseAnalysis, RequirementMetric, RequirementStatus, RequirementTrace } from './types.js';

/** Metrics where more is better; for the others (times, rates of failure and rework) less is better. */
export const HIGHER_IS_BETTER = new Set(['deployment_frequency_per_week']);

/** The metrics a requirement may name: the release record's, each with one target in target.yaml `dora`. */
export const REQUIREMENT_METRICS = [
  'deployment_frequency_per_week',
  'lead_time_days',
  'request_lead_time_days',
  'change_failure_rate',
  'recovery_hours',
  'rework_rate',
] as const;
export type RequirementMetricName = (typeof REQUIREMENT_METRICS)[number];

/**
 * The metrics a requirement names, each with its one target: `metrics: [names]` with the target from
 * `dora`, and the older `metric: {name, target}` form (its target is used only where `dora` has none; a
 * different one is a validation error).
 */
export function requirementMetrics(req: Requirement, dora: TargetFile['dora']): { name: RequirementMetricName; target: number | null }[] {
  const names = [...(req.metrics ?? []), ...(req.metric ? [req.metric.name] : [])] as RequirementMetricName[];
  return [...new Set(names)].map((name) => ({ name, target: dora?.[name] ?? (req.metric?.name === name ? req.metric.target : null) }));
}

/** Whether a measured value meets a target: null when either is unknown. */
export function meets(name: string, value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return HIGHER_IS_BETTER.has(name) ? value >= target : value <= target;
}

/**
 * Requirement status (docs/formulas.md). met: every practice it lists has no gap and every metric it names
 * meets its target. unknown: not met, and a practice it lists is not assessed or a metric has no data.
 * planned: not met, and every triggered recommendation of its practices is scheduled (there is at least
 * one): `reaches_target` is the latest of their phases. not-on-plan: the rest (work unscheduled, or a
 * metric missing its target with no work on the plan to move it).
 */
export function requirementStatus(
  req: Requirement,
  practices: ReadonlyMap<string, PracticeResult>,
  recs: readonly RecommendationResult[],
  phaseOf: ReadonlyMap<string, string | null>,
  phaseOrder: readonly string[],
  metrics: readonly RequirementMetric[],
): { status: RequirementStatus; reaches_target: string | null } {
  const ids = (req.practices ?? []).filter((id) => !practices.get(id)?.na);
  const unassessed = ids.some((id) => !practices.get(id)?.assessed);
  const practicesMet = !unassessed && ids.every((id) => practices.get(id)!.gap === 0);
  const metricsMet = metrics.every((m) => m.met === true);
  if (practicesMet && metricsMet) return { status: 'met', reaches_target: 'now' };
  if (unassessed || metrics.some((m) => m.met === null)) return { status: 'unknown', reaches_target: null };
  const own = recs.filter((r) => ids.includes(r.practice));
  if (!own.length) return { status: 'not-on-plan', reaches_target: null };
  const phases = own.map((r) => phaseOf.get(r.id) ?? null);
  if (phases.some((p) => p === null)) return { status: 'not-on-plan', reaches_target: null };
  const latest = (phases as string[]).reduce((a, b) => (phaseOrder.indexOf(b) > phaseOrder.indexOf(a) ? b : a));
  return { status: 'planned', reaches_target: latest };
}

/** Traceability: requirement → practices → recommendations → phases, metrics against their targets, and the status. */
export function traceRequirements(
  requirements: readonly Requirement[],
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  phases: readonly Phase[],
  phaseOf: ReadonlyMap<string, string | null>,
  releases: ReleaseAnalysis | null,
  dora: TargetFile['dora'] = {},
): RequirementTrace[] {
  const byId = new Map(practices.map((p) => [p.id, p]));
  const order = phases.map((p) => p.id);
  return requirements.map((req, i) => {
    const ids = req.practices ?? [];
    const own = recs.filter((r) => ids.includes(r.practice));
    const phaseIds = [...new Set(own.map((r) => phaseOf.get(r.id)).filter((x): x is string => !!x))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const metrics: RequirementMetric[] = requirementMetrics(req, dora).map(({ name, target }) => {
      const value = releases ? ((releases as unknown as Record<string, number | null>)[name] ?? null) : null;
      return { name, target, value, met: meets(name, value, target) };
    });
    const { status, reaches_target } = requirementStatus(req, byId, recs, phaseOf, order, metrics);
    return {
      id: req.id,
      title: req.title,
      rank: i + 1,
      practices: ids,
      recommendations: own.map((r) => r.id),
      phases: phaseIds,
      status,
      reaches_target,
      metrics,
      metric: metrics[0] ?? null,
    };
  });
}
