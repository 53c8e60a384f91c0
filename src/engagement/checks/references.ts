import { createHints } from '../../util/did-you-mean.js';
import { finding, type Finding } from '../../diagnostics/finding.js';
import type { Code } from '../../diagnostics/rules.js';
import { checkInput } from '../check-input.js';
import type { CheckInput, Engagement } from '../types.js';
import { interviewIdChecks, interviewPracticeChecks } from './interviews.js';
import { planChecks } from './plan.js';
import { practicesChecks } from './practices.js';
import { targetChecks, targetPracticeChecks, targetRecommendationChecks } from './target.js';

/**
 * Cross-file checks: every id refers to something that exists, and the answers are complete and consistent.
 * Errors block the assessment; warnings are reported beside it. Each part runs when what it needs is usable
 * (CheckInput): a broken file hides only the checks that depend on it. The rules of each file are in the
 * module named for it; backlog.yaml and releases.yaml (record.ts), team.yaml (team.ts) and progress.yaml
 * (progress.ts) are checked on their own.
 */
export function checkReferences(input: CheckInput | Engagement): Finding[] {
  const e = checkInput(input);
  const out: Finding[] = [];
  const hint = createHints();
  const add = (file: string, path: (string | number)[], code: Code, message: string, at: 'key' | 'value' = 'value') =>
    out.push(finding(code, { file, path, at }, message));
  if (e.model) {
    practicesChecks(e, e.model, add, hint);
    targetPracticeChecks(e, e.model, add, hint);
    interviewPracticeChecks(e, e.model, add, hint);
    targetRecommendationChecks(e, e.model, add, hint);
  }
  targetChecks(e, add, hint);
  if (e.plan) planChecks(e.plan, e.ids.tasks, add, hint);
  interviewIdChecks(e, add);
  return out;
}
