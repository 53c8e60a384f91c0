import type { Answer, AnswerValue, EvidenceRef, PracticeState } from '../engagement/types.js';
import type { InterviewNotes } from '../engagement/write-interview.js';
import type { CriterionUpdate } from '../engagement/write-practices.js';
import { answerValue } from '../engine/scoring.js';
import type { Practice } from '../model/types.js';
import { isDate } from '../util/dates.js';
import { BACK, choose, type Choice } from './choice-prompt.js';

/** The interview a practice is being answered in: its id, and who, for the questions that name them. */
export interface Session {
  id: string;
  who: string;
}

/** Asks a question of text; `<` alone goes back. */
export type AskText = (q: { message: string; default?: string; validate?: (v: string) => true | string }) => Promise<string>;

const SKIP = 'skip' as const;
type Given = AnswerValue | typeof SKIP;

export type Resolution = 'keep' | 'replace' | 'both';

const ANSWER_CHOICES: Choice<Given>[] = [
  { value: 'none', name: 'none  not in place (0)', short: 'none' },
  { value: 'some', name: 'some  in places, now and then (0.25)', short: 'some' },
  { value: 'half', name: 'half  about half of the time or scope (0.5)', short: 'half' },
  { value: 'most', name: 'most  mostly or fully in place (1)', short: 'most' },
  { value: 'na', name: 'na    does not apply (left out of the score)', short: 'na' },
];

/** The interviews a current answer comes from: its own `sources`, else the practice's. */
export function sourcesOf(answer: Answer | undefined, practice: PracticeState | null): string[] {
  const own = answer && typeof answer === 'object' ? answer.sources : undefined;
  return own?.length ? own : (practice?.sources ?? []);
}

/**
 * Whether a new answer contradicts what other interviews gave: the criterion has an answer, it differs, and it
 * comes from an interview other than this one. Then the interviewer decides: keep, replace, or record both.
 */
export function contradicts(current: Answer | undefined, practice: PracticeState | null, given: AnswerValue, session: Session | null): string[] {
  const value = answerValue(current);
  if (!session || value === null || value === given) return [];
  return sourcesOf(current, practice).filter((s) => s !== session.id);
}

/** The update of practices.yaml for one criterion, from what was asked and answered. */
export function criterionUpdate(
  current: Answer | undefined,
  given: AnswerValue,
  note: string | undefined,
  resolution: Resolution | null,
  session: Session | null,
): CriterionUpdate | null {
  const value = answerValue(current);
  const sources = session ? [session.id] : [];
  const notes = note ? { notes: note } : {};
  if (resolution === 'keep') return null;
  if (resolution === 'both') return { answer: value!, disagreement: { answer: given, sources, ...(note ? { notes: note } : {}) } };
  if (resolution === 'replace') return { answer: given, ...notes, sources, replaceSources: true };
  return { answer: given, ...notes, ...(sources.length ? { sources } : {}) };
}

export interface PracticeAnswers {
  answers: Record<string, CriterionUpdate>;
  /** The practice's notes, when given (they replace the old ones). */
  notes?: string;
  evidence: EvidenceRef[];
  /** What this interview said, for its file in interviews/. */
  said: InterviewNotes;
  /** Whether anything was answered or given. */
  covered: boolean;
}

interface State {
  given?: Given;
  note?: string;
  resolution?: Resolution;
}

type Step = { kind: 'answer' | 'resolve' | 'note'; index: number } | { kind: 'notes' } | { kind: 'evidence' };

/**
 * Asks about one practice: each criterion's answer (and, when it contradicts another interview, what to do),
 * a note per criterion, notes on the practice and its evidence. Every question but the first can go back to
 * the one before; nothing is written here.
 */
