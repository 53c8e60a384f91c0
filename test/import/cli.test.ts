import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, relm, relmInProcess, ROOT } from '../helpers/cli.js';
import { fixturePath } from './fixtures.js';

// `relm import` runs from the built dist/ (npm run build).
const built = existsSync(join(ROOT, 'dist', 'cli', 'import.js'));
if (!built) console.warn('test/import/cli.test.ts: dist/cli/import.js is missing; run `npm run build` first. Skipping.');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const engagement = () => {
  const d = copyFixture('test/fixtures/minimal');
  dirs.push(d);
  return d;
};

/** `relm import ...args`, in-process, its output as written. */
const relmImport = (args: string[], cwd = ROOT) => relmInProcess(['import', ...args], cwd);

describe.skipIf(!built)('relm import (built)', () => {
  it('imports a Jira export, says what it did, and leaves a valid engagement; again, everything is unchanged', async () => {
    const dir = engagement();
    const r = await relmImport(['jira', fixturePath('jira.csv'), '-C', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('relm: jira jira.csv -> backlog.yaml: added 7, updated 0, unchanged 0, skipped 4\n');
    expect(r.stderr).toContain('  added to the applications of backlog.yaml: core-banking, customer-portal, payments-gateway\n');
    expect(r.stderr).toContain('  row 10: ABC-105: unreadable Created date "31/Foo/21 10:00"');
    expect(r.stderr).toContain('  row 11: no issue key or id\n');
    expect(r.stderr).toContain('  row 16: ABC-110: no summary\n');
    expect(r.stderr).toContain('4 skipped, the rest imported: skipped entries are not errors');
    const written = readFileSync(join(dir, 'backlog.yaml'), 'utf8');

    const v = await relm(['validate', '-f', 'json', '-C', dir]);
    expect(v.status).toBe(0);
    expect((JSON.parse(v.stdout) as { file: string }[]).filter((d) => d.file === 'backlog.yaml')).toEqual([]);

    const mtime = statSync(join(dir, 'backlog.yaml')).mtimeMs;
    const again = await relmImport(['jira', fixturePath('jira.csv'), '-C', dir]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('added 0, updated 0, unchanged 7, skipped 4\n');
    expect(again.stderr).toContain('nothing to write: the files are up to date');
    expect(readFileSync(join(dir, 'backlog.yaml'), 'utf8')).toBe(written);
    expect(statSync(join(dir, 'backlog.yaml')).mtimeMs).toBe(mtime);
  });

  it('finds the engagement upward from the working folder, and takes the source relative to it', async () => {
    const dir = engagement();
    writeFileSync(join(dir, 'export.json'), readFileSync(fixturePath('github-rest.json')));
    const r = await relmImport(['github', 'export.json'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      'added 4, updated 0, unchanged 0, skipped 1\n  added to the applications of backlog.yaml: ledger-api\n  index 2: #14: a pull request, not an issue\n',
    );
  });

  it('--dry-run prints the same summary and writes nothing', async () => {
    const dir = engagement();
    const r = await relmImport(['bugzilla', fixturePath('bugzilla.csv'), '-C', dir, '--dry-run']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('added 9, updated 0, unchanged 0, skipped 1\n');
    expect(r.stderr).toContain('dry run: nothing written');
    expect(existsSync(join(dir, 'backlog.yaml'))).toBe(false);
  });

  it('imports ServiceNow changes and git tags into releases.yaml, which validates', async () => {
    const dir = engagement();
    const r = await relmImport(['servicenow', fixturePath('servicenow.json'), '-C', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('-> releases.yaml: added 2, updated 0, unchanged 0, skipped 1\n');
    expect(r.stderr).toContain('  index 2: CHG0040003: not deployed yet (state Scheduled)\n');
    const t = await relmImport(['git-tags', ROOT, '-C', dir, '--application', 'relm', '--dry-run']);
    expect(t.status).toBe(0);
    const v = await relm(['validate', '-f', 'json', '-C', dir]);
    expect(v.status).toBe(0);
    expect(readFileSync(join(dir, 'releases.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.relm\/schemas\/releases\.schema\.json\n# Release history \(format: relm schema releases\)\./,
    );
  });

  it('exits 2 and writes nothing when the source cannot be used', async () => {
    const dir = engagement();
    const cases: [string[], RegExp][] = [
      [['jira', 'missing.csv'], /relm: no such file: missing\.csv/],
      [['jira', fixturePath('github-gh.json')], /holds JSON, not CSV/],
      [['github', fixturePath('jira.csv')], /not valid JSON/],
      [['github', fixturePath('servicenow.json')], /not a list of issues/],
      [['servicenow', fixturePath('bugzilla.csv')], /no number column/],
      [['git-tags', dir], /is not a git repository|not a git repository/],
      [['jira', fixturePath('jira.csv'), '--map', 'Story Points=points'], /"points" is not a field of a backlog item[\s\S]*effort_days/],
      [['jira', fixturePath('jira.csv'), '--map', 'Sprint=release'], /no column "Sprint"/],
      [['github', fixturePath('github-gh.json')], /pass --application ID/],
      [['jira', fixturePath('jira.csv'), '--application', 'not an id'], /--application: "not an id" is not a valid id/],
      [['trello', fixturePath('jira.csv')], /unknown export format "trello"/],
    ];
    for (const [args, message] of cases) {
      const r = await relmImport([...args, '-C', dir]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(existsSync(join(dir, 'backlog.yaml')) || existsSync(join(dir, 'releases.yaml')), args.join(' ')).toBe(false);
    }
  });

  it('exits 2 outside an engagement', async () => {
    const r = await relmImport(['jira', fixturePath('jira.csv'), '-C', join(ROOT, 'test')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no relm.yaml');
  });
});
