import { Document, isMap, isSeq, parse } from 'yaml';
import type { PersonRef } from './types.js';
import { appendIn, setIn, type EditOptions } from './yaml-edit.js';

/** The YAML front matter of interview notes, as load.ts reads it. */
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** What an interview's front matter records (interviews/*.md, schemas/interview.schema.json). */
export interface InterviewRecord {
  id: string;
  date: string;
  interviewees: PersonRef[];
  practices: string[];
}

/** The practice's name for a heading, from its id. */
export type PracticeName = (id: string) => string;

const ID = /^int-(\d+)$/i;

/** The next free interview id: int-NN, one more than the highest number taken (by ids and file names), at least two digits. */
export function nextInterviewId(taken: Iterable<string>): string {
  let max = 0;
  for (const t of taken) {
    const m = ID.exec(t.replace(/\.md$/i, ''));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `int-${String(max + 1).padStart(2, '0')}`;
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** An interview held on `date` with one of these people (names compared without case), if any. */
export function findInterview<T extends { date: string; interviewees?: PersonRef[] }>(
  interviews: readonly T[],
  date: string,
  names: readonly string[],
): T | undefined {
  return interviews.find((iv) => iv.date === date && (iv.interviewees ?? []).some((p) => names.some((n) => sameName(p.name, n))));
}

function person(p: PersonRef): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

/** The body a new interview file starts with: a title and a heading per practice covered, to write the notes under. */
export function interviewBody(rec: Pick<InterviewRecord, 'interviewees' | 'practices'>, practiceName: PracticeName): string {
  const title = rec.interviewees.length ? rec.interviewees.map(person).join(', ') : 'notes';
  return [`# Interview: ${title}`, '', ...rec.practices.flatMap((id) => [`## ${practiceName(id)} (${id})`, '']), ''].join('\n').replace(/\n+$/, '\n');
}

/** A new interviews/<id>.md: front matter (id, date, interviewees, practices) and the body template. */
export function newInterviewFile(rec: InterviewRecord, practiceName: PracticeName): string {
  const doc = new Document({
    id: rec.id,
    date: rec.date,
    interviewees: rec.interviewees.map((p) => ({ name: p.name, ...(p.role ? { role: p.role } : {}) })),
    practices: rec.practices,
  });
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      if (isSeq(pair.value)) {
        if (String((pair.key as { value?: unknown }).value) === 'practices') pair.value.flow = true;
        for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      }
    }
  }
  const front = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${front}---\n${interviewBody(rec, practiceName)}`;
}

const FRONT_OPTIONS: EditOptions = {
  flow: (p) => (p.length === 1 && p[0] === 'practices') || (p.length === 2 && p[0] === 'interviewees'),
  order: (p) => (p.length === 0 ? ['id', 'date', 'interviewees', 'interviewers', 'practices'] : undefined),
};

/**
 * Adds interviewees and practices covered to an interview file's front matter, keeping its comments and
 * formatting, and keeps the body, unless the body is still the untouched template, which then gets headings
 * for the practices added.
 */
export function updateInterviewFile(text: string, add: Pick<InterviewRecord, 'interviewees' | 'practices'>, practiceName: PracticeName): string {
  const m = FRONT_MATTER.exec(text);
  if (!m) throw new Error('the interview notes have no front matter between --- lines');
  const start = text.startsWith('---\r\n') ? 5 : 4;
  const end = start + m[1]!.length;
  const eol = text.startsWith('---\r\n') ? '\r\n' : '\n';
  const before = (parse(m[1]!) ?? {}) as { interviewees?: PersonRef[]; practices?: string[] };
  const people = [...(before.interviewees ?? [])];
  const practices = [...(before.practices ?? [])];

  let front = m[1]! + eol;
  for (const p of add.interviewees) {
    const i = people.findIndex((x) => sameName(x.name, p.name));
    if (i < 0) {
      front = appendIn(front, ['interviewees'], { name: p.name, ...(p.role ? { role: p.role } : {}) }, FRONT_OPTIONS);
      people.push(p);
    } else if (p.role && !people[i]!.role) {
      front = setIn(front, ['interviewees', i, 'role'], p.role, FRONT_OPTIONS);
      people[i] = { ...people[i]!, role: p.role };
    }
  }
  for (const id of add.practices) {
    if (practices.includes(id)) continue;
    front = appendIn(front, ['practices'], id, FRONT_OPTIONS);
    practices.push(id);
  }
  front = front.slice(0, front.length - eol.length);

  const body = text.slice(m[0].length);
  const template = interviewBody({ interviewees: before.interviewees ?? [], practices: before.practices ?? [] }, practiceName);
  const newBody = body === template ? interviewBody({ interviewees: people, practices }, practiceName) : body;
  return text.slice(0, start) + front + text.slice(end, m[0].length) + newBody;
}

/** What an interviewee said about a practice: its notes, and a note per criterion with the answer given. */
export interface InterviewNotes {
  practice: string;
  notes?: string;
  criteria: { id: string; answer: string; notes: string }[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The notes as Markdown lines: the practice's notes, then `- **criterion** (answer): note`. */
function noteLines(n: InterviewNotes): string[] {
  const oneLine = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ').trim();
  return [...(n.notes ? [oneLine(n.notes)] : []), ...n.criteria.map((c) => `- **${c.id}** (${c.answer}): ${oneLine(c.notes)}`)];
}

/**
 * Writes the notes of an interview under the practice's heading (`## Name (id)`) of the interview file's body,
 * adding the heading at the end when the body has none. Lines already there are not repeated; everything else in
 * the file is kept as it was.
 */
export function addInterviewNotes(text: string, notes: InterviewNotes, practiceName: PracticeName): string {
  const lines = noteLines(notes);
  if (!lines.length) return text;
  const m = FRONT_MATTER.exec(text);
  if (!m) throw new Error('the interview notes have no front matter between --- lines');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const head = text.slice(0, m[0].length);
  const body = text.slice(m[0].length).split(/\r?\n/);
  const heading = new RegExp(`^##\\s.*\\(${escapeRegExp(notes.practice)}\\)\\s*$`);
  let start = body.findIndex((l) => heading.test(l));
  if (start < 0) {
    while (body.length && body[body.length - 1] === '') body.pop();
    body.push('', `## ${practiceName(notes.practice)} (${notes.practice})`, '');
    start = body.length - 2;
  }
  let end = body.findIndex((l, i) => i > start && /^##\s/.test(l));
  if (end < 0) end = body.length;
  // Insert after the section's last line of text, before the blank lines that close it.
  let at = end;
  while (at > start + 1 && body[at - 1] === '') at--;
  const section = new Set(body.slice(start + 1, end));
  const fresh = lines.filter((l) => !section.has(l));
  if (!fresh.length) return text;
  const block = [...(at === start + 1 ? [''] : body[at - 1]!.startsWith('- ') && !fresh[0]!.startsWith('- ') ? [''] : []), ...fresh];
  const edited = [...body.slice(0, at), ...block, ...(at === end ? [''] : []), ...body.slice(at)];
  let out = edited.join(eol);
  if (!out.endsWith(eol)) out += eol;
  return head + out.replace(new RegExp(`(${escapeRegExp(eol)}){3,}$`), eol);
}
