/**
 * Reads a returned questionnaire, an Excel workbook or the JSON the HTML form saves, into one respondent's
 * answers. Rows are found by their criterion id (reordered rows, extra sheets and columns are fine); every
 * cell that cannot be read is a finding naming its sheet and cell (`Process!E14`), and the caller imports
 * nothing while any finding is an error. exceljs is loaded here, only when a workbook is read.
 */
import type { Cell, Worksheet } from 'exceljs';
import { severityOf, type Code } from '../diagnostics/rules.js';
import type { Model } from '../model/types.js';
import { isDate } from '../util/dates.js';
import { hint } from '../util/did-you-mean.js';
import {
  ANSWER_WORDS,
  INSTRUCTIONS_SHEET,
  LABEL_DATE,
  LABEL_NAME,
  LABEL_ROLE,
  META_SHEET,
  parseAnswerWord,
  QUESTIONNAIRE_FORMAT,
  type AnswersJson,
} from './responses-format.js';
import type { AnswerValue, EvidenceRef, PersonRef } from './types.js';
import { clip } from '../util/text.js';

export interface ImportFinding {
  /** Where in the file: `Process!E14`, or `answers["release-policy-2a"]` in a JSON file. */
  where: string;
  severity: 'error' | 'warning';
  code: Code;
  message: string;
  /** How many cells the finding stands for: more than one for the count of those not listed one by one. */
  cells?: number;
}

/** A finding about a cell of the returned file; its severity is the rule catalogue's. */
function importFinding(code: Code, where: string, message: string): ImportFinding {
  return { where, severity: severityOf(code), code, message };
}

export interface ReturnedAnswer {
  practice: string;
  criterion: string;
  answer: AnswerValue;
  notes?: string;
  evidence?: EvidenceRef[];
}

export interface ReturnedQuestionnaire {
  /** Who answered, as the questionnaire says (the name and role cells, else who it was made for). */
  respondent: PersonRef | null;
  date: string | null;
  /** In the model's order. */
  answers: ReturnedAnswer[];
  /** Criteria listed in the questionnaire but left blank. */
  blank: number;
  findings: ImportFinding[];
}

/** One row as read, before it is checked: the texts of its cells and where each one is. */
interface RawRow {
  practice?: { text: string; where: string };
  criterion: { text: string; where: string };
  answer: { text: string; where: string };
  notes?: { text: string; where: string };
  evidence?: { text: string; where: string; link?: string };
}

const ANSWERS_HELP = `choose ${ANSWER_WORDS.slice(0, -1).join(', ')} or ${ANSWER_WORDS[ANSWER_WORDS.length - 1]}, or leave it blank`;

/** Evidence as typed: one document a line, `title | where it is`; a line that is only a link is both. */
export function parseEvidence(text: string, link?: string): EvidenceRef[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.map((line) => {
    const bar = line.indexOf('|');
    if (bar >= 0) {
      const title = line.slice(0, bar).trim();
      const ref = line.slice(bar + 1).trim();
      return { title: title || ref, ...(ref ? { ref } : {}) };
    }
    if (/^(https?:\/\/|file:|\\\\)\S+$/i.test(line)) return { title: line, ref: line };
    return lines.length === 1 && link ? { title: line, ref: link } : { title: line };
  });
}

/** How many findings of one kind the import lists before it only counts them. */
const LISTED_PER_KIND = 20;