export async function askPractice(practice: Practice, before: PracticeState | null, session: Session | null, askText: AskText): Promise<PracticeAnswers> {
  const current = before?.answers ?? {};
  const state: State[] = practice.criteria.map(() => ({}));
  const steps: Step[] = [
    ...practice.criteria.flatMap((_, index) => (['answer', 'resolve', 'note'] as const).map((kind) => ({ kind, index }))),
    { kind: 'notes' },
    { kind: 'evidence' },
  ];
  const n = practice.criteria.length;
  let practiceNotes: string | undefined;
  let evidence: EvidenceRef[] = [];

  const applies = (s: Step): boolean => {
    if (s.kind === 'answer' || s.kind === 'notes' || s.kind === 'evidence') return true;
    const st = state[s.index]!;
    if (st.given === undefined || st.given === SKIP) return false;
    if (s.kind === 'resolve') return contradicts(current[practice.criteria[s.index]!.id], before, st.given, session).length > 0;
    return true;
  };
  const move = (i: number, by: 1 | -1) => {
    let j = i + by;
    while (j >= 0 && j < steps.length && !applies(steps[j]!)) j += by;
    return j;
  };

  let i = 0;
  while (i < steps.length) {
    const step = steps[i]!;
    const canGoBack = move(i, -1) >= 0;
    let back = false;
    if (step.kind === 'answer') {
      const crit = practice.criteria[step.index]!;
      const value = answerValue(current[crit.id]);
      const st = state[step.index]!;
      const choices =
        value === null ? [...ANSWER_CHOICES, { value: SKIP, name: '(skip: leave unanswered)', short: 'skipped' } as Choice<Given>] : ANSWER_CHOICES;
      const got = await choose<Given>({
        message: `[${step.index + 1}/${n}] L${crit.level} ${crit.text} (${crit.id})`,
        choices,
        default: st.given ?? value ?? SKIP,
        back: canGoBack,
      });
      if (got === BACK) back = true;
      else if (got !== st.given) state[step.index] = { note: st.note, given: got };
    } else if (step.kind === 'resolve') {
      const crit = practice.criteria[step.index]!;
      const st = state[step.index]!;
      const value = answerValue(current[crit.id])!;
      const given = st.given as AnswerValue;
      const others = contradicts(current[crit.id], before, given, session).join(', ');
      const got = await choose<Resolution>({
        message: `${crit.id} is "${value}" from ${others}, but ${session!.who} says "${given}". Which stands?`,
        choices: [
          { value: 'keep', name: `keep "${value}" (${others})`, short: `keep ${value}` },
          { value: 'replace', name: `replace it with "${given}" (${session!.id})`, short: `replace with ${given}` },
          { value: 'both', name: `record both: keep "${value}", and "${given}" as a disagreement to settle`, short: 'record both' },
        ],
        default: st.resolution ?? 'keep',
        back: true,
      });
      if (got === BACK) back = true;
      else st.resolution = got;
    } else if (step.kind === 'note') {
      const crit = practice.criteria[step.index]!;
      const cur = current[crit.id];
      const had = cur && typeof cur === 'object' ? cur.notes : undefined;
      const st = state[step.index]!;
      const text = await askText({ message: `Note on ${crit.id} (Enter ${had ? 'keeps it, Tab edits it' : 'to skip'}; < back):`, default: st.note ?? had });
      if (text === '<') back = true;
      else st.note = text && text !== had ? text : undefined;
    } else if (step.kind === 'notes') {
      const had = before?.notes;
      const text = await askText({
        message: `Notes on the practice as a whole (Enter ${had ? 'keeps them, Tab edits them' : 'to skip'}; < back):`,
        default: practiceNotes ?? had,
      });
      if (text === '<') back = true;
      else practiceNotes = text && text !== had ? text : undefined;
    } else {
      const got = await askEvidence(askText);
      if (got === BACK) back = true;
      else evidence = got;
    }
    i = back ? Math.max(0, move(i, -1)) : move(i, 1);
  }

  const answers: Record<string, CriterionUpdate> = {};
  const said: InterviewNotes = { practice: practice.id, ...(practiceNotes ? { notes: practiceNotes } : {}), criteria: [] };
  practice.criteria.forEach((crit, k) => {
    const st = state[k]!;
    if (st.given === undefined || st.given === SKIP) return;
    const resolution = contradicts(current[crit.id], before, st.given, session).length ? (st.resolution ?? 'keep') : null;
    const u = criterionUpdate(current[crit.id], st.given, st.note, resolution, session);
    if (u) answers[crit.id] = u;
    if (st.note) said.criteria.push({ id: crit.id, answer: st.given, notes: st.note });
  });
  const covered = Object.keys(answers).length > 0 || evidence.length > 0 || !!practiceNotes || said.criteria.length > 0;
  return { answers, ...(practiceNotes ? { notes: practiceNotes } : {}), evidence, said, covered };
}

/** Evidence for the practice as a whole: documents seen, by title, where they are and their date. `<` on the first title goes back. */
async function askEvidence(askText: AskText): Promise<EvidenceRef[] | typeof BACK> {
  const out: EvidenceRef[] = [];
  for (;;) {
    const title = await askText({
      message: out.length ? 'More evidence, a title (Enter to finish):' : 'Evidence for this practice, a document title (Enter to skip; < back):',
    });
    if (title === '<' && !out.length) return BACK;
    if (!title || title === '<') return out;
    const ref = await askText({ message: `  where "${title}" is, a path or URL (Enter to skip):` });
    const date = await askText({
      message: `  its date, YYYY-MM-DD (Enter to skip):`,
      validate: (v) => (v === '' || isDate(v) ? true : 'A real date as YYYY-MM-DD, or Enter to skip'),
    });
    out.push({ title, ...(ref && ref !== '<' ? { ref } : {}), ...(date ? { date } : {}) });
  }
}
