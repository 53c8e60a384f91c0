import { hint } from '../../util/did-you-mean.js';
import { daysBetween } from '../../util/dates.js';
import { checkInput } from '../check-input.js';
import { finding, type Finding } from '../../diagnostics/finding.js';
import type { Code } from '../../diagnostics/rules.js';
import type { AnswerDetail, CheckInput, Engagement } from '../types.js';

const PROGRESS = 'progress.yaml';
const PRACTICES = 'practices.yaml';

/** The default age after which a confirmed answer is stale (relm.yaml `stale_after_days`). */
export const STALE_AFTER_DAYS = 365;

/**
 * progress.yaml: every entry names a recommendation of the model or of target.yaml, and its dates agree
 * with its status (started before done; a done date only when done, a start only once started).
 */
export function checkProgress(input: CheckInput | Engagement): Finding[] {
  const e = checkInput(input);
  const entries = e.progress?.recommendations ?? {};
  const out: Finding[] = [];
  const add = (path: (string | number)[], code: Code, message: string, at: 'key' | 'value' = 'value') =>
    out.push(finding(code, { file: PROGRESS, path, at }, message));
  // The recommendations of the model and of target.yaml (its broken entries included); unknown without the model.
  const known = e.model ? new Set([...e.model.practices.flatMap((p) => (p.recommendations ?? []).map((r) => r.id)), ...e.ids.recommendations]) : null;
  for (const [id, p] of Object.entries(entries)) {
    const path = ['recommendations', id];
    if (known && !known.has(id)) {
      add(path, 'unknown-recommendation', `"${id}" is not a recommendation of the model or of target.yaml${hint(id, known)}`, 'key');
    }
    if (p.started && p.done && p.done < p.started) add([...path, 'done'], 'done-before-started', `"${id}" is done ${p.done}, before it started ${p.started}`);
    if (p.done && p.status !== 'done') {
      add(
        [...path, 'done'],
        'progress-status-dates',
        `"${id}" has a done date but its status is ${p.status}: remove the date, or set the status to done`,
        'key',
      );
    } else if (p.started && p.status === 'planned') {
      add(
        [...path, 'started'],
        'progress-status-dates',
        `"${id}" has a start date but its status is planned: set the status to in-progress, or remove the date`,
        'key',
      );
    }
  }
  return out;
}

/**
 * Answers carried over from a previous engagement (`relm init --from`) carry the date they were last
 * confirmed. Per practice: those confirmed more than `stale_after_days` (default 365) before as_of are
 * stale; the others carried over (confirmed on or before the previous engagement's as_of) are still to
 * confirm. An answer without a date was confirmed in this assessment.
 */
export function checkConfirmed(input: CheckInput | Engagement): Finding[] {
  const e = checkInput(input);
  const out: Finding[] = [];
  const asOf = e.asOf;
  if (!e.practices || !asOf) return out;
  const maxAge = e.reassessment.staleAfterDays ?? STALE_AFTER_DAYS;
  const previous = e.reassessment.previousAsOf;
  for (const [pid, state] of Object.entries(e.practices.practices ?? {})) {
    if (!state) continue;
    // The dates the practice's rating (or na) and its answers were last confirmed.
    const dated: { confirmed: string }[] = [];
    if (state.confirmed && (state.rating !== undefined || state.na !== undefined)) dated.push({ confirmed: state.confirmed });
    for (const a of Object.values(state.answers ?? {})) {
      if (a && typeof a === 'object' && (a as AnswerDetail).confirmed) dated.push({ confirmed: (a as AnswerDetail).confirmed! });
    }
    const stale = dated.filter((d) => daysBetween(d.confirmed, asOf) > maxAge);
    const toConfirm = previous ? dated.filter((d) => !stale.includes(d) && d.confirmed <= previous) : [];
    const oldest = (list: typeof dated) => list.map((d) => d.confirmed).sort()[0]!; // ISO dates sort as they read
    const answers = (n: number) => (n === 1 ? '1 answer' : `${n} answers`);
    const warn = (code: 'stale-answer' | 'answer-to-confirm', message: string) =>
      out.push(finding(code, { file: PRACTICES, path: ['practices', pid], at: 'key' }, message));
    if (stale.length) {
      const one = stale.length === 1;
      warn(
        'stale-answer',
        `${answers(stale.length)} of "${pid}" ${one ? 'was' : 'were'} last confirmed more than ${maxAge} days before ${asOf} (the oldest on ${oldest(stale)}): confirm ${one ? 'it' : 'them'} again (re-answer, or set \`confirmed\` to the date)`,
      );
    }
    if (toConfirm.length) {
      warn(
        'answer-to-confirm',
        `${answers(toConfirm.length)} of "${pid}" ${toConfirm.length === 1 ? 'is' : 'are'} carried over from the previous assessment (last confirmed ${oldest(toConfirm)}) and still to confirm: re-answer, or set \`confirmed\` to the date`,
      );
    }
  }
  return out;
}
