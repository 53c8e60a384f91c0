import { existsSync, readFileSync, statSync } from 'node:fs';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { git } from '../io/git.js';
import { readStdin, STDIN } from '../io/stdin.js';
import { basename, resolve } from 'node:path';
import { FOR_EACH_REF_FORMAT, isProductionTag, readTagList, type GitTag } from './git-tags.js';
import { slugify } from './ids.js';
import { parseJsonText } from './json.js';
import type { ImportKind } from './types.js';

/** An export, read: CSV text, parsed JSON, or a repository's tags. */
export type SourceInput =
  | { kind: 'text'; text: string; notes: string[] }
  | { kind: 'json'; value: unknown; notes: string[] }
  | { kind: 'tags'; tags: GitTag[]; notes: string[] };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What `--encoding` takes, besides the names iconv-lite knows: the ones exports are saved in. */
export const ENCODING_EXAMPLES = 'utf-8, windows-1252, latin1, utf-16le, utf-16be';

/**
 * Whether bytes without a BOM look like UTF-16: text in a Latin script has a NUL in every other byte.
 * Returns the byte order, or null.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Export bytes as text, decoded with iconv-lite: the `--encoding` given, else by the BOM (UTF-8, UTF-16 LE
 * or BE), else UTF-16 recognised by its NUL bytes, else UTF-8 when valid, else Windows-1252 — what Excel
 * and older trackers save, a superset of Latin-1's letters (said in a note).
 */
export async function decodeExport(bytes: Uint8Array, encoding?: string): Promise<{ text: string; notes: string[] }> {
  const iconv = (await import('iconv-lite')).default;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const strip = (t: string) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
  if (encoding !== undefined) {
    if (!iconv.encodingExists(encoding)) {
      throw new RelmError(`--encoding: "${encoding}" is not an encoding relm knows`, EXIT_USAGE, `Use one such as ${ENCODING_EXAMPLES}.`);
    }
    return { text: strip(iconv.decode(buf, encoding, { stripBOM: true })), notes: [] };
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: iconv.decode(buf.subarray(3), 'utf-8'), notes: [] };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), notes: [] };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), notes: [] };
  const utf16 = sniffUtf16(buf);
  if (utf16) return { text: iconv.decode(buf, utf16), notes: [`the file has no byte order mark: read as ${utf16.toUpperCase()} (pass --encoding to choose)`] };
  try {
    return { text: strip(UTF8.decode(buf)), notes: [] };
  } catch {
    return {
      text: iconv.decode(buf, 'windows-1252'),
      notes: ['the file is not UTF-8: read as Windows-1252, as Excel saves CSV (pass --encoding to choose, e.g. latin1)'],
    };
  }
}

function readGitTags(path: string, shown: string): GitTag[] {
  if (!existsSync(path)) throw new RelmError(`no such folder: ${shown}`, EXIT_USAGE, 'Pass the path to a git repository (a clone).');
  if (!statSync(path).isDirectory())
    throw new RelmError(`${shown} is a file, not a git repository`, EXIT_USAGE, 'Pass the folder of a clone of the repository.');
  const gitIn = (args: string[]) => git(['-C', path, ...args], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  try {
    gitIn(['rev-parse', '--git-dir']);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new RelmError('git is not installed (or not on PATH)', EXIT_USAGE, 'Install git to import tags.');
    throw new RelmError(`${shown} is not a git repository`, EXIT_USAGE, 'Pass the folder of a clone of the repository (git clone URL).');
  }
  const tags = readTagList(gitIn(['for-each-ref', `--format=${FOR_EACH_REF_FORMAT}`, 'refs/tags']));
  // The commits of each production tag since the one before it (by date): the changes it deployed.
  const production = tags
    .filter((t) => t.date && !Number.isNaN(Date.parse(t.date)) && isProductionTag(t.name))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.name.localeCompare(b.name));
  for (let i = 1; i < production.length; i++) {
    const range = `refs/tags/${production[i - 1]!.name}..refs/tags/${production[i]!.name}`;
    try {
      production[i]!.commits = gitIn(['log', '--no-merges', '--format=%h%x09%cI', range, '--'])
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [id = '', committed = ''] = l.split('\t');
          return { id, committed };
        });
    } catch {
      // A tag of a tree or a blob: no commits to list.
    }
  }
  return tags;
}

/** The application a repository's releases belong to when --application is not given: the folder's name. */
export function repositoryApplication(path: string): string | null {
  return slugify(basename(resolve(path)).replace(/\.git$/, ''));
}

/**
 * Reads the source of `relm import`: the export file, `-` for standard input (or, for git-tags, the
 * repository). Everything that
 * makes it unusable as a whole is a usage error: missing, a folder, not JSON where JSON is needed.
 */
export async function readSource(kind: ImportKind, path: string, shown: string, encoding?: string): Promise<SourceInput> {
  if (kind === 'git-tags') {
    if (shown === STDIN)
      throw new RelmError('git-tags reads a repository, not standard input', EXIT_USAGE, 'Pass the path of a clone, e.g. relm import git-tags ../billing.');
    return { kind: 'tags', tags: readGitTags(path, shown), notes: [] };
  }
  let bytes: Buffer;
  if (shown === STDIN) bytes = readStdin(`relm import ${kind}`, `relm import ${kind} - < export.${kind === 'github' ? 'json' : 'csv'}`);
  else {
    if (!existsSync(path)) throw new RelmError(`no such file: ${shown}`, EXIT_USAGE, 'Pass the path of the exported file, or - for standard input.');
    if (statSync(path).isDirectory()) throw new RelmError(`${shown} is a folder, not an export file`, EXIT_USAGE, 'Pass the path of the exported file.');
    bytes = readFileSync(path);
  }
  const { text, notes } = await decodeExport(bytes, encoding);
  if (kind === 'github') return { kind: 'json', value: parseJsonText(text, 'GitHub export'), notes };
  if ((kind === 'servicenow' || kind === 'incidents') && /^\s*[[{]/.test(text)) return { kind: 'json', value: parseJsonText(text, 'ServiceNow export'), notes };
  return { kind: 'text', text, notes };
}