/** Checks the rows and turns them into answers (shared by both formats). */
function collect(rows: readonly RawRow[], model: Model, findings: ImportFinding[]): { answers: ReturnedAnswer[]; blank: number } {
  const owner = new Map(model.practices.flatMap((p) => p.criteria.map((c) => [c.id, p.id] as const)));
  const order = new Map(model.practices.flatMap((p) => p.criteria.map((c) => c.id)).map((id, i) => [id, i]));
  const practices = new Set(model.practices.map((p) => p.id));
  const byCriterion = new Map<string, { answer: ReturnedAnswer; where: string }>();
  const blanks = new Set<string>();
  // The first few findings of a kind are listed, the rest counted (200,000 unknown ids give 20 lines and a
  // count, and no hint is looked for beyond those 20).
  const counts = new Map<Code, number>();
  const err = (where: string, code: Code, message: string | (() => string)) => {
    const n = (counts.get(code) ?? 0) + 1;
    counts.set(code, n);
    if (n <= LISTED_PER_KIND) findings.push(importFinding(code, where, typeof message === 'string' ? message : message()));
  };
  for (const row of rows) {
    const cid = row.criterion.text.trim();
    const answerText = row.answer.text.trim();
    const notes = row.notes?.text.trim() ?? '';
    const evidenceText = row.evidence?.text.trim() ?? '';
    if (!cid) {
      if (answerText)
        err(
          row.answer.where,
          'answer-without-criterion',
          `"${clip(answerText)}" is an answer in a row without a criterion id; answer in the rows relm wrote, which name their criterion`,
        );
      continue;
    }
    const pid = owner.get(cid);
    if (!pid) {
      err(
        row.criterion.where,
        'unknown-criterion',
        () =>
          `"${clip(cid)}" is not a criterion of the model "${model.id}"${hint(cid, owner.keys())}; the questionnaire may be from another model version, so export a new one with \`relm questionnaire export\``,
      );
      continue;
    }
    const stated = row.practice?.text.trim();
    if (stated && stated !== pid && row.practice) {
      err(
        row.practice.where,
        'practice-mismatch',
        `criterion "${cid}" belongs to practice "${pid}", not "${clip(stated)}"${practices.has(stated) ? '' : hint(stated, practices)}; the row was changed after export`,
      );
      continue;
    }
    if (!answerText) {
      if (notes || evidenceText) {
        findings.push(
          importFinding(
            'note-without-answer',
            row.answer.where,
            `"${cid}" has ${notes ? 'notes' : 'evidence'} but no answer, so it is not imported; ${ANSWERS_HELP}`,
          ),
        );
      }
      if (!byCriterion.has(cid)) blanks.add(cid);
      continue;
    }
    const value = parseAnswerWord(answerText);
    if (value === null) {
      err(row.answer.where, 'not-an-answer', () => `"${clip(answerText)}" is not an answer${hint(answerText, ANSWER_WORDS)}; ${ANSWERS_HELP}`);
      continue;
    }
    const evidence = evidenceText ? parseEvidence(evidenceText, row.evidence?.link) : [];
    const answer: ReturnedAnswer = { practice: pid, criterion: cid, answer: value, ...(notes ? { notes } : {}), ...(evidence.length ? { evidence } : {}) };
    const before = byCriterion.get(cid);
    if (before) {
      if (before.answer.answer !== value)
        err(
          row.answer.where,
          'answered-twice',
          `"${cid}" is answered twice, ${before.answer.answer} at ${before.where} and ${value} here; keep one of the rows`,
        );
      continue;
    }
    blanks.delete(cid);
    byCriterion.set(cid, { answer, where: row.answer.where });
  }
  for (const [code, n] of counts)
    if (n > LISTED_PER_KIND)
      findings.push({
        ...importFinding(code, 'the file', `and ${n - LISTED_PER_KIND} more of the same kind (${code}), not listed`),
        cells: n - LISTED_PER_KIND,
      });
  const answers = [...byCriterion.values()].map((x) => x.answer).sort((a, b) => order.get(a.criterion)! - order.get(b.criterion)!);
  return { answers, blank: blanks.size };
}

/** The text a cell shows: rich text joined, a formula's result, a link's text, a date as YYYY-MM-DD. */
function cellText(cell: Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o)
      return o.result instanceof Date ? o.result.toISOString().slice(0, 10) : o.result === undefined || o.result === null ? '' : String(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.text && typeof o.text === 'object') return cellText({ value: o.text } as Cell);
    if (o.error) return o.error;
  }
  return cell.text ?? '';
}

