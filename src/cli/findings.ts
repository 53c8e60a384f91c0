import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import type { Diagnostic } from '../diagnostics/finding.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { gitTopLevel } from '../io/git.js';
import { formatterFor } from '../output/index.js';
import { HUMAN_MAX_FINDINGS } from './context.js';
import { colorsFor, writeOut } from './ui.js';

/**
 * Prints findings in each requested format: the i-th `-o` file takes the i-th `-f` format; formats
 * without a file go to stdout. Files are written atomically, without colour.
 */
export function emitFindings(diagnostics: readonly Diagnostic[], formats: readonly string[], outputs: readonly string[], root: string): void {
  const chosen = formats.length ? formats : ['stylish'];
  if (outputs.length > chosen.length)
    throw new RelmError(
      `${outputs.length} -o files for ${chosen.length} -f formats`,
      EXIT_USAGE,
      'Give one -f format for each -o file, in the same order (e.g. -f github -f sarif -o - -o relm.sarif).',
    );
  const formatters = chosen.map((f) => formatterFor(f));
  // The repository's root costs a git process: it is asked for only by a format that reads it (github), once.
  let repo: { root: string | undefined } | undefined;
  const repoRoot = () => (repo ??= { root: gitTopLevel(root) }).root;
  chosen.forEach((name, i) => {
    const file = outputs[i];
    const toFile = file !== undefined && file !== '-';
    const human = name === 'stylish' || name === 'text';
    const text = formatters[i]!(diagnostics, {
      colors: toFile ? new Chalk({ level: 0 }) : colorsFor('stdout'),
      root,
      get repoRoot() {
        return repoRoot();
      },
      max: human && !toFile ? HUMAN_MAX_FINDINGS : undefined,
    });
    if (toFile) atomicWrite(resolve(process.cwd(), file), text);
    else writeOut(text);
  });
}
