import { findEngagementRoot } from '../engagement/find-root.js';
import { loadEngagement } from '../engagement/load.js';
import { fsSource, gitSource } from '../engagement/source.js';
import { assess } from '../engine/assess.js';
import { diffAssessments } from '../engine/diff.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { diffMarkdown } from '../output/diff-markdown.js';
import { emit } from './context.js';
import type { CommonOptions } from './main.js';

function assessAt(root: string, rev: string | undefined, windowDays?: number) {
  const source = rev === undefined ? fsSource(root) : gitSource(root, rev);
  const r = loadEngagement(root, source);
  if (!r.engagement) {
    const first = r.diagnostics.find((d) => d.severity === 'error');
    throw new RelmError(
      `the engagement at ${rev ?? 'the working tree'} has errors${first ? ` (first: ${first.file}:${first.line}:${first.col} ${first.message})` : ''}`,
      EXIT_USAGE,
      rev === undefined ? 'Fix them (relm validate) and run again.' : `Compare revisions where the engagement is valid.`,
    );
  }
  return assess(r.engagement, [], { windowDays });
}

/** Scores, gaps, recommendations, backlog and release metrics that changed between two revisions (head: the working tree). */
export function runDiff(base: string, head: string | undefined, opts: CommonOptions & { json?: boolean; windowDays?: number }): void {
  const root = findEngagementRoot(process.cwd(), opts.dir);
  if (base === head) throw new RelmError('base and head are the same revision', EXIT_USAGE);
  const d = diffAssessments(assessAt(root, base, opts.windowDays), assessAt(root, head, opts.windowDays));
  const headLabel = head ?? 'working tree';
  emit(opts.json ? JSON.stringify({ base, head: headLabel, ...d }, null, 2) + '\n' : diffMarkdown(d, base, headLabel));
}
