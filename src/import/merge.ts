import { Document, isCollection, isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Application } from '../engagement/types.js';
import { EXIT_FINDINGS, RelmError } from '../errors.js';
import { canonical, rememberEntry, sameAsRemembered, type ImportState } from './state.js';

/** A field the merge left as the user has it, and why. */
export interface KeptField {
  id: string;
  field: string;
  yours: unknown;
  theirs: unknown;
}

/** What merging did to one file. */
export interface MergeReport {
  added: string[];
  updated: { id: string; fields: string[] }[];
  unchanged: string[];
  applicationsAdded: string[];
  /** Fields edited by hand since the last import, which the export did not change: kept. */
  kept: KeptField[];
  /** Fields changed both by hand and at the source (or of a record no earlier import wrote): the user's value kept. */
  conflicts: KeptField[];
  /** Records an earlier import added and the user deleted since: not added again. */
  removed: string[];
  /** Records of the file that belong to another application: left alone. */
  collisions: { id: string; owner: string[]; incoming: string[] }[];
  /** Entries that only update (incidents) whose record is not in the file. */
  missing: string[];
}

export interface MergedFile {
  /** The new text; equal to the old one when nothing changed. */
  text: string;
  changed: boolean;
  report: MergeReport;
  /** The values imported now, by id: the import state's records for the next three-way merge. */
  remembered: Map<string, Record<string, unknown>>;
}

export interface MergeOptions {
  /** The values the last import of this source wrote (null: none recorded). */
  base?: ImportState | null;
  /** The export wins wherever it differs (`--force`): edits and conflicts are overwritten. */
  force?: boolean;
  /** Whether entries not in the file are added (false: they only update, as incidents do). */
  add?: boolean;
  /** What the other sources imported last: a value one of them wrote is not an edit by hand. */
  others?: readonly ImportState[];
}

export const emptyReport = (): MergeReport => ({
  added: [],
  updated: [],
  unchanged: [],
  applicationsAdded: [],
  kept: [],
  conflicts: [],
  removed: [],
  collisions: [],
  missing: [],
});

type Entry = { id: string } & Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Rendering values as the file writes them: lists of scalars in flow style, everything else block.

const RENDER = { lineWidth: 0, flowCollectionPadding: false } as const;

function styled(doc: Document): Document {
  const walk = (n: unknown) => {
    if (isSeq(n) && n.items.every((i) => isScalar(i))) n.flow = true;
    // A list of small records (a release's changes) has one `{id: ..., committed: ...}` per line.
    if (isSeq(n)) for (const i of n.items) if (isMap(i) && i.items.every((p) => isScalar(p.value))) i.flow = true;
    if (isSeq(n) || isMap(n)) for (const i of n.items) walk(isMap(n) ? (i as Pair).value : i);
  };
  walk(doc.contents);
  return doc;
}

/** A value on one line, for a flow collection (`inFlow`) or after `key: ` in a block map. Null when it needs lines. */
function inline(value: unknown, inFlow: boolean): string | null {
  if (inFlow) {
    const doc = new Document([value]);
    const all = (n: unknown) => {
      if (isCollection(n)) {
        n.flow = true;
        for (const i of n.items) all(isMap(n) ? (i as Pair).value : i);
      } else if (isScalar(n) && typeof n.value === 'string' && /[\n\r]/.test(n.value)) n.type = 'QUOTE_DOUBLE';
    };
    all(doc.contents);
    return doc
      .toString(RENDER)
      .replace(/\r?\n$/, '')
      .slice(1, -1);
  }
  const s = styled(new Document(value))
    .toString(RENDER)
    .replace(/\r?\n$/, '');
  return s.includes('\n') ? null : s;
}

/** `key: value` at column `col`, on as many lines as it needs (no line end after the last). */
function renderPair(key: string, value: unknown, col: number, eol: string): string {
  const pad = ' '.repeat(col);
  return styled(new Document({ [key]: value }))
    .toString(RENDER)
    .replace(/\r?\n$/, '')
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join(eol);
}

