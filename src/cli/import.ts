import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { EXIT_FINDINGS, EXIT_USAGE, RelmError } from '../errors.js';
import { parseMapOptions } from '../import/fields.js';
import { ID } from '../import/ids.js';
import { IMPORT_KINDS, mergeImport, parseExport, targetOf, type ImportKind } from '../import/index.js';
import { readSource } from '../import/source.js';
import { formatSummary } from '../import/summary.js';
import { atomicWrite } from '../io/atomic-write.js';
import { hint } from '../util/did-you-mean.js';
import { colorsFor, writeErr } from './ui.js';

export interface ImportOptions {
  dir?: string;
  application?: string;
  map?: string[];
  dryRun?: boolean;
  debug?: boolean;
}

function readCurrent(root: string, file: string): string | null {
  const path = join(root, file);
  if (!existsSync(path)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)).replace(/^\uFEFF/, '');
  } catch {
    throw new RelmError(`${file} is not valid UTF-8`, EXIT_FINDINGS, `Save ${file} as UTF-8 and import again; nothing was written.`);
  }
}

/**
 * `relm import <kind> <source>`: reads an export (or a repository's tags), merges it by id into
 * backlog.yaml / releases.yaml and says on stderr what it added, updated and skipped. Writes nothing on
 * --dry-run, or when the source cannot be used at all.
 */
export async function runImport(kind: string, source: string, opts: ImportOptions): Promise<void> {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new RelmError(`unknown export format "${kind}"${hint(kind, IMPORT_KINDS)}`, EXIT_USAGE, `The formats are: ${IMPORT_KINDS.join(', ')}.`);
  }
  const k = kind as ImportKind;
  const root = findEngagementRoot(process.cwd(), opts.dir);
  if (opts.application !== undefined && !ID.test(opts.application)) {
    throw new RelmError(`--application: "${opts.application}" is not a valid id`, EXIT_USAGE, 'Use letters, digits, ".", "_" and "-", starting with a letter or digit.');
  }
  const map = parseMapOptions(opts.map, targetOf(k));
  if (k === 'git-tags' && map.length) throw new RelmError('--map does not apply to git-tags: tags have no columns', EXIT_USAGE, 'Drop --map; pass --application ID to name the application.');
  const mapsApplication = map.find((m) => m.field === 'application' || m.field === 'applications');
  if (opts.application !== undefined && mapsApplication) {
    throw new RelmError(`--application and --map "${mapsApplication.column}=${mapsApplication.field}" both set the application`, EXIT_USAGE, 'Pass one of them.');
  }

  const started = performance.now();
  const input = readSource(k, resolve(process.cwd(), source), source);
  const result = parseExport(k, input, { application: opts.application, map });
  if (input.notes.length) result.notes = [...input.notes, ...(result.notes ?? [])];
  const changes = mergeImport(k, result, { backlog: readCurrent(root, 'backlog.yaml'), releases: readCurrent(root, 'releases.yaml') }, { application: opts.application });

  const unit = input.kind === 'text' ? 'row' : input.kind === 'json' ? 'index' : null;
  writeErr(formatSummary(`${kind} ${basename(source)}`, result, changes, { unit, dryRun: !!opts.dryRun, colors: colorsFor('stderr') }));
  if (!opts.dryRun) for (const change of changes) if (change.merged.changed) atomicWrite(join(root, change.file), change.merged.text);
  if (opts.debug) writeErr(`  took ${Math.round(performance.now() - started)} ms`);
}
