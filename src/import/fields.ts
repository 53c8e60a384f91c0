import { EXIT_USAGE, RelmError } from '../errors.js';
import { hint } from '../util/did-you-mean.js';
import type { BacklogItem } from '../engagement/types.js';
import type { ColumnMapping } from './types.js';

/** The fields of a release `--map` may name (schemas/releases.schema.json). */
export const RELEASE_FIELDS = ['id', 'type', 'planned', 'applications', 'scheduled', 'deployed', 'outcome', 'restored', 'items'] as const;

/** Keys in the order of the schemas (docs/engagement-files.md), so that new fields and entries read like the examples. */
export const ITEM_ORDER: readonly (keyof BacklogItem)[] = [
  'id',
  'application',
  'title',
  'type',
  'emergency',
  'priority',
  'status',
  'requested',
  'closed',
  'effort_days',
  'benefit',
  'change',
  'duplicate_of',
  'supersedes',
  'platforms',
  'release',
  'description',
];
/** The fields of a backlog item `--map` may name (schemas/backlog.schema.json), in file order. */
export const ITEM_FIELDS: readonly string[] = ITEM_ORDER;
export const RELEASE_ORDER: readonly string[] = ['id', 'type', 'planned', 'applications', 'scheduled', 'deployed', 'outcome', 'restored', 'items', 'changes'];

/** A "did you mean" for typos, and for the start of a field name (`effort` -> `effort_days`). */
function suggest(field: string, fields: readonly string[]): string {
  const typo = hint(field, fields);
  if (typo) return typo;
  const prefix = fields.find((f) => f.startsWith(field) || field.startsWith(f));
  return prefix ? `; did you mean "${prefix}"?` : '';
}

/**
 * Checks `--map column=field` options against the fields of the target file. The column is matched
 * later, against the export's header; the field must be a relm field (a usage error lists them).
 */
export function parseMapOptions(options: readonly string[] | undefined, target: 'backlog' | 'releases'): ColumnMapping[] {
  const fields: readonly string[] = target === 'backlog' ? ITEM_FIELDS : RELEASE_FIELDS;
  const file = target === 'backlog' ? 'backlog item' : 'release';
  const out: ColumnMapping[] = [];
  for (const option of options ?? []) {
    const eq = option.lastIndexOf('=');
    const column = eq < 0 ? '' : option.slice(0, eq).trim();
    const field =
      eq < 0
        ? ''
        : option
            .slice(eq + 1)
            .trim()
            .toLowerCase()
            .replace(/-/g, '_');
    if (!column || !field) {
      throw new RelmError(
        `--map "${option}": write it as column=field`,
        EXIT_USAGE,
        `e.g. --map "Story Points=effort_days"; fields of a ${file}: ${fields.join(', ')}.`,
      );
    }
    if (!fields.includes(field)) {
      throw new RelmError(
        `--map "${option}": "${field}" is not a field of a ${file}${suggest(field, fields)}`,
        EXIT_USAGE,
        `The fields are: ${fields.join(', ')}.`,
      );
    }
    const twice = out.find((m) => m.field === field);
    if (twice)
      throw new RelmError(`--map: two columns ("${twice.column}" and "${column}") are mapped to ${field}`, EXIT_USAGE, 'Map each field from one column.');
    out.push({ column, field });
  }
  return out;
}

/**
 * A key of a change record, whatever link type joins it: a change project's issue (CHG-12, RFC-7, CR-3,
 * CHANGE-9), a ServiceNow change number (CHG0012345) or a Remedy change (CRQ000000123456).
 */
export const CHANGE_KEY = /^(?:(?:CHG|CHANGE|RFC|CR|CRQ)-\d+|CHG\d{5,}|CRQ\d{6,})$/i;

/** Values joined by ", ", as many as fit in `max` characters (the first ones): one change field naming several changes. */
export function joinWithin(values: readonly string[], max = 1000): string {
  let text = '';
  for (const v of values) if (!text ? v.length <= max : text.length + 2 + v.length <= max) text = text ? `${text}, ${v}` : v;
  return text;
}

/** A tracker's issue key (`HADOOP-123`, `MR-1042`): what a change request's correlation id names. */
export const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;

/** Currency signs and ISO 4217 codes that exports put beside amounts ("£4,000", "4.000,50 €", "USD 1,200"). */
const CURRENCY = /^(?:[A-Z]{3}|[£€$¥₹₩₽¤]|US\$|CHF|kr)\s*|\s*(?:[A-Z]{3}|[£€$¥₹₩₽¤]|CHF|kr)$/gu;

/**
 * A number as spreadsheets and trackers write it: `4000`, `4000.5`, `4,5` (a decimal comma), `4,000`,
 * `4,000.50`, `4.000,50`, `4 000`, `4'000` (thousands separators), with a currency sign or code before or
 * after (`£4,000`, `4.000,50 €`, `USD 1,200`). Null for anything else.
 */
export function toNumber(s: string): number | null {
  const t = s
    .trim()
    .replace(CURRENCY, '')
    .replace(/[\s\u00a0\u202f]/g, '');
  let n: number;
  if (/^\d+(\.\d+)?$/.test(t)) n = Number(t);
  else if (/^\d+,\d{1,2}$/.test(t)) n = Number(t.replace(',', '.'));
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) n = Number(t.replace(/,/g, ''));
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) n = Number(t.replace(/\./g, '').replace(',', '.'));
  else if (/^\d{1,3}('\d{3})+(\.\d+)?$/.test(t)) n = Number(t.replace(/'/g, ''));
  else return null;
  return Number.isFinite(n) ? n : null;
}

export function toBoolean(s: string): boolean | null {
  const t = s.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'x'].includes(t)) return true;
  if (['false', 'no', 'n', '0', ''].includes(t)) return false;
  return null;
}

/** A list of ids or names written in one cell (`A-1, A-2`) or across repeated columns. */
export function toList(values: readonly string[], separators = /[,;\s]+/): string[] {
  return values
    .flatMap((v) => v.split(separators))
    .map((v) => v.trim())
    .filter(Boolean);
}
