import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadEngagement } from '../engagement/load.js';
import { scaffoldFiles } from '../engagement/scaffold.js';
import { readSchema, schemaCopies } from '../engagement/schemas.js';
import type { Application, Manifest, PersonRef, Priority } from '../engagement/types.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite, writeTarget } from '../io/atomic-write.js';
import { GITHUB_WORKFLOW, GITLAB_JOB } from '../engagement/ci-files.js';
import { printable } from '../output/printable.js';
import { gitInit, gitTopLevel } from '../io/git.js';
import { withEngagementLock } from '../io/lock.js';
import { loadBuiltinModel } from '../model/builtin.js';
import type { Model } from '../model/types.js';
import { isDate, localToday } from '../util/dates.js';
import type { CommonOptions } from './main.js';
import { defaultCiInstall, updateCiFiles } from './ci.js';
import { colorsFor, writeErr } from './ui.js';
import { ID } from '../util/ids.js';
import { writeChecked } from '../engagement/checked-write.js';
import type { RunContext } from './run-context.js';

interface InitOptions extends CommonOptions {
  yes?: boolean;
  client?: string;
  title?: string;
  asOf?: string;
  consultant?: string[];
  sponsor?: string;
  currency?: string;
  dayRate?: string;
  application?: string[];
  force?: boolean;
  addMissing?: boolean;
  /** relm.yaml ci.install: the npm spec CI installs relm from. */
  ciInstall?: string;
  /** A previous engagement folder: start a re-assessment of it (init-from.ts). */
  from?: string;
}

const CRITICALITY: readonly Priority[] = ['critical', 'high', 'medium', 'low'];

/** "Name (Role)" or "Name". */
export function parsePerson(s: string): PersonRef {
  const m = /^\s*(.+?)\s*\(([^)]*)\)\s*$/.exec(s);
  return m ? { name: m[1]!, role: m[2]! } : { name: s.trim() };
}

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** `id`, `id:platform` or `id:platform:criticality`, as --application takes it. */
export function parseApplication(s: string): Application {
  const [id = '', platform, criticality] = s.split(':').map((x) => x.trim());
  if (!ID.test(id))
    throw new RelmError(
      `--application: "${id}" is not a valid id`,
      EXIT_USAGE,
      'Use letters, digits, ".", "_" and "-", e.g. --application core-banking:mainframe:high.',
    );
  if (criticality !== undefined && !CRITICALITY.includes(criticality as Priority)) {
    throw new RelmError(
      `--application ${s}: the criticality "${criticality}" is not one of ${CRITICALITY.join(', ')}`,
      EXIT_USAGE,
      'Write id:platform:criticality, e.g. core-banking:mainframe:high.',
    );
  }
  return { id, ...(platform ? { platform } : {}), ...(criticality ? { criticality: criticality as Priority } : {}) };
}

function checkCurrency(v: string): string {
  const code = v.trim().toUpperCase();
  let known = /^[A-Z]{3}$/.test(code);
  if (known) {
    try {
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: code });
    } catch {
      known = false;
    }
  }
  if (!known) throw new RelmError(`--currency: "${v}" is not a currency code`, EXIT_USAGE, 'Give the three-letter ISO 4217 code, e.g. EUR, GBP or USD.');
  return code;
}

/** --ci-install: an npm spec CI can put on a command line (relm.yaml ci.install's pattern). */
export function checkCiInstall(v: string): string {
  const install = (readSchema('relm') as { properties: { ci: { properties: { install: { pattern: string } } } } }).properties.ci.properties.install;
  if (!new RegExp(install.pattern).test(v) || v.length > 1000)
    throw new RelmError(
      `--ci-install: "${v}" is not an npm spec CI can install`,
      EXIT_USAGE,
      'Give a registry version (relm@0.2.0), a git URL with a tag (git+https://git.example.com/tools/relm.git#v0.2.0) or a tarball URL, without spaces, quotes or shell characters.',
    );
  return v;
}

function checkDayRate(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new RelmError(`--day-rate: "${v}" is not an amount`, EXIT_USAGE, 'Give the cost of one person-day as a number, e.g. --day-rate 900.');
  return n;
}

/** The files `relm init` writes in the engagement folder (backlog.yaml only with applications). */
const ENGAGEMENT_FILES = ['relm.yaml', 'practices.yaml', 'target.yaml', 'plan.yaml', 'team.yaml', 'releases.yaml', '.gitignore'];

