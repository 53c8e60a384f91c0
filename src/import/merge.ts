import { Document, isMap, isNode, isScalar, isSeq, parseDocument, YAMLMap, YAMLSeq, type ToStringOptions } from 'yaml';
import type { Application, BacklogItem, Release } from '../engagement/types.js';
import { EXIT_FINDINGS, RelmError } from '../errors.js';

/** What merging did to one file. */
export interface MergeReport {
  added: string[];
  updated: { id: string; fields: string[] }[];
  unchanged: string[];
  applicationsAdded: string[];
}

export interface MergedFile {
  /** The new text; equal to the old one when nothing changed. */
  text: string;
  changed: boolean;
  report: MergeReport;
}


const emptyReport = (): MergeReport => ({ added: [], updated: [], unchanged: [], applicationsAdded: [] });

/**
 * Opens a YAML file for editing with its comments, order and layout (the `yaml` Document API), or starts
 * a new one with the header comment. A file that is not YAML, or not a mapping, cannot be merged into.
 */
function open(file: string, text: string | null, header: string): Document {
  if (text === null || !text.trim()) {
    const doc = new Document({});
    doc.commentBefore = text?.trim() ? null : ` ${header.split('\n').join('\n ')}`;
    return doc;
  }
  const doc: Document = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0].line;
    throw new RelmError(`${file}${line ? `:${line}` : ''} is not valid YAML: ${e.message.split('\n')[0]}`, EXIT_FINDINGS, `Fix ${file} (see \`relm validate\`) and import again; nothing was written.`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    const comment = doc.commentBefore ?? doc.comment;
    doc.contents = doc.createNode({}) as YAMLMap;
    doc.commentBefore = comment;
    doc.comment = null;
  } else if (!isMap(doc.contents)) {
    throw new RelmError(`${file} must hold a mapping (keys such as items:), not a list or a value`, EXIT_FINDINGS, `Fix ${file} and import again; nothing was written.`);
  }
  return doc;
}

/** The list under `key`, created (before `before`, when that key exists) if missing. */
function listOf(doc: Document, file: string, key: string, before?: string): YAMLSeq {
  const root = doc.contents as YAMLMap;
  const existing = root.get(key, true);
  if (isSeq(existing)) {
    // `items: []` (as `relm init` writes it) becomes a block list once it has entries.
    if (!existing.items.length) existing.flow = false;
    return existing;
  }
  if (existing !== undefined && !(isScalar(existing) && existing.value === null)) {
    throw new RelmError(`"${key}" in ${file} must be a list`, EXIT_FINDINGS, `Fix ${file} and import again; nothing was written.`);
  }
  const seq = new YAMLSeq();
  const at = before === undefined ? -1 : root.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === before);
  if (existing !== undefined) root.set(key, seq);
  else if (at >= 0) root.items.splice(at, 0, doc.createPair(key, seq) as never);
  else root.add(doc.createPair(key, seq));
  return seq;
}

function idOf(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const id = node.get('id');
  return id === undefined || id === null ? undefined : String(id);
}

const toJs = (v: unknown) => (isNode(v) ? v.toJSON() : v);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** A new node for a value: lists of scalars in flow style (`[a, b]`), as the examples write them. */
function nodeFor(doc: Document, value: unknown): unknown {
  const node = doc.createNode(value);
  const flowLists = (n: unknown) => {
    if (isSeq(n) && n.items.every((i) => isScalar(i))) n.flow = true;
    if (isSeq(n) || isMap(n)) for (const i of n.items) flowLists(isMap(n) ? (i as { value: unknown }).value : i);
  };
  flowLists(node);
  return node;
}

/**
 * Merges entries into the list under `key` by id: a new id is appended; a known one is updated field by
 * field with the entry's values (fields the entry lacks are kept; a field present as `undefined` is
 * removed, e.g. `closed` of a reopened item). Comments, order and layout of the rest stay.
 */
