import { Lexer } from 'yaml';

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
  for (const source of new Lexer().lex(text)) {
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
