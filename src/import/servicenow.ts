import type { Application, Release } from '../engagement/types.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { hint } from '../util/did-you-mean.js';
import { findColumns, findMappedColumns, first, headerKey, overlongProblems, readCsv } from './csv.js';
import { DATE_EXAMPLES, parseExportDate, resolveDateOrder } from './dates.js';
import { ISSUE_KEY, joinWithin, toBoolean, toList } from './fields.js';
import { slugify, toId } from './ids.js';
import { hasPath, isRecord, parseJsonText, textOf, valuesAt, type JsonRecord } from './json.js';
import type { ImportResult, ParseOptions, Problem } from './types.js';
import { Notes } from './notes.js';
import { mapped as mapValue } from './value-maps.js';
import { norm } from './vocabulary.js';

/** change_request fields by their column names (`?CSV` / JSON exports) and their labels (list exports). */
export const SERVICENOW_COLUMNS = {
  number: ['number', 'Number'],
  type: ['type', 'Type'],
  state: ['state', 'State'],
  closeCode: ['close_code', 'Close code'],
  start: ['start_date', 'Planned start date', 'Planned start'],
  end: ['end_date', 'Planned end date', 'Planned end'],
  workStart: ['work_start', 'Actual start', 'Actual start date'],
  workEnd: ['work_end', 'Actual end', 'Actual end date'],
  closedAt: ['closed_at', 'Closed'],
  ci: ['cmdb_ci', 'Configuration item'],
  service: ['business_service', 'Business service', 'Service'],
  /** The id of the record an integration made the change from (a Jira issue key, for the Jira spoke). */
  correlation: ['correlation_id', 'Correlation ID'],
} as const;
type Field = keyof typeof SERVICENOW_COLUMNS;

/** One change request as the export has it: the text of each known field, and the mapped columns. */
interface RawChange {
  row: number;
  get(field: Field): string;
  mapped(column: string): string[];
}

const NOT_DEPLOYED_STATES = new Map([
  ['-5', 'New'],
  ['new', 'New'],
  ['-4', 'Assess'],
  ['assess', 'Assess'],
  ['-3', 'Authorize'],
  ['authorize', 'Authorize'],
  ['-2', 'Scheduled'],
  ['scheduled', 'Scheduled'],
  ['-1', 'Implement'],
  ['implement', 'Implement'],
]);
const CANCELLED_STATES = new Set(['4', 'canceled', 'cancelled']);

type Outcome = NonNullable<Release['outcome']>;
const OUTCOMES = new Map<string, Outcome | 'cancelled'>([
  ['successful', 'success'],
  ['success', 'success'],
  // A change that went in with issues needed remediation: a failed change in DORA's sense.
  ['successful with issues', 'hotfixed'],
  ['successful issues', 'hotfixed'],
  ['hotfixed', 'hotfixed'],
  ['unsuccessful', 'failed'],
  ['failed', 'failed'],
  ['backed out', 'rolled-back'],
  ['rolled back', 'rolled-back'],
  ['rollback', 'rolled-back'],
  ['cancelled', 'cancelled'],
  ['canceled', 'cancelled'],
]);

const RELEASE_TYPES = new Map<string, NonNullable<Release['type']>>([
  ['emergency', 'emergency'],
  ['expedited', 'emergency'],
  ['normal', 'minor'],
  ['standard', 'minor'],
  ['minor', 'minor'],
  ['major', 'major'],
]);

/** The records of a ServiceNow JSON export: a list, `{records: [...]}` (JSONv2) or `{result: [...]}` (Table API). */
function recordsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json)) for (const k of ['records', 'result']) if (Array.isArray(json[k])) return json[k] as unknown[];
  throw new RelmError(
    'the ServiceNow export is not a list of change requests',
    EXIT_USAGE,
    'Save the Table API answer (GET /api/now/table/change_request?sysparm_display_value=true) or the JSONv2 export, both lists of records.',
  );
}

