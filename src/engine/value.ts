/**
 * The value at stake (DESIGN §3.1): what failed releases, outages and waiting requests cost the client a year
 * today, from the release record, the backlog and relm.yaml `value` (money per failed release, per hour of
 * outage, per request-month of waiting); what the recommended option saves once the release targets are met;
 * and the month its cost is paid back. Pure: every figure from the inputs, nothing rounded.
 */
import type { Engagement } from '../engagement/types.js';
import { addDays, daysBetween } from '../util/dates.js';
import { DEFAULT_WINDOW_DAYS } from './defaults.js';
import { isFailed, isOutcomeKnown, releasesInWindow, restoreHours, windowStart } from './releases.js';
import { median } from './stats.js';
import type { Assessment } from './types.js';

export type BusinessCase = Assessment['business_case'];
type Part = BusinessCase['parts'][number];
type Missing = BusinessCase['missing'][number];
type Assumption = BusinessCase['assumptions'][number];

const YEAR_DAYS = 365;
/** A month, in days: a year is twelve of them. */
export const MONTH_DAYS = YEAR_DAYS / 12;
/** A payback later than this many months is no payback. */
export const MAX_PAYBACK_MONTHS = 120;

/** The release record over the window: what the failed-release and outage parts read. */
export interface ValueRecord {
  window_days: number;
  window_start: string;
  /** Releases in the window whose outcome is recorded. */
  known: number;
  /** One entry per failed release in the window: hours from deployment to restore, null when not recorded. */
  failed_hours: (number | null)[];
}

/** Everything the business case is computed from. */
export interface ValueInputs {
  value: { failed_release?: number; outage_hour?: number; waiting_request_month?: number } | undefined;
  /** Null without a release record. */
  record: ValueRecord | null;
  /** Null without a backlog. */
  backlog: { open: number; delivered_per_day: number } | null;
  targets: { change_failure_rate?: number; recovery_hours?: number; request_lead_time_days?: number };
  /** The recommended option's total cost; null without a day rate. */
  cost: number | null;
  scenario: string | null;
  /** The first day of the option's first phase with work, and the last day of its last. */
  plan_start: string | null;
  plan_end: string | null;
}

/**
 * Months from the start of the plan until the cumulative saving covers `cost`, the saving ramping linearly
 * from 0 at the start to `perYear` at the end (`planMonths` later), then staying at that rate. Null when it
 * never pays back within MAX_PAYBACK_MONTHS.
 */
export function paybackMonths(cost: number, perYear: number, planMonths: number): number | null {
  if (cost <= 0) return 0;
  if (perYear <= 0) return null;
  const perMonth = perYear / 12;
  // During the ramp the saving to month t is perMonth · t² / (2D); after it, perMonth · (t − D/2).
  const t = cost <= (perMonth * planMonths) / 2 ? Math.sqrt((2 * planMonths * cost) / perMonth) : cost / perMonth + planMonths / 2;
  return t <= MAX_PAYBACK_MONTHS ? t : null;
}

