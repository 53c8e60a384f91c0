import { createRequire } from 'node:module';
import { clip } from '../util/text.js';

/** The `yaml` package, loaded on first use: only broken or hostile input needs it (it is slow to load). */
let yamlPackage: typeof import('yaml') | undefined;
export const yaml = (): typeof import('yaml') => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/**
 * Guards against hostile or broken YAML, and positions that js-yaml does not give. Everything here is
 * iterative (no recursion), so it is safe on input nested arbitrarily deep, and runs only when needed.
 */

/** How many values a file may hold once its aliases are expanded, beyond one per character of text. */
export const NODE_BUDGET = 1_000_000;

/**
 * Whether the parsed data, walked as if every alias were expanded, holds more than `budget` values.
 * js-yaml keeps an alias as a reference to the anchored value, so a few lines of anchors and aliases (a
 * "billion laughs") make a structure that every later walk — the schema check, the cross-reference
 * checks, the engine — would visit exponentially often. The walk stops at the budget, so it costs at most
 * `budget` steps however large the expansion is (a cycle counts as too large).
 */
export function exceedsBudget(data: unknown, budget: number): boolean {
  let visits = 0;
  const stack: unknown[] = [data];
  while (stack.length) {
    const node = stack.pop();
    if (++visits > budget) return true;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else {
      const values = Object.values(node);
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
    }
  }
  return false;
}

interface Lexeme {
  source: string;
  offset: number;
  /** A plain or block scalar's text (which may start with any character). */
  plain: boolean;
  /** The lexer's "unexpected end of flow" mark: a [ or { left open at a line that ends it. */
  flowEnd?: boolean;
}

/** Lexemes with their offsets in the text (the lexer's control tokens take no room in it). */
function* lexemes(text: string): Generator<Lexeme> {
  let offset = 0;
  let plain = false;
  for (const source of new (yaml().Lexer)().lex(text)) {
    if (source === '\x02') continue; // document mode
    if (source === '\x18') {
      yield { source: '', offset, plain: false, flowEnd: true };
      continue;
    }
    if (source === '\x1f') {
      plain = true; // the next lexeme is a plain (or block) scalar, whatever its first character
      continue;
    }
    yield { source, offset, plain };
    offset += source.length;
    plain = false;
  }
}

/** The offset of the first alias (`*name`) in the text, outside quotes, comments and block scalars. */
export function firstAliasOffset(text: string): number | undefined {
  for (const t of lexemes(text)) if (!t.plain && t.source.startsWith('*')) return t.offset;
  return undefined;
}

