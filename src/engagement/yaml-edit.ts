import { parseYaml } from './yaml-source.js';
import { Document, isCollection, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * relm's one YAML text editor: every command that changes a file of the engagement (progress, status,
 * interviews, reconcile, questionnaire import, imports, duplicates --record, init --from) edits it here.
 *
 * The `yaml` library's document model finds the nodes and their source ranges; each edit is spliced into the
 * original text, and only the new or changed value is rendered by `yaml`, so every byte outside the edited
 * nodes stays as it was: comments, blank lines, quoting, spacing and key order. (Re-serialising the whole
 * Document would normalise the rest of the file: comment spacing, for one.)
 *
 * A value is rendered for the place it goes: on one line after `key: ` or `- ` when it fits on one line, else
 * as a block whose every line is indented under its key or dash (a text with line breaks becomes a `|` block,
 * a double-quoted text never breaks across lines), so that a long or multi-line text always reads back as the
 * same text.
 */

export type YamlPath = readonly (string | number)[];

export interface EditOptions {
  /** Whether a new collection at this path is written in flow style (`{a: 1}`, `[x, y]`); default block. */
  flow?: (path: YamlPath, value: unknown) => boolean;
  /** The preferred key order of the map at this path, to place a new key among its siblings; default: at the end. */
  order?: (mapPath: YamlPath) => readonly string[] | undefined;
}

/** The text cannot be edited: it does not parse, or a node is written in a form the editor does not change. */
export class YamlEditError extends Error {
  constructor(
    message: string,
    /** 1-based line of the parse error, when that is the cause. */
    readonly line?: number,
    /** 1-based column, when known. */
    readonly col?: number,
  ) {
    super(message);
  }
}

type Range = [number, number, number];

/** How values are rendered: never folded (a long text stays on its line), double-quoted text never across lines. */
export const RENDER = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER } as const;

export function parseForEdit(text: string): Document.Parsed {
  // The `yaml` library parses recursively: input nested thousands of levels deep runs it out of stack. js-yaml
  // stops at MAX_DEPTH first (as `relm validate` does), and its finding says where.
  const guard = parseYaml('', text);
  if (!guard.ok && (guard.finding.code === 'too-deep' || guard.finding.code === 'too-large')) {
    throw new YamlEditError(`cannot edit YAML with errors: ${guard.finding.message}`, guard.finding.line, guard.finding.col);
  }
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new YamlEditError(`cannot edit YAML with errors: ${e.message.split('\n')[0]}`, e.linePos?.[0].line);
  }
  return doc;
}

export function rangeOf(node: unknown): Range {
  const r = (node as { range?: Range } | null)?.range;
  if (!r) throw new YamlEditError('a YAML node without a source range');
  return r;
}

export function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

export function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find((p) => keyText(p) === String(key));
}

/** `key:` with nothing after it (a comment at most): the parser gives it an empty null scalar. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!isScalar(v)) return false;
  const r = rangeOf(v);
  return v.value === null && r[0] === r[1];
}

function isEmptyFlow(v: unknown): boolean {
  return isCollection(v) && !!v.flow && v.items.length === 0;
}

const isCollectionValue = (v: unknown): boolean => typeof v === 'object' && v !== null;

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

export function column(text: string, i: number): number {
  return i - lineStart(text, i);
}

/** The index of the line break at or after i (of the \r of \r\n), or the text's length. */
function endOfLine(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  if (n < 0) return text.length;
  return n > 0 && text[n - 1] === '\r' ? n - 1 : n;
}

/** The index just after the line break at or after i, or the text's length. */
function afterLine(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n + 1;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The index of the `:` after a block map key. */
function colonAfter(text: string, key: unknown): number {
  let i = rangeOf(key)[1];
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== ':') throw new YamlEditError('cannot edit a YAML key written in an unusual form (explicit "? key")');
  return i;
}