/** The business case from its inputs (hand-checkable: see test/engine/value.test.ts). */
export function businessCase(x: ValueInputs): BusinessCase {
  const v = x.value ?? {};
  const t = x.targets;
  const missing = new Set<Missing>();
  const assumptions: Assumption[] = [];
  const parts: Part[] = [];
  const rec = x.record;
  const scale = rec ? YEAR_DAYS / rec.window_days : 0;
  const hasRecord = !!rec && rec.known > 0;
  const failed = rec?.failed_hours.length ?? 0;
  // Failed releases at the change-failure-rate target: target × releases with an outcome, never more than today.
  const failedAtTarget = rec && t.change_failure_rate !== undefined ? Math.min(failed, t.change_failure_rate * rec.known) : failed;
  const releaseParts = v.failed_release !== undefined || v.outage_hour !== undefined;
  if (releaseParts) {
    if (!hasRecord) missing.add('releases');
    else {
      assumptions.push({ id: 'window', value: rec.window_days });
      assumptions.push({ id: 'failed_releases', value: failed, of: rec.known });
      if (t.change_failure_rate === undefined) missing.add('dora.change_failure_rate');
      else {
        const atTarget = t.change_failure_rate * rec.known;
        assumptions.push({ id: 'target_change_failure_rate', value: t.change_failure_rate, derived: atTarget, within_target: !(atTarget < failed) });
      }
    }
  }

  const part = (id: Part['id'], unit: number | undefined, q: number | null, qt: number | null): void => {
    const known = unit !== undefined && q !== null && qt !== null;
    parts.push({
      id,
      unit_cost: unit ?? null,
      quantity_per_year: q,
      cost_per_year: known ? q * unit : null,
      target_quantity_per_year: qt,
      saving_per_year: known ? (q - qt) * unit : null,
    });
  };

  // Failed releases: each costs value.failed_release.
  if (v.failed_release === undefined) missing.add('value.failed_release');
  else assumptions.push({ id: 'failed_release', value: v.failed_release });
  part('failed_releases', v.failed_release, hasRecord ? failed * scale : null, hasRecord ? failedAtTarget * scale : null);

  // Outages: the hours from deployment to restore over the failed releases; those without `restored` count at
  // the median of those with it; none recorded at all: the outage part cannot be costed.
  let hours: number | null = null;
  let hoursAtTarget: number | null = null;
  if (hasRecord) {
    const recorded = rec.failed_hours.filter((h): h is number => h !== null);
    const mid = median(recorded);
    if (failed === 0) {
      [hours, hoursAtTarget] = [0, 0];
      if (v.outage_hour !== undefined) assumptions.push({ id: 'outage_hours', value: 0, of: 0 });
    } else if (mid !== null) {
      hours = recorded.reduce((s, h) => s + h, 0) + (failed - recorded.length) * mid;
      const perFailure = hours / failed;
      // With the targets met, each failed release at the target rate is restored in today's average time or the
      // recovery target, whichever is shorter: outage hours fall with the failed releases even where service is
      // already restored within its target, and never rise above today's.
      const perFailureAtTarget = t.recovery_hours !== undefined ? Math.min(perFailure, t.recovery_hours) : perFailure;
      hoursAtTarget = Math.min(hours, failedAtTarget * perFailureAtTarget);
      if (v.outage_hour !== undefined) {
        assumptions.push({
          id: 'outage_hours',
          value: hours,
          of: recorded.length,
          derived: failed - recorded.length,
          ...(recorded.length < failed ? { detail: mid } : {}),
        });
        if (t.recovery_hours === undefined) missing.add('dora.recovery_hours');
        else
          assumptions.push({
            id: 'target_recovery_hours',
            value: t.recovery_hours,
            detail: mid,
            derived: perFailureAtTarget,
            within_target: !(t.recovery_hours < perFailure),
          });
      }
    } else if (v.outage_hour !== undefined) missing.add('restored');
  }
  if (v.outage_hour === undefined) missing.add('value.outage_hour');
  else assumptions.push({ id: 'outage_hour', value: v.outage_hour });
  part('outages', v.outage_hour, hours === null ? null : hours * scale, hoursAtTarget === null ? null : hoursAtTarget * scale);

  // Waiting requests: the open items wait on average all year (Little's law), 12 request-months each; at the
  // expected-wait target the open items are target days × the items delivered a day.
  let open: number | null = null;
  let openAtTarget: number | null = null;
  if (x.backlog) {
    open = x.backlog.open;
    openAtTarget = open;
    if (v.waiting_request_month !== undefined) {
      assumptions.push({ id: 'open_items', value: open, derived: open * 12 });
      if (t.request_lead_time_days === undefined) missing.add('dora.request_lead_time_days');
      else if (x.backlog.delivered_per_day <= 0) missing.add('throughput');
      else {
        openAtTarget = Math.min(open, t.request_lead_time_days * x.backlog.delivered_per_day);
        assumptions.push({
          id: 'target_request_lead_time_days',
          value: t.request_lead_time_days,
          detail: x.backlog.delivered_per_day,
          derived: t.request_lead_time_days * x.backlog.delivered_per_day,
          per_month: x.backlog.delivered_per_day * 30,
        });
      }
    }
  } else if (v.waiting_request_month !== undefined) missing.add('backlog');
  if (v.waiting_request_month === undefined) missing.add('value.waiting_request_month');
  else assumptions.push({ id: 'waiting_request_month', value: v.waiting_request_month });
  part('waiting_requests', v.waiting_request_month, open === null ? null : open * 12, openAtTarget === null ? null : openAtTarget * 12);

  const costed = parts.filter((p) => p.cost_per_year !== null);
  const atStake = costed.length ? costed.reduce((s, p) => s + p.cost_per_year!, 0) : null;
  const saving = costed.length ? costed.reduce((s, p) => s + p.saving_per_year!, 0) : null;

  let payback: number | null = null;
  if (saving !== null) {
    if (x.cost === null) missing.add('day_rate');
    if (x.plan_start === null || x.plan_end === null) missing.add('phase_dates');
    if (x.cost !== null) assumptions.push({ id: 'cost', value: x.cost });
    if (x.cost !== null && x.plan_start !== null && x.plan_end !== null) {
      const planMonths = daysBetween(x.plan_start, addDays(x.plan_end, 1)) / MONTH_DAYS;
      assumptions.push({ id: 'ramp', value: planMonths });
      payback = paybackMonths(x.cost, saving, planMonths);
    }
  }
  return {
    value_at_stake_per_year: atStake,
    saving_per_year: saving,
    payback_months: payback,
    // The day on which the cumulative saving reaches the cost (day k of the plan covers [k, k + 1)).
    payback_date: payback !== null && x.plan_start !== null ? addDays(x.plan_start, Math.max(0, Math.ceil(payback * MONTH_DAYS - 1e-9) - 1)) : null,
    cost: x.cost,
    scenario: x.scenario,
    plan_start: x.plan_start,
    plan_end: x.plan_end,
    parts,
    missing: [...missing].sort((a, b) => MISSING_ORDER.indexOf(a) - MISSING_ORDER.indexOf(b)),
    assumptions: assumptions.sort((a, b) => ASSUMPTION_ORDER.indexOf(a.id) - ASSUMPTION_ORDER.indexOf(b.id)),
  };
}

