import { Chalk } from 'chalk';
import { countBySeverity } from '../engagement/diagnostics.js';
import { EXIT_FINDINGS } from '../errors.js';
import { formatterFor } from '../output/index.js';
import { emit, HUMAN_MAX_FINDINGS, openEngagement } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';

export function runValidate(opts: CommonOptions & { format: string; output?: string }): void {
  const format = formatterFor(opts.format);
  const result = openEngagement(opts);
  const human = opts.format === 'stylish' || opts.format === 'text';
  const text = format(result.diagnostics, {
    colors: opts.output ? new Chalk({ level: 0 }) : colorsFor('stdout'),
    root: result.root,
    max: human ? HUMAN_MAX_FINDINGS : undefined,
  });
  emit(text, opts.output);
  const n = countBySeverity(result.diagnostics);
  if (n.error) process.exitCode = EXIT_FINDINGS;
  if (opts.format !== 'stylish' || opts.output) {
    writeErr(n.error ? `relm: ${n.error} error(s), ${n.warning} warning(s)` : `relm: valid, ${n.warning} warning(s)`);
  } else if (!result.diagnostics.length) {
    writeErr(colorsFor('stderr').green('✔ the engagement is valid: no errors, no warnings'));
  }
}
