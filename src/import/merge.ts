import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { findPair, isEmptyValue, renderItems, YamlEditError, YamlEditor, type EditOptions } from '../engagement/yaml-edit.js';
import type { Application } from '../engagement/types.js';
import { EXIT_FINDINGS, RelmError } from '../errors.js';
import { canonical, rememberEntry, sameAsRemembered, type ImportState } from './state.js';
import { pushAll } from '../util/arrays.js';

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
// How the file writes values (yaml-edit renders them): lists of scalars in flow style, and so a list of small
// records (a release's changes): one `{id: ..., committed: ...}` per line; everything else in blocks.

const isScalarValue = (v: unknown) => v === null || typeof v !== 'object';

function editOptions(order: readonly string[]): EditOptions {
  return {
    flow: (path, v) =>
      (Array.isArray(v) && v.every(isScalarValue)) ||
      (typeof path[path.length - 1] === 'number' && !Array.isArray(v) && isCollectionValue(v) && Object.values(v as object).every(isScalarValue)),
    order: (p) => (p.length === 2 ? order : undefined),
  };
}

const isCollectionValue = (v: unknown) => typeof v === 'object' && v !== null;

/**
 * Appends entries to the list under `key` of the top-level map, creating it when missing, null or `[]`
 * (before the key `before`, when that key exists). Returns false when the list cannot be edited in place
 * (a non-empty flow list).
 */
function appendEntries(
  ed: YamlEditor,
  root: YAMLMap,
  key: string,
  entries: readonly Record<string, unknown>[],
  flowItems: boolean | undefined,
  before?: string,
): boolean {
  if (!entries.length) return true;
  const pair = findPair(root, key);
  const v = pair?.value;
  if (isSeq(v) && v.items.length) {
    if (v.flow) return false;
    ed.append(v as YAMLSeq, [key], entries, false, flowItems ?? (isMap(v.items[0]) && !!(v.items[0] as YAMLMap).flow));
    return true;
  }
  if (pair && !isEmptyValue(v) && !(isSeq(v) && !v.items.length) && !(isScalar(v) && v.value === null)) return false;
  ed.startList(root, key, entries, flowItems ?? false, before);
  return true;
}

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

function open(file: string, text: string, order: readonly string[]): YamlEditor | null {
  let ed: YamlEditor;
  try {
    ed = new YamlEditor(text, editOptions(order));
  } catch (err) {
    if (!(err instanceof YamlEditError)) throw err;
    throw new RelmError(
      `${file}${err.line ? `:${err.line}${err.col ? `:${err.col}` : ''}` : ''} is not valid YAML: ${err.message.replace(/^cannot edit YAML with errors: /, '')}`,
      EXIT_FINDINGS,
      `Fix ${file} (see \`relm validate\`) and import again; nothing was written.`,
    );
  }
  const contents = ed.doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return null;
  if (!isMap(contents) || contents.flow) {
    throw new RelmError(
      `${file} must hold a mapping (keys such as items:), not a list or a value`,
      EXIT_FINDINGS,
      `Fix ${file} and import again; nothing was written.`,
    );
  }
  return ed;
}

/** A whole new file: the header as a comment, then the lists. */
function newFile(header: string, lists: [string, Record<string, unknown>[], boolean][], opts: EditOptions): string {
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
    if (entries.length) parts.push(renderItems(entries, [key], opts, 2, flow, '\n').replace(/\n$/, ''));
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
  const ed = text.trim() ? open(spec.file, text, spec.order) : null;

  const fresh = (e: Entry) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
  if (!ed) {
    // No file, or one holding only comments: start it (keeping those comments).
    const entries = add ? spec.entries.map(fresh) : [];
    pushAll(
      report.added,
      entries.map((e) => String(e.id)),
    );
    if (!add)
      pushAll(
        report.missing,
        spec.entries.map((e) => e.id),
      );
    for (const e of spec.entries) if (add) remembered.set(e.id, rememberEntry(e));
    const apps = (spec.applications ?? []).map((a) => ({ ...a }));
    pushAll(
      report.applicationsAdded,
      apps.map((a) => a.id),
    );
    const lists: [string, Record<string, unknown>[], boolean][] =
      spec.key === 'items'
        ? [
            ['applications', apps, true],
            ['items', entries, false],
          ]
        : [['releases', entries, false]];
    if (!entries.length && !apps.length) return { text: spec.text ?? '', changed: false, report, remembered };
    const body = newFile(spec.header, lists, editOptions(spec.order));
    return { text: text.trim() ? `${text.replace(/\s*$/, '\n')}${body.slice(body.indexOf('\n\n') + 2)}` : body, changed: true, report, remembered };
  }

  const root = ed.doc.contents as YAMLMap;
  const listPair = findPair(root, spec.key);
  const list = listPair?.value;
  if (list !== undefined && !isEmptyValue(list) && !isSeq(list)) {
    throw new RelmError(`"${spec.key}" in ${spec.file} must be a list`, EXIT_FINDINGS, `Fix ${spec.file} and import again; nothing was written.`);
  }
  const index = new Map<string, { node: YAMLMap; at: number }>();
  (isSeq(list) ? (list as YAMLSeq).items : []).forEach((node, at) => {
    const id = idOf(node);
    if (id !== undefined && !index.has(id)) index.set(id, { node: node as YAMLMap, at });
  });

  const appended: Record<string, unknown>[] = [];
  for (const entry of spec.entries) {
    const found = index.get(entry.id);
    const node = found?.node;
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
      if (theirs === undefined) ed.remove(node, key);
      else ed.set(node, [spec.key, found!.at], key, theirs);
      fields.push(key);
    }
    remembered.set(entry.id, rememberEntry(entry));
    if (fields.length) report.updated.push({ id: entry.id, fields });
    else report.unchanged.push(entry.id);
  }

  let canEdit = appendEntries(ed, root, spec.key, appended, undefined);
  if (spec.key === 'items' && spec.applications?.length) {
    const appsPair = findPair(root, 'applications');
    const known = new Set(isSeq(appsPair?.value) ? (appsPair!.value as YAMLSeq).items.map(idOf).filter((x): x is string => x !== undefined) : []);
    const missing = spec.applications.filter((a) => !known.has(a.id) && !!known.add(a.id));
    pushAll(
      report.applicationsAdded,
      missing.map((a) => a.id),
    );
    const flowApps = isSeq(appsPair?.value) && (appsPair!.value as YAMLSeq).items.length ? undefined : true;
    canEdit =
      appendEntries(
        ed,
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
  const changed = ed.changed;
  return { text: changed ? ed.toString() : text, changed, report, remembered };
}