interface Answers {
  client: string;
  title: string;
  asOf: string;
  consultants: PersonRef[];
  sponsor?: PersonRef;
  currency: string;
  dayRate?: number;
  applications: Application[];
}

export async function runInit(ctx: RunContext, dirArg: string | undefined, opts: InitOptions): Promise<void> {
  if (opts.from !== undefined) return (await import('./init-from.js')).runInitFrom(ctx, dirArg, { ...opts, from: opts.from });
  const dir = resolve(ctx.cwd, dirArg ?? opts.dir ?? '.');
  const interactive = !opts.yes && ctx.stdin.isTTY === true && ctx.stdout.isTTY === true;
  if (opts.addMissing && opts.force)
    throw new RelmError(
      '--add-missing and --force contradict each other',
      EXIT_USAGE,
      '--add-missing writes only the files that are missing; --force overwrites them all. Pass one.',
    );

  // Flags first: a bad one fails before anything is asked or written.
  if (opts.asOf !== undefined && !isDate(opts.asOf))
    throw new RelmError(`--as-of: "${opts.asOf}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-03-31.');
  const flags: Partial<Answers> = {
    client: opts.client,
    title: opts.title,
    asOf: opts.asOf,
    consultants: opts.consultant?.map(parsePerson),
    sponsor: opts.sponsor !== undefined ? parsePerson(opts.sponsor) : undefined,
    currency: opts.currency !== undefined ? checkCurrency(opts.currency) : undefined,
    dayRate: opts.dayRate !== undefined ? checkDayRate(opts.dayRate) : undefined,
    applications: opts.application?.map(parseApplication),
  };
  const ciInstall = defaultCiInstall(opts.ciInstall !== undefined ? checkCiInstall(opts.ciInstall) : undefined);

  // The repository the engagement lives in (or will: relm runs git init), where the CI files go.
  const existingRepo = gitTopLevel(dir);
  refuseLinksOut(ctx, dir, existingRepo);
  const present = (names: string[], base: string) => names.filter((f) => existsSync(join(base, f)));
  const have = new Set(present([...ENGAGEMENT_FILES, 'backlog.yaml'], dir));
  // Refuse before asking anything: the files every scaffold writes. The CI files serve every engagement of the
  // repository: relm brings them up to date after writing this one (updateCiFiles).
  if (!opts.addMissing) refuseOverwrite(ctx, dir, [...have], opts.force);
  const writes = (f: string) => opts.force || !have.has(f);

  // With --add-missing, what relm.yaml already says fills the new files.
  const current = opts.addMissing && have.has('relm.yaml') ? currentManifest(dir) : undefined;
  const model = current ? modelOf(dir) : loadBuiltinModel();
  let answers: Answers = {
    client: flags.client ?? current?.client ?? '',
    title: flags.title ?? current?.title ?? 'Release Management Assessment',
    asOf: flags.asOf ?? current?.as_of ?? localToday(ctx.now()),
    consultants: flags.consultants ?? current?.consultants ?? [],
    sponsor: flags.sponsor ?? current?.sponsor,
    currency: flags.currency ?? current?.currency ?? 'EUR',
    dayRate: flags.dayRate ?? current?.day_rate,
    applications: flags.applications ?? [],
  };
  const askManifest = writes('relm.yaml');
  const askApplications = writes('backlog.yaml') && flags.applications === undefined;
  if (interactive && (askManifest || askApplications)) {
    answers = await ask(answers, { manifest: askManifest, applications: askApplications });
  } else if (askManifest && !answers.client) {
    throw new RelmError(
      'the client is required',
      EXIT_USAGE,
      'Pass --client "Name" (there is no terminal to ask on), e.g. relm init --yes --client "ACME Bank" --as-of 2026-03-31.',
    );
  }
  if (!answers.client) answers.client = current?.client ?? 'Client';

  const all = scaffoldFiles({ ...answers, model, ciInstall: ciInstall.spec });
  const files = Object.entries(all).filter(([name]) => writes(name));
  // The schemas editors read (the modelines point there): relm's own copies, written afresh.
  const schemas = Object.entries(schemaCopies()).filter(([name]) => !opts.addMissing || !existsSync(join(dir, name)));
  const c = colorsFor(ctx, 'stderr');
  if (opts.addMissing && !files.length && !schemas.length) {
    writeErr(ctx, `${c.green('✔')} nothing to add: every file relm init writes is there (backlog.yaml only with --application)`);
    return;
  }
  mkdirSync(dir, { recursive: true });
  await withEngagementLock(dir, { command: 'init' }, () => {
    // Checked again holding the lock: another writer may have written some of the files meanwhile.
    const now = present(
      files.map(([name]) => name),
      dir,
    );
    if (opts.addMissing) {
      if (now.length)
        throw new RelmError(`${now.join(', ')} appeared while relm init ran`, EXIT_USAGE, 'Nothing was written. Run `relm init --add-missing` again.');
    } else {
      refuseOverwrite(ctx, dir, now, opts.force);
    }
    writeChecked(
      dir,
      files.map(([rel, data]) => ({ rel, data })),
      'init',
    );
    for (const [name] of files) writeErr(ctx, `${c.green('✔')} ${relative(ctx.cwd, join(dir, name)) || name}`);
    for (const [name, content] of schemas) atomicWrite(join(dir, name), content, { within: dir });
    if (schemas.length)
      writeErr(ctx, `${c.green('✔')} ${relative(ctx.cwd, join(dir, '.relm', 'schemas')) || '.relm/schemas'} (${schemas.length} schemas, for editors)`);
    if (writes('relm.yaml')) writeErr(ctx, c.dim(`  ci.install: ${ciInstall.spec} (${ciInstall.from})`));
    updateCiFiles(ctx, dir, opts.force);
  });
  if (opts.addMissing && have.size) writeErr(ctx, c.dim(`  kept as they were: ${[...have].sort().join(', ')}`));
  if (!existingRepo)
    writeErr(ctx, gitInit(dir) ? `${c.green('✔')} git init` : c.yellow('relm: git is not available; the engagement folder is not a git repository yet'));
  writeErr(
    ctx,
    `\nNext: answer the criteria (${c.bold('relm interview')}, or edit practices.yaml), set targets and requirements in target.yaml, then run ${c.bold('relm validate')} and ${c.bold('relm report')}.`,
  );
}

/** relm.yaml's engagement block as it stands, for --add-missing (it must parse). */
function currentManifest(dir: string): Manifest['engagement'] & { model?: string } {
  let data: unknown;
  try {
    data = parse(readFileSync(join(dir, 'relm.yaml'), 'utf8'));
  } catch (err) {
    throw new RelmError(
      `relm.yaml does not parse: ${(err as Error).message.split('\n')[0]}`,
      EXIT_USAGE,
      'Fix it first (`relm validate` shows where); --add-missing takes the client and dates from it.',
    );
  }
  const e = (data as { engagement?: unknown } | null)?.engagement;
  return (e && typeof e === 'object' ? e : {}) as Manifest['engagement'];
}

/** The model relm.yaml names (practices.yaml and team.yaml are written from it). */
function modelOf(dir: string): Model {
  const model = loadEngagement(dir).model;
  if (!model)
    throw new RelmError(
      'the model relm.yaml names cannot be loaded',
      EXIT_USAGE,
      'Run `relm validate` to see why; --add-missing writes practices.yaml and team.yaml from the model.',
    );
  return model;
}

/** The questions of an interactive `relm init`, each with what flags or relm.yaml gave as its default. */
async function ask(start: Answers, what: { manifest: boolean; applications: boolean }): Promise<Answers> {
  const { default: inquirer } = await import('inquirer');
  const q = async <T>(question: Record<string, unknown>): Promise<T> =>
    ((await inquirer.prompt([{ ...question, name: 'value' } as never])) as { value: T }).value;
  const a = { ...start };
  if (what.manifest) {
    a.client = (
      await q<string>({
        type: 'input',
        message: 'Client organisation:',
        default: a.client || undefined,
        validate: (v: string) => (v.trim() ? true : 'The client is required'),
      })
    ).trim();
    a.title = (await q<string>({ type: 'input', message: 'Engagement title:', default: a.title })).trim() || a.title;
    a.asOf = await q<string>({
      type: 'input',
      message: 'As-of date, the day every age is measured to (YYYY-MM-DD):',
      default: a.asOf,
      validate: (v: string) => (isDate(v) ? true : 'Write a real date as YYYY-MM-DD'),
    });
    const people = (list: PersonRef[]) => list.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(', ');
    a.consultants = splitList(
      await q<string>({ type: 'input', message: 'Consultants, comma-separated, "Name (Role)":', default: people(a.consultants) || undefined }),
    ).map(parsePerson);
    const sponsor = (
      await q<string>({ type: 'input', message: 'Sponsor, "Name (Role)" (Enter to skip):', default: a.sponsor ? people([a.sponsor]) : undefined })
    ).trim();
    a.sponsor = sponsor ? parsePerson(sponsor) : undefined;
    a.currency = await q<string>({
      type: 'input',
      message: 'Currency (ISO 4217 code):',
      default: a.currency,
      validate: (v: string) => {
        try {
          checkCurrency(v);
          return true;
        } catch {
          return 'A three-letter code such as EUR, GBP or USD';
        }
      },
      filter: (v: string) => v.trim().toUpperCase(),
    });
    const rate = (
      await q<string>({
        type: 'input',
        message: `Day rate, the cost of one person-day in ${a.currency} (Enter to skip):`,
        default: a.dayRate !== undefined ? String(a.dayRate) : undefined,
        validate: (v: string) => (v.trim() === '' || (Number.isFinite(Number(v)) && Number(v) >= 0) ? true : 'A number, e.g. 900'),
      })
    ).trim();
    a.dayRate = rate === '' ? undefined : Number(rate);
  }
  if (what.applications) {
    const apps: Application[] = [];
    for (;;) {
      const id = (
        await q<string>({
          type: 'input',
          message: apps.length
            ? 'Another application in scope, its id (Enter when done):'
            : "Major applications in scope: the first one's id, e.g. core-banking (Enter for none):",
          validate: (v: string) =>
            v.trim() === '' || (ID.test(v.trim()) && !apps.some((x) => x.id === v.trim())) ? true : 'An id not used yet: letters, digits, ".", "_" and "-"',
        })
      ).trim();
      if (!id) break;
      const name = (await q<string>({ type: 'input', message: `  ${id}: its name:`, default: id })).trim();
      const platform = (await q<string>({ type: 'input', message: `  ${id}: its platform, e.g. mainframe, web, mobile (Enter to skip):` })).trim();
      const criticality = await q<string>({
        type: 'select',
        message: `  ${id}: how critical is it to the business?`,
        choices: [...CRITICALITY.map((v) => ({ value: v, name: v })), { value: '', name: '(skip)' }],
        default: 'medium',
      });
      apps.push({
        id,
        ...(name && name !== id ? { name } : {}),
        ...(platform ? { platform } : {}),
        ...(criticality ? { criticality: criticality as Priority } : {}),
      });
    }
    a.applications = apps;
  }
  return a;
}

/**
 * Before anything is asked or written: every path relm init would write (the engagement files, .relm, the CI
 * files) must stay inside its folder, and `git init` must not go through a `.git` that is a link or not a
 * repository (git would initialise the folder it leads to). All or nothing: a link found half-way would leave
 * some files written.
 */
function refuseLinksOut(ctx: RunContext, dir: string, existingRepo: string | undefined): void {
  if (!existsSync(dir)) return;
  const dotGit = join(dir, '.git');
  let gitLink: string | undefined;
  let gitThere = false;
  try {
    const st = lstatSync(dotGit);
    gitThere = true;
    if (st.isSymbolicLink()) gitLink = readlinkSync(dotGit);
  } catch {
    // no .git
  }
  if (gitLink !== undefined || (gitThere && !existingRepo))
    throw new RelmError(
      gitLink !== undefined
        ? `.git in ${relative(ctx.cwd, dir) || '.'} is a link (to ${printable(gitLink)}); relm init does not run git through it`
        : `.git in ${relative(ctx.cwd, dir) || '.'} is not a git repository; relm init does not run git init over it`,
      EXIT_USAGE,
      'Nothing was written. Remove .git (or make it the repository itself), or choose another folder.',
    );
  const names = [...ENGAGEMENT_FILES, 'backlog.yaml', ...Object.keys(schemaCopies())];
  for (const name of names) writeTarget(join(dir, name), dir);
  const repoTop = existingRepo ?? dir;
  for (const name of [GITHUB_WORKFLOW, GITLAB_JOB]) writeTarget(join(repoTop, name), repoTop);
}

function refuseOverwrite(ctx: RunContext, dir: string, existing: string[], force: boolean | undefined): void {
  if (existing.length && !force) {
    throw new RelmError(
      `not overwriting existing files in ${relative(ctx.cwd, dir) || '.'}: ${existing.join(', ')}`,
      EXIT_USAGE,
      'Nothing was written. Pass --add-missing to write only the files that are missing, --force to overwrite them, or choose another folder.',
    );
  }
}
