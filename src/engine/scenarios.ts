import type { Phase, TargetFile } from '../engagement/types.js';
import { goalStatus } from './traceability.js';
import { PERSPECTIVES } from '../model/types.js';
import { traceRequirements } from './requirements.js';
import { scheduleRoadmap, type Timing } from './roadmap.js';
import type { PracticeResult, RecommendationResult, ReleaseAnalysis, Scenario } from './types.js';

/** Delivery scenarios: the phases' capacity as given, then those named in target.yaml, else halved and doubled. */
export function deliveryScenarios(
  target: TargetFile,
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  dayRate: number | null,
  releases: ReleaseAnalysis | null = null,
  timing: Timing | null = null,
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
  const goalsOf = new Map((target.requirements ?? []).map((r) => [r.id, r.goals ?? []]));
  const order = phases.map((p) => p.id);
  const out: Scenario[] = [];
  for (const d of defs) {
    const { roadmap, phaseOf } = scheduleRoadmap(recs, phases, dayRate, d.capacity, timing);
    const traces = traceRequirements(target.requirements ?? [], practices, recs, phases, phaseOf, releases, target.dora);
    const goals = (target.goals ?? []).map(
      (g) =>
        goalStatus(
          traces.filter((t) => (goalsOf.get(t.id) ?? []).includes(g.id)),
          order,
        ).status,
    );
    const schedule = JSON.stringify([roadmap.phases.map((p) => p.recommendations), roadmap.unscheduled]);
    const same = out.find((s) => JSON.stringify([s.phases.map((p) => p.recommendations), s.unscheduled]) === schedule);
    out.push({
      id: d.id,
      name: d.name,
      capacity: d.capacity,
      total_days: roadmap.total_days,
      total_cost: roadmap.total_cost,
      unscheduled: roadmap.unscheduled,
      phases: roadmap.phases.map((p) => ({ id: p.id, recommendations: p.recommendations, used_days: p.used_days })),
      requirements: traces.map((t) => ({ id: t.id, status: t.status, reaches_target: t.reaches_target })),
      requirements_reached: traces.filter((t) => t.status === 'met' || t.status === 'planned').length,
      goals_reached: goals.filter((g) => g === 'met' || g === 'planned').length,
      // Identical schedules are one option (DESIGN §3.1): the first scenario with this one's placing.
      same_as: same ? (same.same_as ?? same.id) : null,
    });
  }
  return out;
}

/** Whether the scenarios offer a choice: at least two of them place the work differently. */
export function scenariosDiffer(scenarios: readonly Scenario[]): boolean {
  return scenarios.filter((s) => !s.same_as).length > 1;
}

/**
 * Perspective scores projected after each phase: a practice whose recommendation covering level L is done by
 * then has every level up to L in place. A projection for the roadmap chart, not a promise.
 */
export function projectPerspectives(
  practices: readonly PracticeResult[],
  recs: readonly RecommendationResult[],
  phases: readonly Pick<Phase, 'id'>[],
): { phase: string; scores: Record<string, number | null> }[] {
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
 * Null without a choice: no scenarios, or every one places the work the same way (DESIGN §3.1).
 */
export function recommendedScenario(scenarios: readonly Scenario[]): string | null {
  if (!scenariosDiffer(scenarios)) return null;
  let best: Scenario | null = null;
  for (const s of scenarios) {
    if (s.same_as) continue;
    const better =
      !best ||
      s.requirements_reached > best.requirements_reached ||
      (s.requirements_reached === best.requirements_reached &&
        (s.unscheduled.length < best.unscheduled.length || (s.unscheduled.length === best.unscheduled.length && s.total_days < best.total_days)));
    if (better) best = s;
  }
  return best?.id ?? null;
}
