/**
 * Implementation tracking (`relm progress`): the plan of record (the roadmap of an assessment) against
 * progress.yaml on a given day. Per phase: done, in progress, late (the phase's end has passed and the work
 * is not done), not started and dropped; the effort delivered against the plan (a burn-up); the requirements
 * that done work now meets; what to do next. Pure: no I/O, no clock (`today` is given). Measured on an earlier
 * day, work done or started after it counts as not done or not started yet.
 */
import type { ProgressEntry, ProgressFile, ProgressStatus } from '../engagement/types.js';
import { daysBetween } from '../util/dates.js';
import type { Assessment, RecommendationResult, RequirementStatus } from './types.js';

export const PROGRESS_STATUSES: readonly ProgressStatus[] = ['planned', 'in-progress', 'done', 'dropped'];

/** How many recommendations "next steps" lists. */
export const NEXT_STEPS = 5;

/** One bucket per recommendation: late wins over in progress and not started. */
export type ProgressBucket = 'done' | 'dropped' | 'late' | 'in-progress' | 'not-started';

export interface RecommendationProgress {
  id: string;
  title: string;
  practice: string | null;
  /** The phase of the plan; null when the plan left it unscheduled or it is not on the plan. */
  phase: string | null;
  effort_days: number;
  /** effort_days × the day rate of the plan; null without one. */
  cost: number | null;
  status: ProgressStatus;
  bucket: ProgressBucket;
  /** The phase's end has passed (before today) and it is neither done nor dropped. */
  late: boolean;
  /** Days since its phase ended, when late. */
  days_late: number | null;
  /** Who carries it out (progress.yaml), else null. */
  owner: string | null;
  /** The role the plan gives it. */
  owner_role: string | null;
  started: string | null;
  done: string | null;
  notes: string | null;
  evidence: number;
  /** Its dependencies on the plan that are neither done nor dropped. */
  waiting_for: string[];
}

export interface PhaseProgress {
  id: string;
  name: string;
  start: string | null;
  end: string | null;
  /** The end is before today. */
  ended: boolean;
  recommendations: RecommendationProgress[];
  counts: Record<ProgressBucket, number>;
  /** Effort of the phase's recommendations that are not dropped. */
  planned_days: number;
  done_days: number;
}

export interface BurnupPoint {
  date: string;
  /** "start", a phase id, or "today". */
  label: string;
  /** Effort the plan has finished by this date: the phases ended by then (the phases' recommendations not dropped). */
  planned_days: number;
  /** Effort of the recommendations done by this date; null for a date after today. */
  done_days: number | null;
}

export interface RequirementProgress {
  id: string;
  title: string;
  rank: number;
  /** Its status in the plan of record. */
  status_at_plan: RequirementStatus;
  /** The measured status now (the current assessment), when there is one. */
  status_now: RequirementStatus | null;
  recommendations: string[];
  done: number;
  /** Every recommendation of its practices on the plan is done (and there is at least one). */
  work_done: boolean;
  /** Its metrics meet their targets now: true (or none named), false, or null (no data). */
  metrics_met: boolean | null;
  /** Not met at the plan; its work is all done and its metrics meet their targets now. */
  met_by_done_work: boolean;
  /** What it still waits for: null when met (at the plan or by done work). */
  waiting_for: 'work' | 'metrics' | 'data' | null;
}

export interface ProgressTotals {
  recommendations: number;
  done: number;
  dropped: number;
  late: number;
  in_progress: number;
  not_started: number;
  /** Effort of the scheduled recommendations that are not dropped: the scope of the burn-up. */
  planned_days: number;
  /** Effort of those that are done. */
  done_days: number;
  /** Effort of those in phases that ended before today: what should be done by now. */
  due_days: number;
  /** done_days / planned_days (1 when nothing is planned). */
  percent_done: number;
  /** done_days × the day rate of the plan; null without one. */
  done_cost: number | null;
}

