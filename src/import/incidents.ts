import type { Release } from '../engagement/types.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { all, findColumns, first, overlongProblems, readCsv } from './csv.js';
import { DATE_EXAMPLES, parseExportDate } from './dates.js';
import { slugify, toId } from './ids.js';
import { isRecord, parseJsonText, textOf } from './json.js';
import { Notes } from './notes.js';
import type { Problem } from './types.js';
import { mapped, type ValueMaps } from './value-maps.js';
import { norm } from './vocabulary.js';
import { maxOf, minOf } from '../util/arrays.js';

export const INCIDENT_SOURCES = ['servicenow', 'jira'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** How long before an incident a deployment is suspected of causing it, by default (hours). */
export const DEFAULT_INCIDENT_WINDOW_HOURS = 24;

/** Incident fields by the names ServiceNow (incident table: column names and labels) and Jira (CSV headers) give them. */
export const INCIDENT_COLUMNS = {
  servicenow: {
    id: ['number', 'Number'],
    opened: ['opened_at', 'Opened', 'sys_created_on', 'Created'],
    resolved: ['resolved_at', 'Resolved', 'closed_at', 'Closed'],
    application: ['cmdb_ci', 'Configuration item', 'business_service', 'Service', 'Business service'],
    causedBy: ['caused_by', 'Caused by Change', 'Caused by'],
    resolution: ['close_code', 'Resolution code', 'Close code'],
  },
  jira: {
    id: ['Issue key', 'Key', 'Issue id'],
    opened: ['Created', 'Created Date', 'Date Created'],
    resolved: ['Resolved', 'Resolution Date', 'Resolutiondate'],
    application: ['Component/s', 'Components', 'Component'],
    causedBy: ['Caused by', 'Inward issue link (Causes)', 'Release', 'Fix Version/s'],
    resolution: ['Resolution'],
  },
} as const;
type Field = keyof (typeof INCIDENT_COLUMNS)['jira'];

/** An incident as read: when it was opened and resolved, the applications it affected. */
export interface Incident {
  row: number;
  id: string;
  opened: string;
  resolved?: string;
  applications: string[];
  /** The change or release the source itself names as the cause. */
  causedBy?: string;
  /** An outcome the user's value map gives its resolution. */
  outcome?: NonNullable<Release['outcome']>;
}

export interface IncidentOptions {
  application?: string;
  values?: ValueMaps;
}

/** Resolutions that say how service came back, when the source records it. */
const ROLLED_BACK = new Set(['rolled back', 'rollback', 'backed out', 'reverted', 'back out']);

function rowsOf(
  input: string | unknown,
  from: IncidentSource,
): { row: number; get: (f: Field) => string; all: (f: Field) => string[] }[] & { problems?: Problem[] } {
  const aliases = INCIDENT_COLUMNS[from];
  if (typeof input === 'string' && !/^\s*[[{]/.test(input)) {
    const table = readCsv(input, `${from} incident export`);
    const cols = Object.fromEntries(Object.entries(aliases).map(([k, a]) => [k, findColumns(table.headers, a)])) as Record<Field, number[]>;
    const need = (f: Field, what: string) => {
      if (!cols[f].length)
        throw new RelmError(
          `the incident export has no ${what} column (looked for ${aliases[f].map((a) => `"${a}"`).join(', ')})`,
          EXIT_USAGE,
          `Export the incidents with it. Its columns are: ${[...new Set(table.headers)].join(', ')}.`,
        );
    };
    need('id', 'number or key');
    need('opened', 'opened (created) date');
    const rows = table.rows.map((r) => ({ row: r.line, get: (f: Field) => first(r, cols[f]), all: (f: Field) => all(r, cols[f]) })) as ReturnType<
      typeof rowsOf
    >;
    rows.problems = overlongProblems(table);
    return rows;
  }
  const json = typeof input === 'string' ? parseJsonText(input, 'incident export') : input;
  const list = Array.isArray(json)
    ? json
    : isRecord(json)
      ? ((['records', 'result', 'issues'] as const).map((k) => json[k]).find(Array.isArray) as unknown[] | undefined)
      : undefined;
  if (!list)
    throw new RelmError(
      'the incident export is not a list of incidents',
      EXIT_USAGE,
      'Save the Table API answer (GET /api/now/table/incident?sysparm_display_value=true) or the JSONv2 export, both lists of records.',
    );
  const problems: Problem[] = [];
  const rows = list.flatMap((entry, row) => {
    if (!isRecord(entry)) {
      problems.push({ row, message: 'not an incident (not a JSON object)' });
      return [];
    }
    const keyOf = new Map(Object.keys(entry).map((k) => [k.trim().toLowerCase(), k]));
    const values = (f: Field) =>
      aliases[f].flatMap((a) => {
        const k = keyOf.get(a.toLowerCase());
        const v = k === undefined ? undefined : entry[k];
        return (Array.isArray(v) ? v : [v]).map((x) => textOf(x).trim()).filter(Boolean);
      });
    return [{ row, get: (f: Field) => values(f)[0] ?? '', all: values }];
  }) as ReturnType<typeof rowsOf>;
  rows.problems = problems;
  return rows;
}

/**
 * Incidents from a ServiceNow incident export (CSV or JSON) or a Jira CSV export. Each needs a number and
 * an opened date; its applications come from --application, the value map `application`, or the
 * configuration item / service / components. Rows that cannot be read are skipped with their line.
 */
export function parseIncidents(
  input: string | unknown,
  from: IncidentSource,
  opts: IncidentOptions = {},
): { incidents: Incident[]; problems: Problem[]; notes: string[] } {
  const rows = rowsOf(input, from);
  const problems: Problem[] = [...(rows.problems ?? [])];
  const notes = new Notes();
  const incidents: Incident[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const skip = (message: string) => problems.push({ row: r.row, message });
    const id = toId(r.get('id'));
    if (!id) {
      skip(r.get('id') ? `"${r.get('id')}" cannot be made an id` : 'no incident number');
      continue;
    }
    if (seen.has(id)) {
      skip(`${id}: already on an earlier row; this row is ignored`);
      continue;
    }
    const openedText = r.get('opened');
    const opened = openedText ? parseExportDate(openedText) : null;
    if (!opened) {
      skip(`${id}: ${openedText ? `unreadable opened date "${openedText}" (expected e.g. ${DATE_EXAMPLES})` : 'no opened date'}`);
      continue;
    }
    const resolvedText = r.get('resolved');
    const resolved = resolvedText ? parseExportDate(resolvedText) : null;
    if (resolvedText && !resolved) {
      skip(`${id}: unreadable resolved date "${resolvedText}" (expected e.g. ${DATE_EXAMPLES})`);
      continue;
    }
    if (resolved && Date.parse(resolved.dateTime) < Date.parse(opened.dateTime)) {
      skip(`${id}: the dates contradict each other: resolved ${resolved.dateTime} is before opened ${opened.dateTime}`);
      continue;
    }
    const names = opts.application ? [opts.application] : r.all('application');
    const applications: string[] = [];
    for (const name of names) {
      const app = name === opts.application ? name : (mapped(opts.values, 'application', name) ?? slugify(name));
      if (app && !applications.includes(app)) applications.push(app);
    }
    const resolution = r.get('resolution');
    const own = mapped(opts.values, 'outcome', resolution) as Incident['outcome'];
    const incident: Incident = { row: r.row, id, opened: opened.dateTime, applications };
    if (resolved) incident.resolved = resolved.dateTime;
    const cause = r.get('causedBy');
    if (cause) incident.causedBy = cause;
    if (own) incident.outcome = own;
    else if (resolution && ROLLED_BACK.has(norm(resolution))) incident.outcome = 'rolled-back';
    if (!resolved) notes.add('open', 'incident not resolved yet: its release gets an outcome but no restored time');
    seen.add(id);
    incidents.push(incident);
  }
  problems.sort((a, b) => a.row - b.row);
  return { incidents, problems, notes: notes.lines() };
}

/** Which release an incident was put down to, and why. */
export interface Attribution {
  incident: string;
  release: string;
  hours: number;
  by: 'cause' | 'window';
}

type Outcome = NonNullable<Release['outcome']>;

/**
 * Puts each incident down to the release that touched its application in the `windowHours` before it was
 * opened (the latest such deployment), or to the release its source names as the cause. Each release with
 * incidents gets an outcome — the one the source or the value map says, else `hotfixed` when another
 * release of the same application was deployed before the incident was resolved (the fix shipped), else
 * `failed` — and `restored`: when the last of its incidents was resolved. The export also says which
 * deployments caused no incident: a release of an application the export covers, deployed within the span
 * it covers (from the window before its first incident to its last one), with no outcome yet and no incident,
 * gets `success` — without it, the failed ones would be the only known outcomes. Pure.
 */
export function attributeIncidents(
  incidents: readonly Incident[],
  releases: readonly Release[],
  windowHours: number,
): { entries: { id: string; outcome: Outcome; restored?: string }[]; attributions: Attribution[]; problems: Problem[] } {
  const HOUR = 3_600_000;
  const problems: Problem[] = [];
  const attributions: Attribution[] = [];
  const byId = new Map(releases.map((r) => [r.id, r]));
  const deployedAt = (r: Release) => Date.parse(r.deployed.length === 10 ? `${r.deployed}T00:00:00Z` : r.deployed);
  const perRelease = new Map<string, Incident[]>();
  for (const inc of incidents) {
    const opened = Date.parse(inc.opened);
    let release: Release | undefined;
    let by: Attribution['by'] = 'window';
    const cause = inc.causedBy ? toId(inc.causedBy) : null;
    if (cause && byId.has(cause)) {
      release = byId.get(cause);
      by = 'cause';
    } else {
      if (!inc.applications.length) {
        problems.push({
          row: inc.row,
          message: `${inc.id}: no configuration item, service or component to find its release by; pass --application ID or map the column`,
        });
        continue;
      }
      for (const r of releases) {
        const t = deployedAt(r);
        if (!(r.applications ?? []).some((a) => inc.applications.includes(a))) continue;
        if (t > opened || opened - t > windowHours * HOUR) continue;
        if (!release || t > deployedAt(release) || (t === deployedAt(release) && r.id < release.id)) release = r;
      }
    }
    if (!release) continue; // no deployment before it: an incident not caused by a release
    attributions.push({ incident: inc.id, release: release.id, hours: (opened - deployedAt(release)) / HOUR, by });
    perRelease.set(release.id, [...(perRelease.get(release.id) ?? []), inc]);
  }
  const entries: { id: string; outcome: Outcome; restored?: string }[] = [];
  for (const [id, incs] of perRelease) {
    const r = byId.get(id)!;
    const said = incs.find((i) => i.outcome)?.outcome;
    const lastResolved = incs.every((i) => i.resolved)
      ? incs
          .map((i) => i.resolved!)
          .sort((a, b) => Date.parse(a) - Date.parse(b))
          .pop()
      : undefined;
    const firstOpened = minOf(incs.map((i) => Date.parse(i.opened)));
    const fixedBy = releases.find(
      (o) =>
        o.id !== id &&
        (o.applications ?? []).some((a) => (r.applications ?? []).includes(a)) &&
        deployedAt(o) > firstOpened &&
        (!lastResolved || deployedAt(o) <= Date.parse(lastResolved)),
    );
    const entry: { id: string; outcome: Outcome; restored?: string } = { id, outcome: said ?? (fixedBy ? 'hotfixed' : 'failed') };
    if (lastResolved && Date.parse(lastResolved) > deployedAt(r)) entry.restored = lastResolved;
    entries.push(entry);
  }
  const covered = new Set(incidents.flatMap((i) => i.applications));
  const opened = incidents.map((i) => Date.parse(i.opened));
  if (opened.length) {
    const from = minOf(opened) - windowHours * HOUR;
    const to = maxOf(opened);
    for (const r of releases) {
      const t = deployedAt(r);
      if (r.outcome !== undefined || perRelease.has(r.id) || t < from || t > to) continue;
      if ((r.applications ?? []).some((a) => covered.has(a))) entries.push({ id: r.id, outcome: 'success' });
    }
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { entries, attributions, problems };
}