function linkOf(cell: Cell): string | undefined {
  const v = cell.value as { hyperlink?: string } | null;
  return v && typeof v === 'object' && typeof v.hyperlink === 'string' ? v.hyperlink : undefined;
}

function sheetRef(ws: Worksheet): string {
  return /^[A-Za-z0-9_]+$/.test(ws.name) ? ws.name : `'${ws.name.replace(/'/g, "''")}'`;
}

/** The header row of a questionnaire sheet (one of its first ten rows naming `criterion` and `answer`), with its columns. */
function headerOf(ws: Worksheet): { row: number; columns: Map<string, number> } | null {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const columns = new Map<string, number>();
    ws.getRow(r).eachCell((cell, c) => {
      const name = cellText(cell).trim().toLowerCase();
      if (name && !columns.has(name)) columns.set(name, c);
    });
    if (columns.has('criterion') && columns.has('answer')) return { row: r, columns };
  }
  return null;
}

/** The answers of a returned workbook: every sheet with `criterion` and `answer` columns, in any order. */
export async function readWorkbook(bytes: Uint8Array, model: Model): Promise<ReturnedQuestionnaire> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    return {
      respondent: null,
      date: null,
      answers: [],
      blank: 0,
      findings: [
        importFinding(
          'not-a-workbook',
          'the file',
          `it cannot be read as an Excel workbook (.xlsx): ${(err as Error).message}; save it from Excel as "Excel Workbook (.xlsx)"`,
        ),
      ],
    };
  }
  const findings: ImportFinding[] = [];
  const rows: RawRow[] = [];
  let sheets = 0;
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const header = headerOf(ws);
    if (!header) continue;
    sheets++;
    const at = (cell: Cell) => `${sheetRef(ws)}!${cell.address}`;
    const col = (name: string) => header.columns.get(name);
    for (let r = header.row + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const get = (name: string) => {
        const c = col(name);
        return c === undefined ? undefined : row.getCell(c);
      };
      const crit = get('criterion')!;
      const answer = get('answer')!;
      const practice = get('practice');
      const notes = get('notes');
      const evidence = get('evidence');
      rows.push({
        criterion: { text: cellText(crit), where: at(crit) },
        answer: { text: cellText(answer), where: at(answer) },
        ...(practice ? { practice: { text: cellText(practice), where: at(practice) } } : {}),
        ...(notes ? { notes: { text: cellText(notes), where: at(notes) } } : {}),
        ...(evidence ? { evidence: { text: cellText(evidence), where: at(evidence), link: linkOf(evidence) } } : {}),
      });
    }
  }
  if (!sheets) {
    findings.push(
      importFinding(
        'no-questionnaire-sheet',
        'the workbook',
        'no sheet has the columns "criterion" and "answer": this is not a questionnaire that `relm questionnaire export` wrote',
      ),
    );
  }

  // Who it was made for (the hidden sheet), then what the respondent wrote on the instructions sheet.
  const meta = new Map<string, string>();
  const metaSheet = wb.getWorksheet(META_SHEET);
  metaSheet?.eachRow((row) => meta.set(cellText(row.getCell(1)).trim(), cellText(row.getCell(2)).trim()));
  // A hidden sheet of that name that relm did not write says nothing.
  if (meta.get('format') !== QUESTIONNAIRE_FORMAT) meta.clear();
  if (meta.get('model') && meta.get('model') !== model.id) {
    findings.push(
      importFinding(
        'other-model',
        'the workbook',
        `the questionnaire was made for the model "${meta.get('model')}", and this engagement uses "${model.id}"; export a new one with \`relm questionnaire export\``,
      ),
    );
  }
  const labelled = new Map<string, { text: string; where: string }>();
  const instructions = wb.getWorksheet(INSTRUCTIONS_SHEET);
  instructions?.eachRow((row) => {
    const label = cellText(row.getCell(1)).trim();
    if ([LABEL_NAME, LABEL_ROLE, LABEL_DATE].includes(label))
      labelled.set(label, { text: cellText(row.getCell(2)).trim(), where: `${sheetRef(instructions)}!${row.getCell(2).address}` });
  });
  const name = labelled.get(LABEL_NAME)?.text || meta.get('for_name') || '';
  const role = labelled.get(LABEL_ROLE)?.text || meta.get('for_role') || '';
  let date: string | null = null;
  const dateCell = labelled.get(LABEL_DATE);
  if (dateCell?.text) {
    if (isDate(dateCell.text)) date = dateCell.text;
    else findings.push(importFinding('not-a-date', dateCell.where, `"${clip(dateCell.text)}" is not a date; write it as YYYY-MM-DD, or pass --date`));
  }
  const collected = collect(rows, model, findings);
  return { respondent: name ? { name, ...(role ? { role } : {}) } : null, date, ...collected, findings };
}

