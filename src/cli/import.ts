import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import jsyaml from 'js-yaml';
import { findEngagementRoot } from '../engagement/find-root.js';
import type { Manifest } from '../engagement/types.js';
import { EXIT_FINDINGS, EXIT_USAGE, RelmError } from '../errors.js';
import { parseDateFormat } from '../import/dates.js';
import { parseMapOptions } from '../import/fields.js';
import { ID, RELEASE_ID } from '../import/ids.js';
import { DEFAULT_INCIDENT_WINDOW_HOURS, INCIDENT_SOURCES, type IncidentSource } from '../import/incidents.js';
import {
  IMPORT_KINDS,
  mergeImport,
  parseExport,
  parseIncidentImport,
  destinationOf,
  type FileChange,
  type ImportKind,
  type ImportResult,
} from '../import/index.js';
import { readSource, repositoryApplication } from '../import/source.js';
import { formatState, parseState, statePath, type ImportState } from '../import/state.js';
import { formatImportSummary } from '../import/summary.js';
import { valueMapsOf } from '../import/value-maps.js';
import { checkpoint, exitCleanlyOnInterrupt } from '../io/interrupt.js';
import { STDIN } from '../io/stdin.js';
import { withEngagementLock } from '../io/lock.js';
import { hint } from '../util/did-you-mean.js';
import { colorsFor, writeErr, writeOut } from './ui.js';
import { writeChecked, type PendingWrite } from '../engagement/checked-write.js';
import type { RunContext } from './run-context.js';

export interface ImportOptions {
  dir?: string;
  application?: string;
  map?: string[];
  dryRun?: boolean;
  debug?: boolean;
  idPrefix?: string;
  encoding?: string;
  force?: boolean;
  from?: string;
  windowHours?: number;
  dateFormat?: string;
}

function readText(root: string, file: string): string | null {
  const path = join(root, file);
  if (!existsSync(path)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)).replace(/^\uFEFF/, '');
  } catch {
    throw new RelmError(`${file} is not valid UTF-8`, EXIT_FINDINGS, `Save ${file} as UTF-8 and import again; nothing was written.`);
  }
}

/** relm.yaml as far as the import needs it (its value maps); `relm validate` reports everything else. */
function readManifest(root: string): Pick<Manifest, 'import'> | null {
  try {
    const doc = jsyaml.load(readText(root, 'relm.yaml') ?? '', { schema: jsyaml.CORE_SCHEMA });
    return doc && typeof doc === 'object' ? (doc as Pick<Manifest, 'import'>) : null;
  } catch (err) {
    throw new RelmError(
      `relm.yaml cannot be read: ${(err as Error).message.split('\n')[0]}`,
      EXIT_FINDINGS,
      'Fix it (see `relm validate`) and import again; nothing was written.',
    );
  }
}

/** The import records of every source but `own`, for telling another import's values from edits by hand. */
function otherStates(root: string, own: string): ImportState[] {
  return IMPORT_KINDS.filter((k) => k !== own && existsSync(join(root, statePath(k)))).map((k) => parseState(readText(root, statePath(k)), statePath(k)));
}

