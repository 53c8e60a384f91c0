// The package users install: packed, installed into an empty prefix as `npm install --global` would, and run
// from a folder that has nothing to do with this repository. One pack and one install (npm's cache serves the
// dependencies: --prefer-offline). The pack runs without scripts: `npm test` has just built dist/ and other test
// files read it while this one runs, so rebuilding it here would pull it from under them (the prepare script
// that builds dist/ for a clean clone is checked by hand, as the README's install section describes).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const INSTALL_TIMEOUT_MS = 480_000;
const RUN_TIMEOUT_MS = 120_000;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without what `npm test` sets for its scripts (a prefix, a global flag), so npm runs as a user's would. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || /^npm_config_(cache|registry|userconfig)$/i.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '', ...extra };
}

function run(file: string, args: string[], cwd: string, timeout: number, env = cleanEnv()): Promise<Ran> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env, timeout, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code ?? null) : 0;
      done({ status: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

describe('the packed relm, installed into an empty prefix', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let tmp = '';
  let tarball = '';
  let files: string[] = [];
  let install: Ran = { status: null, stdout: '', stderr: '' };
  let relmBin = '';
  let work = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'relm-package-'));
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT, RUN_TIMEOUT_MS);
    expect(packed.status, packed.stderr).toBe(0);
    const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(tmp, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);
    const prefix = join(tmp, 'prefix');
    mkdirSync(prefix);
    install = await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], tmp, INSTALL_TIMEOUT_MS);
    relmBin = join(prefix, 'bin', 'relm');
    work = join(tmp, 'somewhere', 'else');
    mkdirSync(work, { recursive: true });
  }, INSTALL_TIMEOUT_MS + RUN_TIMEOUT_MS);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('is named for its version and holds what relm runs, its licence and changelog, and none of the sources or tests', () => {
    expect(tarball.endsWith(`relm-${version}.tgz`)).toBe(true);
    for (const f of [
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'package.json',
      'bin/relm',
      'dist/cli/main.js',
      'dist/vendor/docx.mjs',
      'dist/vendor/docx-layout.mjs',
      'dist/vendor/docx.LICENSE.md',
      'schemas/relm.schema.json',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('dist/model/') && f.endsWith('.json'))).toBe(true);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('examples/') || (f.startsWith('src/') && f.endsWith('.ts')))).toEqual([]);
  });

  it('installs without an engine warning: every dependency runs on the Node versions relm declares', () => {
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    const installed = join(tmp, 'prefix', 'lib', 'node_modules', 'relm');
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('docx');
    expect(existsSync(join(installed, 'node_modules', 'nanoid')) || readdirSync(join(installed, 'node_modules')).includes('docx')).toBe(false);
  });

  it('runs init, validate and report --format md,html from an unrelated folder', async () => {
    const v = await run(relmBin, ['--version'], work, RUN_TIMEOUT_MS);
    expect(v.stdout.trim()).toBe(version);
    const init = await run(
      relmBin,
      ['init', 'eng', '--yes', '--client', 'Packed Ltd', '--as-of', '2026-03-31', '--application', 'core:mainframe:high'],
      work,
      RUN_TIMEOUT_MS,
    );
    expect(init.status, init.stderr).toBe(0);
    const eng = join(work, 'eng');
    const valid = await run(relmBin, ['validate', '-f', 'text'], eng, RUN_TIMEOUT_MS);
    expect(valid.status, valid.stdout + valid.stderr).toBe(0);
    const report = await run(relmBin, ['report', '--format', 'md,html'], eng, RUN_TIMEOUT_MS);
    expect(report.status, report.stderr).toBe(0);
    for (const f of ['report.md', 'report.html', 'strategic-plan.html', 'presentation.html', 'assessment.json']) {
      expect(existsSync(join(eng, 'out', f)), f).toBe(true);
    }
    expect(readFileSync(join(eng, 'out', 'report.md'), 'utf8')).toContain('Packed Ltd');
  });
});
