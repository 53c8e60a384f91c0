import type { Phase } from '../engagement/types.js';
import type { RecommendationResult, Roadmap } from './types.js';

/** How many recommendations "first steps" lists (executive summary, slides, strategic plan). */
export const FIRST_STEPS = 5;

/**
 * The phased roadmap (docs/formulas.md: customer order first). Recommendations are walked in their order; each
 * one not yet placed first places its unplaced dependencies (recursively, in the same order), then itself,
 * so the customer's first requirement pulls its prerequisites forward instead of waiting behind
 * lower-ranked work. Placing r: the earliest phase that is not before any dependency's phase and has
 * capacity_days left for it (no capacity_days = unlimited); where none fits, or a dependency is
 * unscheduled, r is unscheduled. Each phase lists its recommendations in placing order. `capacity`
 * overrides the phases' capacity (scenarios).
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
  const order = new Map(recs.map((r, i) => [r.id, i]));
  const byId = new Map(recs.map((r) => [r.id, r]));
  const visiting = new Set<string>();

  const place = (r: RecommendationResult): void => {
    if (placed.has(r.id) || visiting.has(r.id)) return; // a cycle is a validation error reported first
    visiting.add(r.id);
    const deps = r.depends_on.filter((d) => byId.has(d)).sort((a, b) => order.get(a)! - order.get(b)!);
    for (const d of deps) place(byId.get(d)!);
    visiting.delete(r.id);
    const depPhases = deps.map((d) => placed.get(d));
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
  };
  for (const r of recs) place(r);

  const cost = (days: number) => (dayRate === null ? null : days * dayRate);
  const total = used.reduce((a, b) => a + b, 0);
  const unscheduledDays = unscheduled.reduce((t, id) => t + byId.get(id)!.effort_days, 0);
  const phaseOf = new Map<string, string | null>([...placed].map(([id, k]) => [id, k === null ? null : phases[k]!.id]));
  return {
    roadmap: {
      phases: phases.map((p, k) => ({
        id: p.id,
        name: p.name,
        start: null,
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

/** The first steps: the first recommendations of the first phase that has any, in placing order. */
export function firstSteps(roadmap: Roadmap, n = FIRST_STEPS): string[] {
  return (roadmap.phases.find((p) => p.recommendations.length)?.recommendations ?? []).slice(0, n);
}
