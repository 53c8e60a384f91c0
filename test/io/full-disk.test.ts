/**
 * A full disk during `relm import`: the disk fills up while the import's record (.relm/imports/jira.json) is
 * written, after backlog.yaml's new content went to its temporary file. Simulated by injection (the n-th
 * write of a matching path fails with ENOSPC), through the CLI's own `run`, in this process.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotFiles } from '../helpers/cli.js';

// The CLI is imported afresh after the mock below (vitest reuses a worker between files, so another file may
// already hold its modules, bound to the real node:fs).
let run: typeof import('../../src/cli/main.js').run;
beforeAll(async () => {
  vi.resetModules();
  ({ run } = await import('../../src/cli/main.js'));
});

const fault = vi.hoisted(() => ({ path: null as RegExp | null }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const writeFileSync = ((...a: Parameters<typeof real.writeFileSync>) => {
    if (fault.path?.test(String(a[0]))) {
      // What a full disk gives: the file was created, the write failed, and the error names no path.
      real.writeFileSync(a[0], '');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    return real.writeFileSync(...a);
  }) as typeof real.writeFileSync;
  return { ...real, writeFileSync, default: { ...real, writeFileSync } };
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
beforeEach(() => {
  fault.path = null;
});

async function relm(args: string[], cwd: string): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const status = await run(args, {
    stdout: { write: () => undefined },
    stderr: { write: (s) => void (stderr += s) },
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } as Record<string, string>,
  });
  return { status, stderr };
}

describe('a full disk during an import', () => {
  it('leaves backlog.yaml and .relm/imports/jira.json both as they were, and names the file it could not write', async () => {
    const base = mkdtempSync(join(tmpdir(), 'relm-full-disk-'));
    dirs.push(base);
    const eng = join(base, 'eng');
    expect((await relm(['init', eng, '--yes', '--client', 'ACME', '--as-of', '2026-03-31'], base)).status).toBe(0);
    const csv = join(base, 'a.csv');
    writeFileSync(csv, 'Summary,Issue key,Status,Created\nOne,A-1,Open,2026-01-02\n');
    expect((await relm(['import', 'jira', csv, '--application', 'core'], eng)).status).toBe(0);
    const before = snapshotFiles(eng);
    expect(Object.keys(before)).toContain('.relm/imports/jira.json');

    writeFileSync(csv, 'Summary,Issue key,Status,Created\nOne,A-1,Done,2026-01-02\nTwo,A-2,Open,2026-01-03\n');
    fault.path = /jira\.json\.\d+\.[a-z0-9]+\.tmp$/;
    const r = await relm(['import', 'jira', csv, '--application', 'core'], eng);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot write .relm/imports/jira.json: the disk is full (ENOSPC)');
    expect(r.stderr).toContain('Nothing was written: backlog.yaml and .relm/imports/jira.json are as they were.');
    expect(snapshotFiles(eng)).toEqual(before);
    expect(readdirSync(eng).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // With space again, the same import goes through: both files change together.
    fault.path = null;
    expect((await relm(['import', 'jira', csv, '--application', 'core'], eng)).status).toBe(0);
    expect(readFileSync(join(eng, 'backlog.yaml'), 'utf8')).toContain('A-2');
    expect(readFileSync(join(eng, '.relm/imports/jira.json'), 'utf8')).toContain('A-2');
  });
});
