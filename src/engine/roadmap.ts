import type { Phase } from '../engagement/types.js';
import type { WorkingDays } from '../util/workdays.js';
import type { Assessment, RecommendationResult, Roadmap } from './types.js';

export type Milestone = NonNullable<Roadmap['milestones']>[number];
import { maxOf } from '../util/arrays.js';

/** How many recommendations "first steps" lists (executive summary, slides, strategic plan). */
export const FIRST_STEPS = 5;

/** When work can happen (DESIGN §3.1, "Time moves on" and "A schedule inside each phase"). */
export interface Timing {
  /** The first working day work can be placed on: after as_of and after the decision the plan asks for. */
  from: string;
  days: WorkingDays;
  /** Recommendations marked done in progress.yaml: never scheduled again. */
  done?: ReadonlySet<string>;
  /** Recommendations dropped per progress.yaml: never scheduled nor priced (a dependency on one counts as met). */
  dropped?: ReadonlySet<string>;
  /** Recommendations in progress per progress.yaml: carried into the first open phase, placed first. */
  carried?: readonly string[];
}

/** Working days from start to end, both included (0 when end is before start). */
export function workingDaysIn(start: string, end: string, days: WorkingDays): number {
  let n = 0;
  for (let d = days.onOrAfter(start); d <= end; d = days.after(d)) n++;
  return n;
}

export interface PhaseWindow {
  status: 'past' | 'running' | 'future';
  /** The first working day work is placed on (null: a past phase without a start of its own, or no date). */
  start: string | null;
  /** The capacity to place against: prorated to the working days left for a running phase. */
  capacity: number | null;
  prorated: boolean;
}

/**
 * Each phase's window under a timing: a phase ending before `from` is past (nothing placed in it); one that
 * started before `from` and ends on or after it is running, placed from `from` with its capacity prorated to
 * the working days left (capacity × working days from `from` to its end ÷ working days from its start to its
 * end); the others are future. A phase's start is its own `start`, else `from` for the first phase and the
 * working day after the previous phase's end for the others.
 */
export function phaseWindows(phases: readonly Phase[], capacity: readonly (number | null)[], t: Timing): PhaseWindow[] {
  return phases.map((p, k) => {
    const prevEnd = k === 0 ? null : phases[k - 1]!.end;
    const nominal = p.start ? t.days.onOrAfter(p.start) : k === 0 ? null : prevEnd ? t.days.after(prevEnd) : null;
    const cap = capacity[k] ?? null;
    if (p.end && p.end < t.from) return { status: 'past', start: nominal, capacity: 0, prorated: false };
    if (nominal !== null && nominal < t.from) {
      const share = p.end ? workingDaysIn(t.from, p.end, t.days) / Math.max(1, workingDaysIn(nominal, p.end, t.days)) : 1;
      return { status: 'running', start: t.from, capacity: cap === null ? null : cap * share, prorated: cap !== null && share < 1 };
    }
    return { status: 'future', start: nominal ?? (k === 0 ? t.from : null), capacity: cap, prorated: false };
  });
}

/** The later of two ISO dates. */
function laterOf(a: string, b: string): string {
  return a.localeCompare(b) >= 0 ? a : b;
}

/** A scheduled recommendation's dates inside its phase. */
export interface Dated {
  start: string;
  end: string;
  /** It cannot end inside its phase. */
  late: boolean;
}

/**
 * The phased roadmap (docs/formulas.md: customer order first). Recommendations are walked in their order; each
 * one not yet placed first places its unplaced dependencies (recursively, in the same order), then itself,
 * so the customer's first requirement pulls its prerequisites forward instead of waiting behind
 * lower-ranked work. Placing r: the earliest phase that is not before any dependency's phase and has
 * capacity_days left for it (no capacity_days = unlimited); where none fits, or a dependency is
 * unscheduled, r is unscheduled. Each phase lists its recommendations in placing order. `capacity`
 * overrides the phases' capacity (scenarios).
 *
 * With a `timing` (DESIGN §3.1): past phases take nothing, a running phase takes its prorated capacity, a
 * recommendation done per progress.yaml is never placed (listed in `done`; a dependency on it is met), the
 * ones in progress are walked first; and each scheduled recommendation gets dates inside its phase
 * (scheduleInside).
 */
