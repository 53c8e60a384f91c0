import { Document, isCollection, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Edits of a YAML text that leave every byte outside the edited node as it was: comments, blank lines,
 * quoting, spacing and key order. The `yaml` Document API finds the nodes and their source ranges; the
 * edit is spliced into the original text, and only the new or changed value is rendered by `yaml`.
 * (Re-serialising the whole Document would normalise the rest of the file: comment spacing, for one.)
 */

export type YamlPath = readonly (string | number)[];

export interface EditOptions {
  /** Whether a new collection at this path is written in flow style (`{a: 1}`, `[x, y]`); default block. */
  flow?: (path: YamlPath) => boolean;
  /** The preferred key order of the map at this path, to place a new key among its siblings; default: at the end. */
  order?: (mapPath: YamlPath) => readonly string[] | undefined;
}

type Range = [number, number, number];

function parse(text: string) {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) throw new Error(`cannot edit YAML with errors: ${doc.errors[0]!.message}`);
  return doc;
}

function rangeOf(node: unknown): Range {
  const r = (node as { range?: Range } | null)?.range;
  if (!r) throw new Error('a YAML node without a source range');
  return r;
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  return map.items.find((p) => keyText(p) === String(key));
}

/** `key:` with nothing after it (a comment at most): the parser gives it an empty null scalar. */
function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!isScalar(v)) return false;
  const r = rangeOf(v);
  return v.value === null && r[0] === r[1];
}

function isEmptyFlow(v: unknown): boolean {
  return isCollection(v) && !!v.flow && v.items.length === 0;
}

