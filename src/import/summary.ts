import type { ChalkInstance } from 'chalk';
import type { FileChange } from './index.js';
import type { Attribution } from './incidents.js';
import type { ImportResult } from './types.js';

/** How many updated items, kept edits and skipped rows the summary lists one by one. */
export const SUMMARY_MAX_LINES = 20;

const n = (x: number) => x.toLocaleString('en-US');
const shown = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? (v.length > 40 ? `${v.slice(0, 40)}…` : v) : JSON.stringify(v));

function listed<T>(out: string[], list: readonly T[], line: (x: T) => string, more: string): void {
  for (const x of list.slice(0, SUMMARY_MAX_LINES)) out.push(line(x));
  if (list.length > SUMMARY_MAX_LINES) out.push(`  … and ${n(list.length - SUMMARY_MAX_LINES)} more ${more}`);
}

/** The edits an import kept and its conflicts with the file, one line each; `where` after each kept edit. */
function editsKept(out: string[], r: FileChange['merged']['report'], file: string, c: ChalkInstance, where = ''): void {
  listed(out, r.kept, (k) => `  kept your edit to ${k.id} ${k.field} (${shown(k.yours)})${where}`, 'edits kept');
  listed(
    out,
    r.conflicts,
    (k) => c.yellow(`  conflict: ${k.id} ${k.field} is ${shown(k.yours)} in ${file}, ${shown(k.theirs)} in the export: kept yours`),
    'conflicts',
  );
}

/**
 * What an import did, for stderr: per file the counts (`added 712, updated 3, unchanged 1,785,
 * skipped 3`), the applications added, the updated records with their changed fields, the edits kept and
 * the conflicts, collisions with other applications, the skipped rows with their reasons, and the notes
 * about guessed values.
 */
export function formatImportSummary(
  source: string,
  result: ImportResult & { attributions?: Attribution[] },
  changes: readonly FileChange[],
  opts: { unit: 'row' | 'index' | null; dryRun: boolean; colors: ChalkInstance; windowHours?: number },
): string {
  const c = opts.colors;
  const out: string[] = [];
  const skipped = result.problems.length;
  const main = changes[0]!;
  const r = main.merged.report;
  out.push(
    `relm: ${source} -> ${main.file}: ${c.green(`added ${n(r.added.length)}`)}, updated ${n(r.updated.length)}, unchanged ${n(r.unchanged.length)}, ` +
      (skipped ? c.yellow(`skipped ${n(skipped)}`) : 'skipped 0') +
      (r.kept.length ? `, kept ${n(r.kept.length)} of your edits` : '') +
      (r.conflicts.length ? `, ${c.yellow(`${n(r.conflicts.length)} conflicts`)}` : '') +
      (r.collisions.length ? `, ${c.red(`${n(r.collisions.length)} collisions`)}` : ''),
  );
  for (const ch of changes) {
    if (ch.merged.report.applicationsAdded.length) out.push(`  added to the applications of ${ch.file}: ${ch.merged.report.applicationsAdded.join(', ')}`);
  }
  // What a change-record import wrote into the backlog items it names (their approved change).
  for (const ch of changes.slice(1)) {
    const x = ch.merged.report;
    const changed = x.updated.filter((u) => u.fields.includes('change'));
    if (changed.length)
      out.push(`  the approved change of ${n(changed.length)} backlog item${changed.length === 1 ? '' : 's'} in ${ch.file}, from the changes that name them`);
    listed(out, changed, (u) => `  updated ${u.id} in ${ch.file}: change`, 'updated');
    editsKept(out, x, ch.file, c, ` in ${ch.file}`);
    if (x.missing.length)
      out.push(
        `  ${n(x.missing.length)} backlog item${x.missing.length === 1 ? '' : 's'} named by the changes ${x.missing.length === 1 ? 'is' : 'are'} not in ${ch.file} (${x.missing.slice(0, 5).join(', ')}${x.missing.length > 5 ? ', …' : ''}): import the backlog first to link ${x.missing.length === 1 ? 'it' : 'them'}`,
      );
  }
  if (result.attributions) {
    const releases = new Set(result.attributions.map((a) => a.release)).size;
    const count = (x: number, one: string) => `${n(x)} ${one}${x === 1 ? '' : 's'}`;
    out.push(
      `  ${count(result.attributions.length, 'incident')} put down to ${count(releases, 'release')} (a deployment of the application in the ${opts.windowHours ?? 24} hours before, or the change the incident names)`,
    );
    const clean = (result.releases ?? []).filter((x) => x.outcome === 'success').length;
    if (clean) out.push(`  ${count(clean, 'release')} of the same applications caused no incident in the span the export covers: outcome success`);
    listed(
      out,
      result.attributions,
      (a) => `  ${a.incident} -> ${a.release} (${a.by === 'cause' ? 'named as the cause' : `${a.hours.toFixed(1)} h after its deployment`})`,
      'incidents',
    );
  }
  listed(out, r.updated, (u) => `  updated ${u.id}: ${u.fields.join(', ')}`, 'updated');
  editsKept(out, r, main.file, c);
  if (r.conflicts.length)
    out.push(`  conflicts keep what ${main.file} says; edit the file to take the export's value, or import with --force to take every one`);
  listed(out, r.removed, (id) => `  ${id} was removed from ${main.file} since the last import: not added again`, 'removed');
  listed(
    out,
    r.collisions,
    (x) => c.red(`  collision: ${x.id} in ${main.file} belongs to ${x.owner.join(', ')}, the export's to ${x.incoming.join(', ')}: left alone`),
    'collisions',
  );
  if (r.collisions.length)
    out.push(c.red(`  an import never changes another application's record: import with --id-prefix (or --application) to give these their own ids`));
  const where = (row: number) => (opts.unit === null ? '' : `${opts.unit} ${row}: `);
  listed(out, result.problems, (p) => c.yellow(`  ${where(p.row)}${p.message}`), 'skipped');
  listed(out, result.fieldProblems ?? [], (p) => c.yellow(`  ${where(p.row)}${p.message}`), 'fields left out');
  for (const note of result.notes ?? []) out.push(`  note: ${note}`);
  if (skipped) {
    out.push(`  ${n(skipped)} skipped, the rest imported: skipped entries are not errors; correct them in the source and import again to add them.`);
  }
  const entries = (result.items ?? result.releases ?? []).length;
  if (!entries && !skipped && !result.attributions) out.push(`  the source holds nothing to import`);
  if (opts.dryRun) out.push('  dry run: nothing written (the diff is on stdout)');
  else if (entries && !changes.some((ch) => ch.merged.changed)) out.push('  nothing to write: the files are up to date');
  return out.join('\n');
}
