/**
 * The Excel questionnaire: an instructions sheet, then one sheet per perspective with a row per criterion,
 * grouped by practice. Only the answer, notes and evidence cells (and the respondent's name, role and date)
 * can be edited: the sheets are protected, without a password, so that rows and ids stay as relm wrote them.
 * exceljs is loaded here, only when a questionnaire is written.
 */
import type { Worksheet } from 'exceljs';
import {
  ANSWER_WORDS,
  COLUMNS,
  INSTRUCTIONS_SHEET,
  LABEL_DATE,
  LABEL_NAME,
  LABEL_ROLE,
  META_SHEET,
  QUESTIONNAIRE_FORMAT,
  QUESTIONNAIRE_VERSION,
} from '../engagement/responses-format.js';
import { firstSentence, forLine, HOW_TO_ANSWER, SCALE_WORDS, type QuestionnaireSpec } from './questionnaire.js';

const WIDTHS: Record<(typeof COLUMNS)[number], number> = { practice: 24, criterion: 26, level: 7, statement: 70, answer: 11, notes: 45, evidence: 45 };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3A5F' } } as const;
const GROUP_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } } as const;
const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8E1' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFB0BEC5' } } as const;
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** What a protected sheet still lets the respondent do: select, resize, filter. */
const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false };

/** The answer cell's input message (Excel shows at most 255 characters): the scale in short. */
/** Printed, a sheet is as wide as the page (landscape) and as long as it needs. */
const PAGE = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;

/** Excel keeps the row height a file gives: wrapped statements get room for their lines. */
function heightFor(text: string, width: number): number | undefined {
  const lines = Math.ceil(text.length / (width * 1.1));
  return lines > 1 ? lines * 15 + 2 : undefined;
}

const SCALE_PROMPT =
  'none: not in place\nsome: now and then, in places\nhalf: about half the time or scope\nmost: mostly or fully in place\nn/a: does not apply (say why in the notes)\nBlank: you do not know.';

/** The workbook's bytes (xlsx). */
export async function questionnaireXlsx(spec: QuestionnaireSpec): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'relm';
  wb.title = `${spec.client}: release management questionnaire`;
  // The same inputs give the same workbook: its dates are the engagement's, not the clock's.
  wb.created = wb.modified = new Date(`${spec.made}T00:00:00Z`);

  await instructions(wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF1F3A5F' } }, pageSetup: PAGE }), spec);
  for (const k of spec.perspectives)
    await perspectiveSheet(wb.addWorksheet(k.name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...PAGE, printTitlesRow: '1:1' } }), k);
  meta(wb.addWorksheet(META_SHEET, { state: 'veryHidden' }), spec);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function instructions(ws: Worksheet, spec: QuestionnaireSpec): Promise<void> {
  ws.columns = [{ width: 24 }, { width: 50 }, { width: 12 }, { width: 60 }];
  const criteria = spec.perspectives.reduce((n, k) => n + k.practices.reduce((m, p) => m + p.criteria.length, 0), 0);
  const practices = spec.perspectives.reduce((n, k) => n + k.practices.length, 0);
  const title = ws.addRow(['Release management questionnaire']);
  title.font = { bold: true, size: 16 };
  ws.addRow([`${spec.client} · ${spec.title}`]).font = { size: 12 };
  ws.addRow([]);
  const input = (label: string, value: string) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    const cell = row.getCell(2);
    cell.protection = { locked: false };
    cell.fill = INPUT_FILL;
    cell.border = BOX;
    return cell;
  };
  input(LABEL_NAME, spec.for?.name ?? '');
  input(LABEL_ROLE, spec.for?.role ?? '');
  const date = input(LABEL_DATE, '');
  date.note = 'The day you answered, as YYYY-MM-DD (e.g. 2026-03-05).';
  const fixed = (label: string, value: string) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
  };
  fixed('Please return it by', spec.deadline ?? 'the date agreed with the consultants');
  if (spec.returnTo.length) fixed('Return it to', spec.returnTo.join(', '));
  fixed(
    'What it covers',
    `${practices} practice${practices === 1 ? '' : 's'}, ${criteria} statements, on the sheets ${spec.perspectives.map((k) => k.name).join(', ')}`,
  );
  ws.addRow([]);

  ws.addRow(['How to answer']).font = { bold: true, size: 13 };
  for (const line of [
    `${spec.for ? `This questionnaire is for ${forLine(spec)}.` : 'Please fill in your name and role above.'} Each sheet lists statements about how releases are planned, built, tested and shipped today, grouped by practice; level 1 statements describe the basics, level 5 the most advanced.`,
    ...HOW_TO_ANSWER,
    'Only the answer, notes and evidence columns can be edited; the other cells are protected (no password) so that the file can be read back. Save the file under any name and send it back.',
  ]) {
    const row = ws.addRow(['', line]);
    ws.mergeCells(row.number, 2, row.number, 4);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = Math.max(15, Math.ceil(line.length / 110) * 15);
  }
  ws.addRow([]);

  const head = ws.addRow(['Answer', 'What it means', 'Counts']);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  for (let c = 1; c <= 3; c++) head.getCell(c).fill = HEADER_FILL;
  for (const s of SCALE_WORDS) {
    const row = ws.addRow([s.word, s.meaning, s.counts]);
    row.getCell(1).font = { bold: true };
    for (let c = 1; c <= 3; c++) row.getCell(c).border = BOX;
    row.getCell(2).alignment = { wrapText: true };
  }
  ws.addRow([]);
  ws.addRow([`Model: ${spec.model.name}, version ${spec.model.version}`]).font = { italic: true, color: { argb: 'FF607D8B' } };
  await ws.protect('', PROTECTION);
}