export interface ProgressReport {
  today: string;
  as_of: string;
  phases: PhaseProgress[];
  /** Recommendations of the plan that no phase had room for. */
  unscheduled: RecommendationProgress[];
  /** Recommendations progress.yaml tracks that the plan of record does not hold. */
  outside_plan: RecommendationProgress[];
  totals: ProgressTotals;
  burnup: BurnupPoint[];
  requirements: RequirementProgress[];
  /** In progress first (late ones first), then those ready to start, in the plan's order. */
  next_steps: string[];
}

/** What the engine knows of a recommendation that the plan of record does not hold. */
export interface RecommendationInfo {
  title: string;
  practice: string;
  effort_days: number;
}

const EMPTY = (): Record<ProgressBucket, number> => ({ done: 0, dropped: 0, late: 0, 'in-progress': 0, 'not-started': 0 });

function bucketOf(status: ProgressStatus, late: boolean): ProgressBucket {
  if (status === 'done' || status === 'dropped') return status;
  if (late) return 'late';
  return status === 'in-progress' ? 'in-progress' : 'not-started';
}

/**
 * Progress of the plan of record (`plan`: an assessment, its roadmap and requirements) on `today`
 * (YYYY-MM-DD), from progress.yaml. `current` is the assessment as it stands now (for the requirements'
 * metrics and measured status); `catalogue` names the recommendations progress.yaml tracks off the plan.
 */
