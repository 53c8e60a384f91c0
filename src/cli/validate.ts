import { countBySeverity } from '../diagnostics/finding.js';
import { EXIT_FINDINGS } from '../errors.js';
import { loadFindings } from './context.js';
import { emitFindings, type FindingOptions, formatsOf, tooManyWarnings } from './findings.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import type { RunContext } from './run-context.js';

export function runValidate(ctx: RunContext, opts: CommonOptions & FindingOptions): void {
  const result = loadFindings(ctx, opts);
  emitFindings(ctx, result.diagnostics, opts, result.root);
  const n = countBySeverity(result.diagnostics);
  const tooMany = tooManyWarnings(result.diagnostics, opts);
  if (n.error || tooMany) ctx.exitCode = EXIT_FINDINGS;
  const formats = formatsOf(opts);
  const stylishOnScreen = (formats.length === 0 || (formats.length === 1 && formats[0] === 'stylish')) && !opts.output.length;
  const c = colorsFor(ctx, 'stderr');
  if (tooMany) writeErr(ctx, c.red(`relm: ${tooMany}`));
  if (!stylishOnScreen) writeErr(ctx, n.error ? `relm: ${n.error} error(s), ${n.warning} warning(s)` : `relm: valid, ${n.warning} warning(s)`);
  else if (!result.diagnostics.length) writeErr(ctx, c.green('✔ the engagement is valid: no errors, no warnings'));
  else if (opts.quiet && !n.error && !tooMany) writeErr(ctx, c.green(`✔ the engagement is valid: no errors (${n.warning} warning(s) not shown: --quiet)`));
}
