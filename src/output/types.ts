import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../diagnostics/finding.js';

export interface FormatContext {
  /** Colours to use (a no-colour instance when the output is not a terminal). */
  colors: ChalkInstance;
  /** The engagement root, absolute; diagnostics carry paths relative to it. */
  root: string;
  /** The git repository's root, when the engagement is in one: CI annotations name files relative to it. */
  repoRoot?: string;
  /** The folder relm runs in: human formats show paths relative to it (absent: relative to the engagement). */
  cwd?: string;
  /** At most this many findings are listed in human formats (all of them in machine formats). */
  max?: number;
}

/** A formatter turns findings into the text of one output format (one formatter per file, as in spectral). */
export type Formatter = (diagnostics: readonly Diagnostic[], ctx: FormatContext) => string;
