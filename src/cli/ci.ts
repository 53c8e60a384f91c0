import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { CI_MARKER, CI_NODE, ciFiles, type CiEngagement, type CiPlan, GITHUB_WORKFLOW, githubCommands, installCommand } from '../engagement/ci-files.js';
import { MANIFEST } from '../engagement/find-root.js';
import { EXIT_FINDINGS, EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { gitTopLevel } from '../io/git.js';
import { printable } from '../output/printable.js';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../paths.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr, writeOut } from './ui.js';
import type { RunContext } from './run-context.js';

/** Folders never searched for engagements. */
const SKIP = new Set(['node_modules', 'out', 'interviews', 'observations', 'responses', 'templates']);
const MAX_DEPTH = 6;

/** Every engagement of the repository: each folder holding relm.yaml (hidden folders, node_modules and out/ left out). */
export function findEngagements(repoTop: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.name === MANIFEST && e.isFile())) found.push(relative(repoTop, dir).split(sep).join('/'));
    if (depth >= MAX_DEPTH) return;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && !SKIP.has(e.name)) walk(join(dir, e.name), depth + 1);
  };
  walk(repoTop, 0);
  return found.sort();
}

interface ManifestCi {
  install?: string;
  baseline: boolean;
  /** The score gates relm.yaml `check` sets, as "fail_under 2": none means validity only. */
  gates: string[];
}

/** What relm.yaml says for CI (it need not be valid: `relm validate` reports that). */
function manifestCi(dir: string): ManifestCi {
  try {
    const m = parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { ci?: { install?: unknown }; check?: Record<string, unknown> } | null;
    const install = typeof m?.ci?.install === 'string' ? m.ci.install : undefined;
    const check = m?.check && typeof m.check === 'object' ? m.check : {};
    const gates = Object.entries(check)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k} ${v}`);
    return { install, baseline: typeof check.max_regression === 'number', gates };
  } catch {
    return { baseline: false, gates: [] };
  }
}

/** How this relm says it can be installed: its repository at the tag of its version (README, "Install"). */
export function documentedSpec(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { repository?: { url?: string } | string };
  const url = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  return `${url.startsWith('git+') ? url : `git+${url}`}#v${PACKAGE_VERSION}`;
}

/**
 * The npm spec this relm was installed from, when npm recorded one that another machine can install: a
 * registry version, a git URL at its commit, a tarball URL. A local tarball, a link or a clone: undefined.
 */
export function installedSpec(root = PACKAGE_ROOT): string | undefined {
  const nodeModules = dirname(root.replace(/[/\\]$/, ''));
  if (basename(nodeModules) !== 'node_modules') return undefined;
  try {
    const lock = JSON.parse(readFileSync(join(nodeModules, '.package-lock.json'), 'utf8')) as {
      packages?: Record<string, { resolved?: string; version?: string }>;
    };
    const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;
    const entry = lock.packages?.[`node_modules/${name}`];
    const resolved = entry?.resolved;
    if (!resolved) return undefined;
    if (/^https?:\/\/[^\s]+\/-\/[^/\s]+\.tgz$/.test(resolved) && entry.version) return `${name}@${entry.version}`;
    if (/^(git\+)?(https?|ssh):\/\/\S+$/.test(resolved)) return resolved;
    return undefined;
  } catch {
    return undefined;
  }
}

/** relm.yaml `ci.install` for a new engagement: the flag, else how this relm was installed, else the documented way. */
export function defaultCiInstall(flag?: string): { spec: string; from: string } {
  if (flag !== undefined) return { spec: flag, from: '--ci-install' };
  const installed = installedSpec();
  return installed
    ? { spec: installed, from: 'how this relm was installed' }
    : { spec: documentedSpec(), from: "this release's git tag, as the README's Install section has it" };
}

/**
 * The CI plan of the repository: every engagement, and the spec of `preferred` (the engagement being written
 * or named with -C), else of the first engagement that has one, else the default. Engagements that name
 * another spec are returned in `disagree`.
 */
export function ciPlan(repoTop: string, preferred?: string): { plan: CiPlan; source: string; disagree: string[]; gates: Map<string, string[]> } {
  const paths = findEngagements(repoTop);
  const info = new Map(paths.map((p) => [p, manifestCi(join(repoTop, p))]));
  const pref = preferred !== undefined ? relative(repoTop, preferred).split(sep).join('/') : undefined;
  // The spec the relm-written workflow installs now, when an engagement still names it: `relm ci` from the
  // repository root then agrees with the last write.
  const current = currentInstall(repoTop);
  const holder = paths.find((p) => current !== undefined && info.get(p)?.install === current);
  const named = [pref, holder, ...paths].find((p) => p !== undefined && info.get(p)?.install !== undefined);
  const install = named !== undefined ? info.get(named)!.install! : defaultCiInstall().spec;
  const source = named !== undefined ? `relm.yaml ci.install of ${named || 'the engagement at the root'}` : 'the default (no relm.yaml names ci.install)';
  const disagree = paths.filter((p) => info.get(p)?.install !== undefined && info.get(p)!.install !== install);
  const engagements: CiEngagement[] = paths.map((p) => ({ path: p, baseline: info.get(p)!.baseline }));
  const gates = new Map(paths.map((p) => [p, info.get(p)!.gates]));
  return { plan: { install, engagements }, source, disagree, gates };
}

