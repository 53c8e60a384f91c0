import { compareDiagnostics, countBySeverity, type Diagnostic } from '../diagnostics/finding.js';
import { assessScores } from '../engine/assess.js';
import { policyFindings } from '../engine/policy.js';
import { EXIT_FINDINGS } from '../errors.js';
import { loadFindings } from './context.js';
import { emitFindings, type FindingOptions, tooManyWarnings } from './findings.js';
import type { CommonOptions } from './main.js';
import { engagementAtRevision } from './revision.js';
import { colorsFor, writeErr } from './ui.js';
import { pushAll } from '../util/arrays.js';
import type { RunContext } from './run-context.js';

interface CheckOptions extends CommonOptions, FindingOptions {
  failUnder?: number;
  baseline?: string;
  windowDays?: number;
}

/** validate + the CI policy of relm.yaml `check` (flags win), against a baseline revision when given. */
export function runCheck(ctx: RunContext, opts: CheckOptions): void {
  // The policy reads only the scores; the findings are validate's (the evidence check included).
  const result = loadFindings(ctx, opts);
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  let policyFailures = 0;
  if (result.engagement) {
    const e = result.engagement;
    const baseline = opts.baseline
      ? {
          rev: opts.baseline,
          scores: assessScores(
            engagementAtRevision(
              result.root,
              opts.baseline,
              'It cannot be the baseline: see the errors with `git stash && relm validate`, or choose another --baseline.',
            ),
          ),
        }
      : undefined;
    const failures = policyFindings(assessScores(e), e.manifest.check ?? {}, { failUnder: opts.failUnder, baseline });
    policyFailures = failures.length;
    pushAll(diagnostics, failures.map(result.locate));
  }
  diagnostics.sort(compareDiagnostics);
  emitFindings(ctx, diagnostics, opts, result.root);
  const n = countBySeverity(diagnostics);
  const c = colorsFor(ctx, 'stderr');
  const tooMany = tooManyWarnings(diagnostics, opts);
  if (tooMany && !n.error) {
    ctx.exitCode = EXIT_FINDINGS;
    writeErr(ctx, c.red(`relm check: failed — ${tooMany}`));
  } else if (n.error) {
    ctx.exitCode = EXIT_FINDINGS;
    writeErr(
      ctx,
      c.red(`relm check: failed — ${n.error - policyFailures} error(s) in the files, ${policyFailures} policy failure(s), ${n.warning} warning(s)`),
    );
  } else {
    writeErr(ctx, c.green(`relm check: passed${n.warning ? ` with ${n.warning} warning(s)` : ''}`));
  }
}