/** New entries of a block sequence whose dashes are at column `col`, each line ended. Block entries are rendered in one go (fast for thousands). */
function renderItems(values: readonly Record<string, unknown>[], col: number, flow: boolean, eol: string): string {
  if (!values.length) return '';
  const pad = ' '.repeat(col);
  if (flow) return values.map((v) => `${pad}- ${inline(v, true) ?? ''}${eol}`).join('');
  const doc = styled(new Document(values));
  (doc.contents as YAMLSeq).flow = false;
  for (const item of (doc.contents as YAMLSeq).items) if (isMap(item)) item.flow = false;
  return doc
    .toString({ ...RENDER, indentSeq: false })
    .replace(/\r?\n$/, '')
    .split('\n')
    .map((l) => (l ? pad + l : l) + eol)
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Positions in the text.

type Range = [number, number, number];
const rangeOf = (node: unknown): Range => {
  const r = (node as { range?: Range } | null)?.range;
  if (!r) throw new Error('a YAML node without a source range');
  return r;
};
const lineStart = (text: string, i: number) => text.lastIndexOf('\n', i - 1) + 1;
const column = (text: string, i: number) => i - lineStart(text, i);
const afterLine = (text: string, i: number) => {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n + 1;
};
const keyOf = (p: Pair) => (isScalar(p.key) ? String(p.key.value) : undefined);
const isEmptyValue = (v: unknown) => v === null || v === undefined || (isScalar(v) && v.value === null && rangeOf(v)[0] === rangeOf(v)[1]);

/** Just after the line holding the end of a pair's value. */
function pairEnd(text: string, p: Pair): number {
  const end = isEmptyValue(p.value) ? rangeOf(p.key)[1] : rangeOf(p.value)[1];
  return text[end - 1] === '\n' ? end : afterLine(text, end);
}

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

class Edits {
  private readonly list: Edit[] = [];
  add(start: number, end: number, text: string): void {
    this.list.push({ start, end, text, seq: this.list.length });
  }
  get size(): number {
    return this.list.length;
  }
  /** Applies the edits (non-overlapping; insertions at one place keep the order they were added in). */
  apply(text: string): string {
    const sorted = [...this.list].sort((a, b) => b.start - a.start || b.seq - a.seq);
    let out = text;
    for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Editing one record (a map of the list) in place.

interface FileCtx {
  text: string;
  eol: string;
  edits: Edits;
  order: readonly string[];
}

function setField(c: FileCtx, map: YAMLMap, key: string, value: unknown): void {
  const pair = map.items.find((p) => keyOf(p) === key);
  const flow = !!map.flow;
  if (value === undefined) {
    if (!pair) return;
    if (flow) {
      const i = map.items.indexOf(pair);
      const prev = map.items[i - 1];
      if (!prev) throw new RelmError(`cannot remove "${key}", the first key of a record`, EXIT_FINDINGS);
      const from = rangeOf(isEmptyValue(prev.value) ? prev.key : prev.value)[1];
      c.edits.add(from, rangeOf(isEmptyValue(pair.value) ? pair.key : pair.value)[1], '');
    } else {
      c.edits.add(lineStart(c.text, rangeOf(pair.key)[0]), pairEnd(c.text, pair), '');
    }
    return;
  }
  if (pair) {
    const v = pair.value;
    const one = inline(value, flow);
    if (one !== null && !isEmptyValue(v) && (isScalar(v) || (isCollection(v) && v.flow))) {
      const r = rangeOf(v);
      if (!c.text.slice(r[0], r[1]).includes('\n') || flow) {
        c.edits.add(r[0], r[1], one);
        return;
      }
    }
    if (one !== null && isEmptyValue(v)) {
      const at = rangeOf(pair.key)[1];
      const colon = c.text.indexOf(':', at);
      c.edits.add(colon + 1, colon + 1, ` ${one}`);
      return;
    }
    // A value on several lines (a block list, a long text): the pair is written anew.
    const col = column(c.text, rangeOf(pair.key)[0]);
    c.edits.add(lineStart(c.text, rangeOf(pair.key)[0]), pairEnd(c.text, pair), renderPair(key, value, col, c.eol) + c.eol);
    return;
  }
  // A new key: after the last key that comes before it in the schema's order.
  const rank = (k: string | undefined) => (k === undefined ? -1 : c.order.indexOf(k));
  const mine = rank(key);
  let after = map.items[map.items.length - 1]!;
  if (mine >= 0) {
    const before = map.items.filter((p) => rank(keyOf(p)) >= 0 && rank(keyOf(p)) < mine);
    if (before.length) after = before[before.length - 1]!;
  }
  if (flow) {
    const end = rangeOf(isEmptyValue(after.value) ? after.key : after.value)[1];
    c.edits.add(end, end, `, ${inline(key, true)}: ${inline(value, true)}`);
    return;
  }
  const col = column(c.text, rangeOf(map.items[0]!.key)[0]);
  const at = pairEnd(c.text, after);
  const lead = at === c.text.length && !c.text.endsWith('\n') ? c.eol : '';
  c.edits.add(at, at, lead + renderPair(key, value, col, c.eol) + c.eol);
}

// ---------------------------------------------------------------------------------------------
// Lists.

/** The file's style for a new block list: indented under its key (`  - x`) or not (`- x`). */
function indentsLists(text: string): boolean {
  return !/^[A-Za-z_][\w-]*:[ \t]*\r?\n- /m.test(text);
}

/**
 * Appends entries to the list under `key` of the top-level map, creating it when missing, null or `[]`
 * (before the key `before`, when that key exists). Returns false when the list cannot be edited in place
 * (a non-empty flow list).
 */
function appendEntries(
  c: FileCtx,
  root: YAMLMap,
  key: string,
  entries: readonly Record<string, unknown>[],
  flowItems: boolean | undefined,
  before?: string,
): boolean {
  if (!entries.length) return true;
  const pair = root.items.find((p) => keyOf(p) === key);
  const v = pair?.value;
  if (isSeq(v) && v.items.length) {
    if (v.flow) return false;
    const col = column(c.text, rangeOf(v)[0]);
    const flow = flowItems ?? (isMap(v.items[0]) && !!(v.items[0] as YAMLMap).flow);
    const last = v.items[v.items.length - 1];
    const end = rangeOf(last)[1];
    const at = c.text[end - 1] === '\n' ? end : afterLine(c.text, end);
    const lead = at === c.text.length && !c.text.endsWith('\n') ? c.eol : '';
    c.edits.add(at, at, lead + renderItems(entries, col, flow, c.eol));
    return true;
  }
  const col = indentsLists(c.text) ? 2 : 0;
  const body = renderItems(entries, col, flowItems ?? false, c.eol);
  if (pair && (isEmptyValue(v) || (isSeq(v) && !v.items.length) || (isScalar(v) && v.value === null))) {
    const colon = c.text.indexOf(':', rangeOf(pair.key)[1]);
    const end = isEmptyValue(v) ? colon + 1 : rangeOf(v)[1];
    // Keep a comment on the key's line.
    const rest = c.text.slice(end, afterLine(c.text, end)).replace(/\r?\n$/, '');
    c.edits.add(colon + 1, afterLine(c.text, end), `${rest}${c.eol}${body}`);
    return true;
  }
  if (pair) return false;
  const beforePair = before === undefined ? undefined : root.items.find((p) => keyOf(p) === before);
  if (beforePair) {
    const at = lineStart(c.text, rangeOf(beforePair.key)[0]);
    c.edits.add(at, at, `${key}:${c.eol}${body}${c.eol}`);
  } else {
    const lead = c.text.length && !c.text.endsWith('\n') ? c.eol : '';
    c.edits.add(c.text.length, c.text.length, `${lead}${key}:${c.eol}${body}`);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

const toJs = (v: unknown) => (v !== null && typeof v === 'object' && 'toJSON' in v ? (v as { toJSON(): unknown }).toJSON() : v);
const same = (a: unknown, b: unknown) => a === b || (a !== undefined && b !== undefined && canonical(a) === canonical(b));

function idOf(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const id = node.get('id');
  return id === undefined || id === null ? undefined : String(id);
}

/** The applications a record belongs to: an item's `application`, a release's `applications`. */
function ownersOf(record: Record<string, unknown>): string[] {
  if (typeof record.application === 'string') return [record.application];
  if (Array.isArray(record.applications)) return record.applications.map(String);
  return [];
}

function open(file: string, text: string): YAMLMap | null {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0].line;
    throw new RelmError(
      `${file}${line ? `:${line}` : ''} is not valid YAML: ${e.message.split('\n')[0]}`,
      EXIT_FINDINGS,
      `Fix ${file} (see \`relm validate\`) and import again; nothing was written.`,
    );
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return null;
  if (!isMap(doc.contents) || doc.contents.flow) {
    throw new RelmError(
      `${file} must hold a mapping (keys such as items:), not a list or a value`,
      EXIT_FINDINGS,
      `Fix ${file} and import again; nothing was written.`,
    );
  }
  return doc.contents;
}

/** A whole new file: the header as a comment, then the lists. */
function newFile(header: string, lists: [string, Record<string, unknown>[], boolean][]): string {
  const parts = [
    header
      .split('\n')
      .map((l) => `# ${l}`.trimEnd())
      .join('\n'),
    '',
  ];
  for (const [key, entries, flow] of lists) {
    if (!entries.length && key !== lists[lists.length - 1]![0]) continue;
    parts.push(`${key}:${entries.length ? '' : ' []'}`);
    if (entries.length) parts.push(renderItems(entries, 2, flow, '\n').replace(/\n$/, ''));
  }
  return parts.join('\n') + '\n';
}

export interface MergeSpec {
  file: 'backlog.yaml' | 'releases.yaml';
  /** The current text (null or blank: no file yet). */
  text: string | null;
  /** The list of records: `items` or `releases`. */
  key: 'items' | 'releases';
  entries: readonly Entry[];
  /** backlog.yaml: applications to add to its list when missing. */
  applications?: readonly Application[];
  header: string;
  order: readonly string[];
}

/**
 * The three-way merge of an import into a YAML file, by id. For each field the export carries:
 * unchanged at both ends stays; changed only at the source is updated; changed only in the file (an edit by
 * hand since the last import) is kept and reported; changed at both ends keeps the user's value and is
 * reported as a conflict. A record no earlier import wrote counts every difference as a conflict (an absent
 * field is simply added). A record of another application is a collision, left alone. The text is edited in
 * place: only the changed values, new keys and new entries are written; every other byte stays.
 */
export function mergeRecords(spec: MergeSpec, opts: MergeOptions = {}): MergedFile {
  const report = emptyReport();
  const remembered = new Map<string, Record<string, unknown>>();
  const base = opts.base?.records;
  const add = opts.add !== false;
  const text = spec.text ?? '';
  const root = text.trim() ? open(spec.file, text) : null;

  const fresh = (e: Entry) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
  if (!root) {
    // No file, or one holding only comments: start it (keeping those comments).
    const entries = add ? spec.entries.map(fresh) : [];
    report.added.push(...entries.map((e) => String(e.id)));
    if (!add) report.missing.push(...spec.entries.map((e) => e.id));
    for (const e of spec.entries) if (add) remembered.set(e.id, rememberEntry(e));
    const apps = (spec.applications ?? []).map((a) => ({ ...a }));
    report.applicationsAdded.push(...apps.map((a) => a.id));
    const lists: [string, Record<string, unknown>[], boolean][] =
      spec.key === 'items'
        ? [
            ['applications', apps, true],
            ['items', entries, false],
          ]
        : [['releases', entries, false]];
    if (!entries.length && !apps.length) return { text: spec.text ?? '', changed: false, report, remembered };
    const body = newFile(spec.header, lists);
    return { text: text.trim() ? `${text.replace(/\s*$/, '\n')}${body.slice(body.indexOf('\n\n') + 2)}` : body, changed: true, report, remembered };
  }

  const c: FileCtx = { text, eol: text.includes('\r\n') ? '\r\n' : '\n', edits: new Edits(), order: spec.order };
  const listPair = root.items.find((p) => keyOf(p) === spec.key);
  const list = listPair?.value;
  if (list !== undefined && !isEmptyValue(list) && !isSeq(list)) {
    throw new RelmError(`"${spec.key}" in ${spec.file} must be a list`, EXIT_FINDINGS, `Fix ${spec.file} and import again; nothing was written.`);
  }
  const index = new Map<string, YAMLMap>();
  for (const node of isSeq(list) ? (list as YAMLSeq).items : []) {
    const id = idOf(node);
    if (id !== undefined && !index.has(id)) index.set(id, node as YAMLMap);
  }

  const appended: Record<string, unknown>[] = [];
  for (const entry of spec.entries) {
    const node = index.get(entry.id);
    const was = base?.get(entry.id);
    if (!node) {
      if (!add) report.missing.push(entry.id);
      else if (was) {
        report.removed.push(entry.id);
        remembered.set(entry.id, rememberEntry(entry));
      } else {
        appended.push(fresh(entry));
        report.added.push(entry.id);
        remembered.set(entry.id, rememberEntry(entry));
      }
      continue;
    }
    const current = toJs(node) as Record<string, unknown>;
    const owners = ownersOf(current);
    const incoming = ownersOf(entry);
    // Another application's record: not this source's last import of it (which the user may have re-assigned).
    const wasOurs =
      !!was &&
      (was.application !== undefined || was.applications !== undefined) &&
      sameAsRemembered(was.application, entry.application) &&
      sameAsRemembered(was.applications, entry.applications);
    if (!wasOurs && owners.length && incoming.length && !incoming.some((a) => owners.includes(a))) {
      report.collisions.push({ id: entry.id, owner: owners, incoming });
      continue;
    }
    const fields: string[] = [];
    for (const [key, theirs] of Object.entries(entry)) {
      if (key === 'id') continue;
      const yours = current[key];
      if (same(yours, theirs)) continue;
      let take: boolean;
      if (opts.force) take = true;
      else if (!was) {
        // No earlier import of this source wrote the record: a value the user has is theirs (unless another
        // import wrote it); a missing one is filled in.
        take =
          yours === undefined ||
          (opts.others ?? []).some((o) => {
            const r = o.records.get(entry.id);
            return !!r && sameAsRemembered(r[key], yours);
          });
        if (!take) report.conflicts.push({ id: entry.id, field: key, yours, theirs });
      } else if (sameAsRemembered(was[key], yours)) take = true;
      else {
        take = false;
        (sameAsRemembered(was[key], theirs) ? report.kept : report.conflicts).push({ id: entry.id, field: key, yours, theirs });
      }
      if (!take) continue;
      setField(c, node, key, theirs);
      fields.push(key);
    }
    remembered.set(entry.id, rememberEntry(entry));
    if (fields.length) report.updated.push({ id: entry.id, fields });
    else report.unchanged.push(entry.id);
  }

  let canEdit = appendEntries(c, root, spec.key, appended, undefined);
  if (spec.key === 'items' && spec.applications?.length) {
    const appsPair = root.items.find((p) => keyOf(p) === 'applications');
    const known = new Set(isSeq(appsPair?.value) ? (appsPair!.value as YAMLSeq).items.map(idOf).filter((x): x is string => x !== undefined) : []);
    const missing = spec.applications.filter((a) => !known.has(a.id) && !!known.add(a.id));
    report.applicationsAdded.push(...missing.map((a) => a.id));
    const flowApps = isSeq(appsPair?.value) && (appsPair!.value as YAMLSeq).items.length ? undefined : true;
    canEdit =
      appendEntries(
        c,
        root,
        'applications',
        missing.map((a) => ({ ...a })),
        flowApps,
        'items',
      ) && canEdit;
  }
  if (!canEdit) {
    throw new RelmError(
      `${spec.file}: the ${spec.key} list is written in flow style ([...]), which relm cannot add to in place`,
      EXIT_FINDINGS,
      `Write it as a block list (one "- " entry per line) and import again; nothing was written.`,
    );
  }
  const changed = c.edits.size > 0;
  return { text: changed ? c.edits.apply(text) : text, changed, report, remembered };
}