/** Where a value's text ends: a block value's range takes the line break after it, which is not the value's. */
function valueEnd(text: string, v: unknown): number {
  let end = rangeOf(v)[1];
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

// ---------------------------------------------------------------------------------------------
// Rendering values.

/** Sets flow or block style on the collections of a new node; inside a flow collection everything is flow. */
function style(node: unknown, path: YamlPath, opts: EditOptions, inFlow: boolean): void {
  if (isScalar(node)) {
    // A line break cannot be written plainly inside a flow collection: it is written as \n in double quotes.
    if (inFlow && typeof node.value === 'string' && /[\n\r]/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    return;
  }
  if (isMap(node)) {
    const flow = inFlow || (opts.flow?.(path, node.toJSON()) ?? false);
    node.flow = flow;
    for (const p of node.items) style(p.value, [...path, keyText(p) ?? ''], opts, flow);
  } else if (isSeq(node)) {
    const flow = inFlow || (opts.flow?.(path, node.toJSON()) ?? false);
    node.flow = flow;
    node.items.forEach((item, i) => style(item, [...path, i], opts, flow));
  }
}

const trimEnd = (s: string) => s.replace(/\r?\n$/, '');

/**
 * A value on one line, or null when it needs lines (a block collection, a text with line breaks). Inside a flow
 * collection (`inFlow`) a value always fits on one line, with the quoting a flow collection needs (`,`, `[`, `{`
 * end a plain scalar there): it is rendered as the item of a flow sequence and unwrapped.
 */
export function oneLine(value: unknown, path: YamlPath = [], opts: EditOptions = {}, inFlow = false): string | null {
  if (inFlow) {
    const doc = new Document([value]);
    style(doc.contents, path.slice(0, -1), {}, true);
    return trimEnd(doc.toString(RENDER)).slice(1, -1);
  }
  if (isCollectionValue(value) && !(opts.flow?.(path, value) ?? false)) return null;
  const doc = new Document(value);
  style(doc.contents, path, opts, false);
  const s = trimEnd(doc.toString(RENDER));
  return s.includes('\n') ? null : s;
}

/** Pads every line but the first by `col` spaces and joins them with `eol` (an empty line stays empty). */
function indentLines(lines: readonly string[], col: number, eol: string): string {
  const pad = ' '.repeat(col);
  return lines.map((l, i) => (i === 0 || !l ? l : pad + l)).join(eol);
}

/** A block collection, each line indented by `col` spaces. */
function block(value: unknown, path: YamlPath, opts: EditOptions, col: number, step: number, eol: string): string {
  const doc = new Document(value);
  style(doc.contents, path, opts, false);
  if (isCollection(doc.contents)) doc.contents.flow = false;
  const lines = trimEnd(doc.toString({ ...RENDER, indent: step })).split('\n');
  return ' '.repeat(col) + indentLines(lines, col, eol);
}

/**
 * What follows `key:` of a block map whose key is at column `col`: ` value` on the same line, or a block (a `|`
 * text, a collection) on the lines below, indented one step more than the key. No line break after it.
 */
export function afterKey(value: unknown, path: YamlPath, opts: EditOptions, col: number, step: number, eol: string): string {
  const one = oneLine(value, path, opts);
  if (one !== null) return ` ${one}`;
  const doc = new Document({ k: value });
  const node = (doc.contents as YAMLMap).items[0]!.value;
  style(node, path, opts, false);
  if (isCollection(node)) node.flow = false;
  const lines = trimEnd(doc.toString({ ...RENDER, indent: step })).split('\n');
  return indentLines([lines[0]!.slice(2), ...lines.slice(1)], col, eol);
}

/** What follows `- ` of a block sequence whose dashes are at column `col`. No line break after it. */
function afterDash(value: unknown, path: YamlPath, opts: EditOptions, col: number, step: number, eol: string): string {
  const one = oneLine(value, path, opts);
  if (one !== null) return one;
  if (isCollectionValue(value)) return block(value, path, opts, col + 2, step, eol).slice(col + 2);
  const doc = new Document([value]);
  const lines = trimEnd(doc.toString({ ...RENDER, indent: step })).split('\n');
  return indentLines([lines[0]!.slice(2), ...lines.slice(1)], col, eol);
}

/**
 * New entries of a block sequence whose dashes are at column `col`, each line ended. Each entry is a block map
 * (`flowItems`: a flow map on one line); the block entries are rendered in one go (fast for thousands).
 */
export function renderItems(values: readonly unknown[], path: YamlPath, opts: EditOptions, col: number, flowItems: boolean, eol: string, step = 2): string {
  if (!values.length) return '';
  const pad = ' '.repeat(col);
  if (flowItems) return values.map((v, i) => `${pad}- ${oneLine(v, [...path, i], opts, true)}${eol}`).join('');
  const doc = new Document(values);
  style(doc.contents, path, opts, false);
  (doc.contents as YAMLSeq).flow = false;
  for (const item of (doc.contents as YAMLSeq).items) if (isCollection(item)) item.flow = false;
  const lines = trimEnd(doc.toString({ ...RENDER, indent: step, indentSeq: false })).split('\n');
  return lines.map((l) => (l ? pad + l : l) + eol).join('');
}

/** The file's indentation step: how far the first nested block map is indented under its key (default 2). */
function indentStep(text: string, root: unknown): number {
  const walk = (node: unknown): number | undefined => {
    if (!isMap(node) || node.flow) return undefined;
    for (const p of node.items) {
      if (isMap(p.value) && !p.value.flow && p.value.items.length) {
        const d = column(text, rangeOf(p.value.items[0]!.key)[0]) - column(text, rangeOf(p.key)[0]);
        if (d > 0) return d;
      }
      const inner = walk(p.value);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(root) ?? 2;
}

/** Where an entry ends: just after the line holding the end of its value. */
function entryEnd(text: string, pair: Pair): number {
  const v = pair.value;
  const end = isEmptyValue(v) ? rangeOf(pair.key)[1] : rangeOf(v)[1];
  return text[end - 1] === '\n' ? end : afterLine(text, end);
}

/** Where an entry starts, including the comment lines right above it. */
function entryStart(text: string, pair: Pair): number {
  let start = lineStart(text, rangeOf(pair.key)[0]);
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    if (!text.slice(prev, start).trimStart().startsWith('#')) break;
    start = prev;
  }
  return start;
}

// ---------------------------------------------------------------------------------------------
// The editor.

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

/**
 * Edits of one parse of a YAML text, applied together by toString(): set or remove a key of a map, append
 * items to a sequence. The edits must not overlap (each touches its own node); insertions at one place keep
 * the order they were made in.
 */
export class YamlEditor {
  readonly doc: Document.Parsed;
  readonly eol: string;
  readonly step: number;
  private readonly edits: Edit[] = [];

  constructor(
    readonly text: string,
    readonly opts: EditOptions = {},
  ) {
    this.doc = parseForEdit(text);
    this.eol = eolOf(text);
    this.step = indentStep(text, this.doc.contents);
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  private add(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, seq: this.edits.length });
  }

  toString(): string {
    const sorted = [...this.edits].sort((a, b) => b.start - a.start || b.seq - a.seq);
    let out = this.text;
    for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }

  /** Sets `key` of the map at `mapPath` to `value`: its value replaced, or the key added among its siblings. */
  set(map: YAMLMap, mapPath: YamlPath, key: string, value: unknown, inFlow = !!map.flow): void {
    const pair = findPair(map, key);
    if (pair) this.replaceValue(pair, [...mapPath, key], value, inFlow || !!map.flow);
    else this.insertPair(map, mapPath, key, value, inFlow || !!map.flow);
  }

  /** Replaces the value of an existing pair of a block or flow map (`inFlow`: the map is inside a flow collection, or is one). */
  private replaceValue(pair: Pair, path: YamlPath, value: unknown, inFlow: boolean): void {
    const { text, eol, step, opts } = this;
    const v = pair.value;
    const keyCol = column(text, rangeOf(pair.key)[0]);
    const one = inFlow ? oneLine(value, path, opts, true) : oneLine(value, path, opts);
    if (one !== null) {
      if (isEmptyValue(v)) {
        const colon = colonAfter(text, pair.key);
        this.add(colon + 1, colon + 1, ` ${one}`);
        return;
      }
      const end = valueEnd(text, v);
      // A block collection becomes one line after the key; a scalar or flow collection is replaced where it is.
      if (isCollection(v) && !v.flow) this.add(colonAfter(text, pair.key) + 1, end, ` ${one}`);
      else this.add(rangeOf(v)[0], end, one);
      return;
    }
    if (isCollection(v) && !v.flow && v.items.length && isCollectionValue(value)) {
      // A block collection replaced by another, where it is.
      const col = column(text, rangeOf(v)[0]);
      this.add(rangeOf(v)[0], valueEnd(text, v), block(value, path, opts, col, step, eol).slice(col));
      return;
    }
    // A block (a collection, a `|` text) on the lines after the key; a comment after the old value stays on the key's line.
    const colon = colonAfter(text, pair.key);
    const end = isEmptyValue(v) ? colon + 1 : valueEnd(text, v);
    const lineEnd = endOfLine(text, end);
    const comment = text.slice(end, lineEnd);
    const [head, ...rest] = afterKey(value, path, opts, keyCol, step, eol).split(eol);
    this.add(colon + 1, lineEnd, [`${head}${comment}`, ...rest].join(eol));
  }

  /** Adds a key to a map, among its siblings in the preferred order. */
  private insertPair(map: YAMLMap, mapPath: YamlPath, key: string, value: unknown, inFlow: boolean): void {
    const { text, eol, step, opts } = this;
    const path = [...mapPath, key];
    if (inFlow) {
      const last = map.items[map.items.length - 1]!;
      const end = rangeOf(isEmptyValue(last.value) ? last.key : last.value)[1];
      this.add(end, end, `, ${oneLine(key, path, {}, true)}: ${oneLine(value, path, opts, true)}`);
      return;
    }
    const first = map.items[0]!;
    const col = column(text, rangeOf(first.key)[0]);
    const entry = `${' '.repeat(col)}${oneLine(key)}:${afterKey(value, path, opts, col, step, eol)}`;

    const order = opts.order?.(mapPath);
    const rank = (k: string | undefined) => (order && k !== undefined ? order.indexOf(k) : -1);
    const mine = rank(key);
    let after: Pair | undefined;
    let before: Pair | undefined;
    if (mine >= 0) {
      for (const p of map.items) {
        const r = rank(keyText(p));
        if (r >= 0 && r < mine) after = p;
        else if (r > mine && !before && !after) before = p;
      }
      if (!after && !before) after = map.items[map.items.length - 1];
    } else {
      after = map.items[map.items.length - 1];
    }
    if (after) {
      const i = map.items.indexOf(after);
      const next = map.items[i + 1];
      // Entries separated by blank lines (practices, say) get one too.
      const blank = next ? !!(next.key as Node).spaceBefore : i > 0 && !!(after.key as Node).spaceBefore;
      const at = entryEnd(text, after);
      const lead = at === text.length && !text.endsWith('\n') ? eol : '';
      this.add(at, at, `${lead}${blank ? eol : ''}${entry}${eol}`);
      return;
    }
    const at = entryStart(text, before!);
    const blank = !!(before!.key as Node).spaceBefore;
    this.add(at, at, `${entry}${eol}${blank ? eol : ''}`);
  }

  /** Removes `key` of a map: its lines (and the comments right above it), or `, key: value` of a flow map. */
  remove(map: YAMLMap, key: string, inFlow = !!map.flow): void {
    const pair = findPair(map, key);
    if (!pair) return;
    const { text } = this;
    if (inFlow || map.flow) {
      const i = map.items.indexOf(pair);
      const end = (p: Pair) => rangeOf(isEmptyValue(p.value) ? p.key : p.value)[1];
      const prev = map.items[i - 1];
      const next = map.items[i + 1];
      if (prev) this.add(end(prev), end(pair), '');
      else if (next) this.add(rangeOf(pair.key)[0], rangeOf(next.key)[0], '');
      else this.add(rangeOf(pair.key)[0], end(pair), '');
      return;
    }
    if (map.items.length === 1) throw new YamlEditError(`cannot remove "${key}", the only key of a block mapping`);
    this.add(entryStart(text, pair), entryEnd(text, pair), '');
  }

  /** Appends items to a block or flow sequence that has items already. */
  append(seq: YAMLSeq, path: YamlPath, items: readonly unknown[], inFlow = !!seq.flow, flowItems?: boolean): void {
    if (!items.length) return;
    const { text, eol, step, opts } = this;
    const last = seq.items[seq.items.length - 1];
    if (inFlow || seq.flow) {
      const end = rangeOf(last)[1];
      this.add(end, end, items.map((item, i) => `, ${oneLine(item, [...path, seq.items.length + i], opts, true)}`).join(''));
      return;
    }
    const col = column(text, rangeOf(seq)[0]);
    const end = rangeOf(last)[1];
    const at = text[end - 1] === '\n' ? end : afterLine(text, end);
    const lead = at === text.length && !text.endsWith('\n') ? eol : '';
    const body =
      flowItems !== undefined
        ? renderItems(items, path, opts, col, flowItems, eol, step)
        : items.map((item, i) => `${' '.repeat(col)}- ${afterDash(item, [...path, seq.items.length + i], opts, col, step, eol)}${eol}`).join('');
    this.add(at, at, lead + body);
  }

  /**
   * Makes the list under `key` of a block map from `items` where that key has no list yet (`key:`, `key: ~`,
   * `key: []`) or is missing (then added before the key `before`, when there is one, else at the end).
   */
  startList(map: YAMLMap, key: string, items: readonly unknown[], flowItems: boolean, before?: string): void {
    const { text, eol } = this;
    const col = indentsLists(text) ? column(text, rangeOf(map.items[0]?.key ?? map)[0]) + this.step : column(text, rangeOf(map.items[0]?.key ?? map)[0]);
    const body = renderItems(items, [key], this.opts, col, flowItems, eol, this.step);
    const pair = findPair(map, key);
    if (pair) {
      const colon = colonAfter(text, pair.key);
      const end = isEmptyValue(pair.value) ? colon + 1 : rangeOf(pair.value)[1];
      // Keep a comment on the key's line.
      const lineEnd = endOfLine(text, end);
      this.add(colon + 1, afterLine(text, end), `${text.slice(end, lineEnd)}${eol}${body}`);
      return;
    }
    const entry = `${' '.repeat(column(text, rangeOf(map.items[0]!.key)[0]))}${oneLine(key)}:${eol}${body}`;
    const beforePair = before === undefined ? undefined : findPair(map, before);
    if (beforePair) {
      const at = lineStart(text, rangeOf(beforePair.key)[0]);
      this.add(at, at, `${entry}${eol}`);
    } else {
      const at = entryEnd(text, map.items[map.items.length - 1]!);
      const lead = at === text.length && !text.endsWith('\n') ? eol : '';
      this.add(at, at, `${lead}${entry}`);
    }
  }

  /** Sets the value at `path`, creating the maps on the way (see setIn). */
  setIn(path: YamlPath, value: unknown): void {
    if (!path.length) throw new YamlEditError('setIn needs a path');
    let node: unknown = this.doc.contents;
    let inFlow = false;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const here = path.slice(0, i);
      const last = i === path.length - 1;
      if (isCollection(node) && node.flow) inFlow = true;
      if (isMap(node)) {
        const pair = findPair(node, key);
        const rest = nest(path.slice(i + 1), value);
        if (!pair || last || !isCollection(pair.value) || isEmptyFlow(pair.value)) {
          this.set(node, here, String(key), rest, inFlow);
          return;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number' && !last) {
        const item = node.items[key];
        if (item === undefined) throw new YamlEditError(`cannot set ${path.join('.')}: there is no item ${key}`);
        node = item;
      } else {
        throw new YamlEditError(`cannot set ${path.join('.')}: ${here.join('.') || 'the document'} is not a mapping`);
      }
    }
  }
}

/** The file's style for a new block list: indented under its key (`  - x`) or not (`- x`). */
function indentsLists(text: string): boolean {
  return !/^[A-Za-z_][\w-]*:[ \t]*\r?\n- /m.test(text);
}

function nest(rest: YamlPath, value: unknown): unknown {
  return rest.reduceRight<unknown>((v, k) => ({ [String(k)]: v }), value);
}

/** Whether a collection on the way to `path` (the node at `path` left out) is written in flow style. */
function flowAbove(root: unknown, path: YamlPath): boolean {
  let node = root;
  for (const key of path) {
    if (isCollection(node) && node.flow) return true;
    node = isMap(node) ? findPair(node, key)?.value : isSeq(node) && typeof key === 'number' ? node.items[key] : undefined;
  }
  return false;
}

/**
 * Sets the value at `path`, creating the maps on the way; everything else in the text is left as it was.
 * The last key of the path, or any map on the way, may be missing; a sequence on the way must hold the index.
 */
export function setIn(text: string, path: YamlPath, value: unknown, opts: EditOptions = {}): string {
  const e = new YamlEditor(text, opts);
  e.setIn(path, value);
  return e.toString();
}

/** Appends an item to the sequence at `path`, creating the sequence when it is missing or empty. */
export function appendIn(text: string, path: YamlPath, item: unknown, opts: EditOptions = {}): string {
  const e = new YamlEditor(text, opts);
  const seq = e.doc.getIn(path, true) as unknown;
  if (seq === undefined || isEmptyValue(seq) || isEmptyFlow(seq)) return setIn(text, path, [item], opts);
  if (!isSeq(seq)) throw new YamlEditError(`cannot append to ${path.join('.')}: it is not a sequence`);
  e.append(seq as YAMLSeq, path, [item], flowAbove(e.doc.contents, path));
  return e.toString();
}

/**
 * Removes the key at `path` (and the comment lines right above it); everything else in the text is left as
 * it was. A key of a flow map, or the last key of a map, is removed by rewriting that map. No such key: the
 * text as it is.
 */
export function deleteIn(text: string, path: YamlPath, opts: EditOptions = {}): string {
  if (!path.length) throw new YamlEditError('deleteIn needs a path');
  const e = new YamlEditor(text, opts);
  const parentPath = path.slice(0, -1);
  const map = parentPath.length ? (e.doc.getIn(parentPath, true) as unknown) : e.doc.contents;
  if (!isMap(map)) return text;
  const key = String(path[path.length - 1]);
  if (!findPair(map, key)) return text;
  if (map.flow || flowAbove(e.doc.contents, parentPath) || map.items.length === 1) {
    if (!parentPath.length) throw new YamlEditError('cannot remove the only key of a document');
    const rest = map.toJSON() as Record<string, unknown>;
    delete rest[key];
    const flow = map.flow ?? false;
    return setIn(text, parentPath, rest, { ...opts, flow: (p, v) => (p.length === parentPath.length ? flow : (opts.flow?.(p, v) ?? false)) });
  }
  e.remove(map, key);
  return e.toString();
}