function checkOptions(kind: ImportKind, opts: ImportOptions): void {
  if (opts.application !== undefined && !ID.test(opts.application)) {
    throw new RelmError(
      `--application: "${opts.application}" is not a valid id`,
      EXIT_USAGE,
      'Use letters, digits, ".", "_" and "-", starting with a letter or digit.',
    );
  }
  if (opts.idPrefix !== undefined) {
    const sample = `${opts.idPrefix}1`;
    const ok = kind === 'git-tags' ? RELEASE_ID.test(sample) : ID.test(sample);
    if (!ok)
      throw new RelmError(
        `--id-prefix: "${opts.idPrefix}" does not start valid ids`,
        EXIT_USAGE,
        `Use letters, digits, ".", "_" and "-"${kind === 'git-tags' ? ', and at most one "@" (as in billing@)' : ''}, e.g. --id-prefix BIL-.`,
      );
    if (kind === 'incidents')
      throw new RelmError('--id-prefix does not apply to incidents: they update releases already in releases.yaml', EXIT_USAGE, 'Drop --id-prefix.');
  }
  if (kind === 'incidents') {
    if (!opts.from || !(INCIDENT_SOURCES as readonly string[]).includes(opts.from)) {
      throw new RelmError(
        `relm import incidents needs --from ${INCIDENT_SOURCES.join(' or ')}${opts.from ? ` (not "${opts.from}")` : ''}`,
        EXIT_USAGE,
        'e.g. relm import incidents incidents.csv --from servicenow',
      );
    }
    if (opts.map?.length)
      throw new RelmError(
        '--map does not apply to incidents',
        EXIT_USAGE,
        'Name the columns as the export does, or use the value maps of relm.yaml `import: {incidents: ...}`.',
      );
  } else {
    if (opts.from !== undefined)
      throw new RelmError('--from applies to `relm import incidents` only', EXIT_USAGE, `The format is the first argument: relm import ${kind} FILE.`);
    if (opts.windowHours !== undefined) throw new RelmError('--window-hours applies to `relm import incidents` only', EXIT_USAGE, 'Drop it.');
  }
}

/** Releases of an earlier relm that used the bare tag names as ids, which a new git-tags import does not replace. */
function bareTagNote(result: ImportResult, releasesText: string | null, prefix: string): string[] {
  if (!prefix || !releasesText) return [];
  let ids: Set<string>;
  try {
    const doc = jsyaml.load(releasesText, { schema: jsyaml.CORE_SCHEMA }) as { releases?: { id?: unknown }[] } | null;
    ids = new Set((doc?.releases ?? []).map((r) => String(r?.id)));
  } catch {
    return [];
  }
  const bare = (result.releases ?? []).map((r) => r.id.slice(prefix.length)).filter((id) => ids.has(id));
  if (!bare.length) return [];
  return [
    `releases.yaml still has ${bare.length} releases named by the bare tag (${bare.slice(0, 3).join(', ')}${bare.length > 3 ? ', …' : ''}), from an earlier import: the tags are now ${prefix}<tag>; delete the old ones so that no release counts twice`,
  ];
}

/**
 * `relm import <kind> <source>`: reads an export (or a repository's tags), merges it three ways by id into
 * backlog.yaml / releases.yaml (see src/import/merge.ts) holding the engagement's write lock, and says on
 * stderr what it added, updated, kept and skipped. --dry-run prints the diff on stdout and writes nothing.
 * Exit 1 when a record of another application was in the way (a collision); nothing of it is changed.
 */
