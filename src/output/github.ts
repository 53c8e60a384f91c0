import type { Diagnostic } from '../diagnostics/finding.js';
import { printableFinding } from './printable.js';
import { engagementPrefix, repositoryPath } from './paths.js';
import type { Formatter } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escapes a workflow command's message, as @actions/core's escapeData does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value, as @actions/core's escapeProperty does. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(d: Diagnostic, prefix: string): string {
  const props: [string, string | number][] = [
    ['file', repositoryPath(d.file, prefix)],
    ['line', d.line],
  ];
  // The runner drops an annotation whose columns span lines or run backwards (actions/runner#2082).
  const endLine = Math.max(d.line, d.endLine);
  if (endLine === d.line) {
    props.push(['col', d.col], ['endLine', endLine], ['endColumn', Math.max(d.col, d.endCol)]);
  } else {
    props.push(['endLine', endLine]);
  }
  props.push(['title', d.code]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[d.severity]} ${list}::${escapeData(d.message)}`;
}

/**
 * GitHub Actions workflow commands, one annotation per finding. Paths are made relative to the
 * repository root when the caller passes `repoRoot` in the context (and the engagement lies inside it),
 * so annotations land on the pull request's files; otherwise they are printed relative to the engagement root.
 */
export const github: Formatter = (diagnostics, ctx) => {
  const prefix = engagementPrefix(ctx.root, ctx.repoRoot);
  return diagnostics.map((d) => command(printableFinding(d, { lineBreaks: true }), prefix) + '\n').join('');
};
