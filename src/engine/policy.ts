import type { Code } from '../diagnostics/rules.js';
import { finding, type Finding } from '../diagnostics/finding.js';
import type { Assessment } from './types.js';

export interface Policy {
  fail_under?: number;
  min_perspective?: number;
  max_gap?: number;
  max_regression?: number;
}

export interface PolicyViolation {
  /** The relm.yaml `check` key the rule comes from. */
  key: keyof Policy;
  code: Extract<Code, `policy-${string}`>;
  message: string;
}

/** What the policy reads of an assessment: its scores. */
export type PolicyScores = Pick<Assessment, 'overall' | 'perspectives' | 'practices'>;

const f2 = (v: number) => v.toFixed(2);

/**
 * The CI policy (relm.yaml `check`, overridden by flags): the overall score at least fail_under, every
 * perspective at least min_perspective, no practice gap above max_gap, and against a baseline, the overall
 * score dropping by no more than max_regression (0 when a baseline is given without it). Pure.
 */
export function checkPolicy(a: PolicyScores, policy: Policy, baseline?: PolicyScores): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const score = a.overall.score;
  if (policy.fail_under !== undefined && (score === null || score < policy.fail_under)) {
    out.push({
      key: 'fail_under',
      code: 'policy-fail-under',
      message: `the overall score ${score === null ? 'is missing (nothing assessed)' : f2(score)} is below fail_under ${f2(policy.fail_under)}`,
    });
  }
  if (policy.min_perspective !== undefined) {
    for (const [k, p] of Object.entries(a.perspectives)) {
      if (p.score !== null && p.score < policy.min_perspective) {
        out.push({
          key: 'min_perspective',
          code: 'policy-min-perspective',
          message: `the ${k} perspective scores ${f2(p.score)}, below min_perspective ${f2(policy.min_perspective)}`,
        });
      }
    }
  }
  if (policy.max_gap !== undefined) {
    for (const p of a.practices) {
      if (p.gap !== null && p.gap > policy.max_gap)
        out.push({ key: 'max_gap', code: 'policy-max-gap', message: `practice "${p.id}" has a gap of ${f2(p.gap)}, above max_gap ${f2(policy.max_gap)}` });
    }
  }
  if (baseline) {
    const allowed = policy.max_regression ?? 0;
    const before = baseline.overall.score;
    if (before !== null && score !== null && before - score > allowed + 1e-12) {
      out.push({
        key: 'max_regression',
        code: 'policy-regression',
        message: `the overall score fell from ${f2(before)} to ${f2(score)} (−${f2(before - score)}), more than max_regression ${f2(allowed)}`,
      });
    }
  }
  return out;
}

/** What `relm check` was told on its command line: flags win over relm.yaml `check`. */
export interface PolicyFlags {
  failUnder?: number;
  /** The revision the baseline scores come from, named in the max_regression finding. */
  baseline?: { rev: string; scores: PolicyScores };
}

/**
 * The policy's failures as findings (all errors): at the relm.yaml `check` key a rule comes from, or at the top
 * of relm.yaml for a rule given by a flag (`--fail-under`) or the default max_regression of a `--baseline`.
 */
export function policyFindings(head: PolicyScores, configured: Policy, flags: PolicyFlags = {}): Finding[] {
  const policy: Policy = { ...configured, ...(flags.failUnder !== undefined ? { fail_under: flags.failUnder } : {}) };
  return checkPolicy(head, policy, flags.baseline?.scores).map((v) => {
    const fromFlag = v.key === 'fail_under' && flags.failUnder !== undefined;
    const inFile = !fromFlag && configured[v.key] !== undefined;
    const suffix = fromFlag ? ' (--fail-under)' : inFile ? '' : v.key === 'max_regression' ? ` (against ${flags.baseline?.rev})` : '';
    return finding(v.code, { file: 'relm.yaml', ...(inFile ? { path: ['check', v.key], at: 'key' as const } : { line: 1, col: 1 }) }, `${v.message}${suffix}`);
  });
}
