/**
 * The value at stake in words (DELIVERABLES: value before cost; every assumption stated on the page): the
 * sentences, the slide title, the table rows and the assumption lines of the business case, each a pure
 * function of assessment.json `business_case` (src/engine/value.ts computes every figure). Pinned by
 * test/render/business-case.test.ts.
 */
import type { Assessment } from '../engine/types.js';
import { capitalise, date, inSentence, list, metricName, money, month, num, pct } from './words.js';

type BusinessCase = Assessment['business_case'];
type Part = BusinessCase['parts'][number];
type Missing = BusinessCase['missing'][number];
type Assumption = BusinessCase['assumptions'][number];

const PART_NAMES: Record<Part['id'], string> = {
  failed_releases: 'Failed releases',
  outages: 'Outages after failed releases',
  waiting_requests: 'Requests waiting in the backlog',
};
/** The parts in running text ("failed releases, outages and waiting requests"). */
const PART_WORDS: Record<Part['id'], string> = { failed_releases: 'failed releases', outages: 'outages', waiting_requests: 'waiting requests' };

/** What the client can supply to complete the business case, in their words (never a file or key name). */
export const MISSING_WORDS: Record<Missing, string> = {
  'value.failed_release': 'the cost of one failed release',
  'value.outage_hour': 'the cost of one hour of outage',
  'value.waiting_request_month': 'the cost of one request waiting a month',
  releases: 'a release record with the outcome of each release',
  restored: 'the time service was restored after each failed release',
  backlog: 'the maintenance backlog',
  throughput: 'a record of the requests delivered recently',
  'dora.change_failure_rate': 'a target for the change failure rate',
  'dora.recovery_hours': 'a target for the time to restore service',
  'dora.request_lead_time_days': 'a target for the request lead time',
  day_rate: 'a day rate to cost the plan',
  phase_dates: "dates for the plan's phases",
};

/** The quantity of a part, with its unit: "14.2 a year", "176 hours", "504 request-months". */
function quantity(id: Part['id'], q: number | null): string {
  if (q === null) return 'no data';
  return id === 'failed_releases' ? num(q) : id === 'outages' ? `${num(q)} hours` : `${num(q)} request-months`;
}

function unitCost(p: Part, currency: string): string {
  const m = money(p.unit_cost, currency);
  return p.id === 'failed_releases' ? `${m} each` : p.id === 'outages' ? `${m} an hour` : `${m} a request-month`;
}

/** The option whose cost is paid back: "the recommended option" and its name, else the plan. */
function optionName(a: Assessment): { name: string; detail: string } {
  const s = a.scenarios.find((x) => x.id === a.business_case.scenario);
  return s && a.scenarios.length > 1 && s.id === a.summary.recommended_scenario
    ? { name: 'the recommended option', detail: `${inSentence(s.name)}, ` }
    : { name: 'the plan', detail: '' };
}

/** "12.9 months". */
function months(m: number): string {
  return `${num(m)} ${num(m) === '1' ? 'month' : 'months'}`;
}

/** The parts priced: an input is given and the record allows it. */
function priced(b: BusinessCase): Part[] {
  return b.parts.filter((p) => p.cost_per_year !== null);
}

/** The inputs still missing, as one phrase ("the cost of one hour of outage and a target for ..."). */
export function missingPhrase(b: BusinessCase): string | null {
  // The client's estimates in one phrase ("what one failed release and one hour of outage cost"), then the rest.
  const estimates = b.missing.filter((m) => m in ESTIMATE_WORDS).map((m) => ESTIMATE_WORDS[m]!);
  const rest = b.missing.filter((m) => !(m in ESTIMATE_WORDS)).map((m) => MISSING_WORDS[m]);
  const phrases = [
    ...(estimates.length > 1 ? [`estimates of what ${list(estimates)} cost`] : estimates.length ? [`an estimate of what ${estimates[0]} costs`] : []),
    ...rest,
  ];
  return phrases.length ? list(phrases) : null;
}

const ESTIMATE_WORDS: Partial<Record<Missing, string>> = {
  'value.failed_release': 'one failed release',
  'value.outage_hour': 'one hour of outage',
  'value.waiting_request_month': 'one request waiting a month',
};

