import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'relm');

/** No child process of the test suite may run longer than this: a hang fails its test instead of CI. */
export const CHILD_TIMEOUT_MS = 120_000;

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary (npm test builds first), without colour, and sanitises the temp folder out of its output. */
export function relm(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string; timeout?: number } = {}): RunResult {
  const cwd = opts.cwd ?? ROOT;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
    timeout: opts.timeout ?? CHILD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
  });
  const clean = (s: string) => s.split(cwd).join('<cwd>');
  const timedOut = r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `\n[test: relm ${args.join(' ')} was killed after ${opts.timeout ?? CHILD_TIMEOUT_MS} ms]` : '';
  return { status: r.status, stdout: clean(r.stdout ?? ''), stderr: clean(r.stderr ?? '') + timedOut };
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
