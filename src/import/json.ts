import { EXIT_USAGE, RelmError } from '../errors.js';

export type JsonRecord = Record<string, unknown>;

/** Parses JSON text; a syntax error is a usage error naming the file. */
export function parseJsonText(text: string, what: string): unknown {
  const t = text.replace(/^\uFEFF/, '');
  if (!t.trim()) throw new RelmError(`the ${what} is empty`, EXIT_USAGE);
  try {
    return JSON.parse(t) as unknown;
  } catch (err) {
    // `gh api --paginate` prints one array per page, back to back: read them as one list.
    if (/^\s*\[/.test(t) && /\]\s*\[/.test(t)) {
      try {
        return (JSON.parse(`[${t.replace(/\]\s*\[/g, '],[')}]`) as unknown[][]).flat();
      } catch {
        // Not pages after all: report the original error.
      }
    }
    throw new RelmError(
      `the ${what} is not valid JSON: ${(err as Error).message}`,
      EXIT_USAGE,
      'Export it again; JSON is what `gh ... --json` and the APIs print.',
    );
  }
}

export const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a JSON value as exports hold it: a string, a number, `{name}` (labels), `{display_value, value}` (ServiceNow). */
export function textOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isRecord(v)) {
    for (const k of ['display_value', 'name', 'title', 'login', 'value']) {
      if (typeof v[k] === 'string' || typeof v[k] === 'number') return String(v[k]);
    }
  }
  return '';
}

/** The values at a key path (`milestone.title`), arrays spread: what a `--map` column means in JSON. */
export function valuesAt(record: JsonRecord, path: string): string[] {
  let v: unknown = record;
  for (const key of path.split('.')) {
    if (!isRecord(v)) return [];
    const exact = key in v ? key : Object.keys(v).find((k) => k.toLowerCase() === key.toLowerCase());
    if (exact === undefined) return [];
    v = v[exact];
  }
  return (Array.isArray(v) ? v : [v]).map(textOf).filter((s) => s !== '');
}

/** Whether any record has the key path (so that a misspelt --map column is caught). */
export function hasPath(records: readonly JsonRecord[], path: string): boolean {
  const keys = path.split('.');
  return records.some((r) => {
    let v: unknown = r;
    for (const key of keys) {
      if (!isRecord(v)) return false;
      const exact = key in v ? key : Object.keys(v).find((k) => k.toLowerCase() === key.toLowerCase());
      if (exact === undefined) return false;
      v = v[exact];
    }
    return true;
  });
}
