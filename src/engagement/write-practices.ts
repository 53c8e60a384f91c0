import { parse } from 'yaml';
import type { AnswerValue, ConsensusDecision, Disagreement, EvidenceRef, PracticeState, PracticesFile } from './types.js';
import { appendIn, setIn, type EditOptions, type YamlPath } from './yaml-edit.js';

/** One criterion as answered in an interview. `notes`, `evidence` and the rest are additions: absent means "leave as it is". */
export interface CriterionUpdate {
  answer: AnswerValue;
  notes?: string;
  evidence?: EvidenceRef[];
  /** Interviews the answer comes from: added to its `sources` (or, with `replaceSources`, in their place). */
  sources?: string[];
  replaceSources?: boolean;
  /** Another interviewee's answer, recorded beside this one until the two are settled. */
  disagreement?: Disagreement;
  /** A workshop decision on the respondents' answers (relm reconcile --set): set, replacing any earlier one. */
  decision?: ConsensusDecision;
  /** The date the answer was given: it confirms an answer carried over (one with a `confirmed` date). */
  confirmed?: string;
}

/** What an interview adds to one practice of practices.yaml. */
export interface PracticeUpdate {
  practice: string;
  /** Criterion id -> its answer; criteria not listed are left as they are. */
  answers: Record<string, CriterionUpdate>;
  /** Evidence for the practice as a whole, added unless already listed. */
  evidence?: EvidenceRef[];
  /** Interview ids added to the practice's `sources`, unless already listed. */
  sources?: string[];
  /** The practice's notes, set when given and different. */
  notes?: string;
}

/** The model's order of practices and of this practice's criteria, so that new entries land where a reader expects them. */
export interface ModelOrder {
  practices: readonly string[];
  criteria: readonly string[];
}

const PRACTICE_KEYS = ['na', 'rating', 'notes', 'sources', 'evidence', 'answers'];
const DETAIL_KEYS = ['answer', 'notes', 'evidence', 'sources', 'disagreements', 'decision', 'confirmed'];

/** practices.yaml style: answers in full form, `sources` and evidence items on one line; the rest in blocks. */
function editOptions(order: ModelOrder | undefined): EditOptions {
  return {
    flow: (p: YamlPath) =>
      p[p.length - 1] === 'sources' ||
      p[p.length - 2] === 'evidence' ||
      p[p.length - 2] === 'disagreements' ||
      p[p.length - 1] === 'decision' ||
      (p.length === 4 && p[0] === 'practices' && p[2] === 'answers'),
    order: (p: YamlPath) => {
      if (p.length === 1 && p[0] === 'practices') return order?.practices;
      if (p.length === 2) return PRACTICE_KEYS;
      if (p.length === 3 && p[2] === 'answers') return order?.criteria;
      if (p.length === 4 && p[2] === 'answers') return DETAIL_KEYS;
      return undefined;
    },
  };
}

function sameEvidence(a: EvidenceRef, b: EvidenceRef): boolean {
  return a.title === b.title && (a.ref ?? '') === (b.ref ?? '');
}

function distinct(list: EvidenceRef[]): EvidenceRef[] {
  return list.filter((e, i) => list.findIndex((x) => sameEvidence(x, e)) === i);
}

function evidenceItem(e: EvidenceRef): EvidenceRef {
  return { title: e.title, ...(e.ref ? { ref: e.ref } : {}), ...(e.date ? { date: e.date } : {}) };
}

/** The current state of a practice in practices.yaml text (null when it is not there). */
export function practiceState(text: string, practice: string): PracticeState | null {
  const data = (parse(text) ?? {}) as Partial<PracticesFile>;
  return data.practices?.[practice] ?? null;
}

/**
 * Writes an interview's answers for one practice into practices.yaml text and returns the new text. Only the
 * entries that change are touched: comments, blank lines, order and formatting of everything else stay byte for
 * byte. An answer in the short form (`crit: most`) stays short unless notes or evidence are added, which turns it
 * into `{answer, notes, evidence}`; an answer already in full form keeps its form and other keys.
 */
