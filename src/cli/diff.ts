import { findEngagementRoot } from '../engagement/find-root.js';
import { diffAssessments } from '../engine/diff.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { diffMarkdown } from '../output/diff-markdown.js';
import { emit } from './context.js';
import type { CommonOptions } from './main.js';
import { assessAtRevision } from './revision.js';
import type { RunContext } from './run-context.js';

/** Scores, gaps, recommendations, backlog and release metrics that changed between two revisions (head: the working tree). */
export function runDiff(ctx: RunContext, base: string, head: string | undefined, opts: CommonOptions & { json?: boolean; windowDays?: number }): void {
  const root = findEngagementRoot(ctx.cwd, opts.dir);
  if (base === head) throw new RelmError('base and head are the same revision', EXIT_USAGE);
  const hint = 'Compare revisions where the engagement is valid.';
  const d = diffAssessments(
    assessAtRevision(root, base, { windowDays: opts.windowDays, hint }),
    assessAtRevision(root, head, { windowDays: opts.windowDays, hint }),
  );
  const headLabel = head ?? 'working tree';
  emit(ctx, opts.json ? JSON.stringify({ base, head: headLabel, ...d }, null, 2) + '\n' : diffMarkdown(d, base, headLabel));
}
