import type { Phase, Requirement, TargetFile } from '../engagement/types.js';
import { PERSPECTIVES } from '../model/types.js';
import { scheduleRoadmap } from './roadmap.js';
import type { PracticeResult, RecommendationResult, ReleaseAnalysis, RequirementMetric, RequirementStatus, RequirementTrace, Scenario } from './types.js';

/** Metrics where more is better; for the others (times, rates of failure and rework) less is better. */
export const HIGHER_IS_BETTER = new Set(['deployment_frequency_per_week']);

/** The metrics a requirement may name: the release record's, each with one target in target.yaml `dora`. */
export const REQUIREMENT_METRICS = ['deployment_frequency_per_week', 'lead_time_days', 'request_lead_time_days', 'change_failure_rate', 'recovery_hours', 'rework_rate'] as const;
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
 * Requirement status (DESIGN §3, v2). met: every practice it lists has no gap and every metric it names
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

/** Delivery scenarios: the phases' capacity as given, then those named in target.yaml, else halved and doubled. */
export function deliveryScenarios(
  target: TargetFile,
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  dayRate: number | null,
  releases: ReleaseAnalysis | null = null,
): Scenario[] {
  const phases = target.phases ?? [];
  const scale = (f: number) => Object.fromEntries(phases.map((p) => [p.id, p.capacity_days === undefined ? null : p.capacity_days * f]));
  const defs: { id: string; name: string; capacity: Record<string, number | null> }[] = [{ id: 'as-planned', name: 'Capacity as planned', capacity: scale(1) }];
  if (target.scenarios?.length) {
    for (const s of target.scenarios) {
      const base = scale(s.capacity_factor ?? 1);
      defs.push({ id: s.id, name: s.name, capacity: { ...base, ...(s.capacity ?? {}) } });
    }
  } else {
    defs.push({ id: 'half', name: 'Half the capacity', capacity: scale(0.5) }, { id: 'double', name: 'Double the capacity', capacity: scale(2) });
  }
  return defs.map((d) => {
    const { roadmap, phaseOf } = scheduleRoadmap(recs, phases, dayRate, d.capacity);
    const traces = traceRequirements(target.requirements ?? [], practices, recs, phases, phaseOf, releases, target.dora);
    return {
      id: d.id,
      name: d.name,
      capacity: d.capacity,
      total_days: roadmap.total_days,
      total_cost: roadmap.total_cost,
      unscheduled: roadmap.unscheduled,
      phases: roadmap.phases.map((p) => ({ id: p.id, recommendations: p.recommendations, used_days: p.used_days })),
      requirements: traces.map((t) => ({ id: t.id, status: t.status, reaches_target: t.reaches_target })),
      requirements_reached: traces.filter((t) => t.status === 'met' || t.status === 'planned').length,
    };
  });
}

/**
 * Perspective scores projected after each phase: a practice whose recommendation covering level L is done by
 * then has every level up to L in place. A projection for the roadmap chart, not a promise.
 */
export function projectPerspectives(practices: readonly PracticeResult[], recs: readonly RecommendationResult[], phases: readonly Pick<Phase, 'id'>[]): { phase: string; scores: Record<string, number | null> }[] {
  const done = new Map<string, number>(); // practice -> level reached so far
  return phases.map((ph) => {
    for (const r of recs) if (r.phase === ph.id) done.set(r.practice, Math.max(done.get(r.practice) ?? 0, r.level));
    const scores: Record<string, number | null> = {};
    for (const k of PERSPECTIVES) {
      let num = 0;
      let den = 0;
      for (const p of practices) {
        if (p.perspective !== k || !p.assessed) continue;
        const reached = done.get(p.id) ?? 0;
        const m = p.level_scores ?? [];
        num += p.weight * m.reduce((t, v, l) => t + (l < reached ? 1 : v), 0);
        den += p.weight;
      }
      scores[k] = den ? num / den : null;
    }
    return { phase: ph.id, scores };
  });
}

/**
 * The scenario to recommend: the one that meets (now or on the plan) the most requirements, then leaves the
 * fewest recommendations out (closes more of the gap), then the cheapest (fewest days), then the first listed.
 * Null without scenarios.
 */
export function recommendedScenario(scenarios: readonly Scenario[]): string | null {
  let best: Scenario | null = null;
  for (const s of scenarios) {
    const better =
      !best ||
      s.requirements_reached > best.requirements_reached ||
      (s.requirements_reached === best.requirements_reached && (s.unscheduled.length < best.unscheduled.length || (s.unscheduled.length === best.unscheduled.length && s.total_days < best.total_days)));
    if (better) best = s;
  }
  return best?.id ?? null;
}
