/**
 * responses/<id>.yaml as relm writes it: a new file with the schema modeline, or the answers of a returned
 * questionnaire merged into the file a respondent already has, keeping its comments (yaml-edit).
 */
import { Document, isMap, isSeq, parse, type Node } from 'yaml';
import type { ReturnedAnswer } from './responses-read.js';
import { modeline } from './modeline.js';
import type { Answer, AnswerDetail, EvidenceRef, PersonRef, ResponsesFile } from './types.js';
import { setIn, type EditOptions, type YamlPath } from './yaml-edit.js';

/** The answer as the file holds it: the bare word, or {answer, notes, evidence} when there is more. */
export function storedAnswer(a: ReturnedAnswer): Answer {
  if (!a.notes && !a.evidence?.length) return a.answer;
  return { answer: a.answer, ...(a.notes ? { notes: a.notes } : {}), ...(a.evidence?.length ? { evidence: a.evidence.map(evidenceItem) } : {}) };
}

function evidenceItem(e: EvidenceRef): EvidenceRef {
  return { title: e.title, ...(e.ref ? { ref: e.ref } : {}), ...(e.date ? { date: e.date } : {}) };
}

function normal(a: Answer | undefined): string {
  if (a === undefined || a === null) return '';
  if (typeof a === 'string') return JSON.stringify({ answer: a });
  const d = a as AnswerDetail;
  return JSON.stringify({
    answer: d.answer,
    ...(d.notes ? { notes: d.notes } : {}),
    ...(d.evidence?.length ? { evidence: d.evidence.map(evidenceItem) } : {}),
  });
}

/** Whether two stored answers say the same (the bare and the full form of one answer are the same). */
export function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
  return normal(a) === normal(b);
}

/** The model's order of practices and of each practice's criteria. */
export interface ResponsesOrder {
  practices: readonly string[];
  criteria: (practice: string) => readonly string[];
}

const TOP_KEYS = ['respondent', 'date', 'from', 'answers'];

function editOptions(order: ResponsesOrder): EditOptions {
  return {
    flow: (p: YamlPath) => (p.length === 1 && p[0] === 'respondent') || (p.length === 3 && p[0] === 'answers') || p[p.length - 2] === 'evidence',
    order: (p: YamlPath) => {
      if (p.length === 0) return TOP_KEYS;
      if (p.length === 1 && p[0] === 'answers') return order.practices;
      if (p.length === 2 && p[0] === 'answers') return order.criteria(String(p[1]));
      return undefined;
    },
  };
}

function person(p: PersonRef): PersonRef {
  return { name: p.name, ...(p.role ? { role: p.role } : {}) };
}

/** A new responses file: modeline, a comment saying what it is, then respondent, date, source and answers by practice. */
export function newResponsesFile(id: string, rec: Omit<ResponsesFile, 'answers'>, answers: readonly ReturnedAnswer[], order: ResponsesOrder): string {
  const byPractice: Record<string, Record<string, Answer>> = {};
  for (const pid of order.practices) {
    for (const cid of order.criteria(pid)) {
      const a = answers.find((x) => x.criterion === cid);
      if (a) (byPractice[pid] ??= {})[cid] = storedAnswer(a);
    }
  }
  const doc = new Document({ respondent: person(rec.respondent), date: rec.date, ...(rec.from ? { from: rec.from } : {}), answers: byPractice });
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = String((pair.key as { value?: unknown }).value);
      if (key === 'respondent' && isMap(pair.value)) pair.value.flow = true;
      if (key === 'answers' && isMap(pair.value)) {
        for (const practice of pair.value.items) {
          if (!isMap(practice.value)) continue;
          (practice.key as Node).spaceBefore = practice !== pair.value.items[0];
          for (const crit of practice.value.items) if (isMap(crit.value) || isSeq(crit.value)) (crit.value as { flow?: boolean }).flow = true;
        }
      }
    }
  }
  // A comment holds one line of text: line breaks and other control characters in a name would end it.
  const who = (rec.respondent.role ? `${rec.respondent.name} (${rec.respondent.role})` : rec.respondent.name).replace(/[\p{Cc}\u2028\u2029\ufeff]+/gu, ' ');
  const head = [
    modeline('responses', 1),
    `# ${id}: the answers of ${who} to the questionnaire, imported by \`relm questionnaire import\`.`,
    '# practices.yaml holds the consensus: `relm reconcile` compares the respondents and proposes it.',
  ].join('\n');
  return `${head}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

export interface ResponsesChange {
  criterion: string;
  before: Answer;
  after: Answer;
}

/** The answers of a returned questionnaire that would change what the respondent's file already says. */
export function changedAnswers(current: ResponsesFile, answers: readonly ReturnedAnswer[]): ResponsesChange[] {
  const out: ResponsesChange[] = [];
  for (const a of answers) {
    const before = current.answers[a.practice]?.[a.criterion];
    if (before === undefined || before === null) continue;
    const after = storedAnswer(a);
    if (!sameAnswer(before, after)) out.push({ criterion: a.criterion, before, after });
  }
  return out;
}

/**
 * Merges a returned questionnaire into a respondent's file: each answer given is set (criteria left blank keep
 * what the file says), the role and source are updated; comments and the rest of the text stay as they are.
 */
export function updateResponsesFile(text: string, rec: Omit<ResponsesFile, 'answers'>, answers: readonly ReturnedAnswer[], order: ResponsesOrder): string {
  const opts = editOptions(order);
  const current = (parse(text) ?? {}) as ResponsesFile;
  let out = text;
  if (rec.respondent.role && rec.respondent.role !== current.respondent?.role) out = setIn(out, ['respondent', 'role'], rec.respondent.role, opts);
  if (rec.date !== current.date) out = setIn(out, ['date'], rec.date, opts);
  if (rec.from && rec.from !== current.from) out = setIn(out, ['from'], rec.from, opts);
  for (const a of answers) {
    const before = current.answers?.[a.practice]?.[a.criterion];
    const after = storedAnswer(a);
    if (!sameAnswer(before, after)) out = setIn(out, ['answers', a.practice, a.criterion], after, opts);
  }
  return out;
}
