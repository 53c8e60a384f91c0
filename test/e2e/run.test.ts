/**
 * The CLI entry `run(argv, io)` that the end-to-end tests call in-process: it gives the run the streams,
 * folder and environment it is handed, returns the exit code, and leaves the process as it found it.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCli, copyFixture } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function capture(isTTY?: boolean) {
  const s = { text: '', write: (t: string) => void (s.text += t), isTTY };
  return s;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What a run could leave changed behind it. */
function processState() {
  return {
    cwd: process.cwd(),
    env: { ...process.env },
    exitCode: process.exitCode,
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    tty: [
      Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'),
      Object.getOwnPropertyDescriptor(process.stderr, 'isTTY'),
      Object.getOwnPropertyDescriptor(process.stdin, 'isTTY'),
    ],
    signals: SIGNALS.map((s) => process.listeners(s)),
    offset: new Date(2026, 0, 1).getTimezoneOffset(),
  };
}

describe('run(argv, io)', () => {
  it('runs in the folder and environment it is given, writes to its streams, returns the exit code, and restores the process', async () => {
    const { run } = await builtCli();
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    writeFileSync(join(dir, 'target.yaml'), 'targets: [\n');
    const before = processState();
    const out = capture();
    const err = capture();
    // No -C: the engagement is found from the run's working folder.
    const code = await run(['validate', '-f', 'json'], {
      stdout: out,
      stderr: err,
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', TZ: 'Pacific/Kiritimati', RELM_TEST_ONLY: 'x' },
    });
    expect(code).toBe(1);
    expect((JSON.parse(out.text) as { file: string }[]).some((d) => d.file === 'target.yaml')).toBe(true);
    expect(processState()).toEqual(before);
    expect(process.env.RELM_TEST_ONLY).toBeUndefined();
  });

  it('reports errors on its stderr with their exit code, and usage errors exit 2', async () => {
    const { run } = await builtCli();
    const before = processState();
    const nowhere = realpathSync(mkdtempSync(join(tmpdir(), 'relm-run-')));
    dirs.push(nowhere);
    const err = capture();
    const env = { ...process.env, NO_COLOR: '1' };
    expect(await run(['assess'], { stdout: capture(), stderr: err, cwd: nowhere, env })).toBe(2);
    expect(err.text).toMatch(/^relm: /);
    const usage = capture();
    expect(await run(['assess', '--nope'], { stdout: capture(), stderr: usage, cwd: nowhere, env })).toBe(2);
    expect(usage.text).toContain("unknown option '--nope'");
    const help = capture();
    expect(await run(['--help'], { stdout: help, stderr: capture(), cwd: nowhere, env })).toBe(0);
    expect(help.text).toContain('Usage: relm');
    expect(processState()).toEqual(before);
  });

  it('asks nothing when its stdin is not a terminal, and runs one at a time when called at once', async () => {
    const { run } = await builtCli();
    const top = mkdtempSync(join(tmpdir(), 'relm-run-'));
    dirs.push(top);
    const a = { out: capture(), err: capture() };
    const b = { out: capture(), err: capture() };
    const [ca, cb] = await Promise.all([
      run(['init', 'a'], { stdout: a.out, stderr: a.err, stdin: { isTTY: false }, cwd: top, env: process.env }),
      run(['schema'], { stdout: b.out, stderr: b.err, cwd: top, env: process.env }),
    ]);
    expect(ca).toBe(2);
    expect(a.err.text).toContain('--client');
    expect(a.out.text).toBe('');
    expect(cb).toBe(0);
    expect(b.out.text).toContain('assessment');
    expect(b.err.text).toBe('');
  });
});
