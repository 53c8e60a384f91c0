import jsyaml from 'js-yaml';
import { finding, type DocPath, type Finding } from '../diagnostics/finding.js';
import {
  commonCause,
  deepFlowOffset,
  duplicateKeyNear,
  exceedsBudget,
  firstAliasOffset,
  NODE_BUDGET,
  positionAt,
  secondDocumentOffset,
  unclosedFlowOffset,
  unclosedQuoteOffset,
} from './yaml-guard.js';
import { PositionRecorder, type YamlPositions } from './yaml-positions.js';
import { clip } from '../util/text.js';
import { yaml } from './yaml-guard.js';

export interface Position {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/**
 * One YAML file of the engagement. It is parsed once, with js-yaml, which records where each node is as it
 * goes (yaml-positions.ts): a finding's line and column are looked up in that record, never by parsing again.
 */
export class YamlSource {
  private positions?: YamlPositions;

  constructor(
    /** The path shown to users, relative to the engagement root, with forward slashes. */
    readonly file: string,
    readonly text: string,
    /** Lines before `text` in the file (the `---` of a Markdown front matter). */
    readonly lineOffset = 0,
  ) {}

  /** Parses the text (parseYaml), keeping the positions of its nodes for locate(). */
  parse(): ParseResult {
    const recorder = new PositionRecorder();
    const result = parseYaml(this.file, this.text, recorder);
    if (result.ok) this.positions = recorder.positions(this.text);
    return result;
  }

  locate(path: DocPath, at: 'key' | 'value' = 'value'): Position {
    const o = this.lineOffset;
    if (!this.positions) {
      // Not parsed through parse(), or the parse failed (its finding has a position already): parse for positions.
      const recorder = new PositionRecorder();
      try {
        jsyaml.load(this.text, { schema: jsyaml.CORE_SCHEMA, maxDepth: MAX_DEPTH, listener: recorder.listener } as jsyaml.LoadOptions);
      } catch {
        return { line: 1 + o, col: 1, endLine: 1 + o, endCol: 1 };
      }
      this.positions = recorder.positions(this.text);
    }
    const range = this.positions.find(path, at);
    if (!range) return { line: 1 + o, col: 1, endLine: 1 + o, endCol: 1 };
    const start = this.positions.linePos(range[0]);
    const end = this.positions.linePos(Math.max(range[0], range[1]));
    return { line: start.line + o, col: start.col, endLine: end.line + o, endCol: end.col };
  }
}

export type ParseResult = { ok: true; data: unknown } | { ok: false; finding: Finding };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The offset of the first byte that does not begin or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes follow, and the range of the first (no overlongs, surrogates or > U+10FFFF).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Decodes bytes as UTF-8 (a BOM is dropped); invalid bytes are a finding at their position. */
export function decodeUtf8(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; finding: Finding } {
  try {
    const text = UTF8.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      return { ok: false, finding: finding('invalid-encoding', { file, line: 1, col: 1 }, 'the file is UTF-16; save it as UTF-8') };
    }
    // The position of the first invalid byte, counted in the valid text before it (as every other position).
    const at = Math.max(0, firstInvalidUtf8(bytes));
    let before = UTF8.decode(bytes.subarray(0, at));
    if (before.charCodeAt(0) === 0xfeff) before = before.slice(1);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.length ? before.split('\n').length : 1;
    const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      finding: finding(
        'invalid-encoding',
        { file, line, col: before.length - lineStart + 1 },
        `the file is not valid UTF-8 (byte 0x${hex} here, perhaps Latin-1 or Windows-1252 text); save it as UTF-8`,
      ),
    };
  }
}

/** js-yaml's nesting limit: relm's files need fewer than ten levels; deeper input is a mistake or an attack. */
export const MAX_DEPTH = 100;

const MAX_REASON = 200;

/**
 * Parses YAML 1.2 (core schema: dates stay strings, `yes` stays a string). Syntax errors and duplicate
 * keys come back as findings with their position; an empty file is a finding too. Input that would make
 * later checks slow or crash is refused here, before the schema check: nesting deeper than MAX_DEPTH
 * (`too-deep`), and aliases that expand to more than NODE_BUDGET values beyond the text's size (`too-large`).
 */
