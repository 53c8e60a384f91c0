import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGitTags, readTagList, releaseTypeOf } from '../../src/import/git-tags.js';
import { readSource } from '../../src/import/source.js';
import { CHILD_TIMEOUT_MS } from '../helpers/cli.js';

let repo: string;

/** A repository with commits and tags at fixed dates. */
function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relm-tags-'));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: dir,
  };
  const git = (args: string[], date: string) =>
    execFileSync('git', ['-C', dir, ...args], { env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: 'pipe', timeout: CHILD_TIMEOUT_MS });
  git(['init', '-q'], '2024-01-01T00:00:00Z');
  git(['commit', '-q', '--allow-empty', '-m', 'one'], '2024-01-10T10:00:00+01:00');
  git(['tag', '-a', 'v1.0.0', '-m', 'Release 1.0.0'], '2024-01-11T18:00:00+01:00'); // annotated: the tagger date
  git(['commit', '-q', '--allow-empty', '-m', 'two'], '2024-02-01T09:00:00+00:00');
  git(['tag', 'v1.1.0'], '2024-02-02T09:00:00+00:00'); // lightweight: the commit date
  git(['commit', '-q', '--allow-empty', '-m', 'three'], '2024-02-05T09:00:00+00:00');
  git(['tag', 'v1.1.1'], '2024-02-05T09:00:00+00:00');
  git(['commit', '-q', '--allow-empty', '-m', 'four'], '2024-03-01T09:00:00+00:00');
  git(['tag', 'v2.0.0-rc1'], '2024-03-01T09:00:00+00:00');
  git(['tag', '-a', 'release/2.0.0', '-m', 'Release 2.0.0'], '2024-03-04T20:00:00+00:00');
  git(['commit', '-q', '--allow-empty', '-m', 'five'], '2024-03-06T03:00:00+00:00');
  git(['tag', 'hotfix-2024-03-06'], '2024-03-06T03:00:00+00:00');
  return dir;
}

beforeAll(() => {
  repo = makeRepo();
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('git tags', () => {
  it("reads a repository's tags as releases, oldest first, skipping pre-releases", async () => {
    const source = await readSource('git-tags', repo, 'repo');
    expect(source.kind).toBe('tags');
    const r = parseGitTags(source.kind === 'tags' ? source.tags : [], { application: 'ledger' });
    // Ids carry the application; each release lists the commits since the previous production tag; no outcome.
    const change = (committed: string) => ({ id: expect.stringMatching(/^[0-9a-f]{7,}$/), committed });
    expect(r.releases).toEqual([
      { id: 'ledger@v1.0.0', type: 'major', applications: ['ledger'], deployed: '2024-01-11T18:00:00+01:00' },
      { id: 'ledger@v1.1.0', type: 'minor', applications: ['ledger'], deployed: '2024-02-01T09:00:00+00:00', changes: [change('2024-02-01T09:00:00+00:00')] },
      { id: 'ledger@v1.1.1', type: 'minor', applications: ['ledger'], deployed: '2024-02-05T09:00:00+00:00', changes: [change('2024-02-05T09:00:00+00:00')] },
      {
        id: 'ledger@release-2.0.0',
        type: 'major',
        applications: ['ledger'],
        deployed: '2024-03-04T20:00:00+00:00',
        changes: [change('2024-03-01T09:00:00+00:00')],
      },
      {
        id: 'ledger@hotfix-2024-03-06',
        type: 'emergency',
        planned: false,
        applications: ['ledger'],
        deployed: '2024-03-06T03:00:00+00:00',
        changes: [change('2024-03-06T03:00:00+00:00')],
      },
    ]);
    expect(r.releases!.every((x) => x.outcome === undefined)).toBe(true);
    expect(parseGitTags(source.kind === 'tags' ? source.tags : [], { application: 'ledger', idPrefix: 'LED-' }).releases!.map((x) => x.id)).toEqual([
      'LED-v1.0.0',
      'LED-v1.1.0',
      'LED-v1.1.1',
      'LED-release-2.0.0',
      'LED-hotfix-2024-03-06',
    ]);
    expect(r.problems.map((p) => p.message)).toEqual(['tag v2.0.0-rc1: a pre-release, not a production release']);
  });

  it('refuses a folder that is not a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relm-nogit-'));
    try {
      await expect(readSource('git-tags', dir, 'plain-folder')).rejects.toThrow(/plain-folder is not a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(readSource('git-tags', join(tmpdir(), 'relm-does-not-exist'), 'nowhere')).rejects.toThrow(/no such folder: nowhere/);
  });

  it('types versions: x.0.0 major, x.y.z minor, hotfix and emergency names emergency', () => {
    expect(releaseTypeOf('v3.0.0').type).toBe('major');
    expect(releaseTypeOf('3.0').type).toBe('major');
    expect(releaseTypeOf('rel-3.4').type).toBe('minor');
    expect(releaseTypeOf('3.4.2').type).toBe('minor');
    expect(releaseTypeOf('v2.0.0').type).toBe('major');
    expect(releaseTypeOf('3.4.2-hotfix').type).toBe('emergency');
    expect(releaseTypeOf('emergency-fix').type).toBe('emergency');
    expect(releaseTypeOf('prod-2024-05-01').type).toBeUndefined();
    expect(releaseTypeOf('2.0.0-beta.1').preRelease).toBe(true);
  });

  it("parses for-each-ref lines: tagger date, else the tagged commit's, else the commit's", () => {
    expect(readTagList('a\t2024-01-01T00:00:00Z\t2023-12-31T00:00:00Z\t\nb\t\t\t2024-02-01T00:00:00+01:00\n')).toEqual([
      { name: 'a', date: '2024-01-01T00:00:00Z' },
      { name: 'b', date: '2024-02-01T00:00:00+01:00' },
    ]);
  });
});
