import { isDate, isDateTime } from '../util/dates.js';

/** The string formats relm's schemas use: real calendar dates, date-times with an offset, or either. */
export const FORMATS = {
  date: { type: 'string' as const, validate: isDate },
  'date-time': { type: 'string' as const, validate: isDateTime },
  'date-or-date-time': { type: 'string' as const, validate: (s: string) => isDate(s) || isDateTime(s) },
};
