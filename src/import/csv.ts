import { parse } from 'csv-parse/sync';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { hint } from '../util/did-you-mean.js';

/** A CSV row and the line of the file it starts on (the header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  rows: CsvRow[];
  /** Rows with more fields than the header has, which are skipped (a broken quote, usually). */
  overlong: CsvRow[];
}

/** Refuses what is plainly not CSV, with the reason: a workbook, a web page, JSON. */
export function assertLooksLikeCsv(text: string, what: string): void {
  const start = text.trimStart().slice(0, 200);
  if (text.startsWith('PK\u0003\u0004')) {
    throw new RelmError(`the ${what} is an Excel workbook (.xlsx), not CSV`, EXIT_USAGE, 'Export it as CSV (comma-separated values) and import that file.');
  }
  if (text.includes('\u0000')) throw new RelmError(`the ${what} is a binary file, not CSV`, EXIT_USAGE, 'Export it as CSV (comma-separated values).');
  if (/^<(!doctype|html|\?xml|table|rss)/i.test(start)) {
    throw new RelmError(`the ${what} is HTML or XML, not CSV`, EXIT_USAGE, 'Trackers offer "Excel" exports that are web pages; choose the CSV export instead.');
  }
  if (/^[[{]/.test(start))
    throw new RelmError(`the ${what} holds JSON, not CSV`, EXIT_USAGE, 'Export it as CSV, or import it with the format that reads this JSON.');
  if (!start.trim()) throw new RelmError(`the ${what} is empty`, EXIT_USAGE, 'Export at least the header row and one issue.');
}

/** The delimiter of the header line: ",", ";" (spreadsheets in many locales) or a tab, whichever is most common outside quotes. */
function sniffDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const count = (c: string) => first.split(c).length - 1;
  const candidates = [',', ';', '\t'].map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

/**
 * Parses CSV text into its header and rows, each row with the line it starts on (for messages that
 * name a row the user can find in an editor). Quoted fields may span lines. Throws a RelmError when the
 * text cannot be read as CSV at all.
 */
export function readCsv(text: string, what: string): CsvTable {
  assertLooksLikeCsv(text, what);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: sniffDelimiter(text),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new RelmError(
      `the ${what} is not valid CSV: ${(e.message ?? String(err)).replace(/^Invalid [^:]*: /, '')}`,
      EXIT_USAGE,
      'Export it again as CSV; a field with a line break or a quote must be quoted.',
    );
  }
  if (!records.length) throw new RelmError(`the ${what} is empty`, EXIT_USAGE, 'Export at least the header row and one issue.');
  const lineOf = (r: { record: string[]; info: { lines: number } }) => {
    // info.lines is the line the record ends on; line breaks inside its quoted fields move the start up.
    let breaks = 0;
    for (const c of r.record) for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) breaks++;
    return r.info.lines - breaks;
  };
  const headers = records[0]!.record.map((h) => h.replace(/^\uFEFF/, '').trim());
  const rows: CsvRow[] = [];
  const overlong: CsvRow[] = [];
  for (let k = 1; k < records.length; k++) {
    const r = records[k]!;
    const row = { line: lineOf(r), cells: r.record };
    // Trailing empty fields (a spreadsheet's habit) do not make a row overlong.
    let n = r.record.length;
    while (n > headers.length && !r.record[n - 1]!.trim()) n--;
    (n > headers.length ? overlong : rows).push(row);
  }
  return { headers, rows, overlong };
}

/** Header names compare without case, surrounding space or doubled spaces. */
export function headerKey(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The indices of every column whose header is one of the aliases (repeated columns such as Labels,Labels all count). */
export function findColumns(headers: readonly string[], aliases: readonly string[]): number[] {
  const wanted = new Set(aliases.map(headerKey));
  const out: number[] = [];
  headers.forEach((h, i) => {
    if (wanted.has(headerKey(h))) out.push(i);
  });
  return out;
}

/**
 * The columns a `--map` option names: the header itself, or Jira's `Custom field (Story Points)` for
 * `Story Points`. An unknown column is a usage error listing what there is.
 */
export function findMappedColumns(headers: readonly string[], column: string, what: string): number[] {
  const key = headerKey(column);
  const direct = findColumns(headers, [column]);
  if (direct.length) return direct;
  const custom = headers.flatMap((h, i) => (headerKey(h) === `custom field (${key})` ? [i] : []));
  if (custom.length) return custom;
  const unique = [...new Set(headers)];
  throw new RelmError(`--map: the ${what} has no column "${column}"${hint(column, unique)}`, EXIT_USAGE, `Its columns are: ${unique.join(', ')}.`);
}

/** The first non-empty value among the columns, trimmed ('' when none). */
export function first(row: CsvRow, cols: readonly number[]): string {
  for (const i of cols) {
    const v = row.cells[i]?.trim();
    if (v) return v;
  }
  return '';
}

/** Every non-empty value among the columns, trimmed, in column order. */
export function all(row: CsvRow, cols: readonly number[]): string[] {
  const out: string[] = [];
  for (const i of cols) {
    const v = row.cells[i]?.trim();
    if (v) out.push(v);
  }
  return out;
}

/** The rows with more fields than the header (a broken quote, most often), as problems by their line. */
export function overlongProblems(table: CsvTable): { row: number; message: string }[] {
  return table.overlong.map((row) => ({ row: row.line, message: `${row.cells.length} fields where the header has ${table.headers.length}: a broken quote?` }));
}
