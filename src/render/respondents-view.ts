/**
 * The report's "Where the respondents disagree" (appendix): the criteria the respondents answered two or more
 * scale steps apart (or not all as applicable), each respondent's answer by name, and the consensus with how it
 * was reached. Only presents what the engine's reconciliation computed (assessment.json `consensus`).
 */
import type { Engagement } from '../engagement/types.js';
import type { Assessment } from '../engine/types.js';
import { capitalise, count, date, list } from './words.js';

const WORD: Record<string, string> = { none: 'none', some: 'some', half: 'half', most: 'most', na: 'n/a' };

export function respondentDisagreementsView(a: Assessment, e: Engagement) {
  const c = a.consensus;
  if (!c) return null;
  const practiceName = new Map(e.model.practices.map((p) => [p.id, p.name]));
  const people = new Map(c.respondents.map((r) => [r.id, r.role ? `${r.name} (${r.role})` : r.name]));
  const rows = c.criteria
    .filter((x) => x.disagreement)
    .map((x) => ({
      practice: practiceName.get(x.practice) ?? x.practice,
      level: x.level,
      statement: x.text,
      answers: x.answers.map((r) => `${people.get(r.respondent) ?? r.respondent}: ${WORD[r.answer]}`).join('; '),
      spread: x.na_split ? 'some say it does not apply' : `${x.spread} steps`,
      consensus: x.consensus === null ? 'not yet set' : WORD[x.consensus]!,
      how: x.decision
        ? `settled in a workshop${x.decision.date ? ` on ${date(x.decision.date)}` : ''}: ${x.decision.because}`
        : x.consensus === null
          ? `open; the median is ${WORD[x.proposal]}`
          : x.consensus === x.proposal
            ? 'open; the median was taken'
            : `open; the consultants' answer (the median is ${WORD[x.proposal]})`,
      open: x.open,
    }));
  const n = c.respondents.length;
  const lead = rows.length
    ? `${count(n, 'respondent')} (${list([...people.values()])}) answered ${count(c.criteria.length, 'criterion', 'criteria')}; on ${count(rows.length, 'criterion', 'criteria')} their answers lie two or more steps of the scale apart, or not all of them find the criterion applicable. ` +
      (c.open_disagreements
        ? c.open_disagreements === 1
          ? 'One disagreement is still open and counts only half in the confidence of its practice.'
          : `${capitalise(count(c.open_disagreements, 'disagreement'))} are still open and count only half in the confidence of their practices.`
        : 'Every one was settled in a workshop.')
    : `${count(n, 'respondent')} (${list([...people.values()])}) answered ${count(c.criteria.length, 'criterion', 'criteria')}, and agree within one step of the scale on every one.`;
  return { respondents: n, count: rows.length, open: c.open_disagreements, lead: capitalise(lead), rows };
}
