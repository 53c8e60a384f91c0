/**
 * Size and scope of the programme, per roadmap phase: how long it runs, the effort and cost, the people
 * (the owner roles, with their share of the effort as full-time equivalents over the phase's working days)
 * and the anticipated deliverables (what the phase's recommendations produce, model `deliverables`).
 */
import { addDays, daysBetween } from '../util/dates.js';
import type { WorkingDays } from '../util/workdays.js';
import type { RecommendationResult, Roadmap } from './types.js';
import type * as Doc from '../schema-types/assessment.js';

export type ScopeRole = Doc.ScopeRole;
export type PhaseScope = Doc.PhaseScope;
export type SizeAndScope = Doc.AssessmentDocument['size_and_scope'];

/** Working days from start to end, both included. */
export function workingDaysBetween(start: string, end: string, days: WorkingDays): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) if (days.isWorkingDay(d)) n++;
  return n;
}

function scopeOf(
  phase: string | null,
  start: string | null,
  end: string | null,
  ids: readonly string[],
  recs: ReadonlyMap<string, RecommendationResult>,
  deliverablesOf: ReadonlyMap<string, readonly string[]>,
  dayRate: number | null,
  days: WorkingDays,
): PhaseScope {
  const working = start && end && end >= start ? workingDaysBetween(start, end, days) : null;
  const fte = (effort: number) => (working ? effort / working : null);
  const effort = ids.reduce((t, id) => t + recs.get(id)!.effort_days, 0);
  const roles = new Map<string | null, ScopeRole>();
  for (const id of ids) {
    const r = recs.get(id)!;
    const entry = roles.get(r.owner) ?? { role: r.owner, effort_days: 0, fte: null, recommendations: [] };
    entry.effort_days += r.effort_days;
    entry.recommendations.push(id);
    roles.set(r.owner, entry);
  }
  const seen = new Set<string>();
  const deliverables: PhaseScope['deliverables'] = [];
  for (const id of ids) {
    for (const title of deliverablesOf.get(id) ?? []) {
      const key = title.trim().toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      deliverables.push({ title, recommendation: id });
    }
  }
  return {
    phase,
    start,
    end,
    calendar_days: start && end && end >= start ? daysBetween(start, end) + 1 : null,
    calendar_weeks: start && end && end >= start ? Math.round((daysBetween(start, end) + 1) / 7) : null,
    working_days: working,
    effort_days: effort,
    cost: dayRate !== null ? effort * dayRate : null,
    fte: fte(effort),
    recommendations: [...ids],
    // The role with the most work first; ties in order of appearance.
    roles: [...roles.values()].map((x) => ({ ...x, fte: fte(x.effort_days) })).sort((a, b) => b.effort_days - a.effort_days),
    deliverables,
    without_deliverables: ids.filter((id) => !(deliverablesOf.get(id) ?? []).length),
  };
}

export function sizeAndScope(
  roadmap: Roadmap,
  recs: readonly RecommendationResult[],
  deliverablesOf: ReadonlyMap<string, readonly string[]>,
  dayRate: number | null,
  days: WorkingDays,
): SizeAndScope {
  const byId = new Map(recs.map((r) => [r.id, r]));
  const phases = roadmap.phases.map((p) => scopeOf(p.id, p.start, p.end, p.recommendations, byId, deliverablesOf, dayRate, days));
  return {
    phases,
    unscheduled: roadmap.unscheduled.length ? scopeOf(null, null, null, roadmap.unscheduled, byId, deliverablesOf, dayRate, days) : null,
    deliverables: phases.reduce((t, p) => t + p.deliverables.length, 0),
  };
}