function fromJson(json: unknown, opts: ParseOptions): { raws: RawChange[]; problems: Problem[] } {
  const list = recordsOf(json);
  const records = list.filter(isRecord);
  if (list.length && !records.some((r) => Object.keys(r).some((k) => headerKey(k) === 'number'))) {
    throw new RelmError(
      'the ServiceNow export holds no change requests (no record has a number)',
      EXIT_USAGE,
      'Export the change_request table with at least number, state, close_code and work_end.',
    );
  }
  for (const m of opts.map ?? []) {
    if (!hasPath(records, m.column)) {
      const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
      throw new RelmError(
        `--map: no record of the ServiceNow export has "${m.column}"${hint(m.column, keys)}`,
        EXIT_USAGE,
        `Its fields are: ${keys.join(', ')}.`,
      );
    }
  }
  const raws: RawChange[] = [];
  const problems: Problem[] = [];
  list.forEach((entry, row) => {
    if (!isRecord(entry)) {
      problems.push({ row, message: 'not a change request (not a JSON object)' });
      return;
    }
    const keyOf = new Map(Object.keys(entry).map((k) => [headerKey(k), k]));
    raws.push({
      row,
      get: (field) => {
        for (const alias of SERVICENOW_COLUMNS[field]) {
          const k = keyOf.get(headerKey(alias));
          const v = k === undefined ? '' : textOf((entry as JsonRecord)[k]).trim();
          if (v) return v;
        }
        return '';
      },
      mapped: (column) => valuesAt(entry, column),
    });
  });
  return { raws, problems };
}

function fromCsv(text: string, opts: ParseOptions): { raws: RawChange[]; problems: Problem[] } {
  const table = readCsv(text, 'ServiceNow export');
  const h = table.headers;
  const cols = Object.fromEntries(Object.entries(SERVICENOW_COLUMNS).map(([k, a]) => [k, findColumns(h, a)])) as Record<Field, number[]>;
  if (!cols.number.length && !(opts.map ?? []).some((m) => m.field === 'id')) {
    throw new RelmError(
      'the ServiceNow export has no number column',
      EXIT_USAGE,
      `Export the change_request list with the Number column. Its columns are: ${[...new Set(h)].join(', ')}.`,
    );
  }
  const mapped = new Map((opts.map ?? []).map((m) => [m.column, findMappedColumns(h, m.column, 'ServiceNow export')]));
  const raws = table.rows.map(
    (row): RawChange => ({
      row: row.line,
      get: (field) => first(row, cols[field]),
      mapped: (column) => (mapped.get(column) ?? []).map((i) => row.cells[i] ?? ''),
    }),
  );
  const problems = overlongProblems(table);
  return { raws, problems };
}

/**
 * A ServiceNow change_request export (CSV, or JSON text or value) as releases: one deployment per
 * implemented change. Changes not implemented yet, or cancelled, are skipped with the reason.
 * `deployed` is the actual end (work_end), else the actual start, the planned end, the closing time;
 * a failed or backed-out change was deployed at its actual start and restored at its actual end.
 */
