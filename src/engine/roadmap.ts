import type { Phase } from '../engagement/types.js';
import type { RecommendationResult, Roadmap } from './types.js';

/**
 * The phased roadmap (DESIGN §3). Recommendations are taken in their order, each as soon as all its
 * dependencies are decided (a stable topological order), and put in the earliest phase that is not before
 * any dependency's phase and has capacity_days left for it (no capacity_days = unlimited). Where none fits,
 * or a dependency is unscheduled, it is unscheduled. `capacity` overrides the phases' capacity (scenarios).
 * Returns the roadmap and each recommendation's phase (null when unscheduled).
 */
export function scheduleRoadmap(
  recs: readonly RecommendationResult[],
  phases: readonly Phase[],
  dayRate: number | null,
  capacity: Record<string, number | null> = Object.fromEntries(phases.map((p) => [p.id, p.capacity_days ?? null])),
): { roadmap: Roadmap; phaseOf: Map<string, string | null> } {
  const left = phases.map((p) => capacity[p.id] ?? null);
  const placed = new Map<string, number | null>(); // id -> phase index, or null when unscheduled
  const byPhase: string[][] = phases.map(() => []);
  const used = phases.map(() => 0);
  const unscheduled: string[] = [];
  const remaining = [...recs];
  while (remaining.length) {
    let i = remaining.findIndex((r) => r.depends_on.every((d) => placed.has(d)));
    if (i < 0) i = 0; // only on a dependency cycle, which validation reports first
    const r = remaining.splice(i, 1)[0]!;
    const depPhases = r.depends_on.map((d) => placed.get(d));
    let phase: number | null = null;
    if (depPhases.every((p) => p !== null && p !== undefined)) {
      const earliest = Math.max(0, ...(depPhases as number[]));
      for (let k = earliest; k < phases.length; k++) {
        if (left[k] === null || left[k]! >= r.effort_days) {
          phase = k;
          break;
        }
      }
    }
    placed.set(r.id, phase);
    if (phase === null) unscheduled.push(r.id);
    else {
      byPhase[phase]!.push(r.id);
      used[phase]! += r.effort_days;
      if (left[phase] !== null) left[phase]! -= r.effort_days;
    }
  }
  const cost = (days: number) => (dayRate === null ? null : days * dayRate);
  const total = used.reduce((a, b) => a + b, 0);
  const effort = new Map(recs.map((r) => [r.id, r.effort_days]));
  const unscheduledDays = unscheduled.reduce((t, id) => t + effort.get(id)!, 0);
  const phaseOf = new Map<string, string | null>([...placed].map(([id, k]) => [id, k === null ? null : phases[k]!.id]));
  return {
    roadmap: {
      phases: phases.map((p, k) => ({
        id: p.id,
        name: p.name,
        end: p.end ?? null,
        capacity_days: capacity[p.id] ?? null,
        used_days: used[k]!,
        cost: cost(used[k]!),
        recommendations: byPhase[k]!,
      })),
      unscheduled,
      total_days: total,
      total_cost: cost(total),
      unscheduled_days: unscheduledDays,
    },
    phaseOf,
  };
}
