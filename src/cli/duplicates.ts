import { duplicateCandidates } from '../engine/duplicates.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { formatDuplicates } from '../output/duplicates.js';
import { emit, openEngagement, requireValid } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor } from './ui.js';

export function runDuplicates(opts: CommonOptions & { top: number; json?: boolean; allApplications?: boolean; min: number }): void {
  const result = openEngagement(opts);
  const engagement = requireValid(result);
  if (!engagement) return;
  if (!engagement.backlog) throw new RelmError('the engagement has no backlog.yaml: there is nothing to compare', EXIT_USAGE, 'Create backlog.yaml, or fill it with `relm import`.');
  const results = duplicateCandidates(engagement.backlog, { top: opts.top, allApplications: opts.allApplications });
  if (opts.json) emit(JSON.stringify(results, null, 2) + '\n');
  else {
    const titles = new Map((engagement.backlog.items ?? []).map((i) => [i.id, i.title]));
    emit(formatDuplicates(results, titles, colorsFor('stdout'), opts.min));
  }
}
