import { EXIT_USAGE, RelmError } from '../errors.js';
import { all, findColumns, findMappedColumns, first, readCsv, type CsvRow } from './csv.js';
import { CHANGE_KEY, joinWithin } from './fields.js';
import { itemsFromCsv } from './items.js';
import type { ImportResult, ParseOptions } from './types.js';

/** Jira's CSV headers (and the names other Jira-like exports use), matched without case. */
export const JIRA_COLUMNS = {
  key: ['Issue key', 'Key'],
  id: ['Issue id', 'Id', 'Issue ID'],
  summary: ['Summary', 'Title'],
  type: ['Issue Type', 'Type', 'IssueType'],
  status: ['Status'],
  priority: ['Priority'],
  resolution: ['Resolution'],
  created: ['Created', 'Created Date', 'Date Created'],
  resolved: ['Resolved', 'Resolution Date', 'Resolutiondate', 'Date Resolved'],
  components: ['Component/s', 'Components', 'Component'],
  labels: ['Labels', 'Label'],
  description: ['Description'],
  duplicateOf: ['Outward issue link (Duplicate)', 'Outward issue link (Duplicates)', 'Duplicate Of', 'Duplicates'],
  /** The approved change (RFC) as a field of its own (Jira Service Management, a ServiceNow integration, a custom field). */
  change: [
    'Change',
    'Change Request',
    'Change request number',
    'Change Number',
    'Change Reference',
    'Change ID',
    'RFC',
    'RFC Number',
    'ServiceNow Change',
    'Custom field (Change)',
    'Custom field (Change Request)',
    'Custom field (Change request number)',
    'Custom field (Change Number)',
    'Custom field (Change Reference)',
    'Custom field (Change ID)',
    'Custom field (RFC)',
    'Custom field (RFC Number)',
    'Custom field (ServiceNow Change)',
  ],
} as const;

/** Jira's issue link columns: `Outward issue link (Relates)`, `Inward issue link (Change)`. */
const LINK_COLUMN = /^(?:inward|outward) issue link \((.+)\)$/i;
/** A link type that says the linked issue is the change: Change, Change Request, RFC, "is implemented by change". */
const CHANGE_LINK_TYPE = /\b(?:change|rfc)\b/i;

/**
 * The change (RFC) links of a row: the change field's values, else the issues linked by a change link type,
 * else linked issues whose keys are change records. Distinct, in column order.
 */
function changeLinks(row: CsvRow, fieldCols: readonly number[], typedCols: readonly number[], linkCols: readonly number[]): string {
  const split = (cols: readonly number[]) => all(row, cols).flatMap((v) => v.split(/[,;\s]+/).filter(Boolean));
  const own = all(row, fieldCols);
  const found = own.length ? own : split(typedCols).length ? split(typedCols) : split(linkCols).filter((k) => CHANGE_KEY.test(k));
  return joinWithin([...new Set(found)]);
}

const APPLICATION_HINT = 'pass --application ID (or --map COLUMN=application)';

/**
 * A Jira CSV export ("Export > CSV (all fields)" or "current fields") as backlog items. Rows are
 * numbered by their line in the file, the header being line 1.
 */
export function parseJira(text: string, opts: ParseOptions = {}): ImportResult {
  const table = readCsv(text, 'Jira export');
  const h = table.headers;
  const col = Object.fromEntries(Object.entries(JIRA_COLUMNS).map(([k, aliases]) => [k, findColumns(h, aliases)])) as Record<
    keyof typeof JIRA_COLUMNS,
    number[]
  >;
  const mapped = (opts.map ?? []).map((m) => ({ ...m, cols: findMappedColumns(h, m.column, 'Jira export') }));
  const mappedField = (f: string) => mapped.some((m) => m.field === f);
  const links = h.map((name, i) => ({ i, type: LINK_COLUMN.exec(name.trim())?.[1] })).filter((l) => l.type !== undefined);
  const changeTyped = links.filter((l) => CHANGE_LINK_TYPE.test(l.type!)).map((l) => l.i);
  const otherLinks = links.filter((l) => !CHANGE_LINK_TYPE.test(l.type!)).map((l) => l.i);

  const missing = (what: string, aliases: readonly string[], field: string) =>
    new RelmError(
      `the Jira export has no ${what} column (looked for ${aliases.map((a) => `"${a}"`).join(', ')})`,
      EXIT_USAGE,
      `Export with all fields, or name the column with --map COLUMN=${field}. Its columns are: ${[...new Set(h)].join(', ')}.`,
    );
  if (!col.key.length && !col.id.length && !mappedField('id')) throw missing('issue key', [...JIRA_COLUMNS.key, ...JIRA_COLUMNS.id], 'id');
  if (!col.summary.length && !mappedField('title')) throw missing('Summary', JIRA_COLUMNS.summary, 'title');
  if (!col.created.length && !mappedField('requested')) throw missing('Created', JIRA_COLUMNS.created, 'requested');
  if (!opts.application && !col.components.length && !mappedField('application')) {
    throw new RelmError(
      'the Jira export has no Component/s column to take the application from: pass --application ID',
      EXIT_USAGE,
      '--application puts every item under one application; --map COLUMN=application takes it from another column.',
    );
  }

  return itemsFromCsv(
    table,
    mapped,
    (row) => ({
      id: first(row, col.key) || first(row, col.id),
      title: first(row, col.summary),
      description: first(row, col.description),
      issueType: first(row, col.type),
      labels: all(row, col.labels),
      status: first(row, col.status),
      resolution: first(row, col.resolution),
      priority: first(row, col.priority),
      created: first(row, col.created),
      resolved: first(row, col.resolved),
      components: all(row, col.components),
      duplicateOf: first(row, col.duplicateOf),
      change: changeLinks(row, col.change, changeTyped, otherLinks),
    }),
    {
      application: opts.application,
      idPrefix: opts.idPrefix,
      dateOrder: opts.dateOrder,
      values: opts.values,
      defaultType: 'corrective',
      idLabel: 'issue key or id',
      createdLabel: 'Created',
      resolvedLabel: 'Resolved',
      applicationHint: APPLICATION_HINT,
    },
  );
}