/** The business case's lead: what failure and waiting cost today, what meeting the targets saves, the payback. */
export function valueSentence(a: Assessment): string {
  const b = a.business_case;
  const cur = a.engagement.currency;
  const missing = missingPhrase(b);
  if (b.value_at_stake_per_year === null)
    return `What failed releases, outages and waiting requests cost ${a.engagement.client} cannot be put in money yet: it needs ${missing ?? 'the cost figures'}.`;
  const parts = priced(b);
  const head = `${capitalise(list(parts.map((p) => PART_WORDS[p.id])))} cost ${a.engagement.client} ${money(b.value_at_stake_per_year, cur)} a year today.`;
  const saving = b.saving_per_year ?? 0;
  if (saving <= 0) return `${head} Meeting the release targets lowers none of it${missing ? `: that needs ${missing}` : ''}.`;
  const by = b.plan_end ? ` by ${month(b.plan_end)}` : '';
  const save = ` Meeting the release targets${by} saves ${money(saving, cur)} a year`;
  const option = optionName(a);
  const cost = b.cost !== null ? money(b.cost, cur) : null;
  const payback =
    b.payback_months !== null && cost !== null
      ? `; ${option.name} (${option.detail}${cost}) pays for itself after ${months(b.payback_months)}, in ${month(b.payback_date)}`
      : cost !== null && b.plan_start !== null
        ? `; at that rate ${option.name} (${option.detail}${cost}) does not pay for itself within ten years`
        : '';
  const rest = missing ? ` A fuller figure needs ${missing}.` : '';
  return `${head}${save}${payback}.${rest}`;
}

/** The business-case slide's action title. */
export function valueTitle(a: Assessment): string {
  const b = a.business_case;
  const cur = a.engagement.currency;
  if (b.value_at_stake_per_year === null) return 'The value at stake needs the client’s cost figures';
  const saving = b.saving_per_year ?? 0;
  const ids = priced(b).map((p) => p.id);
  const what = ids.includes('waiting_requests') && ids.length > 1 ? 'Failures and waiting' : capitalise(list(ids.map((id) => PART_WORDS[id])));
  if (saving <= 0) return `${what} cost ${money(b.value_at_stake_per_year, cur)} a year`;
  if (b.payback_date !== null) return `Meeting the release targets saves ${money(saving, cur)} a year, paid back by ${month(b.payback_date)}`;
  return `${what} cost ${money(b.value_at_stake_per_year, cur)} a year; meeting the targets saves ${money(saving, cur)}`;
}

/** Each assumption the figures rest on, as a sentence for the page. */
export function assumptionLines(a: Assessment): string[] {
  const b = a.business_case;
  const cur = a.engagement.currency;
  const window = b.assumptions.find((x) => x.id === 'window')?.value ?? null;
  const failed = b.assumptions.find((x) => x.id === 'failed_releases');
  const option = a.scenarios.find((x) => x.id === b.scenario);
  const line = (x: Assumption): string => {
    const v = x.value ?? 0;
    switch (x.id) {
      case 'window':
        return `The release record covers the ${num(v)} days to ${date(a.as_of)}; its counts are scaled to a year (× 365 ÷ ${num(v)}).`;
      case 'failed_release':
        return `A failed release costs ${money(v, cur)}: rollback or hotfix, re-testing and the business's lost time (${a.engagement.client}'s estimate).`;
      case 'failed_releases':
        return `${capitalise(num(v))} of the ${num(x.of)} releases with a recorded outcome failed or needed a fix in those ${num(window)} days.`;
      case 'target_change_failure_rate':
        return failed?.of !== undefined && x.within_target === false
          ? `With the change failure rate at its target of ${pct(v)}, ${num(x.derived)} of those ${num(failed.of)} releases would have failed.`
          : `The change failure rate is within its target of ${pct(v)} already: fewer failures save nothing more.`;
      case 'outage_hour':
        return `An hour of outage costs ${money(v, cur)} (${a.engagement.client}'s estimate).`;
      case 'outage_hours': {
        if (x.of === 0 && v === 0) return 'No release failed, so there was no outage after a failed release.';
        const n = failed?.value ?? 0;
        const unrecorded = x.derived ?? 0;
        return `The failed releases left service down for ${num(v)} hours in all${
          x.detail !== undefined
            ? `: ${num(x.of)} of the ${num(n)} record when service was restored; the ${unrecorded === 1 ? 'other counts' : `other ${num(unrecorded)} count`} at the median of those, ${num(x.detail)} hours`
            : ''
        }.`;
      }
      case 'target_recovery_hours': {
        const outages = b.parts.find((p) => p.id === 'outages');
        const fall =
          outages?.quantity_per_year != null && outages.target_quantity_per_year != null
            ? `: outage hours fall from ${num(outages.quantity_per_year)} to ${num(outages.target_quantity_per_year)} a year`
            : '';
        return x.within_target === true
          ? `Service is already restored within its ${num(v)}-hour target (${num(x.derived)} hours a failed release on average, median ${num(x.detail)}), so each failed release at the target rate still counts ${num(x.derived)} hours${fall}.`
          : `With the time to restore service at its target, each failed release at the target rate is restored within ${num(v)} hours${fall}.`;
      }
      case 'waiting_request_month':
        return `A request waiting one month costs ${money(v, cur)}: the benefit it defers (${a.engagement.client}'s estimate).`;
      case 'open_items':
        return `${capitalise(v === 1 ? '1 request is' : `${num(v)} requests are`)} open; about as many wait at any time, so a year holds ${num(x.derived)} request-months of waiting (Little's law).`;
      case 'target_request_lead_time_days':
        return `With the request lead time at its target of ${num(v)} days and today's pace (${num(x.per_month)} requests delivered a month), about ${num(x.derived)} requests wait at any time.`;
      case 'cost':
        return `The cost to pay back is ${option && a.scenarios.length > 1 ? `that of ${inSentence(option.name)}` : "the plan's"}: ${money(v, cur)}${
          a.engagement.day_rate !== null ? ` at ${money(a.engagement.day_rate, cur)} a person-day` : ''
        }.`;
      case 'ramp': {
        // The dates the plan meets the release targets the saving counts (the engine's milestones), so this sentence
        // never contradicts the requirements' "met by" dates.
        const met = (['change_failure_rate', 'recovery_hours', 'request_lead_time_days'] as const)
          .map((m) => ({ m, at: (a.roadmap.milestones ?? []).find((x) => x.metric === `releases.${m}`)?.date }))
          .filter((x): x is { m: (typeof x)['m']; at: string } => !!x.at && x.at < (b.plan_end ?? ''));
        const early = met.length
          ? `; the ${list(met.map((x) => `${metricName(`releases.${x.m}`).toLowerCase()} target is met by ${date(x.at)}`))}, the rest by the end`
          : '';
        return `The saving builds up evenly from nothing at the start of the plan (${date(b.plan_start)}) to its full rate at its end (${date(b.plan_end)}, ${months(v)} later)${early}.`;
      }
    }
  };
  return b.assumptions.map(line);
}

