import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeChecked, type PendingWrite } from './checked-write.js';
import type { Model, Practice } from '../model/types.js';
import type { Engagement, EvidenceRef, PersonRef } from './types.js';
import { addInterviewNotes, findInterview, newInterviewFile, nextInterviewId, updateInterviewFile, type InterviewNotes } from './write-interview.js';
import { writePracticeAnswers, type CriterionUpdate, type ModelOrder } from './write-practices.js';

/** What `relm interview` writes: the answers into practices.yaml, what was said into interviews/ID.md. */

/** The interview being recorded. */
export interface InterviewTarget {
  id: string;
  /** The notes file, relative to the engagement root. */
  file: string;
  date: string;
  interviewees: PersonRef[];
  existing: boolean;
}

/** The interview of that date with one of these people, else a new one numbered after the others. */
export function interviewFor(e: Engagement, people: PersonRef[], date: string): InterviewTarget {
  const found = findInterview(
    e.interviews,
    date,
    people.map((p) => p.name),
  );
  if (found) {
    // The people as the notes spell them, with a role given now where the notes have none.
    const known = (p: PersonRef) => (found.interviewees ?? []).find((x) => x.name.trim().toLowerCase() === p.name.trim().toLowerCase());
    const merged = people.map((p) => {
      const k = known(p);
      return k ? { name: k.name, ...((k.role ?? p.role) ? { role: k.role ?? p.role } : {}) } : p;
    });
    return { id: found.id, file: found.file, date, interviewees: merged, existing: true };
  }
  const id = nextInterviewId([...e.interviews.map((i) => i.id), ...e.interviews.map((i) => basename(i.file))]);
  return { id, file: `interviews/${id}.md`, date, interviewees: people, existing: false };
}

/** What an interview said about a practice, for its notes file (interviews/ID.md), made when new: the write, or null when nothing changes. */
export function interviewNotesWrite(root: string, iv: InterviewTarget, said: InterviewNotes, model: Model): PendingWrite | null {
  const names = new Map(model.practices.map((p) => [p.id, p.name]));
  const name = (id: string) => names.get(id) ?? id;
  const path = join(root, iv.file);
  const text = existsSync(path)
    ? readFileSync(path, 'utf8')
    : newInterviewFile({ id: iv.id, date: iv.date, interviewees: iv.interviewees, practices: [] }, name);
  const withPractice = updateInterviewFile(text, { interviewees: iv.interviewees, practices: [said.practice] }, name);
  const out = addInterviewNotes(withPractice, said, name);
  return !existsSync(path) || out !== text ? { rel: iv.file, data: out } : null;
}

/** The answers given to one practice, as they go into practices.yaml. */
export interface PracticeAnswersUpdate {
  answers: Record<string, CriterionUpdate>;
  notes?: string;
  evidence: EvidenceRef[];
  /** The interviews the answers come from. */
  sources: string[];
}

/**
 * Reads practices.yaml, writes one practice's answers into it (comments and order kept) and saves it when it
 * changed, together with `also` (the interview's notes), each checked first (writeChecked); the text as it is
 * now. `guard` runs the read and the edit (a file changed in an editor meanwhile may no longer parse): the
 * caller turns their errors into its own.
 */
export function savePracticeAnswers(
  root: string,
  model: Model,
  practice: Practice,
  got: PracticeAnswersUpdate,
  guard: <T>(file: string, fn: () => T) => T = (_file, fn) => fn(),
  also: readonly PendingWrite[] = [],
): string {
  const file = join(root, 'practices.yaml');
  const text = guard('practices.yaml', () => readFileSync(file, 'utf8'));
  const order: ModelOrder = { practices: model.practices.map((p) => p.id), criteria: practice.criteria.map((x) => x.id) };
  const update = { practice: practice.id, answers: got.answers, evidence: got.evidence, notes: got.notes, sources: got.sources };
  const edited = guard('practices.yaml', () => writePracticeAnswers(text, update, order));
  const writes = [...also, ...(edited !== text ? [{ rel: 'practices.yaml', data: edited }] : [])];
  if (writes.length) writeChecked(root, writes, `interview ${practice.id}`);
  return edited;
}
