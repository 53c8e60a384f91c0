import type { ErrorObject } from 'ajv';
import type { DocPath } from '../diagnostics/finding.js';

/**
 * The part of a file that its schema errors leave usable. Validation reports every finding in one run: the
 * schema check of each file, then the cross-file checks over everything that parsed. Those checks are written
 * for schema-valid data, so they run on each file with its broken parts taken out: the value an error points at
 * (an unknown key, a wrong answer, a list entry missing a required key) is removed, and removing it again until
 * the rest validates takes out what depended on it. A file broken at its root is not usable at all (null).
 *
 * Removing list entries shifts the indexes after them: `toOriginal` maps a path in the usable data back to the
 * file, so that a finding of the cross-file checks points at the right entry.
 */
export interface Usable {
  data: unknown;
  /** The paths taken out, in the file's terms ([[]]: all of it). */
  removed: DocPath[];
  toOriginal(path: DocPath): DocPath;
}

/** Whether `data` is valid, else its schema errors. */
export type Check = (data: unknown) => readonly ErrorObject[] | null;

interface Trie {
  remove: boolean;
  kids: Map<string, Trie>;
}

const REMOVED = Symbol('removed');

function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The path of what an error makes unusable: the bad value, the bad key, or the mapping that lacks a key. */
function brokenPath(e: ErrorObject): string[] | null {
  if (e.keyword === 'if') return null; // the failing branch has its own errors
  const path = pointerToPath(e.instancePath);
  const p = e.params as { additionalProperty?: string; propertyName?: string };
  if (e.keyword === 'additionalProperties' && p.additionalProperty !== undefined) return [...path, p.additionalProperty];
  if (p.propertyName !== undefined) return [...path, p.propertyName];
  return path;
}

function trieOf(errors: readonly ErrorObject[]): Trie {
  const root: Trie = { remove: false, kids: new Map() };
  for (const e of errors) {
    const path = brokenPath(e);
    if (!path) continue;
    let node = root;
    for (const seg of path) {
      if (node.remove) break;
      let kid = node.kids.get(seg);
      if (!kid) node.kids.set(seg, (kid = { remove: false, kids: new Map() }));
      node = kid;
    }
    node.remove = true;
  }
  return root;
}

/**
 * A copy of `node` without what the trie marks, sharing every untouched part; list entries keep their original
 * index in `origin`, and `removed` collects the original paths of what was taken out.
 */
function without(node: unknown, trie: Trie, origin: WeakMap<object, number[]>, removed: DocPath[], path: (string | number)[]): unknown {
  if (trie.remove) {
    removed.push(path);
    return REMOVED;
  }
  if (node === null || typeof node !== 'object' || !trie.kids.size) return node;
  if (Array.isArray(node)) {
    const before = origin.get(node);
    const out: unknown[] = [];
    const index: number[] = [];
    node.forEach((v, i) => {
      const at = before?.[i] ?? i;
      const t = trie.kids.get(String(i));
      const nv = t ? without(v, t, origin, removed, [...path, at]) : v;
      if (nv === REMOVED) return;
      out.push(nv);
      index.push(at);
    });
    origin.set(out, index);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    const t = trie.kids.get(k);
    const nv = t ? without(v, t, origin, removed, [...path, k]) : v;
    if (nv !== REMOVED) Object.defineProperty(out, k, { value: nv, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** At most this many rounds of removal: each round removes what the previous one made invalid, so a few suffice. */
const MAX_ROUNDS = 50;

const UNUSABLE: Usable = { data: null, removed: [[]], toOriginal: (p) => p };

/** Nothing of the file is usable. */
export function unusable(): Usable {
  return UNUSABLE;
}

export function usablePart(data: unknown, errors: readonly ErrorObject[], check: Check): Usable {
  const origin = new WeakMap<object, number[]>();
  const removed: DocPath[] = [];
  let current = data;
  let errs: readonly ErrorObject[] | null = errors;
  for (let round = 0; errs?.length; round++) {
    const trie = trieOf(errs);
    if (trie.remove || round === MAX_ROUNDS) return UNUSABLE;
    const count = removed.length;
    current = without(current, trie, origin, removed, []);
    if (removed.length === count) return UNUSABLE; // the errors point at nothing there: give up on the file
    errs = check(current);
  }
  const usable = current;
  return {
    data: usable,
    removed,
    toOriginal(path) {
      let node: unknown = usable;
      return path.map((seg) => {
        const here = node;
        node = here !== null && typeof here === 'object' ? (here as Record<string, unknown>)[String(seg)] : undefined;
        if (Array.isArray(here) && typeof seg === 'number') return origin.get(here)?.[seg] ?? seg;
        return seg;
      });
    },
  };
}

/** A usable part that is the whole of valid data. */
export function wholly(data: unknown): Usable {
  return { data, removed: [], toOriginal: (p) => p };
}

/** Whether something at or under `path` (in the usable data's terms) was taken out. */
export function isBroken(u: Usable, path: DocPath): boolean {
  if (!u.removed.length) return false;
  const at = u.toOriginal(path);
  return u.removed.some((r) => at.every((seg, i) => r.length > i && String(r[i]) === String(seg)));
}