/** The assumptions in one line, for a slide's small print: the estimates, the window, the targets, the cost. */
export function assumptionsShort(a: Assessment): string | null {
  const b = a.business_case;
  if (b.value_at_stake_per_year === null) return null;
  const cur = a.engagement.currency;
  const get = (id: Assumption['id']) => b.assumptions.find((x) => x.id === id);
  const estimates = [
    get('failed_release') && `${money(get('failed_release')!.value, cur)} a failed release`,
    get('outage_hour') && `${money(get('outage_hour')!.value, cur)} an hour of outage`,
    get('waiting_request_month') && `${money(get('waiting_request_month')!.value, cur)} a request waiting a month`,
  ].filter((x): x is string => !!x);
  const targets = [
    get('target_change_failure_rate') && `change failure rate ${pct(get('target_change_failure_rate')!.value)}`,
    get('target_recovery_hours') && `service restored within ${num(get('target_recovery_hours')!.value)} hours`,
    get('target_request_lead_time_days') && `request lead time ${num(get('target_request_lead_time_days')!.value)} days`,
  ].filter((x): x is string => !!x);
  const window = get('window');
  const parts = [
    `${capitalise(list(estimates))} (${a.engagement.client}'s estimates)`,
    window ? `the release record of the ${num(window.value)} days to ${date(a.as_of)}, scaled to a year` : '',
    targets.length
      ? `targets met by the end of the plan${b.plan_end ? `, ${month(b.plan_end)}` : ''} (${list(targets)}), the saving building up evenly until then`
      : '',
  ].filter(Boolean);
  return `Assumptions: ${parts.join('; ')}.`;
}

/** The business case as the templates and the workbook see it. */
export function businessCaseView(a: Assessment) {
  const b = a.business_case;
  const cur = a.engagement.currency;
  const rows = b.parts
    .filter((p) => p.unit_cost !== null)
    .map((p) => ({
      name: PART_NAMES[p.id],
      unit: unitCost(p, cur),
      quantity: quantity(p.id, p.quantity_per_year),
      cost: p.cost_per_year === null ? 'no data' : money(p.cost_per_year, cur),
      target_quantity: quantity(p.id, p.target_quantity_per_year),
      saving: p.saving_per_year === null ? 'no data' : money(p.saving_per_year, cur),
    }));
  return {
    known: b.value_at_stake_per_year !== null,
    title: valueTitle(a),
    headline: valueSentence(a),
    rows,
    total: money(b.value_at_stake_per_year, cur),
    saving: money(b.saving_per_year, cur),
    payback: b.payback_months !== null ? `${months(b.payback_months)} (${month(b.payback_date)})` : null,
    missing: missingPhrase(b),
    assumptions: assumptionLines(a),
    assumptions_short: assumptionsShort(a),
  };
}

export type BusinessCaseView = ReturnType<typeof businessCaseView>;
