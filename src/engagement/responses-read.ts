/**
 * Reads a returned questionnaire, an Excel workbook or the JSON the HTML form saves, into one respondent's
 * answers. Rows are found by their criterion id (reordered rows, extra sheets and columns are fine); every
 * cell that cannot be read is a finding naming its sheet and cell (`Process!E14`), and the caller imports
 * nothing while any finding is an error. Workbooks are read by xlsx-read.ts, bounded, whichever program saved them.
 */
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
import { columnLetters, openWorkbook, WorkbookProblem, type SheetCell, type Sheet, type Workbook } from './xlsx-read.js';

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

function sheetRef(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The header row of a questionnaire sheet (one of its first ten rows naming `criterion` and `answer`), with its columns. */
function headerOf(ws: Sheet): { row: number; columns: Map<string, number> } | null {
  for (let r = 1; r <= 10; r++) {
    const columns = new Map<string, number>();
    for (const [c, cell] of [...(ws.rows.get(r) ?? new Map<number, SheetCell>())].sort((x, y) => x[0] - y[0])) {
      const name = cell.text.trim().toLowerCase();
      if (name && !columns.has(name)) columns.set(name, c);
    }
    if (columns.has('criterion') && columns.has('answer')) return { row: r, columns };
  }
  return null;
}

/** A finding about the whole file: it counts no cell. */
function fileFinding(code: Code, where: string, message: string): ImportFinding {
  return { ...importFinding(code, where, message), cells: 0 };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const LONG_MONTHS = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));

/** The month a name or its first three letters stands for (1-12), or 0. */
function monthOf(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n)));
  return i + 1;
}

