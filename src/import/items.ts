import type { Application, BacklogItem, ItemStatus, MaintenanceType, Priority } from '../engagement/types.js';
import { DATE_EXAMPLES, type DateOrder, parseExportDate, resolveDateOrder } from './dates.js';
import { ITEM_ORDER, toBoolean, toList, toNumber } from './fields.js';
import { ID, slugify, toId } from './ids.js';
import { Notes } from './notes.js';
import { overlongProblems, type CsvRow, type CsvTable } from './csv.js';
import type { ImportResult, Problem } from './types.js';
import { mapped, type ValueMaps } from './value-maps.js';
import { CLOSED_STATUSES, lookupPriority, norm, NO_RESOLUTION, OPEN_STATUSES, RESOLUTIONS, TYPES, typeWord } from './vocabulary.js';
import { pushAll } from '../util/arrays.js';

/** The most descriptions keep: enough for the duplicate finder, small enough for a readable backlog.yaml. */
export const DESCRIPTION_MAX = 4000;
/** The schema's bound on `change` (one reference, or a few joined by commas). */
const CHANGE_MAX = 1000;

/** One issue as a tracker exports it, before relm's vocabulary is applied. Every text is raw. */
export interface RawItem {
  /** CSV line (header = 1) or JSON index. */
  row: number;
  id: string;
  title: string;
  description?: string;
  issueType?: string;
  labels: string[];
  status: string;
  resolution: string;
  priority: string;
  created: string;
  resolved: string;
  components: string[];
  /** An application named by the export itself (a mapped column, a repository). */
  application?: string;
  duplicateOf?: string;
  /** The approved change (RFC) the export links the issue to: a change field, a linked change, a pull request. */
  change?: string;
  /** Fields filled by --map that have no raw counterpart (effort_days, benefit, ...), with the export's column. */
  extras: { field: string; values: string[]; column?: string }[];
}

export interface ItemContext {
  /** --application: every item's application. */
  application?: string;
  /** The type when the export says nothing about it (bug trackers: corrective). */
  defaultType?: MaintenanceType;
  /** What the id column is called, for "no issue key" messages. */
  idLabel: string;
  /** What the date columns are called, for messages. */
  createdLabel: string;
  resolvedLabel: string;
  /** How to say where an application comes from when it is missing. */
  applicationHint: string;
  /** Put before every id and duplicate the source gives (`--id-prefix`; GitHub: `GH-`). */
  idPrefix?: string;
  /** relm.yaml `import.<source>` value maps. */
  values?: ValueMaps;
  /** --date-format: the order of day and month in dates written with numbers only (else found from the dates). */
  dateOrder?: DateOrder;
}

/** Puts a `--map column=field` value where the parser would have put the export's own column. */
export function applyMapped(raw: RawItem, field: string, values: string[], column?: string): void {
  const one = values.find((v) => v.trim() !== '')?.trim() ?? '';
  switch (field) {
    case 'id':
      raw.id = one;
      break;
    case 'title':
      raw.title = one;
      break;
    case 'description':
      raw.description = values.join('\n\n');
      break;
    case 'type':
      raw.issueType = one;
      break;
    case 'priority':
      raw.priority = one;
      break;
    case 'status':
      raw.status = one;
      break;
    case 'requested':
      raw.created = one;
      break;
    case 'closed':
      raw.resolved = one;
      break;
    case 'application':
      raw.application = one;
      break;
    case 'duplicate_of':
      raw.duplicateOf = one;
      break;
    default:
      raw.extras.push({ field, values, ...(column !== undefined ? { column } : {}) });
  }
}

/** Labels that say the type: only unambiguous words count (a "test" label on a bug says nothing about its type). */
const LABEL_TYPES = new Map<string, MaintenanceType>([
  ['bug', 'corrective'],
  ['defect', 'corrective'],
  ['regression', 'corrective'],
  ['enhancement', 'perfective'],
  ['feature', 'perfective'],
  ['feature request', 'perfective'],
  ['improvement', 'perfective'],
  ['new feature', 'perfective'],
  ['dependencies', 'adaptive'],
  ['dependency upgrade', 'adaptive'],
  ['chore', 'adaptive'],
  ['tech debt', 'preventive'],
  ['technical debt', 'preventive'],
  ['refactoring', 'preventive'],
]);

