import type { Model } from '../../model/types.js';
import type { Hints } from '../../util/did-you-mean.js';
import type { CheckInput } from '../types.js';
import type { Add } from './add.js';

/** practices.yaml against the model: practice and criterion ids, the answers' completeness, the sources cited. */
export function practicesChecks(e: CheckInput, model: Model, add: Add, hint: Hints): void {
  const practices = new Map(model.practices.map((p) => [p.id, p]));
  const criterionOwner = new Map<string, string>();
  for (const p of model.practices) for (const c of p.criteria) criterionOwner.set(c.id, p.id);
  const interviewIds = e.ids.interviews;

  // practices.yaml
  const P = 'practices.yaml';
  const checkSources = (path: (string | number)[], sources: string[] | undefined) =>
    (sources ?? []).forEach((s, k) => {
      if (e.interviewsComplete && !interviewIds.has(s)) {
        add(
          P,
          [...path, 'sources', k],
          'unknown-interview',
          `source "${s}" names no interview in interviews/*.md and no observation in observations/*.md${hint('unknown-interview', s, interviewIds)}`,
        );
      }
    });
  const state = e.practices?.practices ?? null;
  for (const [pid, entry] of Object.entries(state ?? {})) {
    const practice = practices.get(pid);
    if (!practice) {
      add(P, ['practices', pid], 'unknown-practice', `"${pid}" is not a practice of the model "${model.id}"${hint('unknown-practice', pid, practices)}`, 'key');
      continue;
    }
    const s = entry ?? {};
    const answers = s.answers ?? {};
    // Assessed (docs/formulas.md): a rating, or at least one criterion answered; an empty answers map is not.
    const hasAnswers = Object.values(answers).some((a) => a !== null && a !== undefined);
    if (s.na !== undefined && (hasAnswers || s.rating !== undefined)) {
      add(
        P,
        ['practices', pid, 'na'],
        'na-overrides',
        `practice "${pid}" is marked not applicable, so its ${hasAnswers ? 'answers' : 'rating'} are ignored`,
        'key',
      );
    } else if (hasAnswers && s.rating !== undefined) {
      add(
        P,
        ['practices', pid, 'rating'],
        'rating-ignored',
        `practice "${pid}" has answers, so its rating is ignored; remove the rating or the answers`,
        'key',
      );
    }
    if (s.na === undefined && !hasAnswers && s.rating === undefined && !e.broken(P, ['practices', pid])) {
      add(
        P,
        ['practices', pid],
        'not-assessed',
        s.answers !== undefined
          ? `practice "${pid}" has no criterion answered yet: it is not assessed and left out of the scores`
          : `practice "${pid}" has neither answers nor a rating: it is left out of the scores`,
        'key',
      );
    }
    for (const [cid, answer] of Object.entries(answers)) {
      const owner = criterionOwner.get(cid);
      if (owner !== pid) {
        const where = owner
          ? `; it belongs to practice "${owner}"`
          : hint(
              'unknown-criterion',
              cid,
              practice.criteria.map((c) => c.id),
            );
        add(P, ['practices', pid, 'answers', cid], 'unknown-criterion', `"${cid}" is not a criterion of practice "${pid}"${where}`, 'key');
      }
      if (answer && typeof answer === 'object') {
        checkSources(['practices', pid, 'answers', cid], answer.sources);
        const from = (list: string[] | undefined) => (list?.length ? ` (${list.join(', ')})` : '');
        (answer.disagreements ?? []).forEach((d, k) => {
          const path = ['practices', pid, 'answers', cid, 'disagreements', k];
          checkSources(path, d.sources);
          // A workshop decision (relm reconcile --set) settles it: the answer stands, the other answers stay on record.
          if (answer.decision) return;
          add(
            P,
            path,
            'disagreement',
            `interviewees disagree on "${cid}": the answer is ${answer.answer}${from(answer.sources)}, but ${d.answer} was also given${from(d.sources)}; settle it, then remove the disagreement`,
          );
        });
      }
    }
    if (hasAnswers && s.na === undefined) {
      // Only an assessed practice can have unanswered criteria that count as "none". A broken answer is an error of its own, not "unanswered".
      const unanswered = practice.criteria
        .filter((c) => (answers[c.id] === undefined || answers[c.id] === null) && !e.broken(P, ['practices', pid, 'answers', c.id]))
        .map((c) => c.id);
      if (unanswered.length) {
        add(
          P,
          ['practices', pid, 'answers'],
          'unanswered',
          `${unanswered.length} of ${practice.criteria.length} criteria of "${pid}" are unanswered and count as "none": ${unanswered.join(', ')}`,
          'key',
        );
      }
    }
    checkSources(['practices', pid], s.sources);
  }
  for (const p of state ? model.practices : []) {
    if (!(p.id in state!) && !e.broken(P, ['practices', p.id])) {
      // The path names the practice that is missing; its position is the `practices` key.
      add(P, ['practices', p.id], 'not-assessed', `practice "${p.id}" is missing: it is left out of the scores; add it with answers or a rating`, 'key');
    }
  }
}
