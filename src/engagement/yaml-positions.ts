import jsyaml from 'js-yaml';
import type { DocPath } from '../diagnostics/finding.js';

/**
 * Where the nodes of a YAML file are, recorded while js-yaml parses it (its `listener` option), so that a
 * finding's line and column cost no second parse. js-yaml reports every node it composes as an `open` event
 * (where composing starts, before any separating space or properties) and a `close` event (where it ends, with
 * the node's kind and value); the node's exact extent is worked out from the text only for the few nodes a
 * finding points at. The extents are those the `yaml` package gives its nodes (`range`), which relm used before.
 *
 * Memory: ten bytes per node, in typed arrays; nothing is kept per node that the text can give.
 */

/** A node's extent: [start, end) offsets into the text. */
export type Range = [number, number];

const KIND_NONE = 0;
const KIND_SCALAR = 1;
const KIND_SEQUENCE = 2;
const KIND_MAPPING = 3;
/** A node js-yaml composed only to read another: a mapping key candidate that turned out to be the value itself. */
const WRAPPER = 4;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const QUESTION = 0x3f;
const isBlank = (c: number) => c === SPACE || c === TAB;
const isWsOrEol = (c: number) => c === SPACE || c === TAB || c === LF || c === CR || Number.isNaN(c);
const isFlowEnd = (c: number) => c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d; // , [ ] { }

interface JsYamlState {
  position: number;
  kind: string | null;
  result: unknown;
}

/** Nodes are stored in chunks of this many: the store grows without copying, and wastes at most one chunk. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** The recorded nodes: where each opens and closes, its depth and its flags (kind, wrapper). */
class Nodes {
  readonly open: Int32Array[] = [];
  readonly close: Int32Array[] = [];
  /** Nesting depth (js-yaml stops at MAX_DEPTH, well within a byte): node i's children follow it, one deeper. */
  readonly depth: Uint8Array[] = [];
  readonly flags: Uint8Array[] = [];
  count = 0;

  add(): number {
    const i = this.count++;
    if ((i & MASK) === 0) {
      this.open.push(new Int32Array(CHUNK));
      this.close.push(new Int32Array(CHUNK));
      this.depth.push(new Uint8Array(CHUNK));
      this.flags.push(new Uint8Array(CHUNK));
    }
    return i;
  }

  openAt(i: number): number {
    return this.open[i >>> CHUNK_BITS]![i & MASK]!;
  }

  closeAt(i: number): number {
    return this.close[i >>> CHUNK_BITS]![i & MASK]!;
  }

  depthAt(i: number): number {
    return this.depth[i >>> CHUNK_BITS]![i & MASK]!;
  }

  flagsAt(i: number): number {
    return this.flags[i >>> CHUNK_BITS]![i & MASK]!;
  }
}

/** Records the nodes of one js-yaml parse; pass `listener` to js-yaml's load, then ask `positions(text)`. */
export class PositionRecorder {
  private readonly nodes = new Nodes();
  private readonly stack: number[] = [];
  private readonly children: number[] = [];
  private readonly lastResult: unknown[] = [];

  readonly listener = (event: 'open' | 'close', state: JsYamlState): void => {
    const nodes = this.nodes;
    if (event === 'open') {
      const i = nodes.add();
      const depth = this.stack.length;
      nodes.open[i >>> CHUNK_BITS]![i & MASK] = state.position;
      nodes.depth[i >>> CHUNK_BITS]![i & MASK] = depth;
      if (depth) this.children[depth - 1]!++;
      this.stack.push(i);
      this.children[depth] = 0;
      return;
    }
    const i = this.stack.pop()!;
    const depth = this.stack.length;
    nodes.close[i >>> CHUNK_BITS]![i & MASK] = state.position;
    const k = state.kind;
    let f = k === 'scalar' ? KIND_SCALAR : k === 'sequence' ? KIND_SEQUENCE : k === 'mapping' ? KIND_MAPPING : KIND_NONE;
    // The outer node of `- foo`, or of a value on the line below its key: its one child holds the same value.
    if (this.children[depth] === 1 && Object.is(this.lastResult[depth], state.result)) f |= WRAPPER;
    nodes.flags[i >>> CHUNK_BITS]![i & MASK] = f;
    this.lastResult[depth] = undefined;
    if (depth) this.lastResult[depth - 1] = state.result;
  };

