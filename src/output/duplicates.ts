import type { ChalkInstance } from 'chalk';
import type { DuplicatePair } from '../engine/duplicates.js';
import { printable, printableDeep } from './printable.js';

/** The human view of `relm duplicates`: each candidate pair once, the most similar first. */
export function formatDuplicates(
  found: readonly DuplicatePair[],
  itemTitles: ReadonlyMap<string, string>,
  c: ChalkInstance,
  opts: { min: number; compared: number; all: boolean; leftOut: number },
): string {
  const pairs = printableDeep(found); // ids and titles come from backlog.yaml
  const titles = printableDeep(itemTitles);
  const out: string[] = [];
  for (const p of pairs) {
    const s = p.similarity.toFixed(2);
    out.push(`${p.similarity >= 0.5 ? c.yellow(s) : c.dim(s)}  ${c.bold(p.a)}  ${titles.get(p.a) ?? ''}`);
    out.push(`      ${c.bold(p.b)}  ${titles.get(p.b) ?? ''}`);
    out.push('');
  }
  const scope = opts.all
    ? `${opts.compared} items compared, closed ones and recorded duplicates included`
    : `${opts.compared} open items compared${opts.leftOut ? ` (${opts.leftOut} closed or recorded duplicates left out; --all to include them)` : ''}`;
  out.push(c.dim(`${pairs.length} candidate pair${pairs.length === 1 ? '' : 's'} at similarity ≥ ${opts.min}; ${scope}; 1.00 = the same words`));
  if (pairs.length) out.push(c.dim(`Record a confirmed one with: relm duplicates --record DUPLICATE ORIGINAL`));
  return out.join('\n') + '\n';
}

/** What `relm duplicates --record` did, for stderr. */
export function formatRecorded(id: string, original: string, previous: string | undefined, file: string): string {
  [id, original, file] = [id, original, file].map((s) => printable(s)) as [string, string, string];
  if (previous !== undefined) previous = printable(previous);
  return previous === original
    ? `relm: ${id} is already recorded as a duplicate of ${original}; nothing to write`
    : `relm: recorded ${id} as a duplicate of ${original}${previous ? ` (was: of ${previous})` : ''} in ${file}`;
}