function isClosedQuote(s: string): boolean {
  if (s.length < 2) return false;
  if (s[0] === "'") {
    // '' inside single quotes is an escaped quote: a closed one ends with an odd run of quotes.
    let run = 0;
    for (let i = s.length - 1; i > 0 && s[i] === "'"; i--) run++;
    return run % 2 === 1;
  }
  if (!s.endsWith('"')) return false;
  let backslashes = 0;
  for (let i = s.length - 2; i > 0 && s[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** The offset of the opening quote of a quoted value that is never closed, if there is one. */
export function unclosedQuoteOffset(text: string): number | undefined {
  for (const t of lexemes(text)) {
    if (!t.plain && (t.source[0] === '"' || t.source[0] === "'") && !isClosedQuote(t.source.trimEnd())) return t.offset;
  }
  return undefined;
}

/** The offset of the `[` or `{` of a flow list or mapping that is never closed, if there is one. */
export function unclosedFlowOffset(text: string): number | undefined {
  const open: number[] = [];
  for (const t of lexemes(text)) {
    if (t.flowEnd && open.length) return open[open.length - 1];
    if (t.plain) continue;
    if (t.source === '[' || t.source === '{') open.push(t.offset);
    else if (t.source === ']' || t.source === '}') open.pop();
  }
  return open[open.length - 1];
}

/** The offset of the `---` that starts a second document, if the text holds more than one. */
export function secondDocumentOffset(text: string): number | undefined {
  let content = false;
  let starts = 0;
  for (const t of lexemes(text)) {
    if (!t.plain && t.source === '---') {
      if (content || ++starts > 1) return t.offset;
    } else if (t.plain || !/^(\s|#|%|\uFEFF|$)/.test(t.source)) {
      content = true;
    }
  }
  return undefined;
}

/** The offset where flow brackets (`[`, `{`) first nest deeper than `limit`, if they do. */
export function deepFlowOffset(text: string, limit: number): number | undefined {
  let depth = 0;
  for (const t of lexemes(text)) {
    if (t.plain) continue;
    if (t.source === '[' || t.source === '{') {
      if (++depth > limit) return t.offset;
    } else if (t.source === ']' || t.source === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** 1-based line and column (in UTF-16 code units, as the other positions) of an offset in the text. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** A common mistake of hand-written YAML found on a line: where it is, and what to write instead. */
export interface Cause {
  offset: number;
  message: string;
}

/** The value written in double quotes, as the fix to suggest. */
function quoted(value: string): string {
  return `"${clip(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The start and end offsets of the line holding `offset`. */
function lineAt(text: string, offset: number): { start: number; line: string } {
  const at = Math.min(Math.max(0, offset), text.length);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  return { start, line: text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '') };
}

/** `key: value` on one line, the value as written (a trailing comment dropped). Keys are plain or quoted. */
const KEY_VALUE = /^(\s*(?:-\s+)?)((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]}&*!|>%@`,-][^:#]*?|-[^\s:#][^:#]*?)):[ \t]+(\S.*?)(\s+#.*)?$/;

const INDICATORS: Record<string, string> = {
  '*': 'an alias (a reference to an &anchor)',
  '&': 'an anchor (a name for the value)',
  '@': 'a reserved character',
  '`': 'a reserved character',
  '%': 'a directive',
};

/** What YAML makes of the first character of a plain value, when that breaks it. */
function indicatorCause(key: string, value: string, offset: number): Cause | undefined {
  const what = INDICATORS[value[0]!];
  // `*name` alone is an alias the user meant: the parser's own message (no such anchor) fits it better.
  if (!what || /^\*[\w.-]+$/.test(value)) return undefined;
  return {
    offset,
    message: `the value of "${clip(key, 40)}" starts with ${value[0]}, which YAML reads as ${what}; put the value in quotes: ${clip(key, 40)}: ${quoted(value)}`,
  };
}

/** The offset of ": " (or a final ":") inside a plain value, where YAML sees the start of another key; -1 if none. */
function colonInside(value: string): number {
  return value.search(/:(\s|$)/);
}

/** Flow entries `key: value` (or plain items) of a `[...]` / `{...}` on one line, with their offsets; quoted text is skipped. */
function flowEntries(line: string, from: number): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = from;
  let quote = '';
  for (let i = from; i <= line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      if (line.slice(start, i).trim() === '' || /:\s*$/.test(line.slice(start, i))) quote = c;
      continue;
    }
    if (c === undefined || c === ',' || c === '[' || c === ']' || c === '{' || c === '}') {
      const raw = line.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim()) out.push({ text: raw.trim(), offset: start + lead });
      start = i + 1;
    }
  }
  return out;
}

/**
 * The common causes of a YAML syntax error on the line at `offset`, in the words a user needs: an unquoted ": "
 * or "#" inside a value, a value starting with *, &, @, ` or %. Undefined when the line shows none of them.
 */
export function commonCause(text: string, offset: number): Cause | undefined {
  const { start, line } = lineAt(text, offset);
  const flowAt = line.search(/[[{]/);
  const m = KEY_VALUE.exec(line);
  if (m && !/^["'[{|>!]/.test(m[3]!)) {
    const [, indent, key, value] = m as unknown as [string, string, string, string];
    const at = start + line.indexOf(value, indent.length + key.length + 1);
    const ind = indicatorCause(key, value, at);
    if (ind) return ind;
    const colon = colonInside(value);
    if (colon >= 0) {
      return {
        offset: at + colon,
        message: `the value of "${clip(key, 40)}" holds ": ", which YAML reads as the start of another key; put the value in quotes: ${clip(key, 40)}: ${quoted(value)}`,
      };
    }
  }
  if (flowAt >= 0) {
    // A # after a space starts a comment, even inside [ ] or { }: the rest of the line is gone.
    const hash = /\s#/.exec(line.slice(flowAt));
    for (const entry of flowEntries(line, flowAt + 1)) {
      const kv = /^([^:]+?):\s+(.*)$/.exec(entry.text);
      const key = kv?.[1];
      const value = kv ? kv[2]! : entry.text;
      const valueAt = entry.offset + (kv ? entry.text.length - value.length : 0);
      if (hash && flowAt + hash.index >= valueAt && flowAt + hash.index < entry.offset + entry.text.length) {
        const cut = value.replace(/\s+#.*$/, '');
        const fix = key ? `${clip(key, 40)}: ${quoted(value)}` : quoted(value);
        return {
          offset: start + flowAt + hash.index + 1,
          message: `a # after a space starts a comment in YAML, so the rest of the line after "${clip(cut, 40)}" is dropped; put the text in quotes: ${fix}`,
        };
      }
      if (/^["']/.test(value)) continue;
      const ind = key ? indicatorCause(key, value, start + valueAt) : undefined;
      if (ind) return ind;
      const colon = colonInside(value);
      if (key && colon >= 0) {
        return {
          offset: start + valueAt + colon,
          message: `the value of "${clip(key, 40)}" holds ": ", which YAML reads as the start of another key; put the value in quotes: ${clip(key, 40)}: ${quoted(value)}`,
        };
      }
    }
  }
  return undefined;
}

/** A key that a mapping holds twice: its text and the offsets of its first and second occurrence. */
export interface DuplicateKey {
  key: string;
  first: number;
  second: number;
}

/** The duplicate key whose second occurrence is nearest to `offset` (where the parser stopped), if any. */
export function duplicateKeyNear(text: string, offset: number): DuplicateKey | undefined {
  let best: DuplicateKey | undefined;
  const { isScalar, parseDocument, visit } = yaml();
  visit(parseDocument(text, { uniqueKeys: false }), {
    Map(_, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const at = (pair.key as { range?: [number, number, number] } | null)?.range?.[0];
        if (!isScalar(pair.key) || at === undefined) continue;
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, at);
        else if (!best || Math.abs(at - offset) < Math.abs(best.second - offset)) best = { key, first, second: at };
      }
    },
  });
  return best;
}
