import { EXIT_USAGE, RelmError } from '../errors.js';
import { all, findColumns, findMappedColumns, first, readCsv } from './csv.js';
import { itemsFromCsv } from './items.js';
import type { ImportResult, ParseOptions } from './types.js';
import { norm } from './vocabulary.js';

/**
 * Bugzilla's CSV headers: the column ids of buglist.cgi?ctype=csv (bug_id, short_desc, ...) and the
 * labels of the web page (Bug ID, Summary, ...), matched without case.
 */
export const BUGZILLA_COLUMNS = {
  id: ['Bug ID', 'bug_id', 'ID', 'Issue id', 'Bug'],
  summary: ['Summary', 'short_desc', 'Short Description'],
  status: ['Status', 'bug_status'],
  resolution: ['Resolution'],
  priority: ['Priority'],
  severity: ['Severity', 'bug_severity'],
  type: ['Type', 'bug_type'],
  component: ['Component'],
  product: ['Product'],
  opened: ['Opened', 'opendate', 'creation_ts', 'Created', 'Reported'],
  resolved: ['Resolved', 'cf_last_resolved', 'Last Resolved'],
  changed: ['Changed', 'changeddate', 'delta_ts', 'Last Changed', 'Updated'],
  keywords: ['Keywords'],
  description: ['Description'],
  duplicateOf: ['dup_id', 'Duplicate Of', 'Duplicate id', 'Dupe Of'],
} as const;

/**
 * A Bugzilla bug list saved as CSV ("CSV" at the foot of a search result) as backlog items. A bug's
 * closing date is its Resolved date, else the date it last changed. Severity "enhancement" (how Bugzilla
 * files feature requests) makes it perfective.
 */
export function parseBugzilla(text: string, opts: ParseOptions = {}): ImportResult {
  const table = readCsv(text, 'Bugzilla export');
  const h = table.headers;
  const col = Object.fromEntries(Object.entries(BUGZILLA_COLUMNS).map(([k, aliases]) => [k, findColumns(h, aliases)])) as Record<
    keyof typeof BUGZILLA_COLUMNS,
    number[]
  >;
  const mapped = (opts.map ?? []).map((m) => ({ ...m, cols: findMappedColumns(h, m.column, 'Bugzilla export') }));
  const mappedField = (f: string) => mapped.some((m) => m.field === f);
  const columns = [...new Set(h)].join(', ');

  if (!col.id.length && !mappedField('id')) {
    throw new RelmError(
      'the Bugzilla export has no Bug ID column',
      EXIT_USAGE,
      `Add the "Bug ID" column to the bug list before exporting. Its columns are: ${columns}.`,
    );
  }
  if (!col.summary.length && !mappedField('title')) {
    throw new RelmError(
      'the Bugzilla export has no Summary column',
      EXIT_USAGE,
      `Add the "Summary" column (Change Columns) before exporting. Its columns are: ${columns}.`,
    );
  }
  if (!col.opened.length && !mappedField('requested')) {
    throw new RelmError(
      'the Bugzilla export has no Opened column, so the date each bug was reported is unknown',
      EXIT_USAGE,
      `Add the "Opened" column (Change Columns) before exporting, or --map COLUMN=requested. Its columns are: ${columns}.`,
    );
  }
  if (!opts.application && !col.component.length && !col.product.length && !mappedField('application')) {
    throw new RelmError(
      'the Bugzilla export has no Component or Product column to take the application from: pass --application ID',
      EXIT_USAGE,
      '--application puts every bug under one application; --map COLUMN=application takes it from another column.',
    );
  }

  return itemsFromCsv(
    table,
    mapped,
    (row) => {
      const severity = first(row, col.severity);
      return {
        id: first(row, col.id),
        title: first(row, col.summary),
        description: first(row, col.description),
        issueType: first(row, col.type) || (norm(severity) === 'enhancement' ? 'enhancement' : ''),
        labels: all(row, col.keywords).flatMap((k) => k.split(/\s*,\s*/)),
        status: first(row, col.status),
        resolution: first(row, col.resolution),
        priority: first(row, col.priority),
        created: first(row, col.opened),
        resolved: first(row, col.resolved) || first(row, col.changed),
        components: [...all(row, col.component), ...all(row, col.product)],
        duplicateOf: first(row, col.duplicateOf),
      };
    },
    {
      application: opts.application,
      idPrefix: opts.idPrefix,
      dateOrder: opts.dateOrder,
      values: opts.values,
      defaultType: 'corrective',
      idLabel: 'bug id',
      createdLabel: 'Opened',
      resolvedLabel: col.resolved.length ? 'Resolved' : 'Changed',
      applicationHint: 'pass --application ID (or --map COLUMN=application)',
    },
  );
}
