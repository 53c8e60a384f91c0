import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { MANIFEST } from '../engagement/find-root.js';
import { readInside } from '../engagement/load.js';
import { reassessFiles } from '../engagement/reassess.js';
import { schemaCopies } from '../engagement/schemas.js';
import { updateCiFiles } from './ci.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { gitInit, gitTopLevel } from '../io/git.js';
import { withEngagementLock } from '../io/lock.js';
import { printable } from '../output/printable.js';
import { isDate, localToday } from '../util/dates.js';
import { engagementAtRevision } from './revision.js';
import { colorsFor, writeErr } from './ui.js';
import { writeChecked } from '../engagement/checked-write.js';
import { pushAll } from '../util/arrays.js';
import type { RunContext } from './run-context.js';

export interface InitFromOptions {
  from: string;
  dir?: string;
  asOf?: string;
  client?: string;
  title?: string;
  force?: boolean;
  addMissing?: boolean;
}

/** The files a re-assessment copies as they are, when the previous engagement has them. */
const OPTIONAL_TEXT = ['team.yaml', 'plan.yaml', '.gitignore'];

/**
 * `relm init --from <previous>`: a re-assessment in a new folder. Copies the model, targets, requirements,
 * phases, team and plan of the previous engagement, carries its answers over "to confirm", and links it
 * (relm.yaml `previous`) for `relm trend`. Never overwrites without --force; writes nothing when the previous
 * engagement has errors.
 */
export async function runInitFrom(ctx: RunContext, dirArg: string | undefined, opts: InitFromOptions): Promise<void> {
  if (opts.addMissing)
    throw new RelmError(
      '--from and --add-missing contradict each other',
      EXIT_USAGE,
      '--from starts a re-assessment in a new folder; --add-missing completes an engagement. Pass one.',
    );
  const prevDir = resolve(ctx.cwd, opts.from);
  if (!existsSync(join(prevDir, MANIFEST)))
    throw new RelmError(
      `--from: ${opts.from} is not an engagement folder: it has no ${MANIFEST}`,
      EXIT_USAGE,
      'Name the folder of the previous engagement (the one holding its relm.yaml).',
    );
  const dir = resolve(ctx.cwd, dirArg ?? opts.dir ?? '.');
  if (existsSync(dir) && realpathSync(dir) === realpathSync(prevDir))
    throw new RelmError(
      '--from names the folder the re-assessment would be written to',
      EXIT_USAGE,
      'Start the re-assessment in a new folder: relm init <new folder> --from <previous folder>.',
    );
  if (opts.asOf !== undefined && !isDate(opts.asOf))
    throw new RelmError(`--as-of: "${opts.asOf}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2027-03-31.');
  const previous = engagementAtRevision(prevDir, undefined, undefined);
  const m = previous.manifest;
  const asOf = opts.asOf ?? localToday(ctx.now());
  if (asOf <= m.engagement.as_of) {
    throw new RelmError(
      `the re-assessment's as_of ${asOf} is not after the previous engagement's (${m.engagement.as_of})`,
      EXIT_USAGE,
      'Pass --as-of YYYY-MM-DD with the reference date of the re-assessment.',
    );
  }

  const read = (name: string) => readFileSync(join(prevDir, name), 'utf8');
  const files: Record<string, string> = { 'relm.yaml': read('relm.yaml'), 'practices.yaml': read('practices.yaml'), 'target.yaml': read('target.yaml') };
  for (const name of OPTIONAL_TEXT) if (existsSync(join(prevDir, name))) files[name] = read(name);
  const carried = reassessFiles({
    files,
    asOf,
    previousAsOf: m.engagement.as_of,
    previousAssessed: previous.practices.assessed ?? null,
    previousPath: relative(dir, prevDir).split(sep).join('/') || '.',
    client: opts.client,
    title: opts.title,
    calendar: m.calendar,
  });
  // Files relm.yaml names (a model, a logo, a benchmark) and the engagement's own templates come along as they are.
  const copies = [m.model && m.model !== 'builtin' ? m.model : null, m.branding?.logo ?? null, m.benchmark ?? null]
    .filter((x): x is string => x !== null)
    .map((p) => posix.normalize(p));
  if (existsSync(join(prevDir, 'templates')))
    pushAll(
      copies,
      listFiles(join(prevDir, 'templates')).map((f) => `templates/${f}`),
    );

  // Read inside the previous folder only (a link leading out of it is not followed).
  const copied = copies.flatMap((rel): [string, Buffer][] => {
    const r = readInside(prevDir, rel);
    return r.ok ? [[rel, r.bytes]] : [];
  });
  const names = [...Object.keys(carried.files), ...copied.map(([rel]) => rel)];
  refuse(ctx, dir, names, opts.force);
  const existingRepo = gitTopLevel(dir);
  mkdirSync(dir, { recursive: true });
  const c = colorsFor(ctx, 'stderr');
  const shown = (p: string) => printable(relative(ctx.cwd, p) || p);
  await withEngagementLock(dir, { command: 'init --from' }, () => {
    refuse(ctx, dir, names, opts.force);
    writeChecked(dir, [...Object.entries(carried.files).map(([rel, data]) => ({ rel, data })), ...copied.map(([rel, data]) => ({ rel, data }))], 'init --from');
    for (const name of Object.keys(carried.files)) writeErr(ctx, `${c.green('✔')} ${shown(join(dir, name))}`);
    for (const [rel] of copied) writeErr(ctx, `${c.green('✔')} ${shown(join(dir, rel))} ${c.dim('(copied)')}`);
    for (const [name, content] of Object.entries(schemaCopies())) atomicWrite(join(dir, name), content, { within: dir });
    // The CI files serve every engagement of the repository: brought up to date (those relm wrote).
    updateCiFiles(ctx, dir);
  });
  if (!existingRepo)
    writeErr(ctx, gitInit(dir) ? `${c.green('✔')} git init` : c.yellow('relm: git is not available; the engagement folder is not a git repository yet'));
  const ended = (previous.target.phases ?? []).filter((p) => p.end && p.end <= asOf);
  writeErr(ctx, '');
  writeErr(ctx, `Re-assessment of ${printable(opts.client ?? m.engagement.client)} as of ${asOf}, after ${shown(prevDir)} (as of ${m.engagement.as_of}):`);
  writeErr(
    ctx,
    `  ${carried.answers} answers${carried.ratings ? ` and ${carried.ratings} quick ratings` : ''} carried over to confirm; \`relm validate\` lists them practice by practice.`,
  );
  if (ended.length)
    writeErr(
      ctx,
      c.yellow(`  ${ended.length} of the ${previous.target.phases!.length} roadmap phases in target.yaml end on or before ${asOf}: plan the phases ahead.`),
    );
  writeErr(
    ctx,
    `  Not carried over: backlog.yaml, releases.yaml and interviews (import the record again with \`relm import\`; the previous ones stay where they are).`,
  );
  writeErr(
    ctx,
    `\nNext: confirm the answers (${c.bold('relm interview')} or by hand), ${c.bold('relm validate')}, then ${c.bold('relm trend')} to see the change.`,
  );
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : e.isFile() ? [`${prefix}${e.name}`] : [],
  );
}

function refuse(ctx: RunContext, dir: string, names: string[], force: boolean | undefined): void {
  const existing = names.filter((f) => existsSync(join(dir, f)));
  if (existing.length && !force) {
    throw new RelmError(
      `not overwriting existing files in ${relative(ctx.cwd, dir) || '.'}: ${existing.join(', ')}`,
      EXIT_USAGE,
      'Nothing was written. Pass --force to overwrite them, or choose another folder.',
    );
  }
}
