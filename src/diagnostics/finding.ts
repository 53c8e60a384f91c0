import { severityOf, type Code } from './rules.js';

export type Severity = 'error' | 'warning' | 'info';

/** A finding with its resolved position (1-based lines and columns), as every output format prints it. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  severity: Severity;
  code: string;
  message: string;
}

/** A path into a parsed document: map keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/**
 * A finding before its position is known. Checks speak in document paths; positions are looked up
 * only for files that have findings, so a valid file never pays for a position-keeping parse.
 * `at: 'key'` points at the key of the last path segment (an unknown key, a missing key's parent),
 * `at: 'value'` at the value.
 */
export interface Finding extends Where {
  severity: Severity;
  code: Code;
  message: string;
}

/** Where a finding points: a document path in a file, or a position already known. */
export interface Where {
  file: string;
  path?: DocPath;
  at?: 'key' | 'value';
  /** A position already known (a YAML syntax error, a Markdown front matter line). */
  line?: number;
  col?: number;
}

/** A finding of a catalogued code; its severity is the catalogue's (src/diagnostics/rules.ts). */
export function finding(code: Code, where: Where, message: string): Finding {
  return { ...where, severity: severityOf(code), code, message };
}

export function countBySeverity(diags: readonly { severity: Severity }[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diags) out[d.severity]++;
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