const MISSING_ORDER: readonly Missing[] = [
  'value.failed_release',
  'value.outage_hour',
  'value.waiting_request_month',
  'releases',
  'restored',
  'backlog',
  'throughput',
  'dora.change_failure_rate',
  'dora.recovery_hours',
  'dora.request_lead_time_days',
  'day_rate',
  'phase_dates',
];
const ASSUMPTION_ORDER: readonly Assumption['id'][] = [
  'window',
  'failed_release',
  'failed_releases',
  'target_change_failure_rate',
  'outage_hour',
  'outage_hours',
  'target_recovery_hours',
  'waiting_request_month',
  'open_items',
  'target_request_lead_time_days',
  'cost',
  'ramp',
];

/**
 * The business case of an assessed engagement: the record in the release window, the backlog's open items and
 * pace, target.yaml's `dora` targets, and the cost and dates of the option the deliverables ask for
 * (`decision`: its scenario and total cost; without a decision, the plan as scheduled).
 */
export function businessCaseOf(
  e: Engagement,
  a: Pick<Assessment, 'as_of' | 'backlog' | 'roadmap' | 'scenarios' | 'decision'>,
  windowDays = DEFAULT_WINDOW_DAYS,
): BusinessCase {
  let record: ValueRecord | null = null;
  if (e.releases) {
    const inWindow = releasesInWindow(e.releases, a.as_of, windowDays);
    record = {
      window_days: windowDays,
      window_start: windowStart(a.as_of, windowDays),
      known: inWindow.filter(isOutcomeKnown).length,
      failed_hours: inWindow.filter(isFailed).map(restoreHours),
    };
  }
  const scenario = a.scenarios.find((s) => s.id === a.decision?.scenario) ?? null;
  // The option's dates: from the first phase it puts work in to the end of the last.
  const busy = new Set((scenario?.phases ?? a.roadmap.phases).filter((p) => p.recommendations.length).map((p) => p.id));
  const phases = a.roadmap.phases.filter((p) => busy.has(p.id));
  const d = e.target.dora ?? {};
  return businessCase({
    value: e.manifest.value,
    record,
    backlog: a.backlog ? { open: a.backlog.open_count, delivered_per_day: a.backlog.throughput_per_30_days / 30 } : null,
    targets: { change_failure_rate: d.change_failure_rate, recovery_hours: d.recovery_hours, request_lead_time_days: d.request_lead_time_days },
    cost: a.decision ? a.decision.total.cost : a.roadmap.total_cost,
    scenario: scenario?.id ?? null,
    plan_start: phases[0]?.start ?? null,
    plan_end: phases[phases.length - 1]?.end ?? null,
  });
}
