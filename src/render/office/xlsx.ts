/**
 * workbook.xlsx: the data behind the deliverables, for the client's PMO. One sheet per subject, real numbers
 * with money, date and percentage formats, frozen headers, filters and fitted columns; costs are formulas on
 * one day-rate cell (Summary), so a client who changes the rate sees every cost follow. Every figure comes
 * from assessment.json, the report view, or the engagement's own records (backlog items, releases): nothing
 * is computed here except the cached value of a cost formula, which is what the formula itself gives.
 */
import ExcelJS from 'exceljs';
import type { Engagement } from '../../engagement/types.js';
import { ANSWER_VALUES } from '../../engine/scoring.js';
import type { Assessment } from '../../engine/types.js';
import type { ReportView } from '../report-view.js';
import { capitalise } from '../words.js';
import { hex6, utcDate, type OfficeMeta } from './common.js';
import { normalisePackage } from './zip.js';
import { maxOf } from '../../util/arrays.js';
import { statusOf } from '../../engagement/backlog-items.js';
import { skillCatalogue } from '../../model/skills.js';

type Cell = string | number | boolean | Date | null | { formula: string; result?: number | string };

interface Column {
  header: string;
  /** Number format: money, date, percent, a score, whole numbers, one decimal, or text. */
  fmt?: 'money' | 'date' | 'pct' | 'score' | 'int' | 'dec' | 'text';
  /** Wrap long text (the width stops at 60 characters). */
  wrap?: boolean;
  /** Summed in the table's total row (a SUM formula over the column). */
  total?: boolean;
}

const DATE_FMT = 'yyyy-mm-dd';

/** A money format for the currency: its symbol where the engagement writes it (€1,234, US$1,234, CHF 1,234). */
function moneyFormat(currency: string): string {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).formatToParts(1);
  } catch {
    return '#,##0';
  }
  const i = parts.findIndex((p) => p.type === 'currency');
  const sym = (parts[i]?.value ?? currency).replace(/"/g, '');
  const n = parts.findIndex((p) => p.type === 'integer');
  return i < n ? `"${sym}"#,##0;-"${sym}"#,##0` : `#,##0" ${sym}";-#,##0" ${sym}"`;
}

function formatOf(c: Column, money: string): string | undefined {
  switch (c.fmt) {
    case 'money':
      return money;
    case 'date':
      return DATE_FMT;
    case 'pct':
      return '0%';
    case 'score':
      return '0.0';
    case 'int':
      return '0';
    case 'dec':
      return '#,##0.0';
    default:
      return undefined;
  }
}

/** The width a value needs, in characters. */
function widthOf(v: Cell, c: Column): number {
  if (v === null || v === undefined) return 0;
  if (v instanceof Date) return 11;
  if (typeof v === 'object') return c.fmt === 'money' ? 12 : 10;
  if (typeof v === 'number') return c.fmt === 'money' ? String(Math.round(v)).length + 5 : c.fmt === 'pct' ? 5 : Math.min(12, String(v).length + 1);
  if (typeof v === 'boolean') return 5;
  let w = 0;
  for (const l of String(v).split('\n')) w = Math.max(w, l.length);
  return w;
}

/** Lines a text takes in a column `width` characters wide. */
function wrappedLines(text: string, width: number): number {
  const per = Math.max(1, width - 2);
  return text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / per)), 0);
}

/** What every sheet shares: the brand colour, the money format, the print footer's left part. */
interface Look {
  accent: string;
  money: string;
  /** "Northwind Mutual Insurance · Confidential". */
  footer: string;
}

interface SheetOptions {
  /** Rows above the table (a title block); the header row comes after them and is frozen with them. */
  above?: Cell[][];
  /** The label of a total row under the table (SUM formulas over the columns marked `total`), in the first column. */
  total?: string;
}

/** The Excel name of the n-th column (1 = A, 27 = AA). */
function columnName(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** The number a cell holds or gives (a formula's cached result), for a total's cached value. */
function numberOf(v: Cell | undefined): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && !(v instanceof Date) && typeof v.result === 'number') return v.result;
  return 0;
}

/**
 * Characters (column-width units) across an A4 page's printable width at 100 %, with the margins below:
 * portrait 7.27 in and landscape 10.69 in, a unit being about 0.073 in (Calibri 11's digit and padding).
 */
const PORTRAIT_CHARS = 100;
const LANDSCAPE_CHARS = 146;
/** A sheet may print down to about 70 % (11 pt at about 8 pt) to fit one page wide; wider, its text columns wrap narrower. */
const WIDEST = Math.round(LANDSCAPE_CHARS / 0.7);
/** A text column never narrower than this when it is wrapped to make the sheet fit (narrower, rows grow too tall). */
const NARROWEST_TEXT = 20;

/**
 * The columns' widths for print: as wide as their values (text at most 60) while the sheet fits one landscape
 * page wide at about 70 %; past that, the widest text columns are narrowed, all to one cap (never under
 * NARROWEST_TEXT) and wrapped, so that every sheet prints legibly rather than shrunk to fit 400 characters.
 * `text` marks the columns that may wrap.
 */
