import { existsSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/finding.js';
import { EXIT_FINDINGS, RelmError } from '../errors.js';
import { atomicWriteAll } from '../io/atomic-write.js';
import { clip } from '../util/text.js';
import { loadEngagement } from './load.js';
import { fsSource, type FileSource } from './source.js';

/** A file relm is about to write: its path relative to the engagement folder, and its new content. */
export interface PendingWrite {
  rel: string;
  data: string | Uint8Array;
}

const norm = (rel: string) => posix.normalize(rel.split(sep).join('/'));

/** The engagement as it would be with the writes done: their content over the files of the folder. */
export function withWrites(base: FileSource, writes: readonly PendingWrite[]): FileSource {
  const pending = new Map(writes.map((w) => [norm(w.rel), typeof w.data === 'string' ? Buffer.from(w.data, 'utf8') : Buffer.from(w.data)]));
  return {
    label: base.label,
    read: (rel) => {
      const bytes = pending.get(norm(rel));
      return bytes ? { ok: true, bytes } : base.read(rel);
    },
    list: (relDir) => {
      const dir = norm(relDir).replace(/\/$/, '');
      const names = new Set(base.list(relDir));
      for (const p of pending.keys()) if (posix.dirname(p) === dir) names.add(posix.basename(p));
      return [...names].sort();
    },
  };
}

/** An engagement folder not made yet: no file. */
const emptySource = (label: string): FileSource => ({ label, read: () => ({ ok: false, reason: 'it does not exist' }), list: () => [] });

const key = (d: Diagnostic) => `${d.file}\0${d.code}\0${d.message}`;

/** How many findings a refusal lists. */
const SHOWN = 5;
const MAX_MESSAGE = 400;

/**
 * The errors the engagement would have after the writes that it does not have now (positions aside: a write
 * moves the lines below it). Empty when the writes leave it as valid as it was.
 */
export function errorsAfter(root: string, writes: readonly PendingWrite[]): Diagnostic[] {
  const base = existsSync(root) ? fsSource(root) : emptySource(root);
  const after = loadEngagement(root, withWrites(base, writes)).diagnostics.filter((d) => d.severity === 'error');
  if (!after.length) return [];
  const before = new Map<string, number>();
  if (existsSync(root)) for (const d of loadEngagement(root, base).diagnostics) if (d.severity === 'error') before.set(key(d), (before.get(key(d)) ?? 0) + 1);
  return after.filter((d) => {
    const n = before.get(key(d)) ?? 0;
    if (n > 0) {
      before.set(key(d), n - 1);
      return false;
    }
    return true;
  });
}

/**
 * Writes files of the engagement only if the engagement stays valid: the new content is read back and checked
 * in memory (YAML syntax, schema, limits, references between the files) before anything is written; a write
 * that would add an error is refused with the findings, and no file changes. Then each file is written
 * atomically (a reader sees the old or the new file, never a part). `what` names the change for the message.
 */
export function writeChecked(root: string, writes: readonly PendingWrite[], what: string): void {
  if (!writes.length) return;
  const bad = errorsAfter(root, writes);
  if (bad.length) {
    const lines = bad.slice(0, SHOWN).map((d) => `${d.file}: ${clip(d.message, MAX_MESSAGE)} (${d.code})`);
    if (bad.length > SHOWN) lines.push(`and ${bad.length - SHOWN} more`);
    const files = [...new Set(writes.map((w) => norm(w.rel)))].join(', ');
    throw new RelmError(
      `${what} would leave the engagement invalid, so nothing was written: ${lines.join('; ')}`,
      EXIT_FINDINGS,
      `Shorten or correct what would be written (${files}) and run again.`,
    );
  }
  // All or nothing: a full disk while writing the second file leaves the first as it was too.
  atomicWriteAll(
    writes.map((w) => ({ path: join(root, w.rel), data: w.data })),
    { within: root },
  );
}

/** The path of a file relative to the engagement folder, for writeChecked. */
export function relIn(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
