import type { ChalkInstance } from 'chalk';
import type { SimilarResult } from '../engine/similarity.js';

/** The human view of `relm duplicates`: items that have candidates, each with its most similar items. */
export function formatDuplicates(results: readonly SimilarResult[], titles: ReadonlyMap<string, string>, c: ChalkInstance, minSimilarity: number): string {
  const out: string[] = [];
  let shown = 0;
  for (const r of results) {
    const cands = r.candidates.filter((x) => x.similarity >= minSimilarity);
    if (!cands.length) continue;
    shown++;
    out.push(`${c.bold(r.id)}  ${titles.get(r.id) ?? ''}`);
    for (const x of cands) {
      const s = x.similarity.toFixed(2);
      out.push(`  ${x.similarity >= 0.5 ? c.yellow(s) : c.dim(s)}  ${x.id}  ${titles.get(x.id) ?? ''}`);
    }
    out.push('');
  }
  out.push(c.dim(`${shown} of ${results.length} items have a candidate at similarity ≥ ${minSimilarity}; 1.00 = the same words`));
  return out.join('\n') + '\n';
}