export function progressOf(
  plan: Assessment,
  file: ProgressFile | null | undefined,
  today: string,
  current: Assessment | null = null,
  catalogue: ReadonlyMap<string, RecommendationInfo> = new Map(),
): ProgressReport {
  const entries: Record<string, ProgressEntry> = file?.recommendations ?? {};
  // Tests may hand a plan without its engagement: no day rate, no costs.
  const dayRate = plan.engagement?.day_rate ?? null;
  const recs = new Map(plan.recommendations.map((r) => [r.id, r]));
  const phaseIndex = new Map(plan.roadmap.phases.map((p, k) => [p.id, k]));
  const progressStatus = (id: string): ProgressStatus => statusOn(entries[id], today);
  const resolved = (id: string) => progressStatus(id) === 'done' || progressStatus(id) === 'dropped';

  const track = (
    r: Pick<RecommendationResult, 'id' | 'title' | 'effort_days'> & {
      practice: string | null;
      owner: string | null;
      depends_on: string[];
      phase: string | null;
    },
  ): RecommendationProgress => {
    const e = entries[r.id];
    const status = progressStatus(r.id);
    const phase = r.phase === null ? undefined : plan.roadmap.phases[phaseIndex.get(r.phase)!];
    const late = !!phase?.end && phase.end < today && status !== 'done' && status !== 'dropped';
    return {
      id: r.id,
      title: r.title,
      practice: r.practice,
      phase: r.phase,
      effort_days: r.effort_days,
      cost: dayRate === null ? null : r.effort_days * dayRate,
      status,
      bucket: bucketOf(status, late),
      late,
      days_late: late ? daysBetween(phase!.end!, today) : null,
      owner: e?.owner ?? null,
      owner_role: r.owner,
      started: e?.started && e.started <= today ? e.started : null,
      done: status === 'done' ? (e?.done ?? null) : null,
      notes: e?.notes ?? null,
      evidence: e?.evidence?.length ?? 0,
      waiting_for: r.depends_on.filter((d) => recs.has(d) && !resolved(d)),
    };
  };
  const onPlan = (id: string) => {
    const r = recs.get(id)!;
    return track({ ...r, owner: r.owner, phase: r.phase });
  };

  const totals: ProgressTotals = {
    recommendations: 0,
    done: 0,
    dropped: 0,
    late: 0,
    in_progress: 0,
    not_started: 0,
    planned_days: 0,
    done_days: 0,
    due_days: 0,
    percent_done: 1,
    done_cost: null,
  };
  const phases = plan.roadmap.phases.map((p): PhaseProgress => {
    const list = p.recommendations.map(onPlan);
    const counts = EMPTY();
    for (const r of list) counts[r.bucket]++;
    const live = list.filter((r) => r.status !== 'dropped');
    const planned = live.reduce((t, r) => t + r.effort_days, 0);
    const done = live.filter((r) => r.status === 'done').reduce((t, r) => t + r.effort_days, 0);
    const ended = !!p.end && p.end < today;
    totals.recommendations += list.length;
    totals.done += counts.done;
    totals.dropped += counts.dropped;
    totals.late += counts.late;
    totals.in_progress += counts['in-progress'];
    totals.not_started += counts['not-started'];
    totals.planned_days += planned;
    totals.done_days += done;
    if (ended) totals.due_days += planned;
    return { id: p.id, name: p.name, start: p.start, end: p.end, ended, recommendations: list, counts, planned_days: planned, done_days: done };
  });
  totals.percent_done = totals.planned_days === 0 ? 1 : totals.done_days / totals.planned_days;
  totals.done_cost = dayRate === null ? null : totals.done_days * dayRate;

  const unscheduled = plan.roadmap.unscheduled.map(onPlan);
  const outside_plan = Object.keys(entries)
    .filter((id) => !recs.has(id))
    .map((id) => {
      const info = catalogue.get(id);
      return track({
        id,
        title: info?.title ?? id,
        effort_days: info?.effort_days ?? 0,
        practice: info?.practice ?? null,
        owner: null,
        depends_on: [],
        phase: null,
      });
    });

  // The burn-up: the plan's effort finished at each phase end, against the effort done by then.
  const scheduled = phases.flatMap((p) => p.recommendations).filter((r) => r.status !== 'dropped');
  const doneBy = (date: string) => scheduled.filter((r) => r.status === 'done' && (r.done ?? today) <= date).reduce((t, r) => t + r.effort_days, 0);
  const plannedBy = (date: string) => phases.filter((p) => p.end !== null && p.end <= date).reduce((t, p) => t + p.planned_days, 0);
  const points: BurnupPoint[] = [{ date: plan.as_of, label: 'start', planned_days: 0, done_days: plan.as_of <= today ? doneBy(plan.as_of) : null }];
  for (const p of phases)
    if (p.end) points.push({ date: p.end, label: p.id, planned_days: plannedBy(p.end), done_days: p.end <= today ? doneBy(p.end) : null });
  points.push({ date: today, label: 'today', planned_days: totals.due_days, done_days: totals.done_days });
  // In date order; on the same date, today comes last (a stable sort keeps start first).
  const burnup = points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.label === 'today' ? 1 : b.label === 'today' ? -1 : 0));

  const currentTraces = new Map((current?.requirements ?? []).map((t) => [t.id, t]));
  const requirements = plan.requirements.map((t): RequirementProgress => {
    const own = t.recommendations.filter((id) => recs.has(id));
    const done = own.filter((id) => progressStatus(id) === 'done').length;
    const work_done = own.length > 0 && done === own.length;
    const now = currentTraces.get(t.id);
    const metrics = (now ?? t).metrics;
    const metrics_met = metrics.some((m) => m.met === false) ? false : metrics.some((m) => m.met === null) ? null : true;
    const met_by_done_work = t.status !== 'met' && work_done && metrics_met === true;
    return {
      id: t.id,
      title: t.title,
      rank: t.rank,
      status_at_plan: t.status,
      status_now: now?.status ?? null,
      recommendations: own,
      done,
      work_done,
      metrics_met,
      met_by_done_work,
      waiting_for: t.status === 'met' || met_by_done_work ? null : !work_done ? 'work' : metrics_met === false ? 'metrics' : 'data',
    };
  });

  // Next: what is under way (late first), then what can start (its dependencies done or dropped), in plan order;
  // then ordered by their dependencies: a step never comes before work it waits for, which is put first.
  const ordered = [...phases.flatMap((p) => p.recommendations), ...unscheduled];
  const wanted = [
    ...ordered.filter((r) => r.status === 'in-progress' && r.late),
    ...ordered.filter((r) => r.status === 'in-progress' && !r.late),
    ...ordered.filter((r) => r.status === 'planned' && r.phase !== null && r.waiting_for.length === 0),
  ];
  const next = dependencyOrder(wanted, new Map(ordered.map((r) => [r.id, r])));

  return { today, as_of: plan.as_of, phases, unscheduled, outside_plan, totals, burnup, requirements, next_steps: next.slice(0, NEXT_STEPS) };
}

