import type { BacklogFile } from '../engagement/types.js';
import { findSimilar, type SimilarResult } from './similarity.js';

/** For each backlog item (file order), its `top` most similar items: same application unless `allApplications`. */
export function duplicateCandidates(backlog: BacklogFile, opts: { top: number; allApplications?: boolean }): SimilarResult[] {
  const docs = (backlog.items ?? []).map((i) => ({ id: i.id, title: i.title, description: i.description, group: i.application }));
  return findSimilar(docs, { top: opts.top, sameGroup: !opts.allApplications });
}