/** The spec the workflow relm wrote installs, if there is one. */
function currentInstall(repoTop: string): string | undefined {
  try {
    const text = readFileSync(join(repoTop, GITHUB_WORKFLOW), 'utf8');
    return text.startsWith(CI_MARKER) ? /npm install --global '([^']+)'/.exec(text)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

type FileState = 'missing' | 'up to date' | 'out of date' | 'not written by relm';

function stateOf(path: string, want: string): FileState {
  if (!existsSync(path)) return 'missing';
  const have = readFileSync(path, 'utf8');
  if (have === want) return 'up to date';
  return have.startsWith(CI_MARKER) ? 'out of date' : 'not written by relm';
}

/**
 * Writes the CI files of the repository for its engagements: each that is missing or that relm wrote
 * (a file of your own only with `force`). Returns the paths written and those left alone.
 */
export function writeCiFiles(repoTop: string, plan: CiPlan, force = false): { written: string[]; kept: string[] } {
  const written: string[] = [];
  const kept: string[] = [];
  for (const [name, content] of Object.entries(ciFiles(plan))) {
    const path = join(repoTop, name);
    const state = stateOf(path, content);
    if (state === 'up to date') continue;
    if (state === 'not written by relm' && !force) {
      kept.push(name);
      continue;
    }
    // Inside the repository: a `.github` that is a link to elsewhere is refused, not written through.
    atomicWrite(path, content, { within: repoTop });
    written.push(name);
  }
  return { written, kept };
}

/** After `relm init` wrote an engagement: the repository's CI files, brought up to date, reported on stderr. */
export function updateCiFiles(ctx: RunContext, engagementDir: string, force = false): void {
  const repoTop = gitTopLevel(engagementDir) ?? engagementDir;
  const { plan } = ciPlan(repoTop, engagementDir);
  const { written, kept } = writeCiFiles(repoTop, plan, force);
  const c = colorsFor(ctx, 'stderr');
  for (const name of written) writeErr(ctx, `${c.green('✔')} ${printable(relative(ctx.cwd, join(repoTop, name)) || name)}`);
  for (const name of kept)
    writeErr(
      ctx,
      c.yellow(`relm: ${printable(name)} is your own (it does not start with relm's first line): left as it is; \`relm ci\` shows what relm would write`),
    );
}

/** `relm ci [--write] [--force]`: what the CI files install and run, and whether they are up to date. */
export function runCi(ctx: RunContext, opts: CommonOptions & { write?: boolean; force?: boolean }): void {
  const start = resolve(ctx.cwd, opts.dir ?? '.');
  if (opts.dir !== undefined && !existsSync(join(start, MANIFEST)))
    throw new RelmError(`no ${MANIFEST} in ${opts.dir}`, EXIT_USAGE, 'Pass an engagement folder with -C, or run relm ci in the repository.');
  const repoTop = gitTopLevel(start) ?? start;
  const { plan, source, disagree, gates } = ciPlan(repoTop, existsSync(join(start, MANIFEST)) ? start : undefined);
  if (!plan.engagements.length)
    throw new RelmError(`no engagement in ${printable(repoTop)}: no ${MANIFEST} in it or below`, EXIT_USAGE, 'Create one with `relm init <dir>`.');
  const c = colorsFor(ctx, 'stdout');
  const out: string[] = [];
  out.push(`The CI files of ${printable(repoTop)} (Node.js ${CI_NODE}):`);
  out.push(`  install   ${printable(installCommand(plan.install))}`);
  out.push(`            from ${printable(source)}`);
  for (const p of disagree) out.push(c.yellow(`            ${printable(p)} names another ci.install; the CI files install one relm for every engagement`));
  for (const e of plan.engagements) {
    const cmd = githubCommands(e, 'origin/<base branch>');
    const g = gates.get(e.path) ?? [];
    out.push(`  check     ${printable(cmd.check)}`);
    out.push(`            ${g.length ? `validity and relm.yaml check: ${printable(g.join(', '))}` : 'validity only (relm.yaml sets no check gate)'}`);
  }
  out.push('  and relm diff for each engagement, into the job summary (GitHub) or relm-diff.md (GitLab)');
  let stale = 0;
  if (opts.write) {
    const { written, kept } = writeCiFiles(repoTop, plan, opts.force);
    for (const n of written) out.push(`  ${c.green('✔')} ${n} written`);
    for (const n of kept) {
      out.push(c.yellow(`  ${n}: your own file, left as it is (--force replaces it)`));
      stale++;
    }
    if (!written.length && !kept.length) out.push('  the CI files are up to date');
  } else {
    for (const [name, content] of Object.entries(ciFiles(plan))) {
      const state = stateOf(join(repoTop, name), content);
      if (state !== 'up to date') stale++;
      out.push(`  ${name.padEnd(28)} ${state}`);
    }
    if (stale) out.push('Run `relm ci --write` to bring them up to date.');
  }
  writeOut(ctx, out.join('\n'));
  if (stale) ctx.exitCode = EXIT_FINDINGS;
}
