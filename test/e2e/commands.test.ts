import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, relm, relmChild } from '../helpers/cli.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'relm-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('relm init', () => {
  it('scaffolds a valid engagement without a terminal, and git-inits it', async () => {
    const dir = join(temp(), 'acme');
    const r = await relm([
      'init',
      dir,
      '--client',
      'ACME Bank',
      '--as-of',
      '2026-03-31',
      '--consultant',
      'A. Smith (Lead consultant)',
      '--application',
      'core-banking',
    ]);
    expect(r.status).toBe(0);
    for (const f of ['relm.yaml', 'practices.yaml', 'target.yaml', 'plan.yaml', 'backlog.yaml', '.gitignore', '.git'])
      expect(existsSync(join(dir, f)), f).toBe(true);
    const manifest = readFileSync(join(dir, 'relm.yaml'), 'utf8');
    expect(manifest).toContain('client: ACME Bank');
    expect(manifest).toContain('name: A. Smith');
    const practices = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    expect(practices).toContain('release-policy-1a:   # L1 ');
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8').match(/^ {2}- id: /gm)).toHaveLength(11);
    // Valid at once: only "not assessed" warnings (nothing is answered yet).
    const v = await relm(['validate', '-f', 'json', '-C', dir]);
    expect(v.status).toBe(0);
    const codes = new Set((JSON.parse(v.stdout) as { code: string }[]).map((d) => d.code));
    expect([...codes]).toEqual(['not-assessed']);
  });

  it('is "nothing assessed yet" straight after init: no score in assess or in any deliverable', async () => {
    const dir = temp();
    expect((await relm(['init', dir, '--yes', '--client', 'ACME Bank', '--as-of', '2026-01-15'])).status).toBe(0);
    const j = JSON.parse((await relm(['assess', '--json', '-C', dir])).stdout);
    expect(j.overall.score).toBeNull();
    expect(j.summary.assessed).toBe(0);
    expect((await relm(['assess', '-C', dir])).stdout).toContain('Nothing assessed yet');
    expect((await relm(['report', '-C', dir, '--format', 'md'])).status).toBe(0);
    const report = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(report).toContain('Nothing has been assessed yet');
    expect(report).not.toMatch(/28 of 28 practices|0\.0 out of 5|scores 0/);
    const slides = readFileSync(join(dir, 'out', 'presentation.md'), 'utf8');
    expect(slides).toContain('Nothing has been assessed yet');
    expect(slides).not.toMatch(/0\.0 out of 5|0% of the way/);
  });

  it('refuses to overwrite, changing nothing, unless --force', async () => {
    const dir = temp();
    expect((await relm(['init', dir, '--yes', '--client', 'First', '--as-of', '2026-01-01'])).status).toBe(0);
    writeFileSync(join(dir, 'practices.yaml'), 'practices: {}\n# my answers\n');
    const before = readFileSync(join(dir, 'relm.yaml'), 'utf8');
    const again = await relm(['init', dir, '--yes', '--client', 'Second']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('not overwriting existing files');
    expect(again.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'relm.yaml'), 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'practices.yaml'), 'utf8')).toContain('# my answers');
    expect((await relm(['init', dir, '--yes', '--client', 'Second', '--force'])).status).toBe(0);
    expect(readFileSync(join(dir, 'relm.yaml'), 'utf8')).toContain('client: Second');
  });

  it('asks for the client by flag when there is no terminal', async () => {
    const r = await relm(['init', temp()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--client');
  });

  it('rejects an impossible --as-of date', async () => {
    const r = await relm(['init', temp(), '--client', 'X', '--as-of', '2026-02-30']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('YYYY-MM-DD');
  });
});

describe('relm assess', () => {
  it('prints the assessment.json document, byte-identical across runs', async () => {
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    const a = await relm(['assess', '--json', '-C', dir]);
    const b = await relm(['assess', '--json', '-C', dir]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(Object.keys(doc)).toEqual([
      'relm',
      'engagement',
      'as_of',
      'model',
      'overall',
      'perspectives',
      'practices',
      'backlog',
      'releases',
      'training',
      'recommendations',
      'roadmap',
      'first_steps',
      'summary',
      'risks',
      'requirements',
      'scenarios',
      'decision',
      'consensus',
      'solution_model',
      'traceability',
      'size_and_scope',
      'business_case',
      'diagnostics',
    ]);
    expect(doc.consensus).toBeNull(); // no responses/ in the fixture
    expect(doc.overall.score).toBeCloseTo(7.5 / 3, 12); // alpha 2.75: its n/a level 3 counts as level 2 (.375)
    expect(doc.overall.percent_to_target).toBeCloseTo(1 - 2.25 / 11, 12);
    expect(doc.overall.weakest).toBe('people');
  });

  it('prints a readable summary table', async () => {
    const r = await relm(['assess', '-C', 'test/fixtures/minimal']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Fixture Co');
    expect(r.stdout).toMatch(/Overall 2\.50 \/ 5 {3}target 3\.67 {3}gap 0\.75 {3}80% of the way to target {3}weakest: people/);
    expect(r.stdout).toMatch(/Alpha\s+2\.75\s+L1\s+4\.0\s+0\.63/);
    expect(r.stdout).toMatch(/Beta\s+2\.00\s+L2\s+3\.0\s+1\.00\s.*\(rating\)/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
  });

  it('refuses to assess an invalid engagement, exit 1, nothing on stdout', async () => {
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    writeFileSync(join(dir, 'target.yaml'), 'targets: {default: 7}\n');
    const r = await relm(['assess', '--json', '-C', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('target.yaml');
    expect(r.stderr).toContain('1:20');
  });
});

describe('relm report', () => {
  it('writes the analysis report as Markdown and HTML with assessment.json, deterministically', async () => {
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    const r = await relm(['report', '-C', dir, '--format', 'md,html', '--only', 'report']);
    expect(r.status).toBe(0);
    const out = join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual(['assessment.json', 'charts', 'report.html', 'report.md']);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const heading of ['Executive summary', 'Current release management', 'Requirements and expectations', 'Gap analysis', 'Method and sources']) {
      expect(md).toContain(heading);
      expect(html).toContain(heading);
    }
    // User text is escaped: a <script> in a note shows as text and is never markup.
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<strong>works</strong>'); // Markdown in notes still renders
    // Self-contained: no external resources.
    expect(html).not.toMatch(/<link |src="http|@import/);
    const first = [md, html, readFileSync(join(out, 'assessment.json'), 'utf8')];
    expect((await relm(['report', '-C', dir, '--only', 'report'])).status).toBe(0);
    expect([
      readFileSync(join(out, 'report.md'), 'utf8'),
      readFileSync(join(out, 'report.html'), 'utf8'),
      readFileSync(join(out, 'assessment.json'), 'utf8'),
    ]).toEqual(first);
    expect(readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('writes only the requested formats into --out, and nothing when the engagement is invalid', async () => {
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    const out = join(dir, 'elsewhere');
    expect((await relm(['report', '-C', dir, '--format', 'md', '--out', out])).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['assessment.json', 'charts', 'presentation.md', 'report.md', 'strategic-plan.md']);
    const mtime = statSync(join(out, 'report.md')).mtimeMs;
    writeFileSync(join(dir, 'practices.yaml'), 'practices: [\n');
    const bad = await relm(['report', '-C', dir, '--format', 'md', '--out', out]);
    expect(bad.status).toBe(1);
    expect(statSync(join(out, 'report.md')).mtimeMs).toBe(mtime);
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await relm(['report', '-C', 'test/fixtures/minimal', '--format', 'odt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format: unknown value "odt"');
  });

  it('renders the bundled example', async () => {
    const dir = copyFixture('examples/acme-bank');
    dirs.push(dir);
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    const v = await relm(['validate', '-f', 'json', '-C', dir]);
    expect(v.status).toBe(0);
    // The example carries, on purpose, two items too large for one release and a rating the record contradicts.
    expect((JSON.parse(v.stdout) as { code: string }[]).map((d) => d.code)).toEqual([
      'exceeds-release-capacity',
      'exceeds-release-capacity',
      'evidence-mismatch',
    ]);
    const r = await relm(['report', '-C', dir]);
    expect(r.status).toBe(0);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('Northwind Mutual Insurance');
    expect(html).toContain('&lt;b&gt;CAB&lt;/b&gt;');
    expect(html).not.toContain('[object Object]');
  });
});

// These few start the real binary (bin/relm) in a child process: its start-up, version, help and exit codes.
describe('the binary', () => {
  it('prints its version and help, exit 0', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    const v = await relmChild(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const h = await relmChild(['--help']);
    expect(h.status).toBe(0);
    for (const c of ['init', 'validate', 'assess', 'report']) expect(h.stdout).toContain(c);
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await relmChild(['frobnicate'])).status).toBe(2);
    expect((await relmChild(['validate', '--nope'])).status).toBe(2);
  });

  it('exits with the code of the command: 1 for findings, with its output on stdout', async () => {
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    writeFileSync(join(dir, 'target.yaml'), 'targets: [\n');
    const r = await relmChild(['validate', '-C', dir, '-f', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
  });
});
