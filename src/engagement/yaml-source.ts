import jsyaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { DocPath, Finding } from './diagnostics.js';

export interface Position {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/**
 * One YAML file of the engagement. It is parsed with js-yaml (fast, no positions); the position-keeping
 * `yaml` Document is built only when a finding in this file needs a line and column.
 */
export class YamlSource {
  private doc?: Document;
  private lines?: LineCounter;

  constructor(
    /** The path shown to users, relative to the engagement root, with forward slashes. */
    readonly file: string,
    readonly text: string,
    /** Lines before `text` in the file (the `---` of a Markdown front matter). */
    readonly lineOffset = 0,
  ) {}

  locate(path: DocPath, at: 'key' | 'value' = 'value'): Position {
    if (!this.doc) {
      this.lines = new LineCounter();
      this.doc = parseDocument(this.text, { lineCounter: this.lines, uniqueKeys: false });
    }
    const range = findRange(this.doc.contents as Node | null, path, at);
    const o = this.lineOffset;
    if (!range) return { line: 1 + o, col: 1, endLine: 1 + o, endCol: 1 };
    const start = this.lines!.linePos(range[0]);
    const end = this.lines!.linePos(Math.max(range[0], range[1]));
    return { line: start.line + o, col: start.col, endLine: end.line + o, endCol: end.col };
  }
}

function keyOf(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Walks the path as far as it exists and returns the range of what it reaches (the deepest existing parent otherwise). */
function findRange(root: Node | null, path: DocPath, at: 'key' | 'value'): [number, number] | undefined {
  let node: unknown = root;
  let best = rangeOf(root);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(seg));
      if (!pair) return best;
      const keyRange = rangeOf(pair.key);
      const value = pair.value;
      const valueRange = isScalar(value) && value.value === null && !value.range?.[1] ? undefined : rangeOf(value);
      if (last && at === 'key') return keyRange ?? best;
      // A block map or list as a value reads best pointed at its key.
      best = (isMap(value) || isSeq(value)) && !last ? keyRange ?? valueRange : valueRange ?? keyRange;
      if (last) return (isMap(value) || isSeq(value)) ? keyRange ?? best : best;
      node = value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return best;
      best = rangeOf(item) ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

export type ParseResult = { ok: true; data: unknown } | { ok: false; finding: Finding };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8 (a BOM is dropped); invalid bytes are a finding at their position. */
export function decodeUtf8(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; finding: Finding } {
  try {
    const text = UTF8.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    // Find the first invalid sequence by decoding ever longer valid prefixes.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const idx = lossy.indexOf('\uFFFD');
    const before = lossy.slice(0, Math.max(0, idx));
    const line = before.split('\n').length;
    const col = idx - before.lastIndexOf('\n');
    return {
      ok: false,
      finding: {
        file,
        line,
        col,
        severity: 'error',
        code: 'invalid-encoding',
        message: 'the file is not valid UTF-8; save it as UTF-8',
      },
    };
  }
}

/**
 * Parses YAML 1.2 (core schema: dates stay strings, `yes` stays a string). Syntax errors and duplicate
 * keys come back as findings with their position; an empty file is a finding too.
 */
export function parseYaml(file: string, text: string): ParseResult {
  try {
    const data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file });
    if (data === undefined || data === null) {
      return {
        ok: false,
        finding: { file, line: 1, col: 1, severity: 'error', code: 'empty-file', message: 'the file is empty; it must hold a YAML mapping' },
      };
    }
    return { ok: true, data };
  } catch (err) {
    const e = err as { reason?: string; mark?: { line: number; column: number }; message?: string };
    const reason = e.reason ?? e.message ?? String(err);
    const duplicate = /duplicated mapping key/.test(reason);
    return {
      ok: false,
      finding: {
        file,
        line: (e.mark?.line ?? 0) + 1,
        col: (e.mark?.column ?? 0) + 1,
        severity: 'error',
        code: duplicate ? 'duplicate-key' : 'yaml-syntax',
        message: duplicate ? 'duplicate key: a key may appear only once in a mapping; remove or rename one of them' : `YAML syntax error: ${reason}`,
      },
    };
  }
}
