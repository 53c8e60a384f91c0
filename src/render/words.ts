/**
 * How numbers, dates and metrics read in client text: one rule for each, used by every deliverable, so the
 * same figure is written the same way everywhere (DELIVERABLES: units and currency on every number,
 * consistent decimals, no metric keys).
 */
import { toEpochMs } from '../util/dates.js';
import { formatMoney, numberFormat, percent } from '../util/format.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A maturity figure (score, target, gap, level mean): one decimal. */
export function score(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : 'n/a';
}

/** A share as a whole percentage: 0.2413 -> "24%". */
export function pct(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? percent(v) : 'n/a';
}

/** A count or an amount of days: whole numbers as they are, others to one decimal. */
export function num(v: number | null | undefined): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'n/a';
  const r = Math.round(v * 10) / 10;
  return numberFormat({ maximumFractionDigits: Number.isInteger(r) ? 0 : 1 }).format(r);
}

/** A whole number (rounded): counts of days in headlines. */
export function whole(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? numberFormat({ maximumFractionDigits: 0 }).format(Math.round(v)) : 'n/a';
}

export function days(v: number | null | undefined, unit = 'person-days'): string {
  return `${num(v)} ${v === 1 ? unit.replace(/s$/, '') : unit}`;
}

export function money(v: number | null | undefined, currency: string): string {
  return typeof v === 'number' && Number.isFinite(v) ? formatMoney(v, currency) : 'n/a';
}

/** "2027-03-31" -> "31 March 2027". */
export function date(iso: string | null | undefined): string {
  if (!iso) return 'no date';
  const d = new Date(toEpochMs(iso.slice(0, 10)));
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2027-03-31" -> "March 2027". */
export function month(iso: string | null | undefined): string {
  if (!iso) return 'no date';
  const d = new Date(toEpochMs(iso.slice(0, 10)));
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "a, b and c". */
export function list(items: readonly string[], conj = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conj} ${items[items.length - 1]}`;
}

const SMALL = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** A small count in words ("three"), a larger one in figures. */
export function numberWord(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 10 ? SMALL[n]! : num(n);
}

/** Small counts in words in running text ("three phases"), larger ones in figures. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${numberWord(n)} ${n === 1 ? noun : plural}`;
}

/**
 * A count in figures and its noun, singular for one ("1 release", "3 items"): the `plural` template helper. A
 * count that is not a number (a formatted figure already) keeps the plural unless it reads "1".
 */
export function pluralFigure(n: unknown, noun: string, plural = `${noun}s`): string {
  const one = n === 1 || n === '1' || n === 'one';
  return `${typeof n === 'number' ? num(n) : String(n ?? '')} ${one ? noun : plural}`;
}

/** "Northwind's", "Harbour Logistics'". */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A name inside a sentence: "Release policy" -> "release policy"; an acronym stays ("CAB and change governance"). */
export function inSentence(name: string): string {
  return name.length > 1 && name[1] === name[1]!.toLowerCase() ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

/**
 * A change failure rate as "one release in k", only as far as it is true: "One release in four" for 25 %,
 * "Almost one release in two" for 45 %, "More than one release in four" for 27 %; else null (use the percentage).
 * k runs from 2 to 10; the rate must lie within 15 % of 1/k, and round to 1/k's whole percentage to be "one in k".
 */
export function oneReleaseIn(rate: number | null): string | null {
  if (rate === null || !(rate > 0)) return null;
  const k = Math.round(1 / rate);
  if (k < 2 || k > 10) return null;
  const exact = 1 / k;
  if (Math.round(rate * 100) === Math.round(exact * 100)) return `One release in ${numberWord(k)}`;
  if (Math.abs(rate / exact - 1) > 0.15) return null;
  return `${rate < exact ? 'Almost' : 'More than'} one release in ${numberWord(k)}`;
}

interface MetricInfo {
  name: string;
  unit: 'share' | 'days' | 'hours' | 'per-week' | 'months' | 'count' | 'band';
}

/** The release metrics and the measured figures evidence rules read, in words. */
export const METRICS: Record<string, MetricInfo> = {
  change_failure_rate: { name: 'change failure rate', unit: 'share' },
  deployment_frequency_per_week: { name: 'deployment frequency', unit: 'per-week' },
  lead_time_days: { name: 'lead time for changes', unit: 'days' },
  request_lead_time_days: { name: 'request lead time', unit: 'days' },
  recovery_hours: { name: 'time to restore service after a failed deployment', unit: 'hours' },
  rework_rate: { name: 'share of unplanned releases', unit: 'share' },
  'backlog.open_age.median_days': { name: 'median age of the open backlog', unit: 'days' },
  'backlog.clearance_months': { name: 'time to clear the backlog', unit: 'months' },
  'backlog.duplicates_per_100_open': { name: 'duplicate and obsolete candidates per 100 open items', unit: 'count' },
  'backlog.done_with_change_share': { name: 'share of delivered items with an approved change', unit: 'share' },
  'backlog.costed_share': { name: 'share of open items with effort and benefit recorded', unit: 'share' },
  'training.role_shortfall_share': { name: 'share of role places without a qualified person', unit: 'share' },
  'releases.multi_platform_split_share': { name: 'share of multi-platform changes shipped apart', unit: 'share' },
};

/** What the table says of a metric key (its own entries only: a key such as "constructor" is not one). */
function metricInfo(key: string): (typeof METRICS)[string] | undefined {
  for (const k of [key, key.replace(/^releases\.(bands\.)?/, '')]) if (Object.hasOwn(METRICS, k)) return METRICS[k];
  return undefined;
}

/** A metric key or assessment path in words: "releases.change_failure_rate" -> "change failure rate". */
export function metricName(key: string): string {
  const info = metricInfo(key);
  if (info) return key.includes('.bands.') ? `${info.name} (DORA band)` : info.name;
  const last = key.split('.').pop() ?? key;
  return last.replace(/_(days|hours|share|rate)$/, ' $1').replace(/_/g, ' ');
}

/** A measured value of a metric with its unit: "24%", "14.4 days", "1.1 a week", "medium". */
export function metricValue(key: string, v: number | string | null | undefined): string {
  if (v === null || v === undefined) return 'no data';
  if (typeof v === 'string') return v;
  const info = metricInfo(key);
  switch (info?.unit) {
    case 'share':
      return pct(v);
    case 'days':
      return `${num(v)} days`;
    case 'hours':
      return `${num(v)} hours`;
    case 'per-week':
      return `${num(v)} a week`;
    case 'months':
      return `${num(v)} months`;
    default:
      return num(v);
  }
}

export const BAND_NAMES: Record<string, string> = { elite: 'elite', high: 'high', medium: 'medium', low: 'low' };