function mappedStatus(raw: RawItem, notes: Notes, values?: ValueMaps): ItemStatus {
  const own = mapped(values, 'status', raw.status);
  if (own) return own as ItemStatus;
  const s = norm(raw.status);
  const r = norm(raw.resolution);
  const hasResolution = !NO_RESOLUTION.has(r);
  const byResolution = hasResolution ? RESOLUTIONS.get(r) : undefined;
  const unknownResolution = (taken: string) => notes.add(`resolution:${r}`, `resolution "${raw.resolution.trim()}" is not known: taken as ${taken}`);

  const open = OPEN_STATUSES.get(s);
  if (open) return open;
  const closed = CLOSED_STATUSES.get(s);
  if (closed) {
    const fallback: ItemStatus = closed === 'closed' ? 'done' : closed;
    if (byResolution) return byResolution;
    if (hasResolution) unknownResolution(fallback);
    return fallback;
  }
  // A status this table does not know: a resolution means closed (Jira's own rule), else open.
  if (byResolution) {
    if (s) notes.add(`status:${s}`, `status "${raw.status.trim()}" is not known: taken as closed (it has a resolution)`);
    return byResolution;
  }
  if (hasResolution) {
    unknownResolution('done');
    return 'done';
  }
  if (!s) return raw.resolved.trim() ? 'done' : 'new';
  notes.add(`status:${s}`, `status "${raw.status.trim()}" is not known: taken as new`);
  return 'new';
}

function typeOf(raw: RawItem, ctx: ItemContext, notes: Notes): MaintenanceType | undefined {
  const own = mapped(ctx.values, 'type', raw.issueType);
  if (own) return own as MaintenanceType;
  const issueType = raw.issueType?.trim();
  if (issueType) {
    const t = TYPES.get(typeWord(issueType));
    if (t) return t;
  }
  for (const label of raw.labels) {
    const t = LABEL_TYPES.get(typeWord(label));
    if (t) return t;
  }
  if (issueType) {
    notes.add(`type:${norm(issueType)}`, `issue type "${issueType}" is not known: type left empty`);
    return undefined;
  }
  return ctx.defaultType;
}

function priorityOf(raw: RawItem, notes: Notes, values?: ValueMaps): Priority | undefined {
  if (!raw.priority.trim()) return undefined;
  const own = mapped(values, 'priority', raw.priority);
  if (own) return own as Priority;
  const p = lookupPriority(raw.priority);
  if (p === undefined) notes.add(`priority:${norm(raw.priority)}`, `priority "${raw.priority.trim()}" is not known: priority left empty`);
  return p ?? undefined;
}

function cut(text: string, max: number): string {
  // Windows line ends would force YAML's quoted style; trailing blanks say nothing.
  const t = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
  if (t.length <= max) return t;
  let s = t.slice(0, max);
  // Do not leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  return s.trimEnd();
}

function ordered(item: BacklogItem): BacklogItem {
  const out = {} as Record<string, unknown>;
  for (const k of ITEM_ORDER) if (k in item) out[k] = item[k];
  return out as unknown as BacklogItem;
}

/**
 * Turns raw issues into backlog items: relm's vocabulary for status, type and priority, dates as
 * YYYY-MM-DD, applications as ids. A row without an id, a title or a readable date is skipped with its
 * row number; so is a second row with an id already seen.
 */