export function parseServiceNow(input: string | unknown, opts: ParseOptions = {}): ImportResult {
  const isText = typeof input === 'string';
  const json = isText && /^\s*[[{]/.test(input.replace(/^\uFEFF/, '')) ? parseJsonText(input, 'ServiceNow export') : isText ? undefined : input;
  const { raws, problems } = json === undefined ? fromCsv(input as string, opts) : fromJson(json, opts);
  const notes = new Notes();
  const releases: Release[] = [];
  const applications = new Map<string, Application>();
  const seen = new Map<string, number>();
  const itemChanges = new Map<string, string[]>();
  const DATE_FIELDS: Field[] = ['start', 'end', 'workStart', 'workEnd', 'closedAt'];
  const { order, note: dateNote } = resolveDateOrder(
    raws.flatMap((r) => [
      ...DATE_FIELDS.map((f) => r.get(f)),
      ...(opts.map ?? []).filter((m) => m.field === 'deployed' || m.field === 'restored' || m.field === 'scheduled').flatMap((m) => r.mapped(m.column)),
    ]),
    opts.dateOrder,
  );

  for (const raw of raws) {
    const skip = (message: string) => problems.push({ row: raw.row, message });
    const mapped = new Map(
      (opts.map ?? []).map((m) => [
        m.field,
        raw
          .mapped(m.column)
          .map((v) => v.trim())
          .filter(Boolean),
      ]),
    );
    const value = (field: string, own: Field) => (mapped.has(field) ? (mapped.get(field)![0] ?? '') : raw.get(own));

    const number = value('id', 'number');
    if (!number) {
      skip('no number');
      continue;
    }
    const id = toId((opts.idPrefix ?? '') + number);
    if (!id) {
      skip(`"${(opts.idPrefix ?? '') + number}" cannot be made an id`);
      continue;
    }
    if (seen.has(id)) {
      skip(`${id}: the number is already on row ${seen.get(id)}; this row is ignored`);
      continue;
    }

    const state = raw.get('state');
    const stateKey = /^-?\d+$/.test(state) ? state : norm(state);
    const codeText = value('outcome', 'closeCode');
    const code = codeText ? ((mapValue(opts.values, 'outcome', codeText) as Outcome | undefined) ?? OUTCOMES.get(norm(codeText))) : undefined;
    if (codeText && code === undefined) notes.add(`close:${norm(codeText)}`, `close code "${codeText}" is not known: outcome left empty`);
    if (code === 'cancelled' || CANCELLED_STATES.has(stateKey)) {
      skip(`${id}: cancelled, never deployed`);
      continue;
    }
    if (NOT_DEPLOYED_STATES.has(stateKey) && !code) {
      skip(`${id}: not deployed yet (state ${NOT_DEPLOYED_STATES.get(stateKey)})`);
      continue;
    }

    // Every date the row has must be readable.
    const dates: Partial<Record<'start' | 'end' | 'workStart' | 'workEnd' | 'closedAt' | 'scheduled' | 'deployed' | 'restored', string>> = {};
    let bad: string | undefined;
    const read = (key: keyof typeof dates, text: string, label: string) => {
      if (!text || bad) return;
      const d = parseExportDate(text, order);
      if (d) dates[key] = d.dateTime;
      else bad = `unreadable ${label} "${text}" (expected e.g. ${DATE_EXAMPLES})`;
    };
    read('start', value('scheduled', 'start'), mapped.has('scheduled') ? 'scheduled' : 'start_date');
    read('end', raw.get('end'), 'end_date');
    read('workStart', raw.get('workStart'), 'work_start');
    read('workEnd', raw.get('workEnd'), 'work_end');
    read('closedAt', raw.get('closedAt'), 'closed_at');
    if (mapped.has('deployed')) read('deployed', mapped.get('deployed')![0] ?? '', 'deployed');
    if (mapped.has('restored')) read('restored', mapped.get('restored')![0] ?? '', 'restored');
    if (bad) {
      skip(`${id}: ${bad}`);
      continue;
    }
    const contradiction = (
      [
        ['workStart', 'work_start', 'workEnd', 'work_end'],
        ['start', 'start_date', 'end', 'end_date'],
        ['deployed', 'deployed', 'restored', 'restored'],
      ] as const
    ).find(([a, , b]) => dates[a] && dates[b] && Date.parse(dates[b]!) < Date.parse(dates[a]!));
    if (contradiction) {
      const [a, la, b, lb] = contradiction;
      skip(`${id}: the dates contradict each other: ${lb} ${dates[b]} is before ${la} ${dates[a]}`);
      continue;
    }

    const failed = code === 'failed' || code === 'rolled-back';
    const deployed =
      dates.deployed ??
      (failed ? (dates.workStart ?? dates.start ?? dates.workEnd ?? dates.closedAt) : (dates.workEnd ?? dates.workStart ?? dates.end ?? dates.closedAt));
    if (!deployed) {
      skip(`${id}: no date to take as the deployment (work_end, work_start, end_date or closed_at)`);
      continue;
    }
    let restored = dates.restored;
    if (!restored && failed) {
      const end = dates.workEnd ?? dates.closedAt;
      if (end && Date.parse(end) > Date.parse(deployed)) restored = end;
    }

    const typeText = value('type', 'type');
    const type = typeText ? ((mapValue(opts.values, 'type', typeText) as Release['type']) ?? RELEASE_TYPES.get(norm(typeText))) : undefined;
    if (typeText && !type) notes.add(`type:${norm(typeText)}`, `type "${typeText}" is not known: type left empty`);
    let planned: boolean | undefined = type === 'emergency' ? false : undefined;
    if (mapped.has('planned')) {
      const p = toBoolean(mapped.get('planned')![0] ?? '');
      if (p === null) {
        skip(`${id}: planned "${mapped.get('planned')![0]}" is not yes or no`);
        continue;
      }
      planned = p;
    }

    const appNames = opts.application
      ? [opts.application]
      : mapped.has('applications')
        ? toList(mapped.get('applications')!, /[,;]+/)
        : [raw.get('ci') || raw.get('service')].filter(Boolean);
    const apps: string[] = [];
    for (const name of appNames) {
      const app = name === opts.application ? name : (mapValue(opts.values, 'application', name) ?? slugify(name));
      if (!app) {
        bad = `application "${name}" cannot be made an id`;
        break;
      }
      if (/^[0-9a-f]{32}$/.test(name))
        notes.add('sys_id', 'the configuration item is a sys_id, not a name: export with display values (sysparm_display_value=true)');
      if (!apps.includes(app)) apps.push(app);
      if (app !== opts.application && !applications.has(app)) applications.set(app, app === name ? { id: app } : { id: app, name });
    }
    if (bad) {
      skip(`${id}: ${bad}`);
      continue;
    }

    // Keys in the order of the schemas (docs/engagement-files.md).
    const release = { id } as Release;
    if (type) release.type = type;
    if (planned !== undefined) release.planned = planned;
    if (apps.length) release.applications = apps;
    if (dates.start) release.scheduled = dates.start;
    release.deployed = deployed;
    if (code) release.outcome = code;
    if (restored) release.restored = restored;
    if (mapped.get('items')?.length) {
      const items = toList(mapped.get('items')!).map(toId);
      if (items.some((x) => !x)) {
        skip(`${id}: items "${mapped.get('items')!.join(', ')}" holds something that is not an id`);
        continue;
      }
      if (items.length) release.items = items as string[];
    } else {
      // A change an integration made from a tracker's issue names it in correlation_id: the item it delivers.
      const correlation = raw.get('correlation');
      if (ISSUE_KEY.test(correlation)) release.items = [toId(correlation)!];
    }
    seen.set(id, raw.row);
    releases.push(release);
    // The change is the approved RFC of each backlog item it delivers.
    for (const item of release.items ?? []) {
      const changes = itemChanges.get(item);
      if (!changes) itemChanges.set(item, [id]);
      else if (!changes.includes(id)) changes.push(id);
    }
  }
  problems.sort((a, b) => a.row - b.row);
  const result: ImportResult = { releases, problems };
  // An item named by many changes keeps those that fit the schema's 1,000 characters (the first in the export).
  if (itemChanges.size) result.itemChanges = [...itemChanges].map(([item, changes]) => ({ id: item, change: joinWithin(changes) }));
  if (applications.size) result.applications = [...applications.values()];
  const lines = notes.lines();
  if (dateNote) lines.unshift(dateNote);
  if (lines.length) result.notes = lines;
  return result;
}