export function writePracticeAnswers(text: string, update: PracticeUpdate, order?: ModelOrder): string {
  const opts = editOptions(order);
  const pid = update.practice;
  const state = practiceState(text, pid);
  const current = state?.answers ?? {};
  const ids = Object.keys(update.answers);
  if (order) ids.sort((a, b) => rank(order.criteria, a) - rank(order.criteria, b));

  let out = text;
  for (const cid of ids) {
    const u = update.answers[cid]!;
    const base = ['practices', pid, 'answers', cid];
    const cur = current[cid];
    const evidence = distinct((u.evidence ?? []).map(evidenceItem));
    const sources = [...new Set(u.sources ?? [])];
    const disagreement = u.disagreement ? disagreementItem(u.disagreement) : undefined;
    const decision = u.decision ? { because: u.decision.because, ...(u.decision.date ? { date: u.decision.date } : {}) } : undefined;
    if (cur && typeof cur === 'object') {
      if (cur.answer !== u.answer) out = setIn(out, [...base, 'answer'], u.answer, opts);
      if (u.notes !== undefined && u.notes !== cur.notes) out = setIn(out, [...base, 'notes'], u.notes, opts);
      for (const e of evidence) if (!(cur.evidence ?? []).some((x) => sameEvidence(x, e))) out = appendIn(out, [...base, 'evidence'], e, opts);
      if (u.replaceSources && sources.length && !sameList(cur.sources ?? [], sources)) out = setIn(out, [...base, 'sources'], sources, opts);
      else for (const s of sources) if (!(cur.sources ?? []).includes(s)) out = appendIn(out, [...base, 'sources'], s, opts);
      if (disagreement && !(cur.disagreements ?? []).some((d) => sameDisagreement(d, disagreement)))
        out = appendIn(out, [...base, 'disagreements'], disagreement, opts);
      if (decision && (decision.because !== cur.decision?.because || decision.date !== cur.decision?.date))
        out = setIn(out, [...base, 'decision'], decision, opts);
      if (u.confirmed !== undefined && cur.confirmed !== undefined && cur.confirmed !== u.confirmed)
        out = setIn(out, [...base, 'confirmed'], u.confirmed, opts);
    } else if (u.notes === undefined && !evidence.length && !sources.length && !disagreement && !decision) {
      if (cur !== u.answer) out = setIn(out, base, u.answer, opts);
    } else {
      const detail = {
        answer: u.answer,
        ...(u.notes !== undefined ? { notes: u.notes } : {}),
        ...(evidence.length ? { evidence } : {}),
        ...(sources.length ? { sources } : {}),
        ...(disagreement ? { disagreements: [disagreement] } : {}),
        ...(decision ? { decision } : {}),
      };
      out = setIn(out, base, detail, opts);
    }
  }
  if (update.notes !== undefined && update.notes !== (state?.notes ?? '')) out = setIn(out, ['practices', pid, 'notes'], update.notes, opts);

  for (const e of distinct((update.evidence ?? []).map(evidenceItem))) {
    if (!(state?.evidence ?? []).some((x) => sameEvidence(x, e))) out = appendIn(out, ['practices', pid, 'evidence'], e, opts);
  }
  for (const s of new Set(update.sources ?? [])) {
    if (!(state?.sources ?? []).includes(s)) out = appendIn(out, ['practices', pid, 'sources'], s, opts);
  }
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function disagreementItem(d: Disagreement): Disagreement {
  return { answer: d.answer, ...(d.sources?.length ? { sources: d.sources } : {}), ...(d.notes ? { notes: d.notes } : {}) };
}

function sameDisagreement(a: Disagreement, b: Disagreement): boolean {
  return a.answer === b.answer && sameList(a.sources ?? [], b.sources ?? []);
}

function rank(list: readonly string[], id: string): number {
  const i = list.indexOf(id);
  return i < 0 ? list.length : i;
}
