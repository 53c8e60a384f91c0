import type { BacklogFile, BacklogItem, ItemStatus, TargetFile } from '../engagement/types.js';
import { DEFAULT_RELEASE_POLICY } from '../model/release-policy.js';
import { addDays, daysBetween } from '../util/dates.js';
import { WorkingDays } from '../util/workdays.js';
import { DEFAULT_WINDOW_DAYS } from './defaults.js';
import { topSimilarPairs } from './similarity.js';
import { binCounts, countBy, median, percentile, sum } from './stats.js';
import type { ApplicationBacklog, BacklogAnalysis, CalendarRelease, OpenAge } from './types.js';
import { statusOf } from '../engagement/backlog-items.js';
import { maxOf } from '../util/arrays.js';

export const OPEN_STATUSES: readonly ItemStatus[] = ['new', 'approved', 'scheduled', 'in-progress'];
export const STATUSES: readonly ItemStatus[] = [...OPEN_STATUSES, 'done', 'rejected', 'obsolete'];
export const TYPES = ['corrective', 'adaptive', 'perfective', 'preventive'] as const;
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;

/** Lientz & Swanson (1978, 69 organisations): share of maintenance effort by type; "other" 4.1 %. */
export const LIENTZ_SWANSON_1978: Record<string, number> = { corrective: 0.174, adaptive: 0.182, perfective: 0.603 };

/** Open items' titles at least this similar, within one application, are listed as candidate duplicates. */
export const DUPLICATE_THRESHOLD = 0.5;
/** At most this many candidate pairs are listed, the most similar first: a longer list is not read. */
export const MAX_DUPLICATE_CANDIDATES = 500;
/** Throughput and arrivals are measured over the 90 days up to as_of. */
export const FLOW_WINDOW_DAYS = 90;

/** The age bands of the open items, in days since requested: [0, 30), [30, 90), …, 365 and above. */
export const OPEN_AGE_BINS: readonly number[] = [0, 30, 90, 180, 365, Infinity];

export const isOpen = (i: BacklogItem): boolean => OPEN_STATUSES.includes(statusOf(i));

function openAge(items: readonly BacklogItem[], asOf: string, ages = items.map((i) => daysBetween(i.requested, asOf))): OpenAge {
  return { median_days: median(ages), p90_days: percentile(ages, 0.9), max_days: ages.length ? maxOf(ages) : null };
}

/** Items whose date falls in (as_of − days, as_of], per 30 days. */
function ratePer30(items: readonly BacklogItem[], date: (i: BacklogItem) => string | undefined, asOf: string): number {
  const from = addDays(asOf, -FLOW_WINDOW_DAYS);
  const n = items.filter((i) => {
    const d = date(i);
    return d !== undefined && d > from && d <= asOf;
  }).length;
  return (n * 30) / FLOW_WINDOW_DAYS;
}

const PRIORITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * The proposed release calendar: approved or scheduled non-emergency open items, by priority then age
 * (oldest first) then id, each placed first-fit into releases every cadence_days after `from` (as_of, or the
 * decision date when later) up to the
 * capacity, each release date moved to the next working day. An item spanning several platforms ships on
 * all of them in one release. An item larger than the capacity gets a release of its own. Items in
 * `exclude` (recorded duplicates, obsolete candidates: "close, do not build") never ship.
 */
