import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ciFiles, scaffoldFiles } from '../engagement/scaffold.js';
import { PACKAGE_VERSION } from '../paths.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { gitTopLevel } from '../io/git.js';
import { withEngagementLock } from '../io/lock.js';
import { loadBuiltinModel } from '../model/builtin.js';
import type { PersonRef } from '../engagement/types.js';
import { isDate } from '../util/dates.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';

interface InitOptions extends CommonOptions {
  yes?: boolean;
  client?: string;
  title?: string;
  asOf?: string;
  consultant?: string[];
  application?: string[];
  force?: boolean;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** "Name (Role)" or "Name". */
export function parsePerson(s: string): PersonRef {
  const m = /^\s*(.+?)\s*\(([^)]*)\)\s*$/.exec(s);
  return m ? { name: m[1]!, role: m[2]! } : { name: s.trim() };
}

function splitList(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function runInit(dirArg: string | undefined, opts: InitOptions): Promise<void> {
  const dir = resolve(process.cwd(), dirArg ?? opts.dir ?? '.');
  const interactive = !opts.yes && process.stdin.isTTY === true && process.stdout.isTTY === true;

  let client = opts.client;
  let title = opts.title ?? 'Release Management Assessment';
  let asOf = opts.asOf;
  let consultants = (opts.consultant ?? []).map(parsePerson);
  let applications = opts.application ?? [];

  if (asOf !== undefined && !isDate(asOf)) throw new RelmError(`--as-of: "${asOf}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-03-31.');
  for (const a of applications) if (!ID.test(a)) throw new RelmError(`--application: "${a}" is not a valid id`, EXIT_USAGE, 'Use letters, digits, ".", "_" and "-".');

  // The repository the engagement lives in (or will: relm runs git init), where the CI files go.
  const existingRepo = gitTopLevel(dir);
  const repoTop = existingRepo ?? dir;
  const engagementPath = relative(repoTop, dir).split(sep).join('/');
  const version = PACKAGE_VERSION;
  const ci = ciFiles({ version, engagementPath });
  // Refuse before asking anything: the files every scaffold writes.
  refuseOverwrite(dir, ['relm.yaml', 'practices.yaml', 'target.yaml', 'plan.yaml', '.gitignore'], opts.force);
  refuseOverwrite(repoTop, Object.keys(ci), opts.force);

  if (interactive) {
    const { default: inquirer } = await import('inquirer');
    const answers = await inquirer.prompt<{ client: string; title: string; asOf: string; consultants: string; applications: string }>([
      { type: 'input', name: 'client', message: 'Client organisation:', default: client, validate: (v: string) => (v.trim() ? true : 'The client is required') },
      { type: 'input', name: 'title', message: 'Engagement title:', default: title },
      { type: 'input', name: 'asOf', message: 'As-of date (YYYY-MM-DD):', default: asOf ?? today(), validate: (v: string) => (isDate(v) ? true : 'Write a real date as YYYY-MM-DD') },
      { type: 'input', name: 'consultants', message: 'Consultants, comma-separated, "Name (Role)":', default: (opts.consultant ?? []).join(', ') },
      {
        type: 'input',
        name: 'applications',
        message: 'Major applications in scope (ids, comma-separated):',
        default: applications.join(', '),
        validate: (v: string) => splitList(v).every((a) => ID.test(a)) || 'Ids use letters, digits, ".", "_" and "-"',
      },
    ]);
    client = answers.client.trim();
    title = answers.title.trim() || title;
    asOf = answers.asOf;
    consultants = splitList(answers.consultants).map(parsePerson);
    applications = splitList(answers.applications);
  } else if (!client) {
    throw new RelmError('the client is required', EXIT_USAGE, 'Pass --client "Name" (there is no terminal to ask on), e.g. relm init --yes --client "ACME Bank" --as-of 2026-03-31.');
  }

  const files = scaffoldFiles({ client: client!, title, asOf: asOf ?? today(), consultants, applications, model: loadBuiltinModel(), version, engagementPath });
  refuseOverwrite(dir, Object.keys(files), opts.force);
  mkdirSync(dir, { recursive: true });
  const c = colorsFor('stderr');
  await withEngagementLock(dir, { command: 'init' }, () => {
    // Checked again holding the lock: another writer may have started the engagement meanwhile.
    refuseOverwrite(dir, Object.keys(files), opts.force);
    for (const [name, content] of Object.entries(files)) {
      atomicWrite(join(dir, name), content, { within: dir });
      writeErr(`${c.green('✔')} ${relative(process.cwd(), join(dir, name))}`);
    }
    for (const [name, content] of Object.entries(ci)) {
      atomicWrite(join(repoTop, name), content);
      writeErr(`${c.green('✔')} ${relative(process.cwd(), join(repoTop, name))}`);
    }
  });
  if (!existingRepo) {
    try {
      execFileSync('git', ['init', '--quiet'], { cwd: dir, stdio: 'ignore' });
      writeErr(`${c.green('✔')} git init`);
    } catch {
      writeErr(c.yellow('relm: git is not available; the engagement folder is not a git repository yet'));
    }
  }
  writeErr(`\nNext: answer the criteria in practices.yaml, set targets in target.yaml, then run ${c.bold('relm validate')} and ${c.bold('relm report')}.`);
}

function refuseOverwrite(dir: string, names: string[], force: boolean | undefined): void {
  const existing = names.filter((f) => existsSync(join(dir, f)));
  if (existing.length && !force) {
    throw new RelmError(
      `not overwriting existing files in ${relative(process.cwd(), dir) || '.'}: ${existing.join(', ')}`,
      EXIT_USAGE,
      'Nothing was written. Pass --force to overwrite them, or choose another folder.',
    );
  }
}

