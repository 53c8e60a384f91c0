import type { BacklogFile, BacklogItem } from '../engagement/types.js';
import { isOpen } from './backlog.js';
import { findSimilar, type SimilarResult } from './similarity.js';

/** An item still worth comparing: open, and not recorded as a duplicate already. */
export const isCandidate = (i: BacklogItem): boolean => isOpen(i) && i.duplicate_of === undefined;

/**
 * For each backlog item (file order), its `top` most similar items: same application unless
 * `allApplications`. Closed items and recorded duplicates are left out (on both sides) unless `all`.
 */
export function duplicateCandidates(backlog: BacklogFile, opts: { top: number; allApplications?: boolean; all?: boolean }): SimilarResult[] {
  const items = (backlog.items ?? []).filter((i) => opts.all || isCandidate(i));
  const docs = items.map((i) => ({ id: i.id, title: i.title, description: i.description, group: i.application }));
  return findSimilar(docs, { top: opts.top, sameGroup: !opts.allApplications });
}

/** A candidate pair, once: `a` is the item that comes first in the file. */
export interface DuplicatePair {
  a: string;
  b: string;
  similarity: number;
}

/**
 * The per-item candidates as pairs, each pair once (A–B and B–A are one pair), the most similar first
 * (ties: file order), keeping those at least `min` similar. Pure.
 */
export function candidatePairs(results: readonly SimilarResult[], min: number): DuplicatePair[] {
  const order = new Map(results.map((r, i) => [r.id, i]));
  const seen = new Map<string, DuplicatePair>();
  for (const r of results) {
    for (const c of r.candidates) {
      if (c.similarity < min || c.id === r.id) continue;
      const [a, b] = order.get(r.id)! <= (order.get(c.id) ?? Infinity) ? [r.id, c.id] : [c.id, r.id];
      const key = `${a}\u0000${b}`;
      if (!seen.has(key)) seen.set(key, { a, b, similarity: c.similarity });
    }
  }
  return [...seen.values()].sort((x, y) => y.similarity - x.similarity || order.get(x.a)! - order.get(y.a)! || order.get(x.b)! - order.get(y.b)!);
}