/** The answers of the JSON file the HTML form saves. */
export function readAnswersJson(text: string, model: Model): ReturnedQuestionnaire {
  const empty = (f: ImportFinding): ReturnedQuestionnaire => ({ respondent: null, date: null, answers: [], blank: 0, findings: [f] });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return empty(importFinding('not-json', 'the file', `it is not valid JSON (${(err as Error).message}); save the answers again from the questionnaire form`));
  }
  const doc = data as Partial<AnswersJson> | null;
  if (!doc || typeof doc !== 'object' || doc.format !== QUESTIONNAIRE_FORMAT || !doc.answers || typeof doc.answers !== 'object') {
    return empty(
      importFinding(
        'not-a-questionnaire',
        'the file',
        `it is not the answers of a relm questionnaire (it needs "format": "${QUESTIONNAIRE_FORMAT}" and "answers"); save them with the form's Save button`,
      ),
    );
  }
  const findings: ImportFinding[] = [];
  if (doc.model?.id && doc.model.id !== model.id) {
    findings.push(
      importFinding(
        'other-model',
        'model',
        `the questionnaire was made for the model "${doc.model.id}", and this engagement uses "${model.id}"; export a new one with \`relm questionnaire export\``,
      ),
    );
  }
  const str = (v: unknown, where: string): string => {
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    findings.push(importFinding('wrong-type', where, `must be text, not ${JSON.stringify(v)}`));
    return '';
  };
  const rows: RawRow[] = Object.entries(doc.answers).map(([cid, v]) => {
    const where = `answers[${JSON.stringify(cid)}]`;
    const entry = typeof v === 'string' || v === null ? { answer: v } : typeof v === 'object' ? v : { answer: str(v, where) };
    const evidence = (entry as { evidence?: unknown }).evidence;
    const evidenceText = Array.isArray(evidence)
      ? evidence
          .map((x: { title?: string; ref?: string } | string) => (typeof x === 'string' ? x : [x.title ?? '', x.ref ?? ''].filter(Boolean).join(' | ')))
          .join('\n')
      : str(evidence, `${where}.evidence`);
    return {
      criterion: { text: cid, where },
      answer: { text: str(entry.answer, `${where}.answer`), where: `${where}.answer` },
      notes: { text: str(entry.notes, `${where}.notes`), where: `${where}.notes` },
      evidence: { text: evidenceText, where: `${where}.evidence` },
    };
  });
  const name = str(doc.respondent?.name, 'respondent.name').trim();
  const role = str(doc.respondent?.role, 'respondent.role').trim();
  const dateText = str(doc.date, 'date').trim();
  let date: string | null = null;
  if (dateText) {
    if (isDate(dateText)) date = dateText;
    else findings.push(importFinding('not-a-date', 'date', `"${clip(dateText)}" is not a date; write it as YYYY-MM-DD, or pass --date`));
  }
  const collected = collect(rows, model, findings);
  return { respondent: name ? { name, ...(role ? { role } : {}) } : null, date, ...collected, findings };
}
