import { shownPath } from './paths.js';
import { printableFinding } from './printable.js';
import type { Formatter } from './types.js';

/** `file:line:col severity code message`, one finding per line (docs/commands.md). */
export const text: Formatter = (diagnostics, ctx) => {
  const max = ctx.max ?? Infinity;
  const lines = diagnostics
    .slice(0, max)
    .map((d) => printableFinding(d))
    .map((d) => `${shownPath(d.file, ctx)}:${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}`);
  if (diagnostics.length > max) lines.push(`… ${diagnostics.length - max} more findings not shown (use -f json to see all)`);
  return lines.length ? lines.join('\n') + '\n' : '';
};
