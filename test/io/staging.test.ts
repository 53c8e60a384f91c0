import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadPid } from '../helpers/cli.js';

// The modules under test are imported afresh after the mock below (vitest reuses a worker between files, so
// another file may already hold them, bound to the real node:fs); RelmError from the same fresh graph.
let RelmError: typeof import('../../src/errors.js').RelmError;
let fsError: typeof import('../../src/io/fs-errors.js').fsError;
let confineOutputDir: typeof import('../../src/io/staging.js').confineOutputDir;
let confineWrite: typeof import('../../src/io/staging.js').confineWrite;
let StagedOutput: typeof import('../../src/io/staging.js').StagedOutput;
beforeAll(async () => {
  vi.resetModules();
  ({ RelmError } = await import('../../src/errors.js'));
  ({ fsError } = await import('../../src/io/fs-errors.js'));
  ({ confineOutputDir, confineWrite, StagedOutput } = await import('../../src/io/staging.js'));
});

// File-system faults on demand: the n-th writeFileSync or renameSync fails with the given code.
const fault = vi.hoisted(() => ({ write: { at: 0, code: '' }, rename: { at: 0, code: '' } }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const failing = <F extends (...a: never[]) => unknown>(fn: F, f: { at: number; code: string }) =>
    ((...a: Parameters<F>) => {
      if (f.at > 0 && --f.at === 0) throw Object.assign(new Error(`${f.code}: injected`), { code: f.code, syscall: 'write', path: String(a[0]) });
      return fn(...a);
    }) as F;
  return { ...real, writeFileSync: failing(real.writeFileSync, fault.write), renameSync: failing(real.renameSync, fault.rename) };
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function engagement(): string {
  const d = mkdtempSync(join(tmpdir(), 'relm-staging-test-'));
  dirs.push(d);
  mkdirSync(join(d, 'out', 'charts'), { recursive: true });
  writeFileSync(join(d, 'out', 'report.md'), 'old report');
  writeFileSync(join(d, 'out', 'charts', 'radar.svg'), 'old radar');
  return d;
}
const read = (d: string) =>
  Object.fromEntries(
    ['report.md', 'charts/radar.svg', 'report.html'].map((f) => [f, fs.existsSync(join(d, 'out', f)) ? readFileSync(join(d, 'out', f), 'utf8') : null]),
  );

beforeEach(() => {
  fault.write.at = 0;
  fault.rename.at = 0;
});

describe('StagedOutput: all or nothing', () => {
  it('moves every file into place together and leaves no staging folder', () => {
    const d = engagement();
    const out = new StagedOutput(join(d, 'out'));
    out.write('report.md', 'new report');
    out.write('charts/radar.svg', 'new radar');
    out.write('report.html', 'new html');
    expect(read(d)).toEqual({ 'report.md': 'old report', 'charts/radar.svg': 'old radar', 'report.html': null });
    expect(out.commit().map((p) => p.slice(d.length + 1))).toEqual(['out/report.md', 'out/charts/radar.svg', 'out/report.html']);
    expect(read(d)).toEqual({ 'report.md': 'new report', 'charts/radar.svg': 'new radar', 'report.html': 'new html' });
    expect(readdirSync(join(d, 'out')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a full disk while writing leaves the previous files as they were, with one line naming the file', () => {
    const d = engagement();
    const out = new StagedOutput(join(d, 'out'));
    out.write('report.md', 'new report');
    Object.assign(fault.write, { at: 1, code: 'ENOSPC' });
    let err: unknown;
    try {
      out.write('charts/radar.svg', 'new radar');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RelmError);
    expect((err as InstanceType<typeof RelmError>).message).toMatch(/^cannot write .*out\/charts\/radar\.svg: the disk is full \(ENOSPC\)$/);
    expect((err as InstanceType<typeof RelmError>).hint).toBe('Free some space and run again. Nothing was changed: the previous files are as they were.');
    expect((err as InstanceType<typeof RelmError>).exitCode).toBe(2);
    expect(read(d)).toEqual({ 'report.md': 'old report', 'charts/radar.svg': 'old radar', 'report.html': null });
    expect(readdirSync(join(d, 'out')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a failure while moving into place puts back the files already replaced', () => {
    const d = engagement();
    const out = new StagedOutput(join(d, 'out'));
    out.write('report.md', 'new report');
    out.write('report.html', 'new html');
    out.write('charts/radar.svg', 'new radar');
    Object.assign(fault.rename, { at: 3, code: 'EIO' });
    expect(() => out.commit()).toThrow(/an input\/output error occurred \(EIO\)/);
    expect(read(d)).toEqual({ 'report.md': 'old report', 'charts/radar.svg': 'old radar', 'report.html': null });
    expect(readdirSync(join(d, 'out')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses, before replacing anything, a file or a folder in the way', () => {
    const d = engagement();
    rmSync(join(d, 'out', 'charts'), { recursive: true });
    writeFileSync(join(d, 'out', 'charts'), 'a file');
    const out = new StagedOutput(join(d, 'out'));
    out.write('report.md', 'new report');
    out.write('charts/radar.svg', 'new radar');
    expect(() => out.commit()).toThrow(/out\/charts: it is a file, where a folder is needed \(ENOTDIR\)/);
    expect(readFileSync(join(d, 'out', 'report.md'), 'utf8')).toBe('old report');
  });

  it('removes the staging folders of runs that were killed', () => {
    const d = engagement();
    mkdirSync(join(d, 'out', `.relm-staging-${deadPid()}-abc`, 'new'), { recursive: true });
    mkdirSync(join(d, 'out', `.relm-staging-${process.pid}-mine`));
    new StagedOutput(join(d, 'out')).discard();
    expect(
      readdirSync(join(d, 'out'))
        .filter((n) => n.startsWith('.'))
        .sort(),
    ).toEqual([`.relm-staging-${process.pid}-mine`]);
  });

  it('removes an output folder it created when nothing landed', () => {
    const d = engagement();
    const out = new StagedOutput(join(d, 'new', 'deep'));
    out.write('a.md', 'x');
    out.discard();
    expect(fs.existsSync(join(d, 'new'))).toBe(false);
  });
});

describe('confinement of writes', () => {
  it('refuses a path outside the engagement, by its name or through a link', () => {
    const d = engagement();
    const outside = mkdtempSync(join(tmpdir(), 'relm-outside-'));
    dirs.push(outside);
    expect(confineWrite(d, join(d, 'out', 'x'), '--out')).toBe(join(d, 'out', 'x'));
    expect(() => confineWrite(d, join(d, '..', 'escape'), 'relm.yaml output.dir')).toThrow(/is outside the engagement folder/);
    symlinkSync(outside, join(d, 'link'));
    expect(() => confineWrite(d, join(d, 'link', 'deeper', 'x'), '--out')).toThrow(/leads outside the engagement folder through a link/);
    mkdirSync(join(d, 'real'));
    symlinkSync(join(d, 'real'), join(d, 'inside-link'));
    expect(confineWrite(d, join(d, 'inside-link'), '--out')).toBe(join(d, 'inside-link'));
  });

  it("never takes the engagement folder itself, or a folder of the user's own, as the output folder", () => {
    const d = engagement();
    expect(() => confineOutputDir(d, d, 'relm.yaml output.dir')).toThrow(/is the engagement folder itself/);
    expect(() => confineOutputDir(d, join(d, 'templates'), '--out')).toThrow(/inside templates\/, which holds your own files/);
    expect(() => confineOutputDir(d, join(d, '.git', 'x'), '--out')).toThrow(/inside \.git\//);
    expect(confineOutputDir(d, join(d, 'deliverables', '2026'), '--out')).toBe(join(d, 'deliverables', '2026'));
  });
});

describe('fsError', () => {
  it('says in one line what failed, where, and what to do', () => {
    const e = (code: string, path: string, syscall = 'open') => fsError(Object.assign(new Error(code), { code, path, syscall }), 'write');
    expect(e('EACCES', '/x/out/report.md').message).toBe('cannot write /x/out/report.md: permission denied (EACCES)');
    expect(e('EACCES', '/x/out/report.md').hint).toMatch(/write access/);
    expect(e('EROFS', '/x/out').message).toBe('cannot write /x/out: the file system is read-only (EROFS)');
    expect(e('EWHATEVER', '/x').message).toBe('cannot write /x: EWHATEVER (EWHATEVER)');
  });
});