  /** The positions of the parse just recorded, over its text; the recorder is spent. */
  positions(text: string): YamlPositions {
    return new YamlPositions(text, this.nodes);
  }
}

/** A mapping entry: key and value node (-1 when absent). */
interface Entry {
  key: number;
  value: number;
}

/** A sequence item: a node, an empty item (`-` alone: `at` is where its null is) or a `[k: v]` pair. */
type Item = { node: number } | { empty: number } | { pair: true };

/** What a node is, for locating: read from its flags and the text at its start. */
type Shape = 'empty' | 'alias' | 'scalar' | 'block-scalar' | 'flow-seq' | 'flow-map' | 'block-seq' | 'block-map';

export class YamlPositions {
  private lineStarts?: Int32Array;
  private readonly entryCache = new Map<number, { entries: Entry[]; byKey?: Map<string, number> }>();
  private readonly itemCache = new Map<number, Item[]>();

  constructor(
    readonly text: string,
    private readonly nodes: Nodes,
  ) {}

  /**
   * The range a finding at `path` points at: the key of the last segment (`at: 'key'`) or its value; where the
   * path leaves the document, the deepest part that exists. Undefined for an empty document.
   */
  find(path: DocPath, at: 'key' | 'value'): Range | undefined {
    if (!this.nodes.count) return undefined;
    let node = this.unwrap(0);
    // What to point at if the path ends or leaves the document here: worked out only if it does (the range of
    // a 200,000-item list is a walk over it).
    const root = node;
    let best = (): Range | undefined => this.range(root);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      const shape = this.shape(node);
      if (shape === 'block-map' || shape === 'flow-map') {
        const entry = this.entry(node, String(seg));
        if (!entry) return best();
        const keyRange = this.range(entry.key);
        const value = entry.value < 0 ? -1 : this.unwrap(entry.value);
        const valueRange = (): Range | undefined => (value < 0 ? undefined : this.range(value));
        if (last && at === 'key') return keyRange ?? best();
        const collection = value >= 0 && isCollection(this.shape(value));
        best = collection && !last ? () => keyRange ?? valueRange() : () => valueRange() ?? keyRange;
        if (last) return collection ? (keyRange ?? best()) : best();
        if (value < 0) return best();
        node = value;
      } else if ((shape === 'block-seq' || shape === 'flow-seq') && typeof seg === 'number') {
        const item = this.items(node)[seg];
        if (item === undefined) return best();
        if ('pair' in item) return best();
        if ('empty' in item) return [item.empty, item.empty];
        node = this.unwrap(item.node);
        const here = node;
        const before = best;
        best = () => this.range(here) ?? before();
      } else {
        return best();
      }
    }
    return best();
  }

  /** 1-based line and column of an offset, as the `yaml` package's LineCounter gives them. */
  linePos(offset: number): { line: number; col: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  private unwrap(i: number): number {
    while (this.nodes.flagsAt(i) & WRAPPER) i++;
    return i;
  }

  /** The nodes one level below node i: those after it, up to the first that is not deeper. */
  private childrenOf(i: number): number[] {
    const out: number[] = [];
    const { depth, count } = this.nodes;
    const d = this.nodes.depthAt(i);
    for (let c = i + 1; c < count; ) {
      // A chunk at a time: this walks the whole file for the top-level nodes.
      const chunk = depth[c >>> CHUNK_BITS]!;
      const base = c & ~MASK;
      const stop = Math.min(CHUNK, count - base);
      for (let k = c & MASK; k < stop; k++) {
        const dc = chunk[k]!;
        if (dc <= d) return out;
        if (dc === d + 1) out.push(base + k);
      }
      c = base + CHUNK;
    }
    return out;
  }

  /** Where the node's content starts: past separating space, comments and properties (anchor, tag). */
  private start(i: number): number {
    const t = this.text;
    let p = skipSpace(t, this.nodes.openAt(i));
    for (;;) {
      const c = t.charCodeAt(p);
      if (c !== 0x26 && c !== 0x21) return p; // & !
      if (c === 0x21 && t.charCodeAt(p + 1) === 0x3c) {
        const gt = t.indexOf('>', p);
        p = gt < 0 ? t.length : gt + 1;
      } else {
        while (p < t.length && !isWsOrEol(t.charCodeAt(p)) && !isFlowEnd(t.charCodeAt(p))) p++;
      }
      p = skipSpace(t, p);
    }
  }

  private shape(i: number): Shape {
    const kind = this.nodes.flagsAt(i) & 3;
    const c = this.text.charCodeAt(this.start(i));
    if (kind === KIND_NONE) return c === 0x2a && this.start(i) < this.nodes.closeAt(i) ? 'alias' : 'empty';
    if (c === 0x5b) return 'flow-seq';
    if (c === 0x7b) return 'flow-map';
    if (kind === KIND_SEQUENCE) return 'block-seq';
    if (kind === KIND_MAPPING) return 'block-map';
    if (c === 0x7c || c === 0x3e) return 'block-scalar'; // | >
    return 'scalar';
  }

  /** The node's [start, end), as the `yaml` package's range[0..1]. */
  private range(i: number): Range | undefined {
    const t = this.text;
    const shape = this.shape(i);
    if (shape === 'empty') {
      let p = this.nodes.openAt(i);
      while (isBlank(t.charCodeAt(p))) p++;
      return [p, p];
    }
    const start = this.start(i);
    switch (shape) {
      case 'alias': {
        // js-yaml reads past the space and comments after an alias: its name ends at the first space or flow indicator.
        let p = start + 1;
        while (p < t.length && !isWsOrEol(t.charCodeAt(p)) && !isFlowEnd(t.charCodeAt(p))) p++;
        return [start, p];
      }
      case 'scalar':
        return [start, trimEnd(t, this.nodes.closeAt(i), start)];
      case 'flow-seq':
      case 'flow-map':
        return [start, this.nodes.closeAt(i)];
      case 'block-scalar':
        return [start, this.blockScalarEnd(start, this.nodes.closeAt(i))];
      default:
        return [start, this.lastEnd(i, shape)];
    }
  }

  /** The end of a block collection: that of its last entry, with what trails it on its line (yaml's range[2]). */
  private lastEnd(i: number, shape: Shape): number {
    if (shape === 'block-seq') {
      const items = this.items(i);
      const last = items[items.length - 1];
      if (!last || 'pair' in last) return this.start(i);
      if ('empty' in last) return this.trailingEnd(last.empty, true);
      return this.nodeEnd(this.unwrap(last.node));
    }
    const entries = this.entries(i).entries;
    const last = entries[entries.length - 1];
    if (!last) return this.start(i);
    return this.nodeEnd(this.unwrap(last.value >= 0 ? last.value : last.key));
  }

  /** yaml's range[2]: the end of the node with the spaces, comment and line break after it. */
  private nodeEnd(i: number): number {
    const shape = this.shape(i);
    const r = this.range(i)!;
    if (shape === 'block-scalar') return r[1];
    if (shape === 'empty') return this.trailingEnd(r[1], true);
    if (shape === 'block-seq' || shape === 'block-map') return this.commentLinesEnd(r[1], this.column(r[0]));
    return this.trailingEnd(r[1], false);
  }

  /**
   * Past the blanks, a comment and the line break after `p`. An empty node takes them only with a comment, and
   * takes the comment lines below it too (with the blank lines among them), as the `yaml` package reads it.
   */
  private trailingEnd(p: number, empty: boolean): number {
    const t = this.text;
    let q = p;
    while (isBlank(t.charCodeAt(q))) q++;
    if (t.charCodeAt(q) === HASH) q = lineEnd(t, q);
    else if (empty) return this.commentLines(q, p);
    if (t.charCodeAt(q) === CR) q++;
    if (t.charCodeAt(q) === LF) q++;
    return empty ? this.commentLines(q, q, true) : q;
  }

  /** Past the comment lines (and blank lines among them) that start at or after the line break or line start `q`; `none` when there are none. */
  private commentLines(q: number, none: number, commented = false): number {
    const t = this.text;
    let end = none;
    let p = q;
    for (;;) {
      if (t.charCodeAt(p) === CR) p++;
      if (t.charCodeAt(p) === LF) p++;
      else if (p > 0 && t.charCodeAt(p - 1) !== LF) return end; // not at a line start
      let s = p;
      while (isBlank(t.charCodeAt(s))) s++;
      const c = t.charCodeAt(s);
      if (c === HASH) {
        p = lineEnd(t, s);
        end = p;
        if (t.charCodeAt(end) === CR) end++;
        if (t.charCodeAt(end) === LF) end++;
      } else if (c === LF || c === CR) p = s;
      else return Number.isNaN(c) && (commented || end !== none) ? t.length : end; // blank lines at the end of the file go too
    }
  }

  /**
   * A nested block collection followed (after blank lines) by a comment indented at least as far as it takes
   * that comment and every blank or comment line after it, up to the next content line.
   */
  private commentLinesEnd(p: number, column: number): number {
    if (column === 0) return p;
    const t = this.text;
    let q = p;
    let absorbing = false;
    for (;;) {
      let s = q;
      while (isBlank(t.charCodeAt(s))) s++;
      const c = t.charCodeAt(s);
      if (c === HASH) {
        if (!absorbing && this.column(s) < column) return p;
        absorbing = true;
        while (s < t.length && t.charCodeAt(s) !== LF && t.charCodeAt(s) !== CR) s++;
      } else if (c !== LF && c !== CR) return absorbing ? q : p;
      if (s >= t.length) return absorbing ? t.length : p;
      if (t.charCodeAt(s) === CR) s++;
      if (t.charCodeAt(s) === LF) s++;
      q = s;
    }
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** A block scalar ends with its last content line's break, or (keep chomping `+`) with its trailing empty lines. */
  private blockScalarEnd(start: number, close: number): number {
    const t = this.text;
    let lineStart = close >= t.length ? t.length : t.lastIndexOf('\n', close - 1) + 1;
    if (lineStart <= start) lineStart = close;
    let header = start + 1;
    while (header < t.length && !isWsOrEol(t.charCodeAt(header)) && t.charCodeAt(header) !== HASH) header++;
    if (t.slice(start + 1, header).includes('+')) return lineStart;
    let q = lineStart;
    while (q > start && isWsOrEol(t.charCodeAt(q - 1))) q--;
    if (q <= header) {
      // No content: the header's line, and the empty line after it if there is one.
      let e = lineEnd(t, header);
      if (e < lineStart) e += t.charCodeAt(e) === CR && t.charCodeAt(e + 1) === LF ? 2 : 1;
      const blank = lineEnd(t, e);
      if (blank < lineStart && /^[ \t]*$/.test(t.slice(e, blank))) e = blank + (t.charCodeAt(blank) === CR && t.charCodeAt(blank + 1) === LF ? 2 : 1);
      return Math.min(e, lineStart);
    }
    // q is just past the last content character: its line break (if any) belongs to the scalar.
    if (t.charCodeAt(q) === CR) q++;
    if (t.charCodeAt(q) === LF) q++;
    return q;
  }

  /** A mapping's entries in order, and an index by key for large ones. */
  private entries(i: number): { entries: Entry[]; byKey?: Map<string, number> } {
    let cached = this.entryCache.get(i);
    if (cached) return cached;
    const t = this.text;
    const entries: Entry[] = [];
    const kids = this.childrenOf(i);
    if (this.shape(i) === 'flow-map') {
      for (let k = 0; k < kids.length; k++) {
        const key = kids[k]!;
        if (this.followedByColon(key, true) && k + 1 < kids.length) entries.push({ key, value: kids[++k]! });
        else entries.push({ key, value: -1 });
      }
    } else {
      let pending = -1;
      for (const c of kids) {
        const before = t.charCodeAt(this.nodes.openAt(c) - 1);
        if (before === COLON && this.nodes.openAt(c) > 0) {
          entries.push({ key: pending, value: c });
          pending = -1;
        } else if (before === QUESTION || this.followedByColon(c, false)) {
          if (pending >= 0) entries.push({ key: pending, value: -1 });
          pending = c;
        }
      }
      if (pending >= 0) entries.push({ key: pending, value: -1 });
    }
    cached = { entries: entries.filter((e) => e.key >= 0) };
    this.entryCache.set(i, cached);
    return cached;
  }

  private entry(i: number, key: string): Entry | undefined {
    const cached = this.entries(i);
    if (cached.entries.length > 16) {
      if (!cached.byKey) {
        cached.byKey = new Map();
        cached.entries.forEach((e, k) => {
          const name = this.keyText(e.key);
          if (!cached.byKey!.has(name)) cached.byKey!.set(name, k);
        });
      }
      const k = cached.byKey.get(key);
      return k === undefined ? undefined : cached.entries[k];
    }
    return cached.entries.find((e) => this.keyText(e.key) === key);
  }

  /** A key as the data has it: its text when plain and unambiguous, else the value js-yaml gave it. */
  private keyText(i: number): string {
    const node = this.unwrap(i);
    const r = this.range(node);
    if (!r) return '';
    const s = this.text.slice(r[0], r[1]);
    if (/^[A-Za-z_][\w-]*$/.test(s) && !/^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(s)) return s;
    return keyValue(s);
  }

  private followedByColon(i: number, flow: boolean): boolean {
    const node = this.unwrap(i);
    const r = this.range(node);
    if (!r) return false;
    const t = this.text;
    let p = r[1];
    if (flow) p = skipSpace(t, p);
    else while (isBlank(t.charCodeAt(p))) p++;
    return t.charCodeAt(p) === COLON;
  }

  /** A sequence's items, the empty ones (`-` alone on its line, which js-yaml composes no node for) included. */
  private items(i: number): Item[] {
    let items = this.itemCache.get(i);
    if (items) return items;
    items = [];
    const kids = this.childrenOf(i);
    if (this.shape(i) === 'flow-seq') {
      for (let k = 0; k < kids.length; k++) {
        if (this.followedByColon(kids[k]!, true) && k + 1 < kids.length) {
          items.push({ pair: true });
          k++;
        } else items.push({ node: kids[k]! });
      }
    } else {
      let from = this.start(i);
      for (const c of kids) {
        const dashes = this.dashes(from, this.nodes.openAt(c));
        for (let d = 0; d < dashes.length - 1; d++) items.push({ empty: this.afterDash(dashes[d]!) });
        items.push({ node: c });
        from = this.nodes.closeAt(c);
      }
      for (const d of this.dashes(from, this.nodes.closeAt(i))) items.push({ empty: this.afterDash(d) });
    }
    this.itemCache.set(i, items);
    return items;
  }

  /** The `-` indicators between two offsets that hold only space, comments and indicators. */
  private dashes(from: number, to: number): number[] {
    const t = this.text;
    const out: number[] = [];
    let p = from;
    while (p < to) {
      const c = t.charCodeAt(p);
      if (c === HASH && (p === 0 || isWsOrEol(t.charCodeAt(p - 1)))) {
        while (p < to && t.charCodeAt(p) !== LF && t.charCodeAt(p) !== CR) p++;
      } else if (c === DASH && isWsOrEol(t.charCodeAt(p + 1))) {
        out.push(p);
        p++;
      } else p++;
    }
    return out;
  }

  private afterDash(p: number): number {
    let q = p + 1;
    while (isBlank(this.text.charCodeAt(q))) q++;
    return q;
  }
}

const isCollection = (s: Shape) => s === 'block-map' || s === 'block-seq' || s === 'flow-map' || s === 'flow-seq';

/** Past spaces, tabs, line breaks and comments. */
function skipSpace(t: string, p: number): number {
  for (;;) {
    const c = t.charCodeAt(p);
    if (c === SPACE || c === TAB || c === LF || c === CR) p++;
    else if (c === HASH && (p === 0 || isWsOrEol(t.charCodeAt(p - 1)))) {
      while (p < t.length && t.charCodeAt(p) !== LF && t.charCodeAt(p) !== CR) p++;
    } else return p;
  }
}

/** Back over trailing space and line breaks, never before `floor`. */
function trimEnd(t: string, p: number, floor: number): number {
  while (p > floor && isWsOrEol(t.charCodeAt(p - 1))) p--;
  return p;
}

/** The end of the line at `p` (before its line break). */
function lineEnd(t: string, p: number): number {
  while (p < t.length && t.charCodeAt(p) !== LF && t.charCodeAt(p) !== CR) p++;
  return p;
}

function lineStartsOf(text: string): Int32Array {
  let starts = new Int32Array(Math.max(16, text.length >> 5));
  let n = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) {
    if (n === starts.length) {
      const more = new Int32Array(n * 2);
      more.set(starts);
      starts = more;
    }
    starts[n++] = p + 1;
  }
  return starts.subarray(0, n);
}

/** A key that is not a plain word, read as js-yaml reads it (quotes, escapes, numbers), as the data has it. */
function keyValue(s: string): string {
  try {
    const v = jsyaml.load(s, { schema: jsyaml.CORE_SCHEMA });
    return v !== null && typeof v === 'object' ? s : String(v);
  } catch {
    return s;
  }
}
