import { countBySeverity } from '../diagnostics/finding.js';
import { EXIT_FINDINGS } from '../errors.js';
import { loadFindings } from './context.js';
import { emitFindings } from './findings.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';

export function runValidate(opts: CommonOptions & { format: string[]; output: string[] }): void {
  const result = loadFindings(opts);
  emitFindings(result.diagnostics, opts.format, opts.output, result.root);
  const n = countBySeverity(result.diagnostics);
  if (n.error) process.exitCode = EXIT_FINDINGS;
  const stylishOnScreen = (opts.format.length === 0 || (opts.format.length === 1 && opts.format[0] === 'stylish')) && !opts.output.length;
  if (!stylishOnScreen) writeErr(n.error ? `relm: ${n.error} error(s), ${n.warning} warning(s)` : `relm: valid, ${n.warning} warning(s)`);
  else if (!result.diagnostics.length) writeErr(colorsFor('stderr').green('✔ the engagement is valid: no errors, no warnings'));
}