const ymd = (y: string | number, m: string | number, d: string | number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * The date a respondent put in the date cell: a cell Excel (or another program) stores as a date, a bare serial
 * number (46119 is 7 April 2026 in the 1900 date system) in the workbook's date system, or a date typed as text:
 * 2026-03-05, 5 March 2026, March 5, 2026, or 25/03/2026 (day and month told apart by a day past 12). A date
 * with numbers only that reads both ways (05/03/2026) is refused with both readings: `{ambiguous}`.
 */
function dateOfCell(cell: SheetCell, wb: Workbook): string | null | { ambiguous: [string, string] } {
  const text = cell.text.trim();
  if (cell.kind === 'date') return isDate(text) ? text : null;
  if (cell.kind === 'number' && cell.value !== undefined && cell.value >= 1 && cell.value < 2_958_466) return wb.serialDate(cell.value);
  const valid = (d: string) => (isDate(d) ? d : null);
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (iso) return valid(ymd(iso[1]!, iso[2]!, iso[3]!));
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?[\s.-]+([A-Za-z]+\.?)[\s.-]+(\d{4})$/.exec(text);
  if (dayFirst && monthOf(dayFirst[2]!)) return valid(ymd(dayFirst[3]!, monthOf(dayFirst[2]!), dayFirst[1]!));
  const monthFirst = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  if (monthFirst && monthOf(monthFirst[1]!)) return valid(ymd(monthFirst[3]!, monthOf(monthFirst[1]!), monthFirst[2]!));
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (numeric) {
    const [a, b, y] = [Number(numeric[1]), Number(numeric[2]), numeric[3]!];
    const dm = valid(ymd(y, b, a));
    const md = valid(ymd(y, a, b));
    if (dm && md && dm !== md) return { ambiguous: [dm, md] };
    return dm ?? md;
  }
  return null;
}

/** 2026-03-05 -> 5 March 2026. */
const spelled = (d: string) => `${Number(d.slice(8))} ${LONG_MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;

/**
 * The answers of a returned workbook: every sheet with `criterion` and `answer` columns, in any order. Only the
 * cells present are read (xlsx-read.ts), whatever program saved the file; a workbook too large to be a
 * questionnaire is refused at once.
 */
export async function readWorkbook(bytes: Uint8Array, model: Model): Promise<ReturnedQuestionnaire> {
  const refused = (code: Code, message: string): ReturnedQuestionnaire => ({
    respondent: null,
    date: null,
    answers: [],
    blank: 0,
    findings: [fileFinding(code, 'the file', message)],
  });
  try {
    return readCells(openWorkbook(bytes), model);
  } catch (err) {
    if (!(err instanceof WorkbookProblem)) throw err;
    return err.tooLarge
      ? refused('workbook-too-large', `it cannot be read: ${err.message}`)
      : refused('not-a-workbook', `it cannot be read as an Excel workbook (.xlsx): ${err.message}; save it from Excel as "Excel Workbook (.xlsx)"`);
  }
}

function readCells(wb: Workbook, model: Model): ReturnedQuestionnaire {
  const findings: ImportFinding[] = [];
  const rows: RawRow[] = [];
  let sheets = 0;
  const text = (c: SheetCell | undefined) => c?.text ?? '';
  for (const name of wb.sheetNames) {
    if (name === META_SHEET) continue;
    const ws = wb.sheet(name)!;
    const header = headerOf(ws);
    if (!header) continue;
    sheets++;
    const col = (n: string) => header.columns.get(n);
    const columnOf = (n: string) => {
      const c = col(n);
      return c === undefined ? undefined : columnLetters(c);
    };
    const letters = {
      criterion: columnOf('criterion')!,
      answer: columnOf('answer')!,
      practice: columnOf('practice'),
      notes: columnOf('notes'),
      evidence: columnOf('evidence'),
    };
    const numbers = [...ws.rows.keys()].filter((r) => r > header.row).sort((a, b) => a - b);
    for (const r of numbers) {
      const line = ws.rows.get(r)!;
      const get = (n: string) => {
        const c = col(n);
        return c === undefined ? undefined : line.get(c);
      };
      const at = (letter: string) => `${sheetRef(name)}!${letter}${r}`;
      const evidence = get('evidence');
      rows.push({
        criterion: { text: text(get('criterion')), where: at(letters.criterion) },
        answer: { text: text(get('answer')), where: at(letters.answer) },
        ...(letters.practice ? { practice: { text: text(get('practice')), where: at(letters.practice) } } : {}),
        ...(letters.notes ? { notes: { text: text(get('notes')), where: at(letters.notes) } } : {}),
        ...(letters.evidence ? { evidence: { text: text(evidence), where: at(letters.evidence), link: evidence?.link } } : {}),
      });
    }
  }
  if (!sheets) {
    findings.push(
      fileFinding(
        'no-questionnaire-sheet',
        'the workbook',
        'no sheet has the columns "criterion" and "answer": this is not a questionnaire that `relm questionnaire export` wrote',
      ),
    );
  }

  // Who it was made for (the hidden sheet), then what the respondent wrote on the instructions sheet.
  const meta = new Map<string, string>();
  const metaSheet = wb.sheet(META_SHEET);
  for (const [, line] of [...(metaSheet?.rows ?? [])].sort((a, b) => a[0] - b[0])) meta.set(text(line.get(1)).trim(), text(line.get(2)).trim());
  // A hidden sheet of that name that relm did not write says nothing.
  if (meta.get('format') !== QUESTIONNAIRE_FORMAT) meta.clear();
  if (meta.get('model') && meta.get('model') !== model.id) {
    findings.push(
      fileFinding(
        'other-model',
        'the workbook',
        `the questionnaire was made for the model "${meta.get('model')}", and this engagement uses "${model.id}"; export a new one with \`relm questionnaire export\``,
      ),
    );
  }
  const labelled = new Map<string, { cell: SheetCell; where: string }>();
  const instructions = wb.sheet(INSTRUCTIONS_SHEET);
  for (const [r, line] of [...(instructions?.rows ?? [])].sort((a, b) => a[0] - b[0])) {
    const label = text(line.get(1)).trim();
    const value = line.get(2);
    if ([LABEL_NAME, LABEL_ROLE, LABEL_DATE].includes(label) && value && !labelled.has(label))
      labelled.set(label, { cell: value, where: `${sheetRef(INSTRUCTIONS_SHEET)}!B${r}` });
  }
  const name = labelled.get(LABEL_NAME)?.cell.text.trim() || meta.get('for_name') || '';
  const role = labelled.get(LABEL_ROLE)?.cell.text.trim() || meta.get('for_role') || '';
  let date: string | null = null;
  const dateCell = labelled.get(LABEL_DATE);
  if (dateCell?.cell.text.trim()) {
    const read = dateOfCell(dateCell.cell, wb);
    const typed = clip(dateCell.cell.text.trim());
    if (typeof read === 'string') date = read;
    else if (read === null) findings.push(importFinding('not-a-date', dateCell.where, `"${typed}" is not a date; write it as YYYY-MM-DD, or pass --date`));
    else
      findings.push(
        importFinding(
          'not-a-date',
          dateCell.where,
          `"${typed}" could be ${spelled(read.ambiguous[0])} or ${spelled(read.ambiguous[1])}; write it as YYYY-MM-DD, or pass --date`,
        ),
      );
  }
  const collected = collect(rows, model, findings);
  return { respondent: name ? { name, ...(role ? { role } : {}) } : null, date, ...collected, findings };
}

/** The answers of the JSON file the HTML form saves. */
export function readAnswersJson(text: string, model: Model): ReturnedQuestionnaire {
  const empty = (f: ImportFinding): ReturnedQuestionnaire => ({ respondent: null, date: null, answers: [], blank: 0, findings: [{ ...f, cells: 0 }] });
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
