import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'relm');

/** No child process of the test suite may run longer than this: a hang fails its test instead of CI. */
export const CHILD_TIMEOUT_MS = 240_000;

/**
 * The id of a process that ran and has ended (reaped): no process of this machine has it now. Tests that
 * need "a relm that was killed" use it rather than a number that some other process may happen to hold.
 */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore', timeout: CHILD_TIMEOUT_MS });
  if (!child.pid) throw new Error(`could not start a process to take its id: ${child.error?.message ?? 'no pid'}`);
  return child.pid;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

type Cli = typeof import('../../src/cli/main.js');
let cli: Promise<Cli> | undefined;

/** The built CLI module (dist/cli/main.js), loaded by Node itself (vitest.config.ts leaves dist/ untransformed), once per test file. */
export function builtCli(): Promise<Cli> {
  cli ??= import(/* @vite-ignore */ pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href) as Promise<Cli>;
  return cli;
}

/**
 * Runs `relm ...args` in this process, through the built CLI's `run` (npm test builds first): the same code
 * as the binary, without starting Node for every case. Without colour and with no terminal, in `cwd`, with
 * the environment of a child process (process.env and `env`); the temp folder is sanitised out of the output.
 * A run that hangs fails on vitest's testTimeout; a test that needs a real process (start-up, signals, a
 * terminal) uses relmChild.
 */
export async function relm(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  const cwd = opts.cwd ?? ROOT;
  const r = await relmInProcess(args, cwd, opts.env);
  const clean = (s: string) => s.split(cwd).join('<cwd>');
  return { status: r.status, stdout: clean(r.stdout), stderr: clean(r.stderr) };
}

/** relm without the sanitising: its output as it wrote it. */
export async function relmInProcess(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<RunResult> {
  const { run } = await builtCli();
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
  return { status, stdout, stderr };
}

/**
 * Runs the built binary in a child process without blocking the test worker (a long synchronous wait starves
 * vitest's own messages), without colour, its output as written, killed after `timeout`.
 */
export function relmChild(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: opts.cwd ?? ROOT,
        encoding: 'utf8',
        timeout: opts.timeout ?? CHILD_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
      },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code ?? null) : 0;
        done({ status: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}

/** Every file under a folder (hidden ones included: a staging folder would show) with its content, by relative path. */
export function snapshotFiles(dir: string, encoding: BufferEncoding = 'utf8'): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else files[p] = readFileSync(join(dir, p), encoding);
    }
  };
  if (existsSync(dir)) walk('');
  return files;
}

/** A copy of a fixture (or example) engagement in a fresh temp folder. */
export function copyFixture(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'relm-test-'));
  // Deliverables a local `npm run demo` left in the example are not part of the fixture.
  const src = resolve(ROOT, path);
  cpSync(src, dir, { recursive: true, filter: (from) => from !== join(src, 'out') });
  return dir;
}

/** `copyFixture` for a test file: each call a fresh copy, all of them removed after the file's tests. */
export function fixtureCopies(): (path: string) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return (path) => {
    const d = copyFixture(path);
    dirs.push(d);
    return d;
  };
}