export function itemsFromRaw(raws: readonly RawItem[], ctx: ItemContext): ImportResult {
  const notes = new Notes();
  const items: BacklogItem[] = [];
  const problems: Problem[] = [];
  const fieldProblems: Problem[] = [];
  const applications = new Map<string, Application>();
  const seen = new Map<string, number>();
  const prefix = ctx.idPrefix ?? '';
  const { order, note: dateNote } = resolveDateOrder(
    raws.flatMap((r) => [r.created, r.resolved]),
    ctx.dateOrder,
  );

  for (const raw of raws) {
    const skip = (message: string) => problems.push({ row: raw.row, message });
    const rawId = raw.id.trim();
    if (!rawId) {
      skip(`no ${ctx.idLabel}`);
      continue;
    }
    const id = toId(prefix + rawId);
    if (!id) {
      skip(`"${prefix}${rawId}" cannot be made an id (letters, digits, ".", "_", "-")`);
      continue;
    }
    const title = raw.title.replace(/\s+/g, ' ').trim();
    if (!title) {
      skip(`${id}: no summary`);
      continue;
    }
    if (seen.has(id)) {
      skip(`${id}: the id is already on row ${seen.get(id)}; this row is ignored`);
      continue;
    }

    if (!raw.created.trim()) {
      skip(`${id}: no ${ctx.createdLabel} date`);
      continue;
    }
    const created = parseExportDate(raw.created, order);
    if (!created) {
      skip(`${id}: unreadable ${ctx.createdLabel} date "${raw.created.trim()}" (expected e.g. ${DATE_EXAMPLES})`);
      continue;
    }

    const status = mappedStatus(raw, notes, ctx.values);
    const isClosed = status === 'done' || status === 'rejected' || status === 'obsolete';
    let closed: string | undefined;
    if (isClosed && raw.resolved.trim()) {
      const d = parseExportDate(raw.resolved, order);
      if (!d) {
        skip(`${id}: unreadable ${ctx.resolvedLabel} date "${raw.resolved.trim()}" (expected e.g. ${DATE_EXAMPLES})`);
        continue;
      }
      closed = d.date;
      if (closed < created.date) {
        skip(`${id}: the dates contradict each other: ${ctx.resolvedLabel} ${closed} is before ${ctx.createdLabel} ${created.date}`);
        continue;
      }
    }

    let application: string | null | undefined = ctx.application;
    if (!application && raw.application?.trim()) {
      const name = raw.application.trim();
      application = mapped(ctx.values, 'application', name) ?? (ID.test(name) ? name : slugify(name));
      if (!application) {
        skip(`${id}: application "${name}" cannot be made an id`);
        continue;
      }
      if (!applications.has(application)) applications.set(application, name === application ? { id: application } : { id: application, name });
    }
    if (!application) {
      const component = raw.components.find((c) => mapped(ctx.values, 'application', c)) ?? raw.components.find((c) => c.trim());
      if (!component) {
        skip(`${id}: no component to take the application from; ${ctx.applicationHint}`);
        continue;
      }
      application = mapped(ctx.values, 'application', component) ?? slugify(component);
      if (!application) {
        skip(`${id}: component "${component}" cannot be made an application id`);
        continue;
      }
      if (!applications.has(application))
        applications.set(application, component.trim() === application ? { id: application } : { id: application, name: component.trim() });
    }

    const item: BacklogItem = { id, application, title, requested: created.date };
    const type = typeOf(raw, ctx, notes);
    if (type) item.type = type;
    const priority = priorityOf(raw, notes, ctx.values);
    if (priority) item.priority = priority;
    item.status = status;
    if (closed) item.closed = closed;
    // An open item has no closing date: an `undefined` field tells the merge to remove a stale one.
    else if (!isClosed) item.closed = undefined;
    if (raw.duplicateOf?.trim()) {
      const dup = toId(prefix + raw.duplicateOf.trim().split(/[,;\s]+/)[0]!);
      if (dup && dup !== id) item.duplicate_of = dup;
    }

    if (raw.change?.trim()) item.change = cut(raw.change, CHANGE_MAX);

    // An optional field that cannot be read is left out of the item, with a warning naming the row and the
    // column: one bad cell never costs the whole row.
    const drop = (column: string | undefined, message: string) =>
      fieldProblems.push({
        row: raw.row,
        message: `${id}: ${message}${column !== undefined ? ` (column "${column}")` : ''}: left out, the rest of the row imported`,
      });
    for (const { field, values, column } of raw.extras) {
      const bad = (message: string) => drop(column, message);
      const nonEmpty = values.map((v) => v.trim()).filter(Boolean);
      if (!nonEmpty.length) continue;
      const one = nonEmpty[0]!;
      switch (field) {
        case 'effort_days':
        case 'benefit': {
          const n = toNumber(one);
          if (n === null) bad(`${field} "${one}" is not a number`);
          else item[field] = n;
          break;
        }
        case 'emergency': {
          const b = toBoolean(one);
          if (b === null) bad(`emergency "${one}" is not yes or no`);
          else item.emergency = b;
          break;
        }
        case 'change':
          item.change = cut(one, CHANGE_MAX);
          break;
        case 'release': {
          const r = toId(one);
          if (r) item.release = r;
          else bad(`release "${one}" cannot be made an id`);
          break;
        }
        case 'supersedes': {
          const ids = toList(nonEmpty).map((x) => toId(prefix + x));
          if (ids.some((x) => !x)) bad(`supersedes "${nonEmpty.join(', ')}" holds something that is not an id`);
          else item.supersedes = ids as string[];
          break;
        }
        case 'platforms':
          item.platforms = toList(nonEmpty, /[,;]+/);
          break;
      }
    }

    if (raw.description?.trim()) item.description = cut(raw.description, DESCRIPTION_MAX);
    seen.set(id, raw.row);
    items.push(ordered(item));
  }
  const result: ImportResult = { items, problems };
  if (fieldProblems.length) result.fieldProblems = fieldProblems;
  if (applications.size) result.applications = [...applications.values()];
  const lines = notes.lines();
  if (dateNote) lines.unshift(dateNote);
  if (lines.length) result.notes = lines;
  return result;
}

/**
 * Backlog items from the rows of a CSV export: `toRaw` reads a row's known columns, the `--map` columns
 * are applied on top, and rows with more fields than the header are reported as problems.
 */
export function itemsFromCsv(
  table: CsvTable,
  mapped: readonly { field: string; cols: number[] }[],
  toRaw: (row: CsvRow) => Omit<RawItem, 'row' | 'extras'>,
  ctx: ItemContext,
): ImportResult {
  const raws = table.rows.map((row) => {
    const raw: RawItem = { ...toRaw(row), row: row.line, extras: [] };
    for (const m of mapped)
      applyMapped(
        raw,
        m.field,
        m.cols.map((i) => row.cells[i] ?? ''),
        table.headers[m.cols[0]!],
      );
    return raw;
  });
  const result = itemsFromRaw(raws, ctx);
  pushAll(result.problems, overlongProblems(table));
  result.problems.sort((a, b) => a.row - b.row);
  return result;
}
