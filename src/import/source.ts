import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { FOR_EACH_REF_FORMAT, readTagList, type GitTag } from './git-tags.js';
import { parseJsonText } from './json.js';
import type { ImportKind } from './types.js';

/** An export, read: CSV text, parsed JSON, or a repository's tags. */
export type SourceInput =
  | { kind: 'text'; text: string; notes: string[] }
  | { kind: 'json'; value: unknown; notes: string[] }
  | { kind: 'tags'; tags: GitTag[]; notes: string[] };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Export bytes as text: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text"), else
 * Windows-1252, which older trackers and spreadsheets write (said in a note).
 */
export function decodeExport(bytes: Uint8Array): { text: string; notes: string[] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), notes: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), notes: [] };
  try {
    const text = UTF8.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, notes: [] };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), notes: ['the file is not UTF-8: read as Windows-1252 (check accented letters)'] };
  }
}

function readGitTags(path: string, shown: string): GitTag[] {
  if (!existsSync(path)) throw new RelmError(`no such folder: ${shown}`, EXIT_USAGE, 'Pass the path to a git repository (a clone).');
  if (!statSync(path).isDirectory()) throw new RelmError(`${shown} is a file, not a git repository`, EXIT_USAGE, 'Pass the folder of a clone of the repository.');
  const git = (args: string[]) => execFileSync('git', ['-C', path, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    git(['rev-parse', '--git-dir']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new RelmError('git is not installed (or not on PATH)', EXIT_USAGE, 'Install git to import tags.');
    throw new RelmError(`${shown} is not a git repository`, EXIT_USAGE, 'Pass the folder of a clone of the repository (git clone URL).');
  }
  return readTagList(git(['for-each-ref', `--format=${FOR_EACH_REF_FORMAT}`, 'refs/tags']));
}

/**
 * Reads the source of `relm import`: the export file (or, for git-tags, the repository). Everything that
 * makes it unusable as a whole is a usage error: missing, a folder, not JSON where JSON is needed.
 */
export function readSource(kind: ImportKind, path: string, shown: string): SourceInput {
  if (kind === 'git-tags') return { kind: 'tags', tags: readGitTags(path, shown), notes: [] };
  if (!existsSync(path)) throw new RelmError(`no such file: ${shown}`, EXIT_USAGE, 'Pass the path of the exported file.');
  if (statSync(path).isDirectory()) throw new RelmError(`${shown} is a folder, not an export file`, EXIT_USAGE, 'Pass the path of the exported file.');
  const { text, notes } = decodeExport(readFileSync(path));
  if (kind === 'github') return { kind: 'json', value: parseJsonText(text, 'GitHub export'), notes };
  if (kind === 'servicenow' && /^\s*[[{]/.test(text)) return { kind: 'json', value: parseJsonText(text, 'ServiceNow export'), notes };
  return { kind: 'text', text, notes };
}