export function parseYaml(file: string, text: string, positions?: PositionRecorder): ParseResult {
  let data: unknown;
  const lines = new FlowAcrossLines(text);
  const listener = positions
    ? (event: 'open' | 'close', state: JsYamlState) => {
        positions.listener(event, state);
        lines.listener(event, state);
      }
    : lines.listener;
  try {
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file, maxDepth: MAX_DEPTH, listener } as jsyaml.LoadOptions);
  } catch (err) {
    return { ok: false, finding: syntaxFinding(file, text, err) };
  }
  if (lines.found) {
    const strict = underIndented(file, text, lines.starts);
    if (strict) return { ok: false, finding: strict };
  }
  if (data === undefined || data === null) {
    return {
      ok: false,
      finding: finding('empty-file', { file, line: 1, col: 1 }, 'the file holds no data (it is empty, or only comments); it must hold a YAML mapping'),
    };
  }
  // Without aliases the data cannot hold more values than the text has characters: only then is the walk needed.
  if (text.includes('*') && exceedsBudget(data, NODE_BUDGET + text.length)) {
    const at = positionAt(text, firstAliasOffset(text) ?? 0);
    return {
      ok: false,
      finding: finding(
        'too-large',
        { file, ...at },
        `the aliases (*name) of this file expand to more than ${NODE_BUDGET.toLocaleString('en-US')} values, starting with this one; write the values out, or use fewer aliases`,
      ),
    };
  }
  return { ok: true, data };
}

interface JsYamlState {
  position: number;
  kind: string | null;
  result: unknown;
}

/**
 * Notes, while js-yaml parses, whether a quoted text or a flow collection (`[...]`, `{...}`) goes on over more
 * than one line. js-yaml reads such a node even when its continuation lines are not indented under its key,
 * which YAML does not allow and other readers (editors, the `yaml` library relm edits with) refuse: only then
 * is the text read a second time, strictly (underIndented).
 */
const MAX_STARTS = 10_000;

class FlowAcrossLines {
  /** Where each such node starts (at most MAX_STARTS of them). */
  readonly starts: number[] = [];
  get found(): boolean {
    return this.starts.length > 0;
  }
  private readonly opened: number[] = [];
  constructor(private readonly text: string) {}

  readonly listener = (event: 'open' | 'close', state: JsYamlState): void => {
    if (event === 'open') {
      this.opened.push(state.position);
      return;
    }
    let i = this.opened.pop()!;
    if (this.starts.length >= MAX_STARTS) return;
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else if (c === 0x23) {
        const n = t.indexOf('\n', i);
        if (n < 0 || n >= state.position) return;
        i = n + 1;
      } else break;
    }
    const c = t[i];
    if (c !== '"' && c !== "'" && c !== '[' && c !== '{' && c !== '!' && c !== '&') return;
    const n = t.indexOf('\n', i);
    if (n >= 0 && n < state.position && this.starts[this.starts.length - 1] !== i) this.starts.push(i);
  };
}

/**
 * The `yaml` library's strict reading of a text js-yaml read: a finding where a quoted text or a flow collection
 * goes on over lines not indented under its key (null when the text is fine).
 */
function underIndented(file: string, text: string, starts: readonly number[]): Finding | null {
  const doc = yaml().parseDocument(text, { uniqueKeys: false });
  const e = doc.errors[0];
  if (!e) return null;
  // The node that goes on over lines where the error is: its start (js-yaml closes inner nodes first).
  const node = starts.filter((s) => s <= e.pos[0]).reduce((a, b) => Math.max(a, b), -1);
  const at = positionAt(text, node >= 0 ? node : e.pos[0]);
  const what = /quote/.test(e.message)
    ? 'the quoted text starting here goes on over lines that are not indented more than its key'
    : /Flow (sequence|map)/.test(e.message)
      ? `the ${/sequence/.test(e.message) ? 'list' : 'mapping'} here goes on over lines that are not indented more than its key`
      : clip(e.message.split(' at line ')[0] ?? e.message, MAX_REASON);
  return finding(
    'yaml-syntax',
    { file, ...at },
    `YAML syntax error: ${what}; indent each line it goes on over more than the key, or keep it on one line (some YAML readers accept this file, others refuse it)`,
  );
}

