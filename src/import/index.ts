import { modeline } from '../engagement/modeline.js';
import { parseBugzilla } from './bugzilla.js';
import { parseGitTags } from './git-tags.js';
import { parseGithub } from './github.js';
import { parseJira } from './jira.js';
import { mergeBacklog, mergeReleases, type MergedFile } from './merge.js';
import { parseServiceNow } from './servicenow.js';
import type { SourceInput } from './source.js';
import { targetOf, type ImportKind, type ImportResult, type ParseOptions } from './types.js';

export type { ImportKind, ImportResult, ParseOptions, Problem } from './types.js';
export { IMPORT_KINDS, targetOf } from './types.js';

/** Parses a read source with the parser of its format. Pure. */
export function parseExport(kind: ImportKind, input: SourceInput, opts: ParseOptions): ImportResult {
  const text = () => {
    if (input.kind !== 'text') throw new Error(`${kind} reads text, not ${input.kind}`);
    return input.text;
  };
  switch (kind) {
    case 'jira':
      return parseJira(text(), opts);
    case 'bugzilla':
      return parseBugzilla(text(), opts);
    case 'github':
      return parseGithub(input.kind === 'json' ? input.value : text(), opts);
    case 'servicenow':
      return parseServiceNow(input.kind === 'json' ? input.value : text(), opts);
    case 'git-tags':
      if (input.kind !== 'tags') throw new Error('git-tags reads a tag list');
      return parseGitTags(input.tags, opts);
  }
}

export interface FileChange {
  file: 'backlog.yaml' | 'releases.yaml';
  merged: MergedFile;
}

function header(kind: ImportKind, target: 'backlog' | 'releases'): string {
  const what = target === 'backlog' ? 'Maintenance backlog' : 'Release history';
  return `${modeline(target).slice(2)}\n${what} (format: relm schema ${target}).\nStarted by \`relm import ${kind}\`; importing again merges by id and keeps fields the export does not carry.`;
}

/**
 * Merges a parse result into the engagement's current backlog.yaml / releases.yaml texts (null: no
 * such file). Items go to backlog.yaml with their applications; releases go to releases.yaml, and their
 * applications into backlog.yaml's list when that file exists. Pure: returns the new texts.
 */
export function mergeImport(
  kind: ImportKind,
  result: ImportResult,
  current: { backlog: string | null; releases: string | null },
  opts: { application?: string },
): FileChange[] {
  const applications = [...(opts.application ? [{ id: opts.application }] : []), ...(result.applications ?? [])];
  if (targetOf(kind) === 'backlog') {
    return [{ file: 'backlog.yaml', merged: mergeBacklog(current.backlog, result.items ?? [], applications, header(kind, 'backlog')) }];
  }
  const changes: FileChange[] = [{ file: 'releases.yaml', merged: mergeReleases(current.releases, result.releases ?? [], header(kind, 'releases')) }];
  if (current.backlog !== null && applications.length && (result.releases ?? []).length) {
    changes.push({ file: 'backlog.yaml', merged: mergeBacklog(current.backlog, [], applications, header(kind, 'backlog')) });
  }
  return changes;
}
