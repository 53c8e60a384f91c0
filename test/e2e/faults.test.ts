import { spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, copyFixture, deadPid, relm, snapshotFiles } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const snapshot = (out: string) => snapshotFiles(out);

function runKilledAfter(args: string[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    const t = setTimeout(() => p.kill('SIGTERM'), ms);
    const hard = setTimeout(() => p.kill('SIGKILL'), ms + 30_000);
    p.on('exit', () => {
      clearTimeout(t);
      clearTimeout(hard);
      resolve();
    });
  });
}

describe('an interrupted relm report', () => {
  it('leaves every deliverable wholly old or wholly new, and no temporary file', async () => {
    const dir = copyFixture('examples/acme-bank');
    dirs.push(dir);
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    expect((await relm(['report', '-C', dir])).status).toBe(0);
    const before = snapshot(join(dir, 'out'));
    // The next version of the engagement changes every document.
    const manifest = join(dir, 'relm.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('Northwind Mutual Insurance', 'Northwind Mutual Insurance plc'));
    const v2 = copyFixture(dir);
    dirs.push(v2);
    rmSync(join(v2, 'out'), { recursive: true, force: true });
    expect((await relm(['report', '-C', v2])).status).toBe(0);
    const after = snapshot(join(v2, 'out'));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());

    for (let i = 0; i < 10; i++) {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      cpSync(join(v2, 'out'), join(dir, 'out'), { recursive: true });
      for (const [f, content] of Object.entries(before)) writeFileSync(join(dir, 'out', f), content);
      await runKilledAfter(['report', '-C', dir], 150 + i * 60);
      const now = snapshot(join(dir, 'out'));
      for (const [f, content] of Object.entries(now)) {
        expect(f, 'a temporary file was left behind').not.toMatch(/\.tmp$/);
        expect([before[f], after[f]], `${f} is partial`).toContain(content);
      }
      expect(Object.keys(now).sort()).toEqual(Object.keys(before).sort());
    }
  });

  it('clears the temporary files a killed run left behind', async () => {
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    expect((await relm(['report', '-C', dir, '--only', 'report', '--format', 'md'])).status).toBe(0);
    writeFileSync(join(dir, 'out', `.report.md.${deadPid()}.abc123.tmp`), 'half');
    expect((await relm(['report', '-C', dir, '--only', 'report', '--format', 'md'])).status).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
