import { loadEngagement, type LoadResult } from '../engagement/load.js';
import type { Engagement } from '../engagement/types.js';
import { fsSource, gitSource } from '../engagement/source.js';
import { assess, type AssessOptions } from '../engine/assess.js';
import type { Assessment } from '../engine/types.js';
import { EXIT_USAGE, RelmError } from '../errors.js';

/** The engagement at a git revision (undefined: the working tree), loaded but not assessed. */
export function loadAtRevision(root: string, rev: string | undefined): LoadResult {
  return loadEngagement(root, rev === undefined ? fsSource(root) : gitSource(root, rev));
}

/** Whether the engagement folder exists at a revision (its relm.yaml is there). */
export function existsAtRevision(root: string, rev: string | undefined): boolean {
  return (rev === undefined ? fsSource(root) : gitSource(root, rev)).read('relm.yaml').ok;
}

/**
 * The assessment of the engagement at a git revision (undefined: the working tree): the one way every
 * command that compares revisions (check --baseline, diff, trend, progress) reads one. An engagement
 * with errors there is a usage error naming the first of them; `hint` says what to do instead
 * (for a revision; for the working tree: fix the errors).
 */
export function assessAtRevision(root: string, rev: string | undefined, opts: AssessOptions & { hint?: string } = {}): Assessment {
  return assess(engagementAtRevision(root, rev, opts.hint), { windowDays: opts.windowDays });
}

/** The valid engagement at a revision, or a usage error naming its first error (see assessAtRevision). */
export function engagementAtRevision(root: string, rev: string | undefined, hint?: string): Engagement {
  const r = loadAtRevision(root, rev);
  if (r.engagement) return r.engagement;
  const first = r.diagnostics.find((d) => d.severity === 'error');
  throw new RelmError(
    `the engagement at ${rev ?? 'the working tree'} has errors${first ? ` (first: ${first.file}:${first.line}:${first.col} ${first.message})` : ''}`,
    EXIT_USAGE,
    rev === undefined ? 'Fix them (relm validate) and run again.' : (hint ?? 'Choose a revision where the engagement is valid.'),
  );
}
