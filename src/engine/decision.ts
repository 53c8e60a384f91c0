/**
 * The decision the deliverables ask for (DESIGN §3.1, "The ask adds up"): the recommended scenario (the
 * capacity as planned where none is recommended), what to approve now (its first phase with work), what
 * the later phases cost, the total, and what it achieves. Every decision sentence, the first headline and the
 * decision slide are worded from this one object, so the parts always add up: approve_now + later = total.
 */
import type { PlanFile } from '../engagement/types.js';
import type { Decision, RoadmapPhase, Scenario } from './types.js';

/** The plan.yaml task that delivers the report (relm init's id), else the last task whose title names a report. */
export function reportTask(plan: PlanFile | null): PlanFile['tasks'][number] | null {
  const tasks = plan?.tasks ?? [];
  return tasks.find((t) => t.id === 'report-presentation') ?? tasks.filter((t) => /\breport\b/i.test(t.title) && t.due).at(-1) ?? null;
}

/**
 * When the decision is taken: relm.yaml `decision_date`, else the due date of the engagement plan's report
 * delivery, else null (the roadmap then starts after as_of, the decision "now"). A date before as_of (a
 * re-assessment after the report went out) is no longer the decision this assessment asks for: null.
 */
export function decisionDate(
  decisionDateSetting: string | undefined,
  plan: PlanFile | null,
  asOf: string | null = null,
): { date: string | null; source: Decision['decide_by_source'] } {
  const due = reportTask(plan)?.due;
  const found = decisionDateSetting
    ? { date: decisionDateSetting, source: 'relm.yaml' as const }
    : due
      ? { date: due, source: 'plan.yaml' as const }
      : { date: null, source: null };
  return found.date !== null && asOf !== null && found.date < asOf ? { date: null, source: null } : found;
}

export interface DecisionInput {
  scenarios: readonly Scenario[];
  /** summary.recommended_scenario: null when the options do not differ. */
  recommended: string | null;
  /** The assessment's roadmap phases (names and dates; the scenarios share them). */
  phases: readonly Pick<RoadmapPhase, 'id' | 'name' | 'start' | 'end'>[];
  dayRate: number | null;
  requirements: number;
  goals: number;
  decideBy: { date: string | null; source: Decision['decide_by_source'] };
  decider: { name: string; role?: string } | null;
  /** The recommendations' effort (person-days) by id, in the recommendations' order: the bridge's added and dropped work. */
  effort?: ReadonlyMap<string, number>;
  /** Every phase of the roadmap has ended before as_of (the `roadmap-ended` warning). */
  ended?: boolean;
  /** How many recommendations are triggered (0: nothing to do). */
  triggered?: number;
}

/** The sum of the effort of some recommendations. */
function effortOf(ids: readonly string[], effort: ReadonlyMap<string, number>): number {
  return ids.reduce((t, id) => t + (effort.get(id) ?? 0), 0);
}

/** A scenario's capacity over all phases, in person-days; null when a phase has no limit. */
function capacityOf(s: Scenario): number | null {
  const v = Object.values(s.capacity);
  return v.some((x) => x === null) ? null : v.reduce<number>((t, x) => t + x!, 0);
}

/**
 * From the capacity as planned to the chosen scenario (null when they are the same): the recommendations it adds
 * (scheduled under the scenario, left out as planned), those it drops, those it brings into an earlier phase,
 * both capacities and what it costs more as a share of the plan. Cost is the work placed, not the capacity made
 * available, so base + added − dropped = the scenario's total, exactly.
 */
export function bridgeOf(
  base: Scenario,
  chosen: Scenario,
  order: readonly string[],
  effort: ReadonlyMap<string, number>,
  dayRate: number | null,
): NonNullable<Decision['bridge']> {
  const phaseIn = (s: Scenario) => new Map(s.phases.flatMap((p) => p.recommendations.map((id) => [id, order.indexOf(p.id)] as const)));
  const was = phaseIn(base);
  const now = phaseIn(chosen);
  const ids = [...effort.keys()];
  const added = ids.filter((id) => now.has(id) && !was.has(id));
  const dropped = ids.filter((id) => was.has(id) && !now.has(id));
  const cost = (d: number) => (dayRate === null ? null : d * dayRate);
  const addedDays = effortOf(added, effort);
  const droppedDays = effortOf(dropped, effort);
  return {
    added,
    added_days: addedDays,
    added_cost: cost(addedDays),
    dropped,
    dropped_days: droppedDays,
    dropped_cost: cost(droppedDays),
    moved: ids.filter((id) => was.has(id) && now.has(id) && now.get(id)! < was.get(id)!).length,
    capacity_base: capacityOf(base),
    capacity: capacityOf(chosen),
    cost_share: base.total_days > 0 ? (chosen.total_days - base.total_days) / base.total_days : null,
  };
}

