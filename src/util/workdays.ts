import { addDays, toEpochMs } from './dates.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** relm.yaml `calendar`: the working days of the week and the holidays (docs/formulas.md, the working calendar). */
export interface WorkCalendar {
  workdays?: readonly Weekday[];
  holidays?: readonly string[];
}

export const DEFAULT_WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** A calendar's questions, answered fast: is this date a working day, and which is the next one. */
export class WorkingDays {
  private readonly days: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;

  constructor(calendar: WorkCalendar | undefined = {}) {
    const days = calendar.workdays?.length ? calendar.workdays : DEFAULT_WORKDAYS;
    this.days = new Set(days.map((d) => WEEKDAYS.indexOf(d)));
    this.holidays = new Set(calendar.holidays ?? []);
  }

  isWorkingDay(date: string): boolean {
    return this.days.has(new Date(toEpochMs(date)).getUTCDay()) && !this.holidays.has(date);
  }

  /** The date itself when it is a working day, else the next working day. */
  onOrAfter(date: string): string {
    let d = date;
    // Seven weekdays with at least one working day (the schema requires one), and a year of holidays at most.
    for (let i = 0; i < 400 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    return d;
  }

  /** The first working day after the date. */
  after(date: string): string {
    return this.onOrAfter(addDays(date, 1));
  }

  /** The last of n consecutive working days starting on `start` (itself a working day). */
  span(start: string, n: number): string {
    let d = this.onOrAfter(start);
    for (let i = 1; i < n; i++) d = this.after(d);
    return d;
  }
}
