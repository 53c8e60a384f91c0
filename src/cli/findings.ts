import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import { countBySeverity, type Diagnostic } from '../diagnostics/finding.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { protectInputs } from '../io/staging.js';
import { gitTopLevel } from '../io/git.js';
import { formatterFor } from '../output/index.js';
import { HUMAN_MAX_FINDINGS } from './context.js';
import { colorsFor, writeOut } from './ui.js';
import type { RunContext } from './run-context.js';

/** The options `validate` and `check` share for reporting findings (eslint's names and meanings). */
export interface FindingOptions {
  format: string[];
  output: string[];
  /** The same as `-f json` to standard output. */
  json?: boolean;
  /** Report errors only. */
  quiet?: boolean;
  /** Fail (exit 1) when there are more warnings than this. */
  maxWarnings?: number;
}

/** The formats asked for, `--json` being `-f json` (refused beside another format to standard output). */
export function formatsOf(opts: FindingOptions): string[] {
  if (!opts.json) return opts.format;
  if (opts.format.length > opts.output.length)
    throw new RelmError(
      '--json prints JSON to standard output: it cannot be combined with another format printed there',
      EXIT_USAGE,
      'Drop --json, or give each -f format its -o file (e.g. -f sarif -o relm.sarif --json).',
    );
  return [...opts.format, 'json'];
}

/** The findings to report: errors only with --quiet (the counts and exit codes still see every finding). */
export function reportedFindings(diagnostics: readonly Diagnostic[], opts: FindingOptions): readonly Diagnostic[] {
  return opts.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
}

/** With --max-warnings N: the sentence saying the warnings are too many, or undefined. */
export function tooManyWarnings(diagnostics: readonly Diagnostic[], opts: FindingOptions): string | undefined {
  if (opts.maxWarnings === undefined) return undefined;
  const n = countBySeverity(diagnostics).warning;
  return n > opts.maxWarnings ? `${n} warning(s), more than --max-warnings ${opts.maxWarnings} allows` : undefined;
}

/**
 * Prints findings in each requested format: the i-th `-o` file takes the i-th `-f` format; formats
 * without a file go to stdout. Files are written atomically, without colour. Human formats show paths
 * relative to the working folder; machine formats as their consumers need them (SARIF and GitHub
 * relative to the repository, JSON relative to the engagement).
 */
export function emitFindings(ctx: RunContext, diagnostics: readonly Diagnostic[], opts: FindingOptions, root: string): void {
  const chosen = formatsOf(opts).length ? formatsOf(opts) : ['stylish'];
  const outputs = opts.output;
  if (outputs.length > chosen.length)
    throw new RelmError(
      `${outputs.length} -o files for ${chosen.length} -f formats`,
      EXIT_USAGE,
      'Give one -f format for each -o file, in the same order (e.g. -f github -f sarif -o - -o relm.sarif).',
    );
  const formatters = chosen.map((f) => formatterFor(f));
  const shown = reportedFindings(diagnostics, opts);
  // The repository's root costs a git process: it is asked for only by a format that reads it, once.
  let repo: { root: string | undefined } | undefined;
  const repoRoot = () => (repo ??= { root: gitTopLevel(root) }).root;
  const cwd = ctx.cwd;
  chosen.forEach((name, i) => {
    const file = outputs[i];
    const toFile = file !== undefined && file !== '-';
    const human = name === 'stylish' || name === 'text';
    const text = formatters[i]!(shown, {
      colors: toFile ? new Chalk({ level: 0 }) : colorsFor(ctx, 'stdout'),
      root,
      cwd,
      get repoRoot() {
        return repoRoot();
      },
      max: human && !toFile ? HUMAN_MAX_FINDINGS : undefined,
    });
    // A report may go anywhere (a CI job writes it beside the repository), but never over the engagement's own files.
    if (toFile) atomicWrite(protectInputs(root, resolve(cwd, file), '-o'), text);
    else writeOut(ctx, text);
  });
}