async function perspectiveSheet(ws: Worksheet, k: QuestionnaireSpec['perspectives'][number]): Promise<void> {
  ws.columns = COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  // Practices are row groups the respondent can fold; they open unfolded.
  ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  ws.properties.outlineLevelRow = 1;
  const col = (c: (typeof COLUMNS)[number]) => COLUMNS.indexOf(c) + 1;
  for (const p of k.practices) {
    const group = ws.addRow({ practice: p.id, statement: p.description ? `${p.name}: ${firstSentence(p.description)}` : p.name });
    group.font = { bold: true };
    group.eachCell({ includeEmpty: true }, (cell) => (cell.fill = GROUP_FILL));
    for (let c = 1; c <= COLUMNS.length; c++) group.getCell(c).fill = GROUP_FILL;
    group.getCell(col('statement')).alignment = { wrapText: true, vertical: 'top' };
    for (const c of p.criteria) {
      const row = ws.addRow({ practice: p.id, criterion: c.id, level: c.level, statement: c.text });
      row.outlineLevel = 1;
      row.alignment = { vertical: 'top' };
      const height = heightFor(c.text, WIDTHS.statement);
      if (height) row.height = height;
      row.getCell(col('statement')).alignment = { wrapText: true, vertical: 'top' };
      row.getCell(col('level')).alignment = { horizontal: 'center', vertical: 'top' };
      const answer = row.getCell(col('answer'));
      answer.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${ANSWER_WORDS.join(',')}"`],
        showInputMessage: true,
        promptTitle: 'Choose an answer',
        prompt: SCALE_PROMPT,
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Not an answer',
        error: `Choose ${ANSWER_WORDS.join(', ')}, or leave it blank.`,
      };
      for (const c2 of ['answer', 'notes', 'evidence'] as const) {
        const cell = row.getCell(col(c2));
        cell.protection = { locked: false };
        cell.fill = INPUT_FILL;
        cell.border = BOX;
        if (c2 !== 'answer') cell.alignment = { wrapText: true, vertical: 'top' };
      }
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  await ws.protect('', PROTECTION);
}

function meta(ws: Worksheet, spec: QuestionnaireSpec): void {
  const rows: [string, string][] = [
    ['format', QUESTIONNAIRE_FORMAT],
    ['version', String(QUESTIONNAIRE_VERSION)],
    ['client', spec.client],
    ['model', spec.model.id],
    ['model_version', spec.model.version],
    ['for_name', spec.for?.name ?? ''],
    ['for_role', spec.for?.role ?? ''],
    ['deadline', spec.deadline ?? ''],
    ['practices', spec.perspectives.flatMap((k) => k.practices.map((p) => p.id)).join(',')],
  ];
  for (const r of rows) ws.addRow(r);
}