export function scheduleRoadmap(
  recs: readonly RecommendationResult[],
  phases: readonly Phase[],
  dayRate: number | null,
  capacity: Record<string, number | null> = Object.fromEntries(phases.map((p) => [p.id, p.capacity_days ?? null])),
  timing: Timing | null = null,
): { roadmap: Roadmap; phaseOf: Map<string, string | null>; dates: Map<string, Dated> } {
  const windows = timing
    ? phaseWindows(
        phases,
        phases.map((p) => capacity[p.id] ?? null),
        timing,
      )
    : null;
  const left = phases.map((p, k) => (windows ? windows[k]!.capacity : (capacity[p.id] ?? null)));
  const open = phases.map((_, k) => !windows || windows[k]!.status !== 'past');
  // Done and dropped work is never placed again; a dependency on either is met (docs/formulas.md, time moves on).
  const done = new Set<string>([...(timing?.done ?? []), ...(timing?.dropped ?? [])]);
  const dropped = timing?.dropped ?? new Set<string>();
  const placed = new Map<string, number | null>(); // id -> phase index, or null when unscheduled
  const byPhase: string[][] = phases.map(() => []);
  const used = phases.map(() => 0);
  const unscheduled: string[] = [];
  const order = new Map(recs.map((r, i) => [r.id, i]));
  const byId = new Map(recs.map((r) => [r.id, r]));
  const visiting = new Set<string>();

  const place = (r: RecommendationResult): void => {
    if (placed.has(r.id) || visiting.has(r.id) || done.has(r.id)) return; // a cycle is a validation error reported first
    visiting.add(r.id);
    const deps = r.depends_on.filter((d) => byId.has(d) && !done.has(d)).sort((a, b) => order.get(a)! - order.get(b)!);
    for (const d of deps) place(byId.get(d)!);
    visiting.delete(r.id);
    const depPhases = deps.map((d) => placed.get(d));
    let phase: number | null = null;
    if (depPhases.every((p) => p !== null && p !== undefined)) {
      const earliest = maxOf(depPhases as number[], 0);
      for (let k = earliest; k < phases.length; k++) {
        if (open[k] && (left[k] === null || left[k]! >= r.effort_days)) {
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
  for (const id of timing?.carried ?? []) if (byId.has(id)) place(byId.get(id)!);
  for (const r of recs) place(r);

  const cost = (days: number) => (dayRate === null ? null : days * dayRate);
  const total = used.reduce((a, b) => a + b, 0);
  const unscheduledDays = unscheduled.reduce((t, id) => t + byId.get(id)!.effort_days, 0);
  const phaseOf = new Map<string, string | null>([...placed].map(([id, k]) => [id, k === null ? null : phases[k]!.id]));
  const roadmap: Roadmap = {
    phases: phases.map((p, k) => ({
      id: p.id,
      name: p.name,
      start: windows ? windows[k]!.start : null,
      end: p.end ?? null,
      status: windows ? windows[k]!.status : 'future',
      capacity_days: windows ? windows[k]!.capacity : (capacity[p.id] ?? null),
      planned_capacity_days: capacity[p.id] ?? null,
      lanes: null,
      used_days: used[k]!,
      cost: cost(used[k]!),
      recommendations: byPhase[k]!,
    })),
    unscheduled,
    done: recs.filter((r) => done.has(r.id) && !dropped.has(r.id)).map((r) => r.id),
    dropped: recs.filter((r) => dropped.has(r.id)).map((r) => r.id),
    total_days: total,
    total_cost: cost(total),
    unscheduled_days: unscheduledDays,
  };
  const dates = timing ? scheduleInside(roadmap, byId, timing.days) : new Map<string, Dated>();
  return { roadmap, phaseOf, dates };
}

/**
 * The schedule inside each phase (DESIGN §3.1): the phase's capacity as parallel lanes, lanes =
 * ⌈capacity_days ÷ the phase's working days⌉ (at least 1; unlimited capacity: a lane each). In placing order
 * (dependencies first), each recommendation takes ⌈effort_days⌉ working days (at least 1) on the lane where it
 * can start first, never before the working day after its dependencies end; one that ends after its phase is
 * late. Sets each phase's `lanes`; phases without a start get no dates.
 */
export function scheduleInside(roadmap: Roadmap, byId: ReadonlyMap<string, RecommendationResult>, days: WorkingDays): Map<string, Dated> {
  const out = new Map<string, Dated>();
  for (const p of roadmap.phases) {
    if (p.status === 'past' || !p.start || !p.recommendations.length) continue;
    const span = p.end ? workingDaysIn(p.start, p.end, days) : 0;
    const lanes = p.capacity_days === null ? p.recommendations.length : Math.max(1, span ? Math.ceil(p.capacity_days / span) : 1);
    p.lanes = p.capacity_days === null ? null : lanes;
    const free: string[] = Array(Math.min(lanes, p.recommendations.length)).fill(days.onOrAfter(p.start));
    for (const id of p.recommendations) {
      const r = byId.get(id)!;
      let earliest = days.onOrAfter(p.start);
      for (const d of r.depends_on) {
        const end = out.get(d)?.end;
        if (end && days.after(end) > earliest) earliest = days.after(end);
      }
      let lane = 0;
      let start = laterOf(free[0]!, earliest);
      for (let l = 1; l < free.length; l++) {
        const s = laterOf(free[l]!, earliest);
        if (s < start) {
          start = s;
          lane = l;
        }
      }
      const end = days.span(start, Math.max(1, Math.ceil(r.effort_days)));
      free[lane] = days.after(end);
      out.set(id, { start, end, late: p.end !== null && end > p.end });
    }
  }
  return out;
}

/**
 * The first steps: the first recommendations of the first phase that has any, in placing order, that can start
 * at once. A recommendation with a prerequisite still in the plan (scheduled or not) waits for it, so it is not a
 * first step, even when the prerequisite was pulled into the same phase.
 */
export function firstSteps(roadmap: Roadmap, recs: readonly Pick<RecommendationResult, 'id' | 'depends_on'>[] = [], n = FIRST_STEPS): string[] {
  const planned = new Set([...roadmap.phases.flatMap((p) => p.recommendations), ...roadmap.unscheduled]);
  const deps = new Map(recs.map((r) => [r.id, r.depends_on]));
  const ready = (id: string) => !(deps.get(id) ?? []).some((d) => planned.has(d));
  return (roadmap.phases.find((p) => p.recommendations.length)?.recommendations ?? []).filter(ready).slice(0, n);
}

/**
 * The milestones of the roadmap (DESIGN §3.1: only for what the plan reaches): each planned requirement at the
 * end of the phase that meets it; and each metric the plan's work moves at the end of the last phase moving
 * it, only when the plan reaches it: every recommendation with a KPI on it is scheduled (none left out, none
 * late) and no requirement measured by it is off the plan or unknown; and each metric a planned requirement
 * names and does not meet today, at the end of the requirement's phase (or later, where later work moves it). A
 * late recommendation keeps its metric from a milestone only when it ends after that milestone's date.
 * In phase order, requirements first.
 */
export function planMilestones(a: Pick<Assessment, 'roadmap' | 'recommendations' | 'requirements'>): Milestone[] {
  const order = a.roadmap.phases.map((p) => p.id);
  const endOf = new Map(a.roadmap.phases.map((p) => [p.id, p.end]));
  const out: Milestone[] = [];
  for (const t of a.requirements)
    if (t.status === 'planned' && endOf.get(t.reaches_target!))
      out.push({ date: endOf.get(t.reaches_target!)!, phase: t.reaches_target!, requirement: t.id, metric: null });
  const lastPhase = new Map<string, string>();
  const unreached = new Set<string>();
  // The end dates of late recommendations moving each metric (null: no end date).
  const late = new Map<string, (string | null)[]>();
  for (const t of a.requirements)
    if (t.status === 'not-on-plan' || t.status === 'unknown')
      for (const m of t.metrics) {
        unreached.add(m.name);
        unreached.add(`releases.${m.name}`);
      }
  for (const r of a.recommendations) {
    for (const k of r.kpis) {
      if (k.met_now) continue;
      if (r.phase === null) unreached.add(k.metric);
      else if (r.late) late.set(k.metric, [...(late.get(k.metric) ?? []), r.end ?? null]);
      else if (!lastPhase.has(k.metric) || order.indexOf(r.phase) > order.indexOf(lastPhase.get(k.metric)!)) lastPhase.set(k.metric, r.phase);
    }
  }
  // A planned requirement meets the metrics it names at the end of its phase: each one not met today is reached
  // there too (`releases.<name>`), whether or not a recommendation's KPI moves it; the later phase wins.
  for (const t of a.requirements) {
    if (t.status !== 'planned' || !endOf.get(t.reaches_target!)) continue;
    for (const m of t.metrics) {
      if (m.met !== false) continue;
      const key = `releases.${m.name}`;
      const at = lastPhase.get(key);
      if (at === undefined || order.indexOf(t.reaches_target!) > order.indexOf(at)) lastPhase.set(key, t.reaches_target!);
    }
  }
  // A metric moved by late work is reached only where every late recommendation moving it ends by the milestone.
  for (const [metric, ends] of late) {
    const at = lastPhase.get(metric);
    const by = at !== undefined ? endOf.get(at) : undefined;
    if (!by || ends.some((d) => d === null || d > by)) unreached.add(metric);
  }
  for (const [metric, phase] of lastPhase)
    if (!unreached.has(metric) && endOf.get(phase)) out.push({ date: endOf.get(phase)!, phase, requirement: null, metric });
  return out.sort((x, y) => order.indexOf(x.phase) - order.indexOf(y.phase) || (x.requirement === null ? 1 : 0) - (y.requirement === null ? 1 : 0));
}