export async function runImport(ctx: RunContext, kind: string, source: string, opts: ImportOptions): Promise<void> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new RelmError(`unknown export format "${kind}"${hint(kind, IMPORT_KINDS)}`, EXIT_USAGE, `The formats are: ${IMPORT_KINDS.join(', ')}.`);
  }
  const k = kind as ImportKind;
  const root = findEngagementRoot(ctx.cwd, opts.dir);
  checkOptions(k, opts);
  const map = k === 'incidents' ? [] : parseMapOptions(opts.map, destinationOf(k));
  if (k === 'git-tags' && map.length)
    throw new RelmError('--map does not apply to git-tags: tags have no columns', EXIT_USAGE, 'Drop --map; pass --application ID to name the application.');
  const mapsApplication = map.find((m) => m.field === 'application' || m.field === 'applications');
  if (opts.application !== undefined && mapsApplication) {
    throw new RelmError(
      `--application and --map "${mapsApplication.column}=${mapsApplication.field}" both set the application`,
      EXIT_USAGE,
      'Pass one of them.',
    );
  }
  const path = source === STDIN ? STDIN : resolve(ctx.cwd, source);
  let application = opts.application;
  if (k === 'git-tags' && application === undefined && path !== STDIN) {
    application = repositoryApplication(path) ?? undefined;
    if (!application) throw new RelmError(`cannot name the application after the folder ${basename(path)}`, EXIT_USAGE, 'Pass --application ID.');
  }
  const values = valueMapsOf(readManifest(root), k);
  const dateOrder = opts.dateFormat === undefined ? undefined : parseDateFormat(opts.dateFormat);
  if (dateOrder === null)
    throw new RelmError(`--date-format: "${opts.dateFormat}" is not a date format relm reads`, EXIT_USAGE, 'Pass dd/mm/yyyy or mm/dd/yyyy.');

  // Ctrl-C, SIGTERM or SIGHUP at any point: exit 130, 143 or 129, and nothing is applied (see checkpoint below).
  exitCleanlyOnInterrupt('nothing was imported');
  const started = performance.now();
  const input = await readSource(k, path, source, opts.encoding);
  await checkpoint();
  const stateFile = statePath(k);

  await withEngagementLock(root, { command: `import ${kind}` }, async () => {
    const current = { backlog: readText(root, 'backlog.yaml'), releases: readText(root, 'releases.yaml') };
    const parseOptions = { application, map, idPrefix: opts.idPrefix, values, dateOrder };
    const result: ImportResult & { attributions?: ReturnType<typeof parseIncidentImport>['attributions'] } =
      k === 'incidents'
        ? parseIncidentImport(input, opts.from as IncidentSource, current.releases, {
            ...parseOptions,
            windowHours: opts.windowHours ?? DEFAULT_INCIDENT_WINDOW_HOURS,
          })
        : parseExport(k, input, parseOptions);
    if (input.notes.length) result.notes = [...input.notes, ...(result.notes ?? [])];
    if (k === 'git-tags') result.notes = [...(result.notes ?? []), ...bareTagNote(result, current.releases, opts.idPrefix ?? `${application}@`)];
    await checkpoint();
    const stateText = readText(root, stateFile);
    const base = parseState(stateText, stateFile);
    const changes: FileChange[] = mergeImport(k, result, current, {
      application: k === 'incidents' ? undefined : application,
      base,
      others: otherStates(root, k),
      force: opts.force,
    });
    await checkpoint();

    const unit = input.kind === 'text' ? 'row' : input.kind === 'json' ? 'index' : null;
    writeErr(
      ctx,
      formatImportSummary(`${kind} ${basename(source)}`, result, changes, {
        unit,
        dryRun: !!opts.dryRun,
        colors: colorsFor(ctx, 'stderr'),
        windowHours: opts.windowHours ?? DEFAULT_INCIDENT_WINDOW_HOURS,
      }),
    );

    const records = new Map(base.records);
    for (const ch of changes) for (const [id, rec] of ch.merged.remembered) records.set(id, rec);
    const newState = records.size ? formatState(k, { records }) : stateText;
    if (opts.dryRun) {
      writeOut(ctx, await diffOf(changes, current));
    } else {
      // Not once relm has been interrupted: a signal that came while reading or merging is handled here. The
      // files and the import's record land together or not at all (writeChecked: a full disk leaves both as they were).
      await checkpoint();
      const writes: PendingWrite[] = changes.filter((ch) => ch.merged.changed).map((ch) => ({ rel: ch.file, data: ch.merged.text }));
      if (newState !== null && newState !== stateText) writes.push({ rel: stateFile, data: newState });
      writeChecked(root, writes, `import ${kind} ${basename(source)}`);
      if (newState !== null && newState !== stateText) {
        if (stateText === null)
          writeErr(ctx, `  wrote ${stateFile}, what this import wrote: commit it with the engagement, so that the next import keeps your edits`);
      }
    }
    if (changes.some((ch) => ch.merged.report.collisions.length)) ctx.exitCode = EXIT_FINDINGS;
  });
  if (opts.debug) writeErr(ctx, `  took ${Math.round(performance.now() - started)} ms`);
}

/** The unified diff of what an import would write (--dry-run). */
async function diffOf(changes: readonly FileChange[], current: { backlog: string | null; releases: string | null }): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return changes
    .filter((ch) => ch.merged.changed)
    .map((ch) =>
      createTwoFilesPatch(`a/${ch.file}`, `b/${ch.file}`, (ch.file === 'backlog.yaml' ? current.backlog : current.releases) ?? '', ch.merged.text, '', '', {
        context: 3,
      }),
    )
    .join('');
}
