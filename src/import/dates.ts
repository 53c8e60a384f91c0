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

/**
 * Reads the dates that trackers export: ISO 8601 (`2021-09-30`, `2021-09-30T17:20:00Z`, `2021-09-30 17:20`),
 * and Jira's `30/Sep/21 17:20` or `30/Sep/21 5:20 PM`. A time without an offset is taken as UTC (the export
 * does not say its zone; the day is what matters). Returns null for anything else, or an impossible date.
 */
export function parseExportDate(text: string): ExportDate | null {
  const s = text.trim();
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
export const DATE_EXAMPLES = '30/Sep/21 17:20, 2021-09-30 or 2021-09-30T17:20:00Z';
