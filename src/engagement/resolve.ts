import { compareDiagnostics, type Diagnostic, type Finding } from './diagnostics.js';
import type { YamlSource } from './yaml-source.js';

/** A message quotes user input (ids, values): past this length it is cut, so a huge value is never echoed whole. */
export const MAX_MESSAGE_LENGTH = 1000;

function capped(f: Finding): Finding {
  return f.message.length <= MAX_MESSAGE_LENGTH ? f : { ...f, message: `${f.message.slice(0, MAX_MESSAGE_LENGTH)}… (message cut)` };
}

/** Turns findings into diagnostics, looking positions up only in the files that have findings. */
export function resolveFindings(findings: readonly Finding[], sources: ReadonlyMap<string, YamlSource>): Diagnostic[] {
  const out = findings.map(capped).map((f): Diagnostic => {
    if (f.line !== undefined) {
      return { file: f.file, line: f.line, col: f.col ?? 1, endLine: f.line, endCol: f.col ?? 1, severity: f.severity, code: f.code, message: f.message };
    }
    const src = sources.get(f.file);
    const pos = src ? src.locate(f.path ?? [], f.at ?? 'value') : { line: 1, col: 1, endLine: 1, endCol: 1 };
    return { file: f.file, ...pos, severity: f.severity, code: f.code, message: f.message };
  });
  return out.sort(compareDiagnostics);
}