export function releaseCalendar(
  items: readonly BacklogItem[],
  platformsOf: (i: BacklogItem) => string[],
  asOf: string,
  policy: { cadence_days: number; capacity_days_per_release: number },
  days: WorkingDays = new WorkingDays(),
  exclude: ReadonlySet<string> = new Set(),
): CalendarRelease[] {
  const eligible = items
    .filter((i) => (i.status === 'approved' || i.status === 'scheduled') && !i.emergency && !exclude.has(i.id))
    .sort(
      (a, b) =>
        (PRIORITY_RANK[a.priority ?? ''] ?? 4) - (PRIORITY_RANK[b.priority ?? ''] ?? 4) ||
        (a.requested < b.requested ? -1 : a.requested > b.requested ? 1 : 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const releases: (CalendarRelease & { free: number })[] = [];
  let firstWithRoom = 0; // releases before it are full: first-fit need not look at them again
  const open = (index: number) => {
    while (releases.length <= index) {
      const n = releases.length + 1;
      const due = addDays(asOf, n * policy.cadence_days);
      const prev = releases[releases.length - 1]?.date;
      const date = days.onOrAfter(prev && prev >= due ? addDays(prev, 1) : due);
      releases.push({
        id: `PR-${String(n).padStart(2, '0')}`,
        date,
        items: [],
        effort_days: 0,
        platforms: [],
        oversized: false,
        free: policy.capacity_days_per_release,
      });
    }
    return releases[index]!;
  };
  for (const item of eligible) {
    const effort = item.effort_days ?? 0;
    let target: (typeof releases)[number] | undefined;
    if (effort > policy.capacity_days_per_release) {
      let k = 0;
      while (k < releases.length && releases[k]!.items.length) k++;
      target = open(k);
      target.oversized = true;
      target.free = 0;
    } else {
      while (firstWithRoom < releases.length && (releases[firstWithRoom]!.oversized || releases[firstWithRoom]!.free <= 0)) firstWithRoom++;
      for (let k = firstWithRoom; ; k++) {
        const r = open(k);
        if (!r.oversized && r.free >= effort) {
          target = r;
          break;
        }
      }
    }
    target.items.push(item.id);
    target.effort_days += effort;
    target.free -= effort;
    for (const p of platformsOf(item)) if (!target.platforms.includes(p)) target.platforms.push(p);
  }
  return releases.filter((r) => r.items.length).map(({ free: _free, ...r }) => ({ ...r, platforms: [...r.platforms].sort() }));
}

/** Backlog analytics (docs/formulas.md, The backlog). Pure. */
export function analyseBacklog(
  backlog: BacklogFile,
  target: TargetFile,
  asOf: string,
  dayRate: number | null,
  opts: { duplicates?: boolean; days?: WorkingDays; windowDays?: number; calendarFrom?: string | null } = {},
): BacklogAnalysis {
  const items = backlog.items ?? [];
  const apps = backlog.applications ?? [];
  const appById = new Map(apps.map((a) => [a.id, a]));
  const open = items.filter(isOpen);
  const done = items.filter((i) => statusOf(i) === 'done');
  // Record metrics read by evidence rules cover the analysis window (as the release metrics do), not all history.
  const recordFrom = addDays(asOf, -(opts.windowDays ?? DEFAULT_WINDOW_DAYS));
  const doneInWindow = done.filter((i) => i.closed !== undefined && i.closed > recordFrom && i.closed <= asOf);
  const platformsOf = (i: BacklogItem) => i.platforms ?? (appById.get(i.application)?.platform ? [appById.get(i.application)!.platform!] : []);

  const throughput = ratePer30(items, (i) => (statusOf(i) === 'done' ? i.closed : undefined), asOf);
  const arrivals = ratePer30(items, (i) => i.requested, asOf);

  const byType = countBy(items, (i) => i.type ?? 'unspecified', TYPES);
  const typed = sum(TYPES.map((t) => byType[t]!));
  const typeMix = TYPES.map((t) => ({ type: t, count: byType[t]!, share: typed ? byType[t]! / typed : 0, reference_share: LIENTZ_SWANSON_1978[t] ?? null }));

  const appIds = [...apps.map((a) => a.id), ...[...new Set(items.map((i) => i.application))].filter((id) => !appById.has(id)).sort()];
  const byApp = new Map<string, BacklogItem[]>(appIds.map((id) => [id, []]));
  for (const i of items) byApp.get(i.application)!.push(i);
  const applications: ApplicationBacklog[] = appIds.map((id) => {
    const own = byApp.get(id)!;
    const ownOpen = own.filter(isOpen);
    const effort = sum(ownOpen.map((i) => i.effort_days ?? 0));
    const benefit = sum(ownOpen.map((i) => i.benefit ?? 0));
    const cost = dayRate === null ? null : effort * dayRate;
    const a = appById.get(id);
    return {
      id,
      name: a?.name ?? id,
      platform: a?.platform ?? null,
      criticality: a?.criticality ?? null,
      count: own.length,
      open_count: ownOpen.length,
      open_effort_days: effort,
      open_age: openAge(ownOpen, asOf),
      open_by_type: countBy(ownOpen, (i) => i.type ?? 'unspecified', TYPES),
      emergency_count: own.filter((i) => i.emergency).length,
      throughput_per_30_days: ratePer30(own, (i) => (statusOf(i) === 'done' ? i.closed : undefined), asOf),
      open_cost: cost,
      open_benefit: benefit,
      // No open item states a benefit: the ratio is no data, not 0.
      benefit_cost_ratio: cost && ownOpen.some((i) => i.benefit !== undefined) ? benefit / cost : null,
      costed_share: ownOpen.length ? ownOpen.filter((i) => i.effort_days !== undefined && i.benefit !== undefined).length / ownOpen.length : null,
    };
  });

  const explicit = items.filter((i) => i.duplicate_of !== undefined).map((i): [string, string] => [i.id, i.duplicate_of!]);
  const linked = new Set(explicit.map(([a, b]) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)));
  // Duplicates that cost effort are among the pending changes: open items are compared, within an application.
  // (The search is the costly part; a caller that needs no duplicate figures may skip it: they are then null.)
  const searched = opts.duplicates !== false;
  const found = searched
    ? topSimilarPairs(
        open.map((i) => ({ id: i.id, title: i.title, group: i.application })),
        {
          threshold: DUPLICATE_THRESHOLD,
          sameGroup: true,
          limit: MAX_DUPLICATE_CANDIDATES,
          skip: linked.size ? (a, b) => linked.has(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`) : undefined,
        },
      )
    : { pairs: [], total: 0 };
  const candidates = found.pairs;
  const supersedingOf = new Map<string, string[]>();
  for (const i of items) {
    if (statusOf(i) === 'rejected') continue;
    for (const s of i.supersedes ?? []) supersedingOf.set(s, [...(supersedingOf.get(s) ?? []), i.id]);
  }
  const superseded = new Set(supersedingOf.keys());
  const supersededBy = (id: string) => supersedingOf.get(id) ?? [];
  const obsolete = open.filter((i) => superseded.has(i.id)).map((i) => i.id);
  // Close, do not build: open items recorded as duplicates of another, and open items a later change makes obsolete.
  const closeNotBuild = open
    .filter((i) => i.duplicate_of !== undefined || superseded.has(i.id))
    .map((i) => ({
      id: i.id,
      reason: i.duplicate_of !== undefined ? ('duplicate' as const) : ('obsolete' as const),
      of: i.duplicate_of !== undefined ? [i.duplicate_of] : supersededBy(i.id),
    }));
  const openAges = open.map((i) => daysBetween(i.requested, asOf));
  // Little's law: at today's pace a new request waits open / throughput (throughput per 30 days).
  const expectedWait = throughput > 0 ? open.length / (throughput / 30) : null;
  const policy = {
    cadence_days: target.release_policy?.cadence_days ?? DEFAULT_RELEASE_POLICY.cadence_days,
    capacity_days_per_release: target.release_policy?.capacity_days_per_release ?? DEFAULT_RELEASE_POLICY.capacity_days_per_release,
    from_target: target.release_policy !== undefined,
  };

  // The proposed releases follow the decision (its date when one is known and later than as_of): the cadence
  // counts from that day, so no proposed release falls before the client has decided.
  const calendarFrom = opts.calendarFrom && opts.calendarFrom > asOf ? opts.calendarFrom : asOf;
  const calendar = releaseCalendar(open, platformsOf, calendarFrom, policy, opts.days, new Set(closeNotBuild.map((c) => c.id)));
  return {
    count: items.length,
    open_count: open.length,
    by_application: countBy(
      items,
      (i) => i.application,
      apps.map((a) => a.id),
    ),
    by_type: byType,
    by_priority: countBy(items, (i) => i.priority ?? 'unspecified', PRIORITIES),
    by_status: countBy(items, statusOf, STATUSES),
    open_age: openAge(open, asOf, openAges),
    open_age_bins: binCounts(openAges, OPEN_AGE_BINS).map((count, k) => ({
      from: OPEN_AGE_BINS[k]!,
      to: OPEN_AGE_BINS[k + 1] === Infinity ? null : OPEN_AGE_BINS[k + 1]!,
      count,
    })),
    open_effort_days: sum(open.map((i) => i.effort_days ?? 0)),
    open_unestimated: open.filter((i) => i.effort_days === undefined).length,
    throughput_per_30_days: throughput,
    arrivals_per_30_days: arrivals,
    clearance_months: throughput > 0 ? open.length / throughput : null,
    expected_wait_days: expectedWait,
    littles_law_lead_time_days: expectedWait,
    type_mix: typeMix,
    applications,
    duplicates: { explicit, candidates },
    obsolete_candidates: obsolete,
    close_not_build: closeNotBuild,
    emergency_open: open.filter((i) => i.emergency).map((i) => i.id),
    duplicates_per_100_open: open.length && searched ? ((found.total + obsolete.length) * 100) / open.length : null,
    duplicate_candidates_total: searched ? found.total : null,
    // No data is never a figure: where no item carries `change` at all (an import that never mapped it), the
    // share is unknown, not 0 %.
    done_with_change_share:
      doneInWindow.length && items.some((i) => i.change !== undefined) ? doneInWindow.filter((i) => i.change !== undefined).length / doneInWindow.length : null,
    costed_share: open.length ? open.filter((i) => i.effort_days !== undefined && i.benefit !== undefined).length / open.length : null,
    release_policy: policy,
    release_calendar: calendar,
    calendar_items: sum(calendar.map((r) => r.items.length)),
    calendar_effort_days: sum(calendar.map((r) => r.effort_days)),
    growing: arrivals > throughput,
    open_benefit_total: sum(applications.map((x) => x.open_benefit)),
  };
}