function isCollectionValue(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

function column(text: string, i: number): number {
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

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** The index of the `:` after a block map key. */
function colonAfter(text: string, key: unknown): number {
  let i = rangeOf(key)[1];
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== ':') throw new Error('cannot edit a YAML key written in an unusual form (explicit "? key")');
  return i;
}

/** Sets flow or block style on the collections of a new node; inside a flow collection everything is flow. */
function style(node: unknown, path: YamlPath, opts: EditOptions, inFlow: boolean): void {
  if (isScalar(node)) {
    // A line break cannot be written plainly inside a flow collection, nor on one line.
    if (inFlow && typeof node.value === 'string' && /[\n\r]/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    return;
  }
  if (isMap(node)) {
    const flow = inFlow || (opts.flow?.(path) ?? false);
    node.flow = flow;
    for (const p of node.items) style(p.value, [...path, keyText(p) ?? ''], opts, flow);
  } else if (isSeq(node)) {
    const flow = inFlow || (opts.flow?.(path) ?? false);
    node.flow = flow;
    node.items.forEach((item, i) => style(item, [...path, i], opts, flow));
  }
}

const RENDER = { lineWidth: 0, flowCollectionPadding: false } as const;

/**
 * A value on one line: a scalar or a flow collection. Inside a flow collection a scalar needs more quoting
 * (`,`, `[`, `{` end a plain scalar there), so it is rendered as the item of a flow sequence and unwrapped.
 */
function inline(value: unknown, inFlow = false): string {
  const doc = new Document(inFlow ? [value] : value);
  style(doc.contents, [], {}, true);
  const s = doc.toString(RENDER).replace(/\r?\n$/, '');
  return inFlow ? s.slice(1, -1) : s;
}

/** A block collection, each line indented by `col` spaces. */
function block(value: unknown, path: YamlPath, opts: EditOptions, col: number, step: number, eol: string): string {
  const doc = new Document(value);
  style(doc.contents, path, opts, false);
  if (isCollection(doc.contents)) doc.contents.flow = false;
  const pad = ' '.repeat(col);
  return doc
    .toString({ ...RENDER, indent: step })
    .replace(/\r?\n$/, '')
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join(eol);
}

function renderInline(value: unknown, path: YamlPath, opts: EditOptions, inFlow: boolean): boolean {
  return inFlow || !isCollectionValue(value) || (opts.flow?.(path) ?? false);
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

interface Ctx {
  text: string;
  eol: string;
  step: number;
  opts: EditOptions;
}

/** Replaces the value of an existing pair of a block or flow map (`inFlow`: the map is inside a flow collection, or is one). */
function replaceValue(c: Ctx, pair: Pair, path: YamlPath, value: unknown, inFlow: boolean): string {
  const { text, eol } = c;
  const v = pair.value;
  if (renderInline(value, path, c.opts, inFlow)) {
    const t = inline(value, inFlow);
    if (isEmptyValue(v)) return splice(text, colonAfter(text, pair.key) + 1, colonAfter(text, pair.key) + 1, ` ${t}`);
    const r = rangeOf(v);
    if (isCollection(v) && !v.flow) {
      // A block collection becomes one line after the key.
      const colon = colonAfter(text, pair.key);
      return splice(text, colon + 1, r[1], ` ${t}${text[r[1] - 1] === '\n' ? eol : ''}`);
    }
    // A block scalar (`|`, `>`) ends with the line break after its last line: the new value keeps one.
    return splice(text, r[0], r[1], t + (text[r[1] - 1] === '\n' ? eol : ''));
  }
  const keyCol = column(text, rangeOf(pair.key)[0]);
  if (isCollection(v) && !v.flow && v.items.length) {
    const r = rangeOf(v);
    const col = column(text, r[0]);
    const body = block(value, path, c.opts, col, c.step, eol).slice(col);
    return splice(text, r[0], r[1], body + (text[r[1] - 1] === '\n' ? eol : ''));
  }
  // A scalar, empty or flow value becomes a block on the lines after the key (a comment on the key's line stays there).
  const colon = colonAfter(text, pair.key);
  let t = text;
  if (!isEmptyValue(v)) {
    t = splice(text, colon + 1, rangeOf(v)[1], '');
  }
  const at = endOfLine(t, colon);
  return splice(t, at, at, eol + block(value, path, c.opts, keyCol + c.step, c.step, eol));
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

/** Adds a key to a map, among its siblings in the preferred order. */
function insertPair(c: Ctx, map: YAMLMap, mapPath: YamlPath, key: string, value: unknown, inFlow: boolean): string {
  const { text, eol } = c;
  const path = [...mapPath, key];
  if (map.flow || inFlow) {
    const last = map.items[map.items.length - 1]!;
    const end = rangeOf(isEmptyValue(last.value) ? last.key : last.value)[1];
    return splice(text, end, end, `, ${inline(key, true)}: ${inline(value, true)}`);
  }
  const first = map.items[0]!;
  const col = column(text, rangeOf(first.key)[0]);
  const entry = `${' '.repeat(col)}${inline(key)}:${renderInline(value, path, c.opts, false) ? ` ${inline(value)}` : eol + block(value, path, c.opts, col + c.step, c.step, eol)}`;

  const order = c.opts.order?.(mapPath);
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
    return splice(text, at, at, `${lead}${blank ? eol : ''}${entry}${eol}`);
  }
  const at = entryStart(text, before!);
  const blank = !!(before!.key as Node).spaceBefore;
  return splice(text, at, at, `${entry}${eol}${blank ? eol : ''}`);
}

function context(text: string, doc: ReturnType<typeof parse>, opts: EditOptions): Ctx {
  return { text, eol: eolOf(text), step: indentStep(text, doc.contents), opts };
}

function nest(rest: YamlPath, value: unknown): unknown {
  return rest.reduceRight<unknown>((v, k) => ({ [String(k)]: v }), value);
}

/**
 * Sets the value at `path`, creating the maps on the way; everything else in the text is left as it was.
 * The last key of the path, or any map on the way, may be missing; a sequence on the way must hold the index.
 */
export function setIn(text: string, path: YamlPath, value: unknown, opts: EditOptions = {}): string {
  if (!path.length) throw new Error('setIn needs a path');
  const doc = parse(text);
  const c = context(text, doc, opts);
  let node: unknown = doc.contents;
  let inFlow = false;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const here = path.slice(0, i);
    const last = i === path.length - 1;
    if (isCollection(node) && node.flow) inFlow = true;
    if (isMap(node)) {
      const pair = findPair(node, key);
      const rest = nest(path.slice(i + 1), value);
      if (!pair) return insertPair(c, node, here, String(key), rest, inFlow);
      if (last || !isCollection(pair.value) || isEmptyFlow(pair.value)) return replaceValue(c, pair, path.slice(0, i + 1), rest, inFlow);
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && !last) {
      const item = node.items[key];
      if (item === undefined) throw new Error(`cannot set ${path.join('.')}: there is no item ${key}`);
      node = item;
    } else {
      throw new Error(`cannot set ${path.join('.')}: ${here.join('.') || 'the document'} is not a mapping`);
    }
  }
  throw new Error('unreachable');
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

/** Appends an item to the sequence at `path`, creating the sequence when it is missing or empty. */
export function appendIn(text: string, path: YamlPath, item: unknown, opts: EditOptions = {}): string {
  const doc = parse(text);
  const seq = doc.getIn(path, true) as unknown;
  if (seq === undefined || isEmptyValue(seq) || isEmptyFlow(seq)) return setIn(text, path, [item], opts);
  if (!isSeq(seq)) throw new Error(`cannot append to ${path.join('.')}: it is not a sequence`);
  const c = context(text, doc, opts);
  const items = (seq as YAMLSeq).items;
  const itemPath = [...path, items.length];
  if (seq.flow || flowAbove(doc.contents, path)) {
    const end = rangeOf(items[items.length - 1])[1];
    return splice(text, end, end, `, ${inline(item, true)}`);
  }
  const col = column(text, rangeOf(seq)[0]);
  const body = renderInline(item, itemPath, opts, false) ? inline(item) : block(item, itemPath, opts, col + 2, c.step, c.eol).slice(col + 2);
  const lastItem = items[items.length - 1];
  const end = rangeOf(lastItem)[1];
  const at = text[end - 1] === '\n' ? end : afterLine(text, end);
  const lead = at === text.length && !text.endsWith('\n') ? c.eol : '';
  return splice(text, at, at, `${lead}${' '.repeat(col)}- ${body}${c.eol}`);
}

/**
 * Removes the key at `path` (and the comment lines right above it); everything else in the text is left as
 * it was. A key of a flow map, or the last key of a map, is removed by rewriting that map. No such key: the
 * text as it is.
 */
export function deleteIn(text: string, path: YamlPath, opts: EditOptions = {}): string {
  if (!path.length) throw new Error('deleteIn needs a path');
  const doc = parse(text);
  const parentPath = path.slice(0, -1);
  const map = parentPath.length ? (doc.getIn(parentPath, true) as unknown) : doc.contents;
  if (!isMap(map)) return text;
  const pair = findPair(map, path[path.length - 1]!);
  if (!pair) return text;
  if (map.flow || flowAbove(doc.contents, parentPath) || map.items.length === 1) {
    if (!parentPath.length) throw new Error('cannot remove the only key of a document');
    const rest = map.toJSON() as Record<string, unknown>;
    delete rest[String(path[path.length - 1])];
    const flow = map.flow ?? false;
    return setIn(text, parentPath, rest, { ...opts, flow: (p) => (p.length === parentPath.length ? flow : (opts.flow?.(p) ?? false)) });
  }
  return splice(text, entryStart(text, pair), entryEnd(text, pair), '');
}
