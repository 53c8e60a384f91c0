import type { Manifest } from '../engagement/types.js';
import { EXIT_FINDINGS, RelmError } from '../errors.js';
import { norm } from './vocabulary.js';

/** relm.yaml `import.<source>`: per field, the source's values (normalised with `norm`) and what they become. */
export type ValueMaps = Record<string, Map<string, string>>;

/** The value maps of one source, checked for shape (`relm validate` checks the values against the schema). */
export function valueMapsOf(manifest: Pick<Manifest, 'import'> | null, source: string): ValueMaps {
  const raw = (manifest?.import as Record<string, unknown> | undefined)?.[source];
  if (raw === undefined || raw === null) return {};
  const bad = (what: string) =>
    new RelmError(
      `relm.yaml: import.${source}${what}`,
      EXIT_FINDINGS,
      'Write it as import: {jira: {priority: {Blocker: critical}}}: per field, a source value and the relm value (see `relm validate`).',
    );
  if (typeof raw !== 'object' || Array.isArray(raw)) throw bad(' must be a mapping of fields');
  const out: ValueMaps = {};
  for (const [field, values] of Object.entries(raw)) {
    if (values === null || typeof values !== 'object' || Array.isArray(values)) throw bad(`.${field} must be a mapping of source values to relm values`);
    const m = new Map<string, string>();
    for (const [from, to] of Object.entries(values as Record<string, unknown>)) {
      if (typeof to !== 'string' && typeof to !== 'number') throw bad(`.${field}.${from} must be a value, not ${to === null ? 'empty' : typeof to}`);
      m.set(norm(from), String(to));
    }
    out[field] = m;
  }
  return out;
}

/** The relm value the user's map gives a source value, if any. */
export function mapped(maps: ValueMaps | undefined, field: string, source: string | undefined): string | undefined {
  if (!maps || source === undefined || !source.trim()) return undefined;
  return maps[field]?.get(norm(source));
}
