import type { ChalkInstance } from 'chalk';
import type { FileChange } from './index.js';
import type { ImportResult } from './types.js';

/** How many updated items and skipped rows the summary lists one by one. */
export const SUMMARY_MAX_LINES = 20;

const n = (x: number) => x.toLocaleString('en-US');

/**
 * What an import did, for stderr: per file the counts (`added 712, updated 3, unchanged 1,785,
 * skipped 3`), the applications added, the updated items with their changed fields, the skipped rows
 * with their reasons, and the notes about guessed values.
 */
export function formatSummary(
  source: string,
  result: ImportResult,
  changes: readonly FileChange[],
  opts: { unit: 'row' | 'index' | null; dryRun: boolean; colors: ChalkInstance },
): string {
  const c = opts.colors;
  const out: string[] = [];
  const skipped = result.problems.length;
  const main = changes[0]!;
  const r = main.merged.report;
  out.push(
    `relm: ${source} -> ${main.file}: ${c.green(`added ${n(r.added.length)}`)}, updated ${n(r.updated.length)}, unchanged ${n(r.unchanged.length)}, ` +
      (skipped ? c.yellow(`skipped ${n(skipped)}`) : 'skipped 0'),
  );
  for (const ch of changes) {
    if (ch.merged.report.applicationsAdded.length) out.push(`  added to the applications of ${ch.file}: ${ch.merged.report.applicationsAdded.join(', ')}`);
  }
  const updated = r.updated;
  for (const u of updated.slice(0, SUMMARY_MAX_LINES)) out.push(`  updated ${u.id}: ${u.fields.join(', ')}`);
  if (updated.length > SUMMARY_MAX_LINES) out.push(`  … and ${n(updated.length - SUMMARY_MAX_LINES)} more updated`);
  const where = (row: number) => (opts.unit === null ? '' : `${opts.unit} ${row}: `);
  for (const p of result.problems.slice(0, SUMMARY_MAX_LINES)) out.push(c.yellow(`  ${where(p.row)}${p.message}`));
  if (skipped > SUMMARY_MAX_LINES) out.push(c.yellow(`  … and ${n(skipped - SUMMARY_MAX_LINES)} more skipped`));
  for (const note of result.notes ?? []) out.push(`  note: ${note}`);
  if (skipped) {
    out.push(`  ${n(skipped)} skipped, the rest imported: skipped entries are not errors; correct them in the source and import again to add them.`);
  }
  const entries = (result.items ?? result.releases ?? []).length;
  if (!entries && !skipped) out.push(`  the source holds nothing to import`);
  if (opts.dryRun) out.push('  dry run: nothing written');
  else if (entries && !changes.some((ch) => ch.merged.changed)) out.push('  nothing to write: the files are up to date');
  return out.join('\n');
}
