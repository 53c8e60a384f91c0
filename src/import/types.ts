import type { Application, BacklogItem, Release } from '../engagement/types.js';
import type { DateOrder } from './dates.js';
import type { ValueMaps } from './value-maps.js';

/** A row of the export that was not imported, and why. `row` is the CSV line (header = 1) or the JSON index. */
export interface Problem {
  row: number;
  message: string;
}

/** What a parser makes of an export. Parsers are pure: text, JSON or a tag list in, this out. */
export interface ImportResult {
  items?: BacklogItem[];
  releases?: Release[];
  applications?: Application[];
  /**
   * The approved change (RFC) of backlog items that a change-record import names (a change request's items):
   * written into the `change` of the items backlog.yaml already holds.
   */
  itemChanges?: { id: string; change: string }[];
  /** Rows skipped, with the reason. */
  problems: Problem[];
  /** Optional fields that could not be read and were left out of a row that was imported, with the reason. */
  fieldProblems?: Problem[];
  /** Things imported with a guess the user should know about (e.g. an unknown status), one line each. */
  notes?: string[];
}

/** A `--map column=field` option, checked: the column of the export and the relm field it fills. */
export interface ColumnMapping {
  column: string;
  field: string;
}

export interface ParseOptions {
  /** `--application ID`: the application of every item (or release). */
  application?: string;
  /** `--map column=field`, checked against the fields of the target file. */
  map?: ColumnMapping[];
  /** `--id-prefix`: put before every id the source gives (github: instead of `GH-`; git-tags: instead of `<application>@`). */
  idPrefix?: string;
  /** relm.yaml `import.<source>`: the team's own values, field by field. */
  values?: ValueMaps;
  /** `--date-format`: the order of day and month in dates written with numbers only (else found from the dates). */
  dateOrder?: DateOrder;
}

/**
 * Every import kind, once: what its source is (`relm import --help` lists them from here) and which file its
 * records go to (backlog item fields are filled by issue trackers; release fields by change records, tags and
 * incidents). docs/commands.md's table of kinds is checked against it (test/docs/registries.test.ts).
 */
export const IMPORTERS = [
  { kind: 'jira', source: 'CSV', destination: 'backlog' },
  { kind: 'bugzilla', source: 'CSV', destination: 'backlog' },
  { kind: 'github', source: 'issues JSON', destination: 'backlog' },
  { kind: 'servicenow', source: 'change_request CSV or JSON', destination: 'releases' },
  { kind: 'git-tags', source: 'a repository path', destination: 'releases' },
  {
    kind: 'incidents',
    source: 'an incident CSV or JSON, with --from servicenow|jira: sets the outcome and restored time of the releases that caused them',
    destination: 'releases',
  },
] as const satisfies readonly { kind: string; source: string; destination: 'backlog' | 'releases' }[];

export type ImportKind = (typeof IMPORTERS)[number]['kind'];
export const IMPORT_KINDS: readonly ImportKind[] = IMPORTERS.map((i) => i.kind);

/** The file an import kind's records go to. */
export function destinationOf(kind: ImportKind): 'backlog' | 'releases' {
  return IMPORTERS.find((i) => i.kind === kind)!.destination;
}
