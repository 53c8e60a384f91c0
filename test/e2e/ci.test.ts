import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHILD_TIMEOUT_MS, copyFixture, ROOT, relm } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
}

/** A git repository holding the minimal fixture in engagement/, with two commits: v1 and v2 (beta rated 2 -> 4). */
function repo(): { top: string; dir: string } {
  const top = mkdtempSync(join(tmpdir(), 'relm-git-'));
  dirs.push(top);
  git(top, 'init', '-q', '-b', 'main');
  const src = copyFixture('test/fixtures/minimal');
  dirs.push(src);
  execFileSync('cp', ['-r', src, join(top, 'engagement')], { timeout: CHILD_TIMEOUT_MS });
  const dir = join(top, 'engagement');
  git(top, 'add', '-A');
  git(top, 'commit', '-qm', 'v1');
  git(top, 'tag', 'v1');
  writeFileSync(join(dir, 'practices.yaml'), readFileSync(join(dir, 'practices.yaml'), 'utf8').replace('rating: 2', 'rating: 4'));
  git(top, 'commit', '-qam', 'v2');
  return { top, dir };
}

describe('relm check', () => {
  it('passes a valid engagement within policy, exit 0', async () => {
    const r = await relm(['check', '-C', 'test/fixtures/minimal', '-f', 'text']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('relm check: passed');
  });

  it('fails under --fail-under, at relm.yaml:1:1, exit 1', async () => {
    const r = await relm(['check', '-C', 'test/fixtures/minimal', '-f', 'text', '--fail-under', '3']);
    expect(r.status).toBe(1);
    // Human formats name files from the folder relm runs in, so the path opens from there.
    // Alpha: m = 1, 0.375, n/a (counts as 0.375), 1, 0 → 2.75; beta: rating 2; process weighs 2 → (2 × 2.75 + 2) / 3 = 2.50.
    expect(r.stdout).toBe('test/fixtures/minimal/relm.yaml:1:1 error policy-fail-under the overall score 2.50 is below fail_under 3.00 (--fail-under)\n');
  });

  it('applies the policy of relm.yaml, pointing at its key', async () => {
    const d = copyFixture('test/fixtures/minimal');
    dirs.push(d);
    writeFileSync(join(d, 'relm.yaml'), readFileSync(join(d, 'relm.yaml'), 'utf8') + 'check:\n  fail_under: 1\n  min_perspective: 2.5\n  max_gap: 0.9\n');
    const r = await relm(['check', '-C', d, '-f', 'text'], { cwd: d });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      'relm.yaml:9:3 error policy-min-perspective the people perspective scores 2.00, below min_perspective 2.50',
      'relm.yaml:10:3 error policy-max-gap practice "beta" has a gap of 1.00, above max_gap 0.90',
    ]);
  });

  it('exits 1 on invalid files, 2 on a bad flag', async () => {
    const d = copyFixture('test/fixtures/minimal');
    dirs.push(d);
    writeFileSync(join(d, 'target.yaml'), 'targets: {default: 9}\n');
    expect((await relm(['check', '-C', d])).status).toBe(1);
    expect((await relm(['check', '-C', d, '--fail-under', 'x'])).status).toBe(2);
  });

  it('fails on any drop of the overall score since --baseline, and passes a rise', async () => {
    const { top, dir } = repo();
    // HEAD (v2) is better than v1: passes against v1.
    expect((await relm(['check', '-C', dir, '--baseline', 'v1', '-f', 'text'])).status).toBe(0);
    // Make the working tree worse than HEAD.
    writeFileSync(join(dir, 'practices.yaml'), readFileSync(join(dir, 'practices.yaml'), 'utf8').replace('rating: 4', 'rating: 3'));
    const r = await relm(['check', '-C', dir, '--baseline', 'HEAD', '-f', 'text'], { cwd: dir });
    expect(r.status).toBe(1);
    // Beta rated 4 at HEAD, 3 now: (2 × 2.75 + 4) / 3 = 3.17 → (2 × 2.75 + 3) / 3 = 2.83.
    expect(r.stdout).toMatch(
      /^relm\.yaml:1:1 error policy-regression the overall score fell from 3\.17 to 2\.83 \(−0\.33\), more than max_regression 0\.00 \(against HEAD\)/,
    );
    expect(git(top, 'status', '--porcelain')).toBe(' M engagement/practices.yaml\n'); // the working tree is untouched
    const bad = await relm(['check', '-C', dir, '--baseline', 'no-such-rev']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown git revision "no-such-rev"');
  });

  it('writes several formats at once, each to its own place', async () => {
    const d = mkdtempSync(join(tmpdir(), 'relm-out-'));
    dirs.push(d);
    const r = await relm(['check', '-C', 'test/fixtures/minimal', '--fail-under', '4', '-f', 'text', '-f', 'json', '-o', '-', '-o', join(d, 'out.json')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('policy-fail-under');
    expect(JSON.parse(readFileSync(join(d, 'out.json'), 'utf8'))[0].code).toBe('policy-fail-under');
  });
});

describe('relm diff', () => {
  let top: string;
  let dir: string;
  beforeAll(() => ({ top, dir } = repo()));

  it('prints only what changed between two revisions, old → new with two decimals', async () => {
    const r = await relm(['diff', 'v1', 'HEAD', '-C', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('### relm: assessment changes v1 → HEAD');
    // Beta rated 2 at v1 and 4 at HEAD: (2 × 2.75 + 2) / 3 = 2.50 → (2 × 2.75 + 4) / 3 = 3.17.
    expect(r.stdout).toContain('| Score | 2.50 → 3.17 (+0.67) |');
    expect(r.stdout).toContain('| people | 2.00 → 4.00 (+2.00) | 1.00 → 0.00 (−1.00) |');
    expect(r.stdout).not.toContain('| process |'); // unchanged
    expect(r.stdout).toContain('| Beta | 2.00 → 4.00 (+2.00) | 2 → 4 | 1.00 → 0.00 (−1.00) |');
  });

  it('compares with the working tree by default, and says when nothing changed', async () => {
    expect((await relm(['diff', 'HEAD', '-C', dir])).stdout).toContain(
      'No change in scores, gaps, recommendations, requirements, cost, backlog or release metrics.',
    );
  });

  it('gives JSON with --json, and names recommendations added and removed', async () => {
    const r = await relm(['diff', 'HEAD', 'v1', '-C', dir, '--json']);
    const d = JSON.parse(r.stdout);
    expect(d.base).toBe('HEAD');
    expect(d.overall.score.from).toBeCloseTo((2 * 2.75 + 4) / 3, 12);
    expect(d.overall.score.to).toBeCloseTo((2 * 2.75 + 2) / 3, 12);
    expect(d.changed).toBe(true);
    expect(git(top, 'status', '--porcelain')).toBe('');
  });

  it('exits 2 for an unknown revision or outside git', async () => {
    expect((await relm(['diff', 'nope', '-C', dir])).status).toBe(2);
    expect((await relm(['diff', 'HEAD', '-C', 'test/fixtures/minimal'], { cwd: '/' })).status).toBe(2);
  });
});

describe('relm schema and the CI scaffold', () => {
  it('prints any schema, and lists them', async () => {
    const r = await relm(['schema', 'practices']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).$id).toBe('https://relm.invalid/schemas/practices.schema.json');
    expect((await relm(['schema'])).stdout).toContain('assessment');
    expect((await relm(['schema', 'nope'])).status).toBe(2);
  });

  it('writes the schemas into .relm/schemas/ where every modeline points, relative, and refreshes them with schema --write', async () => {
    const top = mkdtempSync(join(tmpdir(), 'relm-init-'));
    dirs.push(top);
    git(top, 'init', '-q');
    expect((await relm(['init', join(top, 'eng'), '--client', 'X', '--as-of', '2026-01-01', '--application', 'app'])).status).toBe(0);
    for (const f of ['relm', 'practices', 'target', 'plan', 'backlog', 'team', 'releases']) {
      const first = readFileSync(join(top, 'eng', `${f}.yaml`), 'utf8').split('\n')[0]!;
      expect(first).toBe(`# yaml-language-server: $schema=.relm/schemas/${f}.schema.json`);
      const copy = JSON.parse(readFileSync(join(top, 'eng', '.relm', 'schemas', `${f}.schema.json`), 'utf8'));
      const { $id, ...original } = JSON.parse(readFileSync(join(ROOT, 'schemas', `${f}.schema.json`), 'utf8'));
      expect($id).toMatch(/^https:\/\/relm\.invalid\//);
      expect(copy).toEqual(original); // without $id: target's reference to model.schema.json is resolved beside it
    }
    writeFileSync(join(top, 'eng', '.relm', 'schemas', 'target.schema.json'), '{}');
    const w = await relm(['schema', '--write', '-C', join(top, 'eng')]);
    expect(w.status, w.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(top, 'eng', '.relm', 'schemas', 'target.schema.json'), 'utf8')).title).toContain('target.yaml');
  });

  it('a second engagement in the repository joins the CI files, which install ci.install on Node 22 and check validity only', async () => {
    const top = mkdtempSync(join(tmpdir(), 'relm-init-'));
    dirs.push(top);
    git(top, 'init', '-q');
    const a = await relm(['init', join(top, 'eng', 'a'), '--client', 'A', '--as-of', '2026-01-01', '--ci-install', 'relm@0.2.0']);
    expect(a.status, a.stderr).toBe(0);
    expect(parse(readFileSync(join(top, 'eng', 'a', 'relm.yaml'), 'utf8')).ci).toEqual({ install: 'relm@0.2.0' });
    expect(parse(readFileSync(join(top, 'eng', 'a', 'relm.yaml'), 'utf8')).check).toBeUndefined();
    const b = await relm(['init', join(top, 'eng', 'b'), '--client', 'B', '--as-of', '2026-01-01', '--ci-install', 'relm@0.2.0']);
    expect(b.status, b.stderr).toBe(0);

    const wf = parse(readFileSync(join(top, '.github/workflows/relm.yml'), 'utf8'));
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.on.pull_request.paths).toEqual(['eng/a/**', 'eng/b/**']);
    const setup = wf.jobs.relm.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/setup-node'));
    expect(setup.with['node-version']).toBe(22);
    const runs = wf.jobs.relm.steps.map((s: { run?: string }) => s.run).filter(Boolean);
    expect(runs[0]).toBe("npm install --global 'relm@0.2.0'");
    expect(runs).toContain('relm check -C "eng/a" -f github');
    expect(runs).toContain('relm check -C "eng/b" -f github');
    expect(runs.filter((r: string) => r.startsWith('relm diff') && r.includes('GITHUB_STEP_SUMMARY'))).toHaveLength(2);

    const gl = parse(readFileSync(join(top, '.gitlab/relm.gitlab-ci.yml'), 'utf8'));
    expect(gl.relm.image).toBe('node:22');
    expect(gl.relm.script[0]).toBe("npm install --global 'relm@0.2.0'");
    expect(gl.relm.script.filter((l: string) => l.startsWith('relm check'))).toEqual([
      'relm check -C "eng/a" -f text -f junit -o - -o relm-junit-1.xml || relm_failed=1',
      'relm check -C "eng/b" -f text -f junit -o - -o relm-junit-2.xml || relm_failed=1',
    ]);

    // A fresh engagement passes the check CI runs: nothing assessed is valid, and no score gate is set.
    const check = await relm(['check', '-C', join(top, 'eng', 'b'), '-f', 'text']);
    expect(check.status, check.stdout + check.stderr).toBe(0);

    // relm ci says what the files install and run, and that they are up to date.
    const ci = await relm(['ci'], { cwd: top });
    expect(ci.status, ci.stdout + ci.stderr).toBe(0);
    expect(ci.stdout).toContain("install   npm install --global 'relm@0.2.0'");
    expect(ci.stdout).toContain('relm check -C "eng/b" -f github');
    expect(ci.stdout).toContain('validity only');
  });

  it('relm ci finds CI files out of date when a score gate is set, and --write adds the baseline; a file of your own is kept', async () => {
    const top = mkdtempSync(join(tmpdir(), 'relm-init-'));
    dirs.push(top);
    git(top, 'init', '-q');
    expect((await relm(['init', join(top, 'eng'), '--client', 'A', '--as-of', '2026-01-01', '--ci-install', 'relm@0.2.0'])).status).toBe(0);
    const manifest = join(top, 'eng', 'relm.yaml');
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')}check: {fail_under: 2, max_regression: 0.1}\n`);
    const stale = await relm(['ci'], { cwd: join(top, 'eng') });
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('.github/workflows/relm.yml   out of date');
    expect(stale.stdout).toContain('fail_under 2, max_regression 0.1');
    expect((await relm(['ci', '--write'], { cwd: top })).status).toBe(0);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript template
    expect(readFileSync(join(top, '.github/workflows/relm.yml'), 'utf8')).toContain('relm check -C "eng" -f github --baseline "origin/${{ github.base_ref }}"');
    expect((await relm(['ci'], { cwd: top })).status).toBe(0);

    writeFileSync(join(top, '.gitlab/relm.gitlab-ci.yml'), 'my own job\n');
    const kept = await relm(['ci', '--write'], { cwd: top });
    expect(kept.status).toBe(1);
    expect(readFileSync(join(top, '.gitlab/relm.gitlab-ci.yml'), 'utf8')).toBe('my own job\n');
    expect((await relm(['ci', '--write', '--force'], { cwd: top })).status).toBe(0);
    expect(readFileSync(join(top, '.gitlab/relm.gitlab-ci.yml'), 'utf8')).toContain('relm check -C "eng"');
  });

  it('refuses a --ci-install that is no npm spec, writing nothing', async () => {
    const top = mkdtempSync(join(tmpdir(), 'relm-init-'));
    dirs.push(top);
    const r = await relm(['init', join(top, 'eng'), '--client', 'A', '--ci-install', 'relm; rm -rf /']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--ci-install');
    expect(existsSync(join(top, 'eng'))).toBe(false);
  });
});