/**
 * The next steps in an order that respects their dependencies: each step in `wanted` (by priority) is preceded
 * by the unfinished work it waits for (what that waits for first, and so on), so no step asks to finish or start
 * something before what it depends on. Ids, each once.
 */
export function dependencyOrder(wanted: readonly RecommendationProgress[], byId: ReadonlyMap<string, RecommendationProgress>): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (r: RecommendationProgress): void => {
    if (placed.has(r.id) || visiting.has(r.id)) return;
    visiting.add(r.id);
    for (const d of r.waiting_for) {
      const dep = byId.get(d);
      if (dep) place(dep);
    }
    visiting.delete(r.id);
    placed.add(r.id);
    out.push(r.id);
  };
  for (const r of wanted) place(r);
  return out;
}

/**
 * A recommendation's status on `today`: work done (or started) after today is not done (or started) yet on
 * that day, so a report measured to an earlier day counts what had happened by then.
 */
export function statusOn(e: ProgressEntry | undefined, today: string | null): ProgressStatus {
  if (!e) return 'planned';
  if (today === null) return e.status;
  const started = !!e.started && e.started <= today;
  if (e.status === 'done' && e.done && e.done > today) return started ? 'in-progress' : 'planned';
  if (e.status === 'in-progress' && e.started && !started) return 'planned';
  return e.status;
}

/**
 * What changed in progress.yaml between two readings: the recommendations done since (done now, not done
 * then), started since, dropped since, and those whose status went back. `today` (the day the report is
 * measured to) reads the current file as progressOf does: work done after it is not done yet.
 */
export function progressSince(
  before: ProgressFile | null | undefined,
  now: ProgressFile | null | undefined,
  today: string | null = null,
): { done: string[]; started: string[]; dropped: string[]; reopened: string[] } {
  const b = before?.recommendations ?? {};
  const n = now?.recommendations ?? {};
  const was = (id: string): ProgressStatus => b[id]?.status ?? 'planned';
  const is = (id: string): ProgressStatus => statusOn(n[id], today);
  const ids = Object.keys(n);
  return {
    done: ids.filter((id) => is(id) === 'done' && was(id) !== 'done'),
    started: ids.filter((id) => is(id) === 'in-progress' && was(id) === 'planned'),
    dropped: ids.filter((id) => is(id) === 'dropped' && was(id) !== 'dropped'),
    reopened: Object.keys(b).filter((id) => was(id) === 'done' && is(id) !== 'done'),
  };
}

/** Every recommendation the report knows, by id. */
export function recommendationsOf(r: ProgressReport): Map<string, RecommendationProgress> {
  return new Map([...r.phases.flatMap((p) => p.recommendations), ...r.unscheduled, ...r.outside_plan].map((x) => [x.id, x]));
}

/** The late recommendations of the plan's phases, the latest first (ties: the plan's order). */
export function lateOf(r: ProgressReport): RecommendationProgress[] {
  return r.phases
    .flatMap((p) => p.recommendations)
    .filter((x) => x.late)
    .sort((a, b) => (b.days_late ?? 0) - (a.days_late ?? 0));
}

/** What person-days cost at the day rate; null without a rate. */
export function costOfDays(days: number, rate: number | null): number | null {
  return rate === null ? null : days * rate;
}

/** The effort of the given recommendations of the report, in person-days (an id it does not know counts 0). */
export function effortOf(r: ProgressReport, ids: readonly string[]): number {
  const recs = recommendationsOf(r);
  return ids.reduce((s, id) => s + (recs.get(id)?.effort_days ?? 0), 0);
}