function mergeList(doc: Document, seq: YAMLSeq, entries: readonly { id: string }[], report: MergeReport): void {
  const index = new Map<string, YAMLMap>();
  for (const node of seq.items) {
    const id = idOf(node);
    if (id !== undefined && !index.has(id)) index.set(id, node as YAMLMap);
  }
  for (const entry of entries) {
    const node = index.get(entry.id);
    if (!node) {
      const fresh = Object.fromEntries(Object.entries(entry as object).filter(([, v]) => v !== undefined));
      const created = nodeFor(doc, fresh) as YAMLMap;
      seq.add(created);
      index.set(entry.id, created);
      report.added.push(entry.id);
      continue;
    }
    const fields: string[] = [];
    for (const [key, value] of Object.entries(entry as object) as [string, unknown][]) {
      const current = node.get(key, true);
      if (value === undefined) {
        if (current !== undefined) {
          node.delete(key);
          fields.push(key);
        }
        continue;
      }
      if (current !== undefined && same(toJs(current), value)) continue;
      fields.push(key);
      // A scalar keeps its node (and its comment); a list or mapping is replaced.
      if (isScalar(current) && (typeof value !== 'object' || value === null)) current.value = value;
      else node.set(key, nodeFor(doc, value));
    }
    if (fields.length) report.updated.push({ id: entry.id, fields });
    else report.unchanged.push(entry.id);
  }
}

/** Adds the applications the list does not have yet, in the style of its first entry (flow `{id: x}` by default). */
function mergeApplications(doc: Document, file: string, applications: readonly Application[], report: MergeReport): void {
  if (!applications.length) return;
  const root = doc.contents as YAMLMap;
  const existing = root.get('applications', true);
  const known = new Set(isSeq(existing) ? existing.items.map(idOf).filter((x): x is string => x !== undefined) : []);
  const missing = applications.filter((a) => !known.has(a.id));
  if (!missing.length) return;
  const seq = listOf(doc, file, 'applications', 'items');
  const flow = seq.items.length ? isMap(seq.items[0]) && (seq.items[0] as YAMLMap).flow === true : true;
  for (const a of missing) {
    const node = doc.createNode(a) as YAMLMap;
    node.flow = flow;
    seq.add(node);
    known.add(a.id);
    report.applicationsAdded.push(a.id);
  }
}

/** Keeps the file's own style where it differs from the `yaml` defaults: `{a: b}` without padding, unindented lists. */
function styleOf(text: string | null): ToStringOptions {
  const t = text ?? '';
  return {
    lineWidth: 0,
    flowCollectionPadding: /[:-] +\{ \S/.test(t) || /[:-] +\[ \S/.test(t),
    indentSeq: !/^[A-Za-z_][\w-]*:[ \t]*\n- /m.test(t),
  };
}

function finish(doc: Document, text: string | null, report: MergeReport): MergedFile {
  const changed = report.added.length > 0 || report.updated.length > 0 || report.applicationsAdded.length > 0;
  return { text: changed ? doc.toString(styleOf(text)) : (text ?? ''), changed, report };
}

/**
 * backlog.yaml with the imported items and applications merged in by id. `text` is the current file
 * (null when there is none, which starts one with `header` as its comment).
 */
export function mergeBacklog(text: string | null, items: readonly BacklogItem[], applications: readonly Application[], header: string): MergedFile {
  const doc = open('backlog.yaml', text, header);
  const report = emptyReport();
  mergeApplications(doc, 'backlog.yaml', applications, report);
  if (items.length || text === null) mergeList(doc, listOf(doc, 'backlog.yaml', 'items'), items, report);
  return finish(doc, text, report);
}

/** releases.yaml with the imported releases merged in by id (see mergeBacklog). */
export function mergeReleases(text: string | null, releases: readonly Release[], header: string): MergedFile {
  const doc = open('releases.yaml', text, header);
  const report = emptyReport();
  if (releases.length || text === null) mergeList(doc, listOf(doc, 'releases.yaml', 'releases'), releases, report);
  return finish(doc, text, report);
}
