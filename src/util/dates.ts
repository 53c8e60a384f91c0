const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})$/;

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  return !!m && validDay(+m[1]!, +m[2]!, +m[3]!);
}

/** An ISO 8601 date-time with an offset. */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m || !validDay(+m[1]!, +m[2]!, +m[3]!)) return false;
  return +m[4]! < 24 && +m[5]! < 60 && (m[6] === undefined || +m[6] < 60);
}

/** Milliseconds since the epoch; a date alone means 00:00 UTC (docs/engagement-files.md). */
export function toEpochMs(s: string): number {
  return DATE.test(s) ? Date.parse(`${s}T00:00:00Z`) : Date.parse(s);
}

export const DAY_MS = 86_400_000;

/** Whole days from a to b (dates), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toEpochMs(b) - toEpochMs(a)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(toEpochMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today on the user's calendar (the local date, not UTC's). */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
