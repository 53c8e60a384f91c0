import { countBySeverity } from '../diagnostics/finding.js';
import { shownPath } from './paths.js';
import { printableFinding } from './printable.js';
import type { Formatter } from './types.js';
import { maxOf } from '../util/arrays.js';

/** Findings grouped by file, coloured, with a summary line (as eslint and spectral print them). */
export const stylish: Formatter = (diagnostics, ctx) => {
  const c = ctx.colors;
  const max = ctx.max ?? Infinity;
  const shown = diagnostics.slice(0, max).map((d) => printableFinding(d));
  const out: string[] = [];
  let file: string | undefined;
  const posWidth = maxOf(
    shown.map((d) => `${d.line}:${d.col}`.length),
    0,
  );
  const sevWidth = maxOf(
    shown.map((d) => d.severity.length),
    0,
  );
  const codeWidth = maxOf(
    shown.map((d) => d.code.length),
    0,
  );
  for (const d of shown) {
    if (d.file !== file) {
      if (file !== undefined) out.push('');
      out.push(c.underline(shownPath(d.file, ctx)));
      file = d.file;
    }
    const sev =
      d.severity === 'error'
        ? c.red(d.severity.padEnd(sevWidth))
        : d.severity === 'warning'
          ? c.yellow(d.severity.padEnd(sevWidth))
          : c.blue(d.severity.padEnd(sevWidth));
    out.push(`  ${c.dim(`${d.line}:${d.col}`.padEnd(posWidth))}  ${sev}  ${c.dim(d.code.padEnd(codeWidth))}  ${d.message}`);
  }
  if (diagnostics.length > max) out.push('', c.dim(`… ${diagnostics.length - max} more findings not shown (use -f json to see all)`));
  const n = countBySeverity(diagnostics);
  if (diagnostics.length) {
    const summary = `${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}`;
    out.push('', n.error ? c.red.bold(`✖ ${summary}`) : c.yellow.bold(`⚠ ${summary}`));
  }
  return out.length ? out.join('\n') + '\n' : '';
};
