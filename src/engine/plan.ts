import type { Phase, Requirement, TargetFile } from '../engagement/types.js';
import { PERSPECTIVES } from '../model/types.js';
import { scheduleRoadmap } from './roadmap.js';
import type { PracticeResult, RecommendationResult, ReleaseAnalysis, RequirementTrace, Scenario } from './types.js';

/** Metrics where more is better; for the others (times, rates of failure and rework) less is better. */
const HIGHER_IS_BETTER = new Set(['deployment_frequency_per_week']);

function latest(points: readonly (string | null)[], order: readonly string[]): string | null {
  if (points.some((p) => p === null)) return null;
  let best = 'now';
  for (const p of points as string[]) if (order.indexOf(p) > order.indexOf(best)) best = p;
  return best;
}

/** When a practice's level reaches its target: "now", a phase id, or null (unscheduled, or no recommendation gets it there). */
function practiceReaches(p: PracticeResult | undefined, recs: readonly RecommendationResult[], phaseOf: ReadonlyMap<string, string | null>, order: readonly string[]): string | null {
  if (!p || !p.assessed || p.target === null) return null;
  const own = recs.filter((r) => r.practice === p.id);
  if (!own.length) return p.level! >= p.target ? 'now' : null;
  return latest(own.map((r) => phaseOf.get(r.id) ?? null), order);
}

/** Traceability: requirement → practices → recommendations → phases, and measured metrics against targets. */
export function traceRequirements(
  requirements: readonly Requirement[],
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  phases: readonly Phase[],
  phaseOf: ReadonlyMap<string, string | null>,
  releases: ReleaseAnalysis | null,
): RequirementTrace[] {
  const byId = new Map(practices.map((p) => [p.id, p]));
  const order = ['now', ...phases.map((p) => p.id)];
  return requirements.map((req, i) => {
    const ids = req.practices ?? [];
    const own = recs.filter((r) => ids.includes(r.practice));
    const phaseIds = [...new Set(own.map((r) => phaseOf.get(r.id)).filter((x): x is string => !!x))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    let metric: RequirementTrace['metric'] = null;
    if (req.metric) {
      const value = releases ? ((releases as unknown as Record<string, number | null>)[req.metric.name] ?? null) : null;
      const met = value === null ? null : HIGHER_IS_BETTER.has(req.metric.name) ? value >= req.metric.target : value <= req.metric.target;
      metric = { name: req.metric.name, target: req.metric.target, value, met };
    }
    return {
      id: req.id,
      title: req.title,
      rank: i + 1,
      practices: ids,
      recommendations: own.map((r) => r.id),
      phases: phaseIds,
      reaches_target: latest(ids.map((id) => practiceReaches(byId.get(id), recs, phaseOf, order)), order),
      metric,
    };
  });
}

/** Delivery scenarios: the phases' capacity as given, then those named in target.yaml, else halved and doubled. */
export function deliveryScenarios(
  target: TargetFile,
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  dayRate: number | null,
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
    const traces = traceRequirements(target.requirements ?? [], practices, recs, phases, phaseOf, null);
    return {
      id: d.id,
      name: d.name,
      capacity: d.capacity,
      total_days: roadmap.total_days,
      total_cost: roadmap.total_cost,
      unscheduled: roadmap.unscheduled,
      phases: roadmap.phases.map((p) => ({ id: p.id, recommendations: p.recommendations, used_days: p.used_days })),
      requirements: traces.map((t) => ({ id: t.id, reaches_target: t.reaches_target })),
    };
  });
}

/**
 * Perspective scores projected after each phase: a practice whose recommendation at level L is done by
 * then scores at least L. A projection for the roadmap chart, not a promise.
 */
export function projectPerspectives(practices: readonly PracticeResult[], recs: readonly RecommendationResult[], phases: readonly Phase[]): { phase: string; scores: Record<string, number | null> }[] {
  const done = new Map<string, number>(); // practice -> level reached so far
  return phases.map((ph) => {
    for (const r of recs) if (r.phase === ph.id) done.set(r.practice, Math.max(done.get(r.practice) ?? 0, r.level));
    const scores: Record<string, number | null> = {};
    for (const k of PERSPECTIVES) {
      let num = 0;
      let den = 0;
      for (const p of practices) {
        if (p.perspective !== k || !p.assessed) continue;
        num += p.weight * Math.max(p.score!, done.get(p.id) ?? 0);
        den += p.weight;
      }
      scores[k] = den ? num / den : null;
    }
    return { phase: ph.id, scores };
  });
}
