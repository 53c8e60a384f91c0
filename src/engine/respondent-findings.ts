/**
 * Where the respondents of a questionnaire disagree (a spread of two scale steps or more, or some saying a
 * criterion does not apply) and no workshop has settled it: a warning at the criterion in practices.yaml. It
 * needs the consensus the engine computes, so the commands add it after loading, like the evidence findings.
 */
import { finding, type Finding } from '../diagnostics/finding.js';
import type { Engagement, Responses } from '../engagement/types.js';
import { reconcile, type ReconciledCriterion } from './reconcile.js';

/** The respondents' answers of a criterion in a sentence: `int-06 (H. Voss) none, int-07 (A. Mensah) most`. */
export function answersLine(responses: readonly Responses[], c: ReconciledCriterion): string {
  const who = (id: string) => responses.find((r) => r.id === id)?.respondent.name ?? id;
  return c.answers.map((a) => `${a.respondent} (${who(a.respondent)}) ${a.answer}`).join(', ');
}

export function respondentFindings(e: Engagement): Finding[] {
  const responses = e.responses ?? [];
  if (!responses.length) return [];
  const out: Finding[] = [];
  const consensus = reconcile(e.model, e.practices, responses);
  for (const c of consensus?.criteria ?? []) {
    if (!c.open) continue;
    const state = e.practices.practices[c.practice];
    const path =
      state?.answers?.[c.criterion] !== undefined
        ? ['practices', c.practice, 'answers', c.criterion]
        : state !== undefined
          ? ['practices', c.practice]
          : ['practices'];
    const why = c.na_split ? 'some say it does not apply' : `a spread of ${c.spread} scale steps`;
    out.push(
      finding(
        'respondents-disagree',
        { file: 'practices.yaml', path, at: 'key' },
        `the respondents disagree on "${c.criterion}" (level ${c.level}), ${why}: ${answersLine(responses, c)}; the median is ${c.proposal}. Settle it in a workshop: relm reconcile --set ${c.criterion}=ANSWER --because "REASON"`,
      ),
    );
  }
  return out;
}
