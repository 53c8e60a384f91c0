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
export const ENCODING_EXAMPLES = 'utf-8, windows-1252, latin1, shift_jis, euc-kr, gb18030, utf-16le';

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
    const text = strip(iconv.decode(buf, encoding, { stripBOM: true }));
    const bad = replacementLine(text);
    // A U+FFFD the file itself holds (in UTF-8, EF BF BD) is text; any other is a byte the encoding cannot read.
    if (bad && !buf.includes(Buffer.from([0xef, 0xbf, 0xbd])))
      throw new RelmError(
        `line ${bad} of the file holds a byte that ${encoding} cannot read`,
        EXIT_USAGE,
        `Check the export's encoding (e.g. ${ENCODING_EXAMPLES}); nothing was written.`,
      );
    return { text, notes: [] };
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: iconv.decode(buf.subarray(3), 'utf-8'), notes: [] };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), notes: [] };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), notes: [] };
  const utf16 = sniffUtf16(buf);
  if (utf16) return { text: iconv.decode(buf, utf16), notes: [`the file has no byte order mark: read as ${utf16.toUpperCase()} (pass --encoding to choose)`] };
  try {
    return { text: strip(UTF8.decode(buf)), notes: [] };
  } catch {
    return decodeLegacy(buf, iconv);
  }
}

/** Where a decoded text holds U+FFFD (a byte the encoding has no character for): its line, or 0. */
function replacementLine(text: string): number {
  const i = text.indexOf('\uFFFD');
  return i < 0 ? 0 : text.slice(0, i).split('\n').length;
}

/** The share of a text's non-ASCII characters that `inScript` accepts (0 when it has none). */
function shareIn(text: string, inScript: (c: number) => boolean): number {
  let all = 0;
  let ok = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    all++;
    if (inScript(c)) ok++;
  }
  return all ? ok / all : 0;
}

// Full-width kana only: half-width katakana (U+FF66–FF9F) are what Chinese bytes turn into when read as Shift-JIS.
const KANA = (c: number) => c >= 0x3040 && c <= 0x30ff;
const HAN = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const HANGUL = (c: number) => c >= 0xac00 && c <= 0xd7a3;
const CJK_PUNCT = (c: number) => (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e);

/**
 * An export that is not UTF-8. Latin text (French, German) has its accented letters one at a time between ASCII
 * ones: Windows-1252, as Excel saves CSV. Text in a CJK double-byte encoding has its bytes above 0x7F in pairs
 * and runs: the one of Shift-JIS (Japanese: kana), EUC-KR (Korean: Hangul) and GB18030 (Chinese: Han) that
 * decodes every byte into its own script. Where none does, or two do, relm refuses and names --encoding,
 * rather than write U+FFFD or mojibake into the engagement.
 */
function decodeLegacy(buf: Buffer, iconv: typeof import('iconv-lite')): { text: string; notes: string[] } {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i]! < 0x80) continue;
    high++;
    if ((i > 0 && buf[i - 1]! >= 0x80) || (i + 1 < buf.length && buf[i + 1]! >= 0x80)) paired++;
  }
  const refuse = (why: string) =>
    new RelmError(
      `the file is not UTF-8, and ${why}`,
      EXIT_USAGE,
      `Pass its encoding with --encoding (e.g. ${ENCODING_EXAMPLES}), or save it as UTF-8 and import again; nothing was written.`,
    );
  if (paired / high < 0.5) {
    const text = iconv.decode(buf, 'windows-1252');
    const bad = replacementLine(text);
    if (bad) throw refuse(`line ${bad} holds a byte that Windows-1252 does not define`);
    return { text, notes: ['the file is not UTF-8: read as Windows-1252, as Excel saves CSV (pass --encoding to choose, e.g. latin1)'] };
  }
  // Japanese has kana; modern Korean is Hangul, hardly any Hanja (Chinese bytes read as EUC-KR give a mix);
  // Chinese only Han. The first two are told apart first, GB18030 (which reads either as Han) only without them.
  const decode = (name: string, id: string, fits: (t: string) => boolean) => {
    const text = iconv.decode(buf, id);
    return !replacementLine(text) && fits(text) ? { name, text } : null;
  };
  const specific = [
    decode('Shift-JIS', 'shift_jis', (t) => shareIn(t, (c) => KANA(c) || HAN(c) || CJK_PUNCT(c)) > 0.95 && shareIn(t, KANA) > 0.05),
    decode('EUC-KR', 'euc-kr', (t) => shareIn(t, (c) => HANGUL(c) || CJK_PUNCT(c)) > 0.9),
  ].filter((c) => c !== null);
  const candidates = specific.length
    ? specific
    : [decode('GB18030', 'gb18030', (t) => shareIn(t, (c) => HAN(c) || CJK_PUNCT(c)) > 0.95)].filter((c) => c !== null);
  if (candidates.length !== 1)
    throw refuse(candidates.length ? `it reads as ${candidates.map((c) => c.name).join(' or as ')}: relm cannot tell which` : 'relm cannot tell its encoding');
  const [found] = candidates;
  return { text: found!.text, notes: [`the file is not UTF-8: read as ${found!.name} (pass --encoding to choose)`] };
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