export function printWidths(natural: readonly number[], text: readonly boolean[]): { widths: number[]; wrapped: boolean[] } {
  const sum = (ws: readonly number[]) => ws.reduce((t, w) => t + w, 0);
  if (sum(natural) <= WIDEST) return { widths: [...natural], wrapped: natural.map(() => false) };
  const capped = (cap: number) => natural.map((w, i) => (text[i] ? Math.min(w, cap) : w));
  let cap = maxOf([NARROWEST_TEXT, ...natural.filter((_, i) => text[i])]);
  while (cap > NARROWEST_TEXT && sum(capped(cap)) > WIDEST) cap--;
  const widths = capped(cap);
  return { widths, wrapped: widths.map((w, i) => w < natural[i]!) };
}

/**
 * How every sheet prints: A4, one page wide (as many pages down as it takes), landscape when its columns are
 * wider than a portrait page, the header row repeated on each page.
 */
function printSetup(width: number, headerRow: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: width > PORTRAIT_CHARS ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

function addTable(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  rows: readonly Cell[][],
  look: Look,
  opts: SheetOptions = {},
): ExcelJS.Worksheet {
  const { accent, money } = look;
  const above = opts.above ?? [];
  const headerRow = above.length + 1;
  // The widest value of each column (a loop, not a spread: a sheet may hold hundreds of thousands of rows); a
  // header wraps, so its longest word sets its least width. Then fitted to the printed page (printWidths).
  const natural = columns.map((c, i) => {
    let w = Math.max(8, maxOf(c.header.split(' ').map((x) => x.length)) + 3);
    for (const r of rows) w = Math.max(w, widthOf(r[i] ?? null, c) + 2);
    return Math.min(c.wrap ? 60 : 45, w);
  });
  const isText = columns.map((c, i) => c.wrap === true || (c.fmt === undefined || c.fmt === 'text' ? rows.some((r) => typeof r[i] === 'string') : false));
  const { widths, wrapped } = printWidths(natural, isText);
  const ws = wb.addWorksheet(name, {
    properties: { tabColor: { argb: `FF${accent}` } },
    pageSetup: printSetup(
      widths.reduce((t, w) => t + w, 0),
      headerRow,
    ),
  });
  ws.headerFooter = { oddFooter: `&L${footerText(look.footer)}&C${footerText(name)}&RPage &P of &N` };
  for (const r of above) ws.addRow(r.map((v) => v ?? ''));
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${accent}` } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  rows.forEach((r, k) => {
    const row = ws.getRow(headerRow + 1 + k);
    columns.forEach((c, i) => {
      const v = r[i];
      if (v === null || v === undefined || v === '') return;
      const cell = row.getCell(i + 1);
      cell.value = v as ExcelJS.CellValue;
      const f = formatOf(c, money);
      if (f) cell.numFmt = f;
      cell.alignment = { vertical: 'top', wrapText: c.wrap === true || wrapped[i] === true };
    });
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Rows as tall as their wrapped text (not every reader fits row heights on opening).
  rows.forEach((r, k) => {
    let linesNeeded = 1;
    columns.forEach((c, i) => {
      if ((c.wrap || wrapped[i]) && typeof r[i] === 'string') linesNeeded = Math.max(linesNeeded, wrappedLines(r[i] as string, widths[i]!));
    });
    if (linesNeeded > 1) ws.getRow(headerRow + 1 + k).height = 15 * linesNeeded;
  });
  const last = headerRow + rows.length;
  if (opts.total !== undefined && rows.length) {
    const totalRow = ws.getRow(last + 1);
    totalRow.getCell(1).value = opts.total;
    totalRow.font = { bold: true };
    columns.forEach((c, i) => {
      if (!c.total) return;
      const col = columnName(i + 1);
      const cell = totalRow.getCell(i + 1);
      cell.value = { formula: `SUM(${col}${headerRow + 1}:${col}${last})`, result: rows.reduce((t, r) => t + numberOf(r[i]), 0) };
      const f = formatOf(c, money);
      if (f) cell.numFmt = f;
    });
    totalRow.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
  if (rows.length) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: last, column: columns.length } };
  return ws;
}

/** Text in a print footer (an ampersand starts a footer code, so it is doubled). */
function footerText(text: string): string {
  return text.replace(/&/g, '&&');
}

const YES = 'yes';
const NO = 'no';

/**
 * The most rows a sheet of records (backlog items, releases) holds. Past it the sheet holds the first ones and
 * says so, and the whole list is a CSV file beside the workbook: a workbook of 200,000 rows takes gigabytes to
 * build and minutes to open, and prints as thousands of pages.
 */
export const ROW_CAP = 10_000;

export interface WorkbookOptions {
  /** The most rows of a sheet of records (default ROW_CAP). */
  rowCap?: number;
}

/** The workbook, and the CSV files of the record sheets too long for it (file name, bytes). */
export interface WrittenWorkbook {
  bytes: Uint8Array;
  beside: [string, Uint8Array][];
}

/** A value as CSV text: dates as ISO days, a formula as the value it gives, a field quoted when it must be. */
function csvField(v: Cell | undefined): string {
  let t: string;
  if (v === null || v === undefined) t = '';
  else if (v instanceof Date) t = v.toISOString().slice(0, 10);
  else if (typeof v === 'object') t = v.result === undefined ? '' : String(v.result);
  else t = String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * A table as CSV (RFC 4180: comma, CRLF, a header line), without a byte-order mark. The rows are made one
 * at a time and encoded in blocks, so a list of 200,000 records never exists twice in memory.
 */
function csvOf<T>(columns: readonly Column[], list: readonly T[], row: (x: T, k: number) => Cell[]): Uint8Array {
  const encoder = new TextEncoder();
  const blocks: Uint8Array[] = [];
  let lines: string[] = [columns.map((c) => csvField(c.header)).join(',')];
  for (let k = 0; k < list.length; k++) {
    const r = row(list[k]!, k);
    lines.push(columns.map((_, i) => csvField(r[i])).join(','));
    if (lines.length >= 4096) {
      blocks.push(encoder.encode(`${lines.join('\r\n')}\r\n`));
      lines = [];
    }
  }
  if (lines.length) blocks.push(encoder.encode(`${lines.join('\r\n')}\r\n`));
  return Buffer.concat(blocks);
}

/** Writes the workbook: Summary, Practices, Gaps, Recommendations, Roadmap, Requirements, Goals and Alignment, Backlog, Releases, Training. */
export async function writeWorkbook(a: Assessment, e: Engagement, v: ReportView, meta: OfficeMeta, opts: WorkbookOptions = {}): Promise<WrittenWorkbook> {
  const rowCap = opts.rowCap ?? ROW_CAP;
  const beside: [string, Uint8Array][] = [];
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.author;
  wb.lastModifiedBy = meta.creator;
  wb.title = meta.title;
  wb.subject = meta.subject;
  wb.company = a.engagement.client;
  wb.created = meta.date;
  wb.modified = meta.date;
  wb.calcProperties = { fullCalcOnLoad: true };
  const accent = hex6(meta.primaryColor);
  const money = moneyFormat(a.engagement.currency);
  const look: Look = { accent, money, footer: `${a.engagement.client} · Confidential` };
  const names = v.plan.names;
  /**
   * A sheet of records: every row while they fit under the cap; past it the first `rowCap` rows, a line above
   * the table that says so, and every row in a CSV file beside the workbook. `row` builds a record's cells
   * given its sheet row (for formulas).
   */
  function records<T>(
    name: string,
    file: string,
    what: string,
    columns: readonly Column[],
    list: readonly T[],
    row: (x: T, sheetRow: number) => Cell[],
    opts: SheetOptions = {},
  ): ExcelJS.Worksheet {
    const capped = list.length > rowCap;
    const note: Cell[][] = capped
      ? [[`The first ${rowCap.toLocaleString('en-GB')} of ${list.length.toLocaleString('en-GB')} ${what}; every one is in ${file}, beside this workbook.`], []]
      : [];
    const above = [...note, ...(opts.above ?? [])];
    const first = above.length + 2;
    const shown = capped ? list.slice(0, rowCap) : list;
    const rows = shown.map((x, k) => row(x, first + k));
    if (capped) beside.push([file, csvOf(columns, list, (x, k) => row(x, first + k))]);
    const ws = addTable(wb, name, columns, rows, look, { ...opts, above, ...(capped ? { total: undefined } : {}) });
    if (capped) ws.getCell(1, 1).font = { bold: true, color: { argb: 'FFB42318' } };
    return ws;
  }
  const dayRate = a.engagement.day_rate;
  /** A cost formula on the day-rate cell, with the value it gives today (blank while there is no rate). */
  const cost = (effortCell: string, effort: number): Cell => ({
    formula: `IF(DayRate="","",${effortCell}*DayRate)`,
    result: dayRate === null ? '' : effort * dayRate,
  });

  // Summary: the key figures, the day rate every cost formula reads, and the perspectives.
  const o = a.overall;
  const plan = a.summary.plan;
  const summaryRows: Cell[][] = [
    ['Client', a.engagement.client, null],
    ['Engagement', a.engagement.title, null],
    ['Reference date (as of)', utcDate(a.as_of), null],
    ['Model', `${v.model.name} ${v.model.version}`, `${v.model.practices} practices, ${v.model.criteria} criteria`],
    ['Overall score', o.score, 'out of 5, weighted over the perspectives'],
    ['Overall target', o.target, 'out of 5'],
    ['Overall gap', o.gap, 'levels missing on average'],
    ['Share of the way to the target', o.percent_to_target, null],
    ['Practices assessed', a.summary.assessed, `of ${a.summary.practices}`],
    ['Currency', a.engagement.currency, null],
    ['Day rate', dayRate, 'Change this cell: every cost in the workbook follows it.'],
    ['Recommendations', a.recommendations.length, `${plan.scheduled} scheduled`],
    ['Plan effort (person-days)', plan.days, 'the scheduled recommendations'],
    ['Plan cost', null, 'plan effort × day rate'],
    ['Plan ends', utcDate(plan.ends), null],
    ['Not scheduled (person-days)', a.roadmap.unscheduled_days, `${a.roadmap.unscheduled.length} recommendations do not fit the capacity`],
    ['Requirements met or planned', a.summary.requirements.reached, `of ${a.summary.requirements.total}`],
    ['Answer', v.headlines.answer, null],
    ['Decision', v.headlines.ask, null],
  ];
  const summary = addTable(wb, 'Summary', [{ header: 'Figure' }, { header: 'Value', wrap: true }, { header: 'Note', wrap: true }], summaryRows, look);
  const rowOf = (label: string) => 2 + summaryRows.findIndex((r) => r[0] === label);
  const rateRow = rowOf('Day rate');
  wb.definedNames.add(`Summary!$B$${rateRow}`, 'DayRate');
  summary.getCell(`B${rateRow}`).numFmt = money;
  summary.getCell(`B${rateRow}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  for (const label of ['Overall score', 'Overall target', 'Overall gap']) summary.getCell(`B${rowOf(label)}`).numFmt = '0.0';
  summary.getCell(`B${rowOf('Share of the way to the target')}`).numFmt = '0%';
  summary.getCell(`B${rowOf('Reference date (as of)')}`).numFmt = DATE_FMT;
  summary.getCell(`B${rowOf('Plan ends')}`).numFmt = DATE_FMT;
  summary.getCell(`B${rowOf('Plan cost')}`).value = cost(`B${rowOf('Plan effort (person-days)')}`, plan.days) as ExcelJS.CellValue;
  summary.getCell(`B${rowOf('Plan cost')}`).numFmt = money;
  summary.getColumn(2).width = 50;
  // The notes wrap: the perspectives beside them keep the sheet printable on one landscape page.
  summary.getColumn(3).width = Math.min(summary.getColumn(3).width ?? 36, 36);
  summary.getColumn(3).alignment = { vertical: 'top', wrapText: true };
  for (const label of ['Answer', 'Decision']) summary.getRow(rowOf(label)).height = 15 * wrappedLines(String(summaryRows[rowOf(label) - 2]![1]), 50);
  summary.getColumn(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  // The perspectives beside the figures (columns E to J), under the same frozen header row.
  const pRow = 1;
  const pCol = 5;
  const pHead = ['Perspective', 'Score', 'Target', 'Gap', 'Weight', 'Status'];
  pHead.forEach((h, i) => {
    const c = summary.getCell(pRow, pCol + i);
    c.value = h;
    c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${accent}` } };
  });
  [16, 8, 8, 8, 8, 28].forEach((w, i) => (summary.getColumn(pCol + i).width = w));
  summary.getColumn(4).width = 3;
  v.perspectives.forEach((p, k) => {
    const r = pRow + 1 + k;
    const vals: Cell[] = [p.name, p.score, p.target, p.gap, p.weight, p.rag_text];
    vals.forEach((x, i) => {
      if (x === null) return;
      const c = summary.getCell(r, pCol + i);
      c.value = x as ExcelJS.CellValue;
      if (i >= 1 && i <= 3) c.numFmt = '0.0';
      c.alignment = { horizontal: i >= 1 && i <= 4 ? 'right' : 'left' };
    });
  });

  // Practices: every criterion, with the practice's result beside it.
  const state = e.practices.practices;
  // Sources by what they are (an interview's date and interviewees, an observation's title), never a file's id.
  const sourceName = new Map<string, string>([
    ...v.interviews.map((iv): [string, string] => [
      iv.id,
      `Interview ${iv.date_text ?? ''}${iv.interviewees.length ? ` (${iv.interviewees.join('; ')})` : ''}`.trim(),
    ]),
    ...v.observations.map((ob): [string, string] => [ob.id, `${ob.title}, ${ob.date}`]),
  ]);
  const sourcesText = (ids: readonly string[]) => ids.map((id) => sourceName.get(id) ?? id).join('\n') || null;
  const practiceRows: Cell[][] = [];
  for (const p of v.practices) {
    const mp = e.model.practices.find((x) => x.id === p.id)!;
    const answers = state[p.id]?.answers ?? {};
    for (const [k, c] of mp.criteria.entries()) {
      const x = answers[c.id];
      const answer = x === undefined || x === null ? null : typeof x === 'string' ? x : x.answer;
      const detail = x && typeof x === 'object' ? x : null;
      practiceRows.push([
        p.perspective_name,
        p.name,
        p.status,
        p.score,
        p.level,
        p.target,
        p.gap,
        c.level,
        c.text,
        answer ?? 'unanswered',
        answer === null || answer === 'na' ? null : ANSWER_VALUES[answer],
        detail?.notes ?? null,
        (detail?.evidence ?? []).map((r) => [r.title, r.ref, r.date].filter(Boolean).join(', ')).join('\n') || null,
        sourcesText(detail?.sources ?? p.sources),
        // The practice's notes once, on its first criterion: repeated on every row they made each row a page tall.
        k === 0 ? p.notes : null,
      ]);
    }
  }
  addTable(
    wb,
    'Practices',
    [
      { header: 'Perspective' },
      { header: 'Practice' },
      { header: 'Status' },
      { header: 'Practice score', fmt: 'score' },
      { header: 'Practice level', fmt: 'int' },
      { header: 'Target', fmt: 'score' },
      { header: 'Gap', fmt: 'score' },
      { header: 'Criterion level', fmt: 'int' },
      { header: 'Criterion text', wrap: true },
      { header: 'Answer' },
      { header: 'Value', fmt: 'dec' },
      { header: 'Notes', wrap: true },
      { header: 'Evidence', wrap: true },
      { header: 'Sources', wrap: true },
      { header: 'Practice notes', wrap: true },
    ],
    practiceRows,
    look,
  );

  // Gaps: every practice, the largest gap first (the report's order).
  addTable(
    wb,
    'Gaps',
    [
      { header: 'Practice' },
      { header: 'Perspective' },
      { header: 'Score', fmt: 'score' },
      { header: 'Level', fmt: 'int' },
      { header: 'Target', fmt: 'score' },
      { header: 'Gap', fmt: 'score' },
      { header: 'In place', fmt: 'score' },
      { header: 'Status' },
      { header: 'Method' },
      { header: 'Answers sourced', fmt: 'pct' },
    ],
    v.gap_table.map((p) => [p.name, p.perspective_name, p.score, p.level, p.target, p.gap, p.in_place, p.rag_text, p.status, p.confidence]),
    look,
  );

  // Recommendations: in the customer's order, costs as formulas on the day rate.
  const phaseOf = new Map(a.roadmap.phases.map((p, k) => [p.id, { ...p, k }]));
  const recRows = v.plan.recommendations.map((r, k): Cell[] => {
    const ph = r.phase ? phaseOf.get(r.phase) : undefined;
    return [
      r.number,
      r.title,
      r.practice_name,
      r.perspective_name,
      r.level,
      capitalise(r.horizon),
      ph ? `Phase ${ph.k + 1}: ${ph.name}` : 'Not scheduled',
      utcDate(ph?.start),
      utcDate(ph?.end),
      r.effort_days,
      cost(`J${k + 2}`, r.effort_days),
      r.priority,
      capitalise(r.bucket),
      r.rank,
      r.rank !== null ? (a.requirements[r.rank - 1]?.title ?? null) : null,
      r.first_step ? YES : NO,
      r.owner_text,
      r.after.join('; ') || null,
      r.impact,
      r.urgency,
    ];
  });
  addTable(
    wb,
    'Recommendations',
    [
      { header: '#', fmt: 'int' },
      { header: 'Recommendation', wrap: true },
      { header: 'Practice' },
      { header: 'Perspective' },
      { header: 'To level', fmt: 'int' },
      { header: 'Horizon' },
      { header: 'Phase' },
      { header: 'Phase start', fmt: 'date' },
      { header: 'Phase end', fmt: 'date' },
      { header: 'Effort (person-days)', fmt: 'dec', total: true },
      { header: 'Cost', fmt: 'money', total: true },
      { header: 'Priority', fmt: 'dec' },
      { header: 'Priority bucket' },
      { header: 'Requirement #', fmt: 'int' },
      { header: 'Requirement', wrap: true },
      { header: 'First step' },
      { header: 'Owner' },
      { header: 'After', wrap: true },
      { header: 'Impact (1–5)', fmt: 'int' },
      { header: 'Urgency', fmt: 'dec' },
    ],
    recRows,
    look,
    { total: 'Total' },
  );

  // Roadmap: the phases, with the requirements met by each one's end.
  addTable(
    wb,
    'Roadmap',
    [
      { header: '#', fmt: 'int' },
      { header: 'Phase' },
      { header: 'Start', fmt: 'date' },
      { header: 'End', fmt: 'date' },
      { header: 'Capacity (person-days)', fmt: 'dec', total: true },
      { header: 'Effort placed (person-days)', fmt: 'dec', total: true },
      { header: 'Cost', fmt: 'money', total: true },
      { header: 'Recommendations', fmt: 'int', total: true },
      { header: 'Requirements met by its end', fmt: 'int' },
      { header: 'Milestones', wrap: true },
    ],
    [
      ...v.plan.phases.map((p, k): Cell[] => [
        p.index,
        p.name,
        utcDate(p.start),
        utcDate(p.end),
        a.roadmap.phases[k]?.capacity_days ?? null,
        p.used_days,
        cost(`F${k + 2}`, p.used_days),
        p.recommendations.length,
        p.met_by_end,
        [...p.outcomes, ...p.milestone_kpis].join('\n') || null,
      ]),
      ...(a.roadmap.unscheduled.length
        ? [
            [
              null,
              'Not scheduled',
              null,
              null,
              null,
              a.roadmap.unscheduled_days,
              cost(`F${v.plan.phases.length + 2}`, a.roadmap.unscheduled_days),
              a.roadmap.unscheduled.length,
              null,
              null,
            ] as Cell[],
          ]
        : []),
    ],
    look,
    { total: 'Total' },
  );

  businessCaseSheet(wb, a, v, look);

  // Requirements, most important first, with their status under each capacity scenario.
  const scenarioCols: Column[] = a.scenarios.map((s) => ({ header: `Met under: ${s.name}` }));
  addTable(
    wb,
    'Requirements',
    [
      { header: 'Rank', fmt: 'int' },
      { header: 'Requirement', wrap: true },
      { header: 'Description', wrap: true },
      { header: 'Status' },
      { header: 'Status code' },
      { header: 'Practices', wrap: true },
      { header: 'Measured by', wrap: true },
      { header: 'Recommendations', fmt: 'int' },
      ...scenarioCols,
    ],
    v.requirements.map((r): Cell[] => [
      r.rank,
      r.title,
      r.description,
      r.status_text,
      r.status,
      r.practice_names.join(', '),
      r.metrics.map((m) => `${m.name}: ${m.value} now, target ${m.target} (${m.met})`).join('\n') || null,
      r.recommendations,
      ...r.by_scenario,
    ]),
    look,
  );

  // The alignment matrix (assessment.json `traceability`): each goal with its status, then every line of goal ×
  // requirement × recommendation × phase; a recommendation that serves no requirement is listed as hygiene.
  const trace = a.traceability;
  if (trace.goals.length) {
    addTable(
      wb,
      'Goals',
      [
        { header: '#', fmt: 'int' },
        { header: 'Goal', wrap: true },
        { header: 'Requirements that serve it', wrap: true },
        { header: 'Recommendations', fmt: 'int' },
        { header: 'Status' },
        { header: 'Status code' },
      ],
      v.alignment.goals.map((g, k): Cell[] => [g.number, g.title, g.requirements, g.recommendations, g.status_text, trace.goals[k]!.status]),
      look,
    );
  }
  const goalTitle = new Map(trace.goals.map((g) => [g.id, g.title]));
  const how = { direct: 'serves it', prerequisite: 'prerequisite of work that serves it', hygiene: 'hygiene: serves no requirement' } as const;
  addTable(
    wb,
    'Alignment',
    [{ header: 'Goal', wrap: true }, { header: 'Requirement', wrap: true }, { header: 'Recommendation', wrap: true }, { header: 'How' }, { header: 'Phase' }],
    trace.rows.map((r): Cell[] => [
      r.goal === null ? null : (goalTitle.get(r.goal) ?? r.goal),
      r.requirement === null ? null : names.requirement(r.requirement),
      names.recommendation(r.recommendation),
      how[r.via],
      r.phase === null ? 'Not scheduled' : names.phase(r.phase),
    ]),
    look,
  );

  // Backlog by application, and every item.
  const b = a.backlog;
  if (b) {
    addTable(
      wb,
      'Backlog by application',
      [
        { header: 'Application' },
        { header: 'Platform' },
        { header: 'Criticality' },
        { header: 'Items', fmt: 'int', total: true },
        { header: 'Open', fmt: 'int', total: true },
        { header: 'Open effort (person-days)', fmt: 'dec', total: true },
        { header: 'Open cost', fmt: 'money', total: true },
        { header: 'Open benefit', fmt: 'money', total: true },
        { header: 'Benefit ÷ cost', fmt: 'dec' },
        { header: 'Median age (days)', fmt: 'dec' },
        { header: '90th percentile age (days)', fmt: 'dec' },
        { header: 'Oldest (days)', fmt: 'dec' },
        { header: 'Emergencies', fmt: 'int' },
        { header: 'Delivered per 30 days', fmt: 'dec' },
        { header: 'Costed share', fmt: 'pct' },
      ],
      b.applications.map((x, k): Cell[] => [
        x.name,
        x.platform,
        x.criticality,
        x.count,
        x.open_count,
        x.open_effort_days,
        cost(`F${k + 2}`, x.open_effort_days),
        x.open_benefit,
        { formula: `IF(OR(G${k + 2}="",G${k + 2}=0),"",H${k + 2}/G${k + 2})`, result: x.benefit_cost_ratio ?? '' },
        x.open_age.median_days,
        x.open_age.p90_days,
        x.open_age.max_days,
        x.emergency_count,
        x.throughput_per_30_days,
        x.costed_share,
      ]),
      look,
      { total: 'Total' },
    );
    const close = new Map(b.close_not_build.map((c) => [c.id, `${c.reason} of ${c.of.join(', ')}`]));
    const items = e.backlog?.items ?? [];
    records(
      'Backlog items',
      'backlog-items.csv',
      'backlog items',
      [
        { header: 'ID' },
        { header: 'Application' },
        { header: 'Title', wrap: true },
        { header: 'Type' },
        { header: 'Priority' },
        { header: 'Status' },
        { header: 'Emergency' },
        { header: 'Requested', fmt: 'date' },
        { header: 'Closed', fmt: 'date' },
        { header: 'Effort (person-days)', fmt: 'dec', total: true },
        { header: 'Cost', fmt: 'money', total: true },
        { header: 'Benefit', fmt: 'money', total: true },
        { header: 'Change' },
        { header: 'Platforms' },
        { header: 'Release' },
        { header: 'Close, do not build' },
      ],
      items,
      (i, row): Cell[] => [
        i.id,
        names.application(i.application),
        i.title,
        i.type ?? null,
        i.priority ?? null,
        statusOf(i),
        i.emergency ? YES : NO,
        utcDate(i.requested),
        utcDate(i.closed),
        i.effort_days ?? null,
        i.effort_days === undefined ? null : cost(`J${row}`, i.effort_days),
        i.benefit ?? null,
        i.change ?? null,
        (i.platforms ?? []).join(', ') || null,
        i.release ?? null,
        close.get(i.id) ?? null,
      ],
      { total: 'Total' },
    );
  }

  // The release record, with the DORA metrics above it.
  const rel = a.releases;
  if (rel) {
    const dora: [string, keyof typeof rel.bands, string][] = [
      ['Deployment frequency (per week)', 'deployment_frequency_per_week', '#,##0.0'],
      ['Lead time for changes (days)', 'lead_time_days', '#,##0.0'],
      ['Change failure rate', 'change_failure_rate', '0%'],
      ['Time to restore (hours)', 'recovery_hours', '#,##0.0'],
    ];
    const above: Cell[][] = [
      ['DORA metric', 'Measured', 'Target', 'Band', `Over the ${rel.window_days} days from ${rel.window_start} to ${a.as_of}`],
      ...dora.map(([label, key]): Cell[] => [label, rel[key], rel.targets[key] ?? null, rel.bands[key] ?? 'no data', null]),
      ['Overall band', null, null, rel.band ?? 'no data', null],
      ['Releases in the window', rel.count, null, null, `${rel.outcome_known} with a recorded outcome`],
      [],
    ];
    const releases = e.releases?.releases ?? [];
    // The line a capped sheet starts with moves the DORA block down.
    const shift = releases.length > rowCap ? 2 : 0;
    const ws = records(
      'Release record',
      'releases.csv',
      'releases',
      [
        { header: 'Release' },
        { header: 'Type' },
        { header: 'Planned' },
        { header: 'Applications', wrap: true },
        { header: 'Scheduled', fmt: 'date' },
        { header: 'Deployed', fmt: 'date' },
        { header: 'Outcome' },
        { header: 'Restored', fmt: 'date' },
        { header: 'Items', fmt: 'int' },
        { header: 'Changes', fmt: 'int' },
      ],
      releases,
      (r): Cell[] => [
        r.id,
        r.type ?? null,
        r.planned === undefined ? null : r.planned ? YES : NO,
        (r.applications ?? []).map(names.application).join(', ') || null,
        utcDate(r.scheduled),
        utcDate(r.deployed),
        r.outcome ?? 'not recorded',
        utcDate(r.restored),
        r.items?.length ?? 0,
        r.changes?.length ?? 0,
      ],
      { above },
    );
    for (let c = 1; c <= 5; c++) ws.getCell(1 + shift, c).font = { bold: true };
    dora.forEach(([, , fmt], k) => {
      ws.getCell(2 + shift + k, 2).numFmt = fmt;
      ws.getCell(2 + shift + k, 3).numFmt = fmt;
    });
    ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 32);
  }

  // Training: the course schedule.
  const t = a.training;
  if (t) {
    // The price of a course per participant, from the catalogue in force (team.yaml's entries over the model's),
    // as the engine costs a skill: that price × its participants.
    const { skills: catalogue } = skillCatalogue(e.team ?? {}, e.model.skills ?? []);
    const price = new Map(catalogue.map((x) => [x.id, x.training?.cost ?? null]));
    const mode = new Map(v.training?.schedule.map((s) => [s.skill, s.mode]) ?? []);
    addTable(
      wb,
      'Training',
      [
        { header: 'Course', wrap: true },
        { header: 'Skill' },
        { header: 'Mode' },
        { header: 'Start', fmt: 'date' },
        { header: 'End', fmt: 'date' },
        { header: 'Course days', fmt: 'dec' },
        { header: 'Participants', fmt: 'int', total: true },
        { header: 'People', wrap: true },
        { header: 'Participant-days', fmt: 'dec', total: true },
        { header: 'Price per participant', fmt: 'money' },
        { header: 'Cost', fmt: 'money', total: true },
        { header: 'Needed for' },
        { header: 'Needed from', fmt: 'date' },
        { header: 'Ends late' },
      ],
      t.schedule.map((s, k): Cell[] => [
        s.course ?? names.skill(s.skill),
        names.skill(s.skill),
        mode.get(names.skill(s.skill)) ?? null,
        utcDate(s.start),
        utcDate(s.end),
        s.course_days,
        s.people.length,
        s.people.map(names.person).join(', '),
        s.participant_days,
        price.get(s.skill) ?? null,
        price.get(s.skill) === null || price.get(s.skill) === undefined
          ? null
          : { formula: `G${k + 2}*J${k + 2}`, result: s.people.length * price.get(s.skill)! },
        s.needed_for ? names.phase(s.needed_for) : null,
        utcDate(s.needed_from),
        s.late ? YES : NO,
      ]),
      look,
      { total: 'Total' },
    );
  }
  // Sheets laid out beside their table (the summary's perspectives) print landscape when wider than portrait.
  for (const ws of wb.worksheets) {
    const width = (ws.columns ?? []).reduce((t, c) => t + (c.width ?? 9), 0);
    ws.pageSetup.orientation = width > PORTRAIT_CHARS ? 'landscape' : 'portrait';
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return { bytes: await normalisePackage(bytes, { date: meta.date }), beside };
}

/**
 * Business case: the value at stake per part, costs and savings as formulas on the unit costs (a client who
 * changes an estimate sees the totals and the payback follow), the cost to pay back on the day rate, and every
 * assumption under it. The cached values are what assessment.json holds.
 */
function businessCaseSheet(wb: ExcelJS.Workbook, a: Assessment, v: ReportView, look: Look): void {
  const money = look.money;
  const b = a.business_case;
  const parts = b.parts.filter((p) => p.unit_cost !== null);
  const rows: Cell[][] = parts.map((p, k): Cell[] => {
    const r = k + 2;
    return [
      v.business_case.rows[k]!.name,
      p.unit_cost,
      p.quantity_per_year,
      p.cost_per_year === null ? null : { formula: `B${r}*C${r}`, result: p.cost_per_year },
      p.target_quantity_per_year,
      p.saving_per_year === null ? null : { formula: `(C${r}-E${r})*B${r}`, result: p.saving_per_year },
    ];
  });
  const last = parts.length + 1;
  if (parts.length)
    rows.push([
      'In all',
      null,
      null,
      b.value_at_stake_per_year === null ? null : { formula: `SUM(D2:D${last})`, result: b.value_at_stake_per_year },
      null,
      b.saving_per_year === null ? null : { formula: `SUM(F2:F${last})`, result: b.saving_per_year },
    ]);
  const ws = addTable(
    wb,
    'Business case',
    [
      { header: 'Cost of' },
      { header: 'Unit cost', fmt: 'money' },
      { header: 'A year today', fmt: 'dec' },
      { header: 'Cost a year', fmt: 'money' },
      { header: 'A year, targets met', fmt: 'dec' },
      { header: 'Saving a year', fmt: 'money' },
    ],
    rows,
    look,
  );
  if (parts.length) ws.getRow(last + 1).font = { bold: true };
  let r = rows.length + 3;
  const put = (label: string, value: Cell, fmt?: string) => {
    ws.getCell(`A${r}`).value = label;
    if (value !== null) {
      const c = ws.getCell(`B${r}`);
      c.value = value as ExcelJS.CellValue;
      if (fmt) c.numFmt = fmt;
    }
    r++;
  };
  const scenario = a.scenarios.find((s) => s.id === b.scenario);
  if (b.saving_per_year !== null && scenario) {
    const totalRow = last + 1;
    const costRow = r;
    put('Cost to pay back', b.cost === null ? null : { formula: `IF(DayRate="","",${scenario.total_days}*DayRate)`, result: b.cost }, money);
    const ramp = b.assumptions.find((x) => x.id === 'ramp')?.value ?? null;
    const rampRow = r;
    put('Plan length (months)', ramp, '0.0');
    if (ramp !== null && b.cost !== null) {
      // Months until the saving, ramping up over the plan, covers the cost (blank: not within ten years).
      const [C, R, D] = [`B${costRow}`, `F${totalRow}/12`, `B${rampRow}`];
      const t = `IF(${C}<=${R}*${D}/2,SQRT(2*${D}*${C}/(${R})),${C}/(${R})+${D}/2)`;
      put('Payback (months)', { formula: `IF(OR(${C}="",${R}<=0),"",IF(${t}>120,"",${t}))`, result: b.payback_months ?? '' }, '0.0');
    }
    put('Paid back by', utcDate(b.payback_date), DATE_FMT);
  }
  r++;
  ws.getCell(`A${r++}`).value = v.business_case.headline;
  if (v.business_case.assumptions.length) {
    ws.getCell(`A${r++}`).value = 'Assumptions';
    ws.getCell(`A${r - 1}`).font = { bold: true };
    for (const line of v.business_case.assumptions) ws.getCell(`A${r++}`).value = line;
  }
}
