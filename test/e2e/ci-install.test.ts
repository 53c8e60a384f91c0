// relm.yaml ci.install's default: the spec npm recorded for this relm when another machine can install it,
// else the release's git tag (README, Install).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentedSpec, installedSpec } from '../../src/cli/ci.js';
import { ROOT } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project with relm installed in node_modules, npm's hidden lockfile recording `resolved`. */
function installed(resolved: string | undefined, version = '0.2.0'): string {
  const top = mkdtempSync(join(tmpdir(), 'relm-spec-'));
  dirs.push(top);
  const root = join(top, 'node_modules', 'relm');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'relm', version }));
  const entry = resolved === undefined ? { version } : { version, resolved };
  writeFileSync(join(top, 'node_modules', '.package-lock.json'), JSON.stringify({ packages: { 'node_modules/relm': entry } }));
  return root;
}

describe('the spec relm was installed from', () => {
  it('is the registry version for a registry tarball, the URL for git and tarball URLs', () => {
    expect(installedSpec(installed('https://registry.npmjs.org/relm/-/relm-0.2.0.tgz'))).toBe('relm@0.2.0');
    expect(installedSpec(installed('https://npm.example.com/repository/npm/relm/-/relm-0.2.0.tgz'))).toBe('relm@0.2.0');
    expect(installedSpec(installed('git+ssh://git@git.example.com/tools/relm.git#0123abcd'))).toBe('git+ssh://git@git.example.com/tools/relm.git#0123abcd');
    expect(installedSpec(installed('https://files.example.com/relm-0.2.0.tgz'))).toBe('https://files.example.com/relm-0.2.0.tgz');
  });

  it('is unknown for a local tarball, without a record, and outside node_modules', () => {
    expect(installedSpec(installed('file:../relm-0.2.0.tgz'))).toBeUndefined();
    expect(installedSpec(installed(undefined))).toBeUndefined();
    const clone = mkdtempSync(join(tmpdir(), 'relm-clone-'));
    dirs.push(clone);
    expect(installedSpec(clone)).toBeUndefined();
  });

  it('falls back to the git tag of this version, as the README installs it', () => {
    expect(documentedSpec()).toMatch(/^git\+https:\/\/\S+\.git#v\d+\.\d+\.\d+$/);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`npm install --global ${documentedSpec()}`);
  });
});
