import { compareDiagnostics, type Diagnostic, type Finding } from '../diagnostics/finding.js';
import type { YamlSource } from './yaml-source.js';

/** A message quotes user input (ids, values): past this length it is cut, so a huge value is never echoed whole. */
export const MAX_MESSAGE_LENGTH = 1000;

function capped(f: Finding): Finding {
  return f.message.length <= MAX_MESSAGE_LENGTH ? f : { ...f, message: `${f.message.slice(0, MAX_MESSAGE_LENGTH)}… (message cut)` };
}

/**
 * A value that is empty because a # started a comment (`title: #1 priority`): the finding says why, and how to
 * write it. Empty when the line shows no such comment.
 */
const linesOf = new WeakMap<YamlSource, string[]>();

function commentHint(src: YamlSource, line: number): string {
  let lines = linesOf.get(src);
  if (!lines) linesOf.set(src, (lines = src.text.split('\n')));
  const text = lines[line - 1 - src.lineOffset] ?? '';
  const m = /^\s*(?:-\s+)?([^\s#'"][^:#]*?):\s+(#.*?)\s*$/.exec(text);
  if (!m) return '';
  const value = m[2]!.length > 60 ? `${m[2]!.slice(0, 60)}…` : m[2]!;
  return `; a # after a space starts a comment in YAML, which left the value empty: put it in quotes, ${m[1]}: ${JSON.stringify(value)}`;
}

/** Turns findings into diagnostics, looking positions up only in the files that have findings. */
export function resolveFindings(findings: readonly Finding[], sources: ReadonlyMap<string, YamlSource>): Diagnostic[] {
  const out = findings.map(capped).map((f): Diagnostic => {
    if (f.line !== undefined) {
      return { file: f.file, line: f.line, col: f.col ?? 1, endLine: f.line, endCol: f.col ?? 1, severity: f.severity, code: f.code, message: f.message };
    }
    const src = sources.get(f.file);
    const pos = src ? src.locate(f.path ?? [], f.at ?? 'value') : { line: 1, col: 1, endLine: 1, endCol: 1 };
    const message = src && /, not empty$/.test(f.message) ? f.message + commentHint(src, pos.line) : f.message;
    return { file: f.file, ...pos, severity: f.severity, code: f.code, message };
  });
  return out.sort(compareDiagnostics);
}
