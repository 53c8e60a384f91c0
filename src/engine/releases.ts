import type { BacklogFile, Release, ReleasesFile, TargetFile } from '../engagement/types.js';
import { bandRank } from '../model/dora.js';
import { addDays, toEpochMs } from '../util/dates.js';
import { DEFAULT_WINDOW_DAYS } from './defaults.js';
import { median } from './stats.js';
import type { Band, ReleaseAnalysis, SuccessRate } from './types.js';

export const FAILED_OUTCOMES = ['failed', 'rolled-back', 'hotfixed'] as const;

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A release whose outcome is failed, rolled back or hotfixed; a release without `outcome` is unknown, never failed. */
export const isFailed = (r: Release): boolean => r.outcome !== undefined && (FAILED_OUTCOMES as readonly string[]).includes(r.outcome);
/** The outcome is recorded (docs/formulas.md: only those count in the failure rate). */
export const isOutcomeKnown = (r: Release): boolean => r.outcome !== undefined;
export const isPlanned = (r: Release): boolean => r.planned ?? r.type !== 'emergency';

/** DORA 2023 clusters (docs/formulas.md). */
export function bandOf(metric: keyof ReleaseAnalysis['bands'], v: number | null): Band | null {
  if (v === null) return null;
  switch (metric) {
    case 'deployment_frequency_per_week':
      return v >= 7 ? 'elite' : v >= 1 ? 'high' : v >= 12 / 52 ? 'medium' : 'low';
    case 'lead_time_days':
      return v < 1 ? 'elite' : v <= 7 ? 'high' : v <= 30 ? 'medium' : 'low';
    case 'change_failure_rate':
      return v <= 0.05 ? 'elite' : v <= 0.1 ? 'high' : v <= 0.15 ? 'medium' : 'low';
    case 'recovery_hours':
      return v < 1 ? 'elite' : v < 24 ? 'high' : v <= 168 ? 'medium' : 'low';
  }
}

/** The lower-middle of the bands sorted from low to elite. */
export function overallBand(bands: readonly (Band | null)[]): Band | null {
  const known = bands.filter((b): b is Band => b !== null).sort((a, b) => bandRank(a) - bandRank(b));
  return known.length ? known[(known.length - 1) >> 1]! : null;
}

/** The order in which metrics are checked against their targets, and missed ones named. */
const CHECK_ORDER = [
  'change_failure_rate',
  'lead_time_days',
  'recovery_hours',
  'deployment_frequency_per_week',
  'request_lead_time_days',
  'rework_rate',
] as const;
type Checked = (typeof CHECK_ORDER)[number];

/**
 * Each metric with both a value and a target, met or missed (frequency: at least the target; the others: at
 * most). A metric with no data is never met: it is left out here, and a requirement naming it is unknown.
 */
export function targetChecks(values: Record<Checked, number | null>, targets: Partial<Record<Checked, number>>): ReleaseAnalysis['target_checks'] {
  return CHECK_ORDER.flatMap((metric) => {
    const value = values[metric];
    const target = targets[metric];
    if (value === null || target === undefined) return [];
    return [{ metric, value, target, met: metric === 'deployment_frequency_per_week' ? value >= target : value <= target }];
  });
}

/** The metric in the lowest band (ties: the bands' own order), shown beside the overall band so that it never stands alone. */
export function weakestMetric(bands: ReleaseAnalysis['bands']): ReleaseAnalysis['weakest'] {
  let out: ReleaseAnalysis['weakest'] = null;
  for (const [metric, band] of Object.entries(bands) as [string, Band | null][])
    if (band !== null && (out === null || bandRank(band) < bandRank(out.band))) out = { metric, band };
  return out;
}

/** Per key: the releases, those with a known outcome, and the success rate over the known ones (null: none known). */
function successRates(releases: readonly Release[], keys: (r: Release) => string[]): Record<string, SuccessRate> {
  const acc = new Map<string, { count: number; known: number; ok: number }>();
  for (const r of releases) {
    for (const k of keys(r)) {
      const a = acc.get(k) ?? { count: 0, known: 0, ok: 0 };
      a.count++;
      if (isOutcomeKnown(r)) {
        a.known++;
        if (!isFailed(r)) a.ok++;
      }
      acc.set(k, a);
    }
  }
  const out: Record<string, SuccessRate> = {};
  for (const k of [...acc.keys()].sort()) {
    const a = acc.get(k)!;
    out[k] = { count: a.count, known: a.known, success_rate: a.known ? a.ok / a.known : null };
  }
  return out;
}

/** The first day of the window of `windowDays` UTC calendar days ending with as_of. */
export function windowStart(asOf: string, windowDays: number): string {
  return addDays(asOf, -(windowDays - 1));
}

