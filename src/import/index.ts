import jsyaml from 'js-yaml';
import { modeline } from '../engagement/modeline.js';
import type { Release } from '../engagement/types.js';
import { parseBugzilla } from './bugzilla.js';
import { parseGitTags } from './git-tags.js';
import { parseGithub } from './github.js';
import { attributeIncidents, parseIncidents, type Attribution, type IncidentSource } from './incidents.js';
import { parseJira } from './jira.js';
import { ITEM_ORDER, RELEASE_ORDER } from './fields.js';
import { mergeRecords, type MergedFile, type MergeOptions } from './merge.js';
import { parseServiceNow } from './servicenow.js';
import type { SourceInput } from './source.js';
import { destinationOf, type ImportKind, type ImportResult, type ParseOptions } from './types.js';

export type { ImportKind, ImportResult, ParseOptions, Problem } from './types.js';
export { IMPORT_KINDS, destinationOf } from './types.js';

/** Parses a read source with the parser of its format (every kind but incidents, which needs the releases). Pure. */
export function parseExport(kind: Exclude<ImportKind, 'incidents'>, input: SourceInput, opts: ParseOptions): ImportResult {
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

/**
 * Incidents attributed to the releases of releases.yaml (its current text): the result's releases are the
 * updates (outcome and restored) of the releases that caused incidents. Pure.
 */
export function parseIncidentImport(
  input: SourceInput,
  from: IncidentSource,
  releasesText: string | null,
  opts: ParseOptions & { windowHours: number },
): ImportResult & { attributions: Attribution[] } {
  if (input.kind === 'tags') throw new Error('incidents read an export file');
  const parsed = parseIncidents(input.kind === 'json' ? input.value : input.text, from, { application: opts.application, values: opts.values });
  let releases: Release[] = [];
  try {
    const doc = releasesText ? (jsyaml.load(releasesText, { schema: jsyaml.CORE_SCHEMA }) as { releases?: unknown } | null) : null;
    releases = (Array.isArray(doc?.releases) ? doc.releases : []).filter(
      (r): r is Release => !!r && typeof r === 'object' && typeof (r as Release).id === 'string' && typeof (r as Release).deployed === 'string',
    );
  } catch {
    releases = []; // the merge reports the YAML error with its position
  }
  const { entries, attributions, problems } = attributeIncidents(parsed.incidents, releases, opts.windowHours);
  const result: ImportResult & { attributions: Attribution[] } = {
    releases: entries as Release[],
    problems: [...parsed.problems, ...problems].sort((a, b) => a.row - b.row),
    attributions,
  };
  if (parsed.notes.length) result.notes = parsed.notes;
  if (!releases.length)
    result.notes = [...(result.notes ?? []), 'releases.yaml holds no releases to attribute incidents to: import them first (git-tags or servicenow)'];
  return result;
}

export interface FileChange {
  file: 'backlog.yaml' | 'releases.yaml';
  merged: MergedFile;
}

function header(kind: ImportKind, target: 'backlog' | 'releases'): string {
  const what = target === 'backlog' ? 'Maintenance backlog' : 'Release history';
  return `${modeline(target).slice(2)}\n${what} (format: relm schema ${target}).\nStarted by \`relm import ${kind}\`; importing again merges by id, field by field, and keeps your edits.`;
}

/**
 * Merges a parse result into the engagement's current backlog.yaml / releases.yaml texts (null: no
 * such file), three ways (see mergeRecords). Items go to backlog.yaml with their applications; releases
 * go to releases.yaml, and their applications into backlog.yaml's list when that file exists. Incidents
 * only update releases already there. Pure: returns the new texts.
 */
export function mergeImport(
  kind: ImportKind,
  result: ImportResult,
  current: { backlog: string | null; releases: string | null },
  opts: { application?: string } & MergeOptions,
): FileChange[] {
  const applications = [...(opts.application ? [{ id: opts.application }] : []), ...(result.applications ?? [])];
  if (destinationOf(kind) === 'backlog') {
    return [
      {
        file: 'backlog.yaml',
        merged: mergeRecords(
          {
            file: 'backlog.yaml',
            text: current.backlog,
            key: 'items',
            entries: (result.items ?? []) as never,
            applications,
            header: header(kind, 'backlog'),
            order: ITEM_ORDER,
          },
          opts,
        ),
      },
    ];
  }
  const changes: FileChange[] = [
    {
      file: 'releases.yaml',
      merged: mergeRecords(
        {
          file: 'releases.yaml',
          text: current.releases,
          key: 'releases',
          entries: (result.releases ?? []) as never,
          header: header(kind, 'releases'),
          order: RELEASE_ORDER,
        },
        { ...opts, add: kind !== 'incidents' },
      ),
    },
  ];
  const itemChanges = result.itemChanges ?? [];
  if (kind !== 'incidents' && current.backlog !== null && ((applications.length && (result.releases ?? []).length) || itemChanges.length)) {
    changes.push({
      file: 'backlog.yaml',
      // The changes' backlog items get their `change`, three ways like any field (only items already there).
      merged: mergeRecords(
        {
          file: 'backlog.yaml',
          text: current.backlog,
          key: 'items',
          entries: itemChanges as never,
          applications: (result.releases ?? []).length ? applications : [],
          header: header(kind, 'backlog'),
          order: ITEM_ORDER,
        },
        { ...opts, add: false },
      ),
    });
  }
  return changes;
}
