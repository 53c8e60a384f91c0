import { createHash } from 'node:crypto';
import { EXIT_FINDINGS, RelmError } from '../errors.js';

/**
 * The values an import wrote last, per source: `.relm/imports/<source>.json`, committed with the
 * engagement. It is the common ancestor of the three-way merge: a field whose value in the YAML file
 * differs from it was edited by hand; a field whose value in the export differs from it changed at the
 * source. Long values (descriptions, lists of changes) are kept as a hash: only equality is ever asked.
 */
export interface ImportState {
  /** Record id -> field -> the value imported last (a field left out was absent). */
  records: Map<string, Record<string, unknown>>;
}

export const STATE_VERSION = 1;
/** Values longer than this (as JSON) are kept as `{"sha1": ...}`. */
const INLINE_MAX = 80;

export const statePath = (source: string): string => `.relm/imports/${source}.json`;

/** JSON with object keys sorted, so that equal values give equal text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const isHash = (v: unknown): v is { sha1: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { sha1?: unknown }).sha1 === 'string' && Object.keys(v).length === 1;
const sha1 = (v: unknown) => createHash('sha1').update(canonical(v)).digest('hex');

/** What the state keeps of a value: itself, or its hash when long. */
export function remembered(v: unknown): unknown {
  const text = canonical(v);
  return text.length > INLINE_MAX ? { sha1: sha1(v) } : v;
}

/** Whether a value equals one the state remembered (`undefined` on both sides: absent). */
export function sameAsRemembered(base: unknown, v: unknown): boolean {
  if (base === undefined || v === undefined) return base === undefined && v === undefined;
  if (isHash(base)) return sha1(v) === base.sha1;
  return canonical(base) === canonical(v);
}

/** Reads a state file's text (null: none yet). A damaged file is an error: the merge would guess. */
export function parseState(text: string | null, file: string): ImportState {
  const records = new Map<string, Record<string, unknown>>();
  if (text === null) return { records };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RelmError(
      `${file} is not valid JSON: ${(err as Error).message}`,
      EXIT_FINDINGS,
      `Restore it from git (git checkout -- ${file}), or delete it to treat every difference as a conflict; nothing was written.`,
    );
  }
  const r = (json as { records?: unknown }).records;
  if (json === null || typeof json !== 'object' || r === null || typeof r !== 'object' || Array.isArray(r)) {
    throw new RelmError(`${file} does not hold relm's import records`, EXIT_FINDINGS, `Restore it from git, or delete it; nothing was written.`);
  }
  for (const [id, fields] of Object.entries(r as Record<string, unknown>)) {
    if (fields && typeof fields === 'object' && !Array.isArray(fields)) records.set(id, fields as Record<string, unknown>);
  }
  return { records };
}

/** The state file's text: one record per line, ids sorted, so that a re-import gives a small git diff. */
export function formatState(source: string, state: ImportState): string {
  const ids = [...state.records.keys()].sort();
  const lines = ids.map((id, i) => `    ${JSON.stringify(id)}: ${JSON.stringify(state.records.get(id))}${i < ids.length - 1 ? ',' : ''}`);
  return [
    '{',
    `  "relm_import": ${STATE_VERSION},`,
    `  "source": ${JSON.stringify(source)},`,
    `  "about": "The values relm import wrote last, for the three-way merge of the next import. Commit it with the engagement; do not edit it.",`,
    `  "records": {${lines.length ? '' : '}'}`,
    ...(lines.length ? [...lines, '  }'] : []),
    '}',
    '',
  ].join('\n');
}

/** The record the state keeps for an imported entry: every field the import carried, long ones hashed. */
export function rememberEntry(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (k !== 'id' && v !== undefined) out[k] = remembered(v);
  return out;
}