/** The releases deployed in the window of `windowDays` UTC calendar days ending with as_of (as_of included). */
export function releasesInWindow(file: ReleasesFile, asOf: string, windowDays = DEFAULT_WINDOW_DAYS): Release[] {
  const start = windowStart(asOf, windowDays);
  return (file.releases ?? []).filter((r) => {
    const day = new Date(toEpochMs(r.deployed)).toISOString().slice(0, 10);
    return day >= start && day <= asOf;
  });
}

/** Hours from a release's deployment to the restore of service; null when `restored` is not recorded. */
export function restoreHours(r: Release): number | null {
  return r.restored ? (toEpochMs(r.restored) - toEpochMs(r.deployed)) / HOUR : null;
}

/**
 * Release metrics (docs/formulas.md): releases deployed on the `windowDays` UTC calendar days ending with
 * as_of (as_of included). Pure.
 */
export function analyseReleases(
  file: ReleasesFile,
  backlog: BacklogFile | null,
  target: TargetFile,
  asOf: string,
  windowDays = DEFAULT_WINDOW_DAYS,
): ReleaseAnalysis {
  const start = windowStart(asOf, windowDays);
  const inWindow = releasesInWindow(file, asOf, windowDays);
  const n = inWindow.length;
  const requested = new Map((backlog?.items ?? []).map((i) => [i.id, i.requested]));

  const leadTimes = inWindow
    .flatMap((r) => (r.changes ?? []).filter((c) => c.committed).map((c) => (toEpochMs(r.deployed) - toEpochMs(c.committed!)) / DAY))
    .filter((d) => d > 0);
  const requestLeadTimes = inWindow
    .flatMap((r) => (r.items ?? []).filter((id) => requested.has(id)).map((id) => (toEpochMs(r.deployed) - toEpochMs(requested.get(id)!)) / DAY))
    .filter((d) => d > 0);
  const known = inWindow.filter(isOutcomeKnown);
  const failed = known.filter(isFailed);
  // Multi-platform items: did the release that shipped them cover every platform they span?
  const appPlatform = new Map((backlog?.applications ?? []).map((a) => [a.id, a.platform]));
  const itemById = new Map((backlog?.items ?? []).map((i) => [i.id, i]));
  let multi = 0;
  let split = 0;
  for (const r of inWindow) {
    const covered = new Set((r.applications ?? []).map((a) => appPlatform.get(a)).filter(Boolean));
    for (const id of r.items ?? []) {
      const platforms = itemById.get(id)?.platforms ?? [];
      if (platforms.length < 2) continue;
      multi++;
      if (!platforms.every((p) => covered.has(p))) split++;
    }
  }
  const recoveries = failed.map(restoreHours).filter((h): h is number => h !== null);

  const metrics = {
    deployment_frequency_per_week: n ? n / (windowDays / 7) : null,
    lead_time_days: median(leadTimes),
    change_failure_rate: known.length ? failed.length / known.length : null,
    recovery_hours: median(recoveries),
  };
  const bands = {
    deployment_frequency_per_week: bandOf('deployment_frequency_per_week', metrics.deployment_frequency_per_week),
    lead_time_days: bandOf('lead_time_days', metrics.lead_time_days),
    change_failure_rate: bandOf('change_failure_rate', metrics.change_failure_rate),
    recovery_hours: bandOf('recovery_hours', metrics.recovery_hours),
  };
  const request_lead_time_days = median(requestLeadTimes);
  const rework_rate = n ? inWindow.filter((r) => !isPlanned(r)).length / n : null;
  const values = { ...metrics, request_lead_time_days, rework_rate };
  const targets = { ...(target.dora ?? {}) } as Partial<Record<keyof typeof values, number>>;
  return {
    window_days: windowDays,
    window_start: start,
    count: n,
    outcome_known: known.length,
    failed: failed.length,
    deployment_frequency_per_week: metrics.deployment_frequency_per_week,
    lead_time_days: metrics.lead_time_days,
    request_lead_time_days,
    change_failure_rate: metrics.change_failure_rate,
    recovery_hours: metrics.recovery_hours,
    rework_rate,
    bands,
    band: overallBand(Object.values(bands)),
    weakest: weakestMetric(bands),
    outcome_unknown: n - known.length,
    target_checks: targetChecks(values, targets),
    emergency_share: n ? inWindow.filter((r) => r.type === 'emergency').length / n : null,
    multi_platform_split_share: multi ? split / multi : null,
    success_rate_by_type: successRates(inWindow, (r) => [r.type ?? 'unspecified']),
    success_rate_by_application: successRates(inWindow, (r) => r.applications ?? []),
    targets: { ...(target.dora ?? {}) },
  };
}