const reached = (s: Scenario) => ({ requirements: s.requirements_reached, goals: s.goals_reached });

/**
 * The decision. Costs are person-days × day rate (null without a day rate); later = the scenario's total
 * minus what is approved now, and total = approve_now + later, so the sum holds exactly. `requirements_by`
 * is the end of the last phase in which the scenario meets a requirement (null when it meets none on the plan).
 */
export function decide(input: DecisionInput): Decision | null {
  const planned = input.scenarios.find((s) => s.id === 'as-planned') ?? input.scenarios[0];
  if (!planned) return null;
  const chosen = input.scenarios.find((s) => s.id === input.recommended) ?? planned;
  const cost = (days: number) => (input.dayRate === null ? null : days * input.dayRate);
  const first = chosen.phases.find((p) => p.recommendations.length);
  const firstPhase = first ? input.phases.find((p) => p.id === first.id) : undefined;
  const nowDays = first?.used_days ?? 0;
  const laterDays = chosen.total_days - nowDays;
  const nowCost = cost(nowDays);
  const laterCost = cost(laterDays);
  const order = input.phases.map((p) => p.id);
  const last = chosen.requirements
    .filter((r) => r.status === 'planned')
    .reduce<string | null>((acc, r) => (acc === null || order.indexOf(r.reaches_target!) > order.indexOf(acc) ? r.reaches_target : acc), null);
  const laterPhases = chosen.phases.filter((p) => p.recommendations.length && p.id !== first?.id).length;
  const base = chosen.id === planned.id ? null : planned;
  const reachedIds = (x: Scenario) => new Set(x.requirements.filter((r) => r.status === 'met' || r.status === 'planned').map((r) => r.id));
  const baseReached = base ? reachedIds(base) : null;
  const bridge = base ? bridgeOf(base, chosen, order, input.effort ?? new Map(), input.dayRate) : null;
  return {
    scenario: chosen.id,
    name: chosen.name,
    recommended: input.recommended !== null && input.recommended === chosen.id,
    approve_now: {
      phase: first?.id ?? null,
      name: firstPhase?.name ?? null,
      index: first ? order.indexOf(first.id) + 1 : null,
      start: firstPhase?.start ?? null,
      end: firstPhase?.end ?? null,
      days: nowDays,
      cost: nowCost,
    },
    later: { days: laterDays, cost: laterCost, phases: laterPhases },
    total: { days: nowDays + laterDays, cost: nowCost === null || laterCost === null ? null : nowCost + laterCost },
    requirements_met: reached(chosen).requirements,
    requirements_total: input.requirements,
    requirements_not_on_plan: chosen.requirements.filter((r) => r.status === 'not-on-plan').length,
    requirements_unknown: chosen.requirements.filter((r) => r.status === 'unknown').length,
    requirements_by: last === null ? null : (input.phases.find((p) => p.id === last)?.end ?? null),
    goals_met: reached(chosen).goals,
    goals_total: input.goals,
    base: base
      ? {
          scenario: base.id,
          name: base.name,
          days: base.total_days,
          cost: cost(base.total_days),
          requirements_met: reached(base).requirements,
          goals_met: reached(base).goals,
        }
      : null,
    extra: base
      ? {
          days: chosen.total_days - base.total_days,
          cost: input.dayRate === null ? null : cost(chosen.total_days)! - cost(base.total_days)!,
        }
      : null,
    no_work: first ? null : input.ended ? 'roadmap-ended' : input.triggered === 0 ? 'nothing-to-do' : 'no-capacity',
    buys:
      base && bridge
        ? {
            requirements: chosen.requirements.filter((r) => (r.status === 'met' || r.status === 'planned') && !baseReached!.has(r.id)).map((r) => r.id),
            goals: Math.max(0, chosen.goals_reached - base.goals_reached),
            recommendations: bridge.added.length,
            days: bridge.added_days,
            base_meets_all: base.requirements_reached === input.requirements && base.goals_reached === input.goals,
          }
        : null,
    bridge,
    decide_by: input.decideBy.date,
    decide_by_source: input.decideBy.source,
    decided_by: input.decider ? { name: input.decider.name, role: input.decider.role ?? null } : null,
  };
}