function syntaxFinding(file: string, text: string, err: unknown): Finding {
  const e = err as { reason?: string; mark?: { line: number; column: number }; message?: string };
  const syntax = (pos: { line: number; col: number }, message: string) => finding('yaml-syntax', { file, ...pos }, message);
  const at = (offset: number | undefined) => (offset === undefined ? undefined : positionAt(text, offset));
  const mark = e.mark ? { line: e.mark.line + 1, col: e.mark.column + 1 } : undefined;
  if (err instanceof RangeError || /nesting exceeded maxDepth/.test(e.reason ?? '')) {
    // js-yaml stops at MAX_DEPTH; a RangeError is the call stack running out before it (defensive).
    return finding(
      'too-deep',
      { file, ...(mark ?? at(deepFlowOffset(text, MAX_DEPTH)) ?? { line: 1, col: 1 }) },
      `the data is nested more than ${MAX_DEPTH} levels deep here; relm's files need only a few levels: check the brackets and the indentation`,
    );
  }
  const position = (e.mark as { position?: number } | undefined)?.position;
  // A value that is text to the user but syntax to YAML (": ", "#", a leading * & @ ` %): say so, and how to quote it.
  const cause = (offset: number | undefined) => {
    const c = offset === undefined ? undefined : commonCause(text, offset);
    return c && syntax(at(c.offset)!, `YAML syntax error: ${c.message}`);
  };
  const alias = /^unidentified alias "(.*)"$/s.exec(e.reason ?? '');
  if (alias && mark) {
    // js-yaml points after the alias; the finding goes at its `*`.
    const name = alias[1]!;
    const found = cause(position);
    if (found && found.line === mark.line) return found;
    return syntax(
      { line: mark.line, col: Math.max(1, mark.col - name.length - 1) },
      `YAML syntax error: the alias *${clip(name, 40)} names no anchor (&${clip(name, 40)}) before it; define the anchor first, or write the value out (text starting with * goes in quotes)`,
    );
  }
  // The reason may quote the input (a tag name, say): it never goes out whole.
  const reason = clip(e.reason ?? e.message ?? String(err), MAX_REASON);
  const pos = mark ?? { line: 1, col: 1 };
  if (/duplicated mapping key/.test(reason)) {
    const dup = position === undefined ? undefined : duplicateKeyNear(text, position);
    if (dup) {
      const first = positionAt(text, dup.first);
      const second = positionAt(text, dup.second);
      const lines = first.line === second.line ? `twice on line ${first.line}` : `on lines ${first.line} and ${second.line}`;
      return finding(
        'duplicate-key',
        { file, ...second },
        `duplicate key "${clip(dup.key, 60)}" ${lines}: a key may appear only once in a mapping; remove one of them, or rename it`,
      );
    }
    return finding('duplicate-key', { file, ...pos }, 'duplicate key: a key may appear only once in a mapping; remove or rename one of them');
  }
  if (
    /bad indentation of a mapping entry|missed comma between flow collection entries|end of the stream within a flow collection|anchor node must contain|unexpected end of the stream|end of the stream or a document separator is expected/.test(
      reason,
    )
  ) {
    // Where the parser stopped, where a bracket was left open (a # cut its line short), or the line before.
    const atEnd = /end of the stream within a flow collection/.test(reason);
    const previousLine = position === undefined ? undefined : text.lastIndexOf('\n', text.lastIndexOf('\n', position - 1) - 1) + 1;
    const found =
      (atEnd ? undefined : cause(position)) ??
      (/flow collection/.test(reason) ? cause(unclosedFlowOffset(text)) : undefined) ??
      (atEnd ? undefined : cause(previousLine));
    if (found) return found;
  }
  if (/within a (double|single) quoted scalar/.test(reason)) {
    // js-yaml points at the end of the file; the mistake is where the quote opens.
    const quote = /double/.test(reason) ? '"' : "'";
    return syntax(at(unclosedQuoteOffset(text)) ?? pos, `YAML syntax error: the quoted text starting here is never closed; add the closing ${quote}`);
  }
  if (/end of the stream within a flow collection/.test(reason)) {
    const offset = unclosedFlowOffset(text);
    const bracket = offset === undefined ? undefined : text[offset];
    if (bracket) {
      const [what, close] = bracket === '[' ? ['list', ']'] : ['mapping', '}'];
      return syntax(at(offset)!, `YAML syntax error: the ${what} opened here with ${bracket} is never closed; add the closing ${close}`);
    }
  }
  if (/expected a single document/.test(reason)) {
    return syntax(
      at(secondDocumentOffset(text)) ?? pos,
      'YAML syntax error: a second document starts here (a --- line); each relm file holds one document: remove the line, or move what follows into another file',
    );
  }
  if (/tab characters must not be used in indentation/.test(reason)) {
    return syntax(pos, 'YAML syntax error: a tab in the indentation; indent with spaces');
  }
  return syntax(pos, `YAML syntax error: ${reason}`);
}
