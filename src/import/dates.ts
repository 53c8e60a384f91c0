import { EXIT_USAGE, RelmError } from '../errors.js';
import { isDate, isDateTime, localToday } from '../util/dates.js';

/** A date read from an export: the calendar day, and the moment as an ISO 8601 date-time with offset. */
export interface ExportDate {
  date: string;
  dateTime: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/;
// Jira: 30/Sep/21 17:20, 30/Sep/21 5:20 PM, 30/Sep/2021; also 30-Sep-2021 10:00:00.
const DAY_MONTH_YEAR = /^(\d{1,2})[/ -]([A-Za-z]{3,9})\.?[/ -](\d{2}|\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function twoDigitYear(yy: number): number {
  // Exports are about the past: 21 is 2021, 99 is 1999.
  const thisYear = Number(localToday().slice(2, 4));
  return yy <= thisYear + 1 ? 2000 + yy : 1900 + yy;
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, offset = 'Z'): ExportDate | null {
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (!isDate(date)) return null;
  const dateTime = `${date}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
  return isDateTime(dateTime) ? { date, dateTime } : null;
}

function offsetOf(z: string | undefined): string {
  if (!z || /^(z|utc|gmt)$/i.test(z)) return 'Z';
  const m = /^([+-]\d{2}):?(\d{2})?$/.exec(z)!;
  return `${m[1]}:${m[2] ?? '00'}`;
}

/** Which comes first in a date written with numbers only: the day (31/01/2026, UK and most of the world) or the month (01/31/2026, US). */
export type DateOrder = 'dmy' | 'mdy';

// 31/01/2026, 31.01.2026, 31-01-26, with a time as Excel and ServiceNow write it: 31/01/2026 17:20(:00)( PM).
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** The `--date-format` values relm takes, as users write them. */
export function parseDateFormat(text: string): DateOrder | null {
  const t = text.trim().toLowerCase();
  if (/^(d{1,2}[/.-]m{1,2}[/.-]y{2,4}|dmy)$/.test(t)) return 'dmy';
  if (/^(m{1,2}[/.-]d{1,2}[/.-]y{2,4}|mdy)$/.test(t)) return 'mdy';
  return null;
}

/**
 * The order of the numeric dates among `values`, as the values themselves show it: a first number above 12
 * can only be a day, a second one above 12 only a day too. `ambiguous` when every numeric date reads both
 * ways (03/04/2026); `contradictory` when some can only be day-first and others only month-first; null when
 * there is no numeric date at all.
 */
export function detectDateOrder(
  values: Iterable<string>,
): { order: DateOrder; example: string } | { ambiguous: string } | { contradictory: [string, string] } | null {
  let dayFirst: string | undefined;
  let monthFirst: string | undefined;
  let any: string | undefined;
  for (const v of values) {
    const m = NUMERIC.exec(v.trim());
    if (!m) continue;
    any ??= v.trim();
    if (+m[1]! > 12) dayFirst ??= v.trim();
    if (+m[2]! > 12) monthFirst ??= v.trim();
    if (dayFirst && monthFirst) return { contradictory: [dayFirst, monthFirst] };
  }
  if (dayFirst) return { order: 'dmy', example: dayFirst };
  if (monthFirst) return { order: 'mdy', example: monthFirst };
  return any ? { ambiguous: any } : null;
}

/**
 * Reads the dates that trackers export: ISO 8601 (`2021-09-30`, `2021-09-30T17:20:00Z`, `2021-09-30 17:20`),
 * Jira's `30/Sep/21 17:20` or `30/Sep/21 5:20 PM`, and, given the order of day and month, dates in numbers
 * only (`31/01/2026 17:20`, `01/31/2026 5:20 PM`, `31.01.2026`). A time without an offset is taken as UTC (the export
 * does not say its zone; the day is what matters). Returns null for anything else, or an impossible date.
 */
export function parseExportDate(text: string, order?: DateOrder): ExportDate | null {
  const s = text.trim();
  const n = order ? NUMERIC.exec(s) : null;
  if (n) {
    const [, a, b, y, h, mi, sec, ampm] = n;
    let hour = h ? +h : 0;
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
    }
    const [d, mo] = order === 'dmy' ? [+a!, +b!] : [+b!, +a!];
    return build(y!.length === 2 ? twoDigitYear(+y!) : +y!, mo, d, hour, mi ? +mi : 0, sec ? +sec : 0);
  }
  let m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, , z] = m;
    return build(+y!, +mo!, +d!, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0, offsetOf(z));
  }
  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const [, d, mon, y, h, mi, sec, ampm] = m;
    const month = MONTHS.indexOf(mon!.slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return null;
    // Full month names must be spelt out entirely ("Sept" is accepted, "Sepx" is not).
    if (mon!.length > 3 && !/^(january|february|march|april|may|june|july|august|september|sept|october|november|december)$/i.test(mon!)) return null;
    let hour = h ? +h : 0;
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
    }
    const year = y!.length === 2 ? twoDigitYear(+y!) : +y!;
    return build(year, month, +d!, hour, mi ? +mi : 0, sec ? +sec : 0);
  }
  return null;
}

/** Examples for messages about a date that could not be read. */
export const DATE_EXAMPLES = '30/Sep/21 17:20, 2021-09-30, 2021-09-30T17:20:00Z, or 30/09/2021 with --date-format dd/mm/yyyy';

/**
 * The order to read numeric dates in: `--date-format` when given, else what the export's own dates show
 * (said in a note). An export whose numeric dates read both ways, or contradict each other, is refused:
 * guessing would put every item on another day.
 */
export function resolveDateOrder(values: Iterable<string>, given: DateOrder | undefined): { order?: DateOrder; note?: string } {
  if (given) return { order: given };
  const found = detectDateOrder(values);
  if (!found) return {};
  if ('order' in found) {
    const example = found.example.split(/[ T,]/)[0];
    return {
      order: found.order,
      note: `dates such as ${example} read as ${found.order === 'dmy' ? 'day/month/year' : 'month/day/year'} (pass --date-format to choose)`,
    };
  }
  if ('ambiguous' in found)
    throw new RelmError(
      `the export writes dates as ${found.ambiguous}, which reads as day/month or month/day, and no date in it tells which`,
      EXIT_USAGE,
      'Pass --date-format dd/mm/yyyy (UK and most of the world) or --date-format mm/dd/yyyy (US).',
    );
  throw new RelmError(
    `the export's dates contradict each other: ${found.contradictory[0]} can only be day/month/year, ${found.contradictory[1]} only month/day/year`,
    EXIT_USAGE,
    'Export again with one date format (ISO 8601, 2026-01-31, is safest), or fix the column.',
  );
}
