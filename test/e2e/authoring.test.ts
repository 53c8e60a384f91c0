/**
 * Authoring an engagement without reading the source (issue 17): every finding in one run, error messages that
 * say the fix, and one `relm:` prefix.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, relm, CHILD_TIMEOUT_MS } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function acme(): string {
  const d = copyFixture('examples/acme-bank');
  dirs.push(d);
  return d;
}

/** Replaces one exact text in a file of the engagement, failing when it is not there exactly once. */
function edit(dir: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text.split(from).length - 1, `"${from}" once in ${file}`).toBe(1);
  writeFileSync(join(dir, file), text.replace(from, to));
}

interface Diag {
  file: string;
  line: number;
  col: number;
  severity: string;
  code: string;
  message: string;
}

async function findings(dir: string): Promise<{ status: number | null; diags: Diag[] }> {
  const r = await relm(['validate', '-f', 'json', '-C', dir]);
  return { status: r.status, diags: JSON.parse(r.stdout) as Diag[] };
}

describe('validation collects every finding in one run', () => {
  it('reports one error planted in each of five files: five findings, schema and reference errors alike', async () => {
    const dir = acme();
    expect((await findings(dir)).diags.filter((d) => d.severity === 'error')).toEqual([]);
    // Schema errors in relm.yaml and target.yaml; reference errors in practices.yaml, backlog.yaml and team.yaml.
    edit(dir, 'relm.yaml', 'day_rate: 850', 'day_rate: lots');
    edit(
      dir,
      'target.yaml',
      'recommendations: []',
      'recommendations:\n  - {id: rec-own, practice: release-policy, level: 2, title: Own, effort_days: 3, impact: 2}',
    );
    edit(dir, 'practices.yaml', 'practices:\n', 'practices:\n  release-polcy: {rating: 1}\n');
    edit(dir, 'backlog.yaml', '  - id: MR-1001\n    application: policy-admin\n', '  - id: MR-1001\n    application: polcy-admin\n');
    edit(dir, 'team.yaml', 'roles: [change-manager]', 'roles: [change-manger]');

    const { status, diags } = await findings(dir);
    expect(status).toBe(1);
    const errors = diags.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file} ${d.code}`).sort()).toEqual([
      'backlog.yaml unknown-application',
      'practices.yaml unknown-practice',
      'relm.yaml wrong-type',
      'target.yaml missing-key',
      'team.yaml unknown-role',
    ]);
    const message = (file: string) => errors.find((d) => d.file === file)!.message;
    expect(message('target.yaml')).toBe('"recommendations[0]" is missing the required key "horizon"; add it (one of: tactical, strategic)');
    expect(message('practices.yaml')).toContain('did you mean "release-policy"?');
    expect(message('backlog.yaml')).toContain('did you mean "policy-admin"?');
    expect(message('team.yaml')).toContain('did you mean "change-manager"?');
  });

  it('reports a schema error and a reference error in the same file, and no warning about the broken value', async () => {
    const dir = acme();
    edit(dir, 'practices.yaml', '      release-policy-3a: none', '      release-policy-3a: nope');
    edit(dir, 'practices.yaml', '      release-policy-3b:', '      release-polcy-3b:');
    const { diags } = await findings(dir);
    const policy = diags.filter((d) => d.file === 'practices.yaml' && /release-pol/.test(d.message));
    expect(policy.map((d) => d.code).sort()).toEqual(['invalid-value', 'unanswered', 'unknown-criterion']);
    expect(policy.find((d) => d.code === 'unknown-criterion')!.message).toContain('did you mean "release-policy-3b"?');
    // release-policy-3a is wrong, not unanswered: only release-policy-3b (renamed away) is.
    expect(policy.find((d) => d.code === 'unanswered')!.message).toMatch(/: release-policy-3b$/);
  });

  it('points a finding after a broken list entry at the right entry', async () => {
    const dir = acme();
    // The first item loses its required title (a schema error); a later item names an unknown release.
    edit(dir, 'backlog.yaml', '    title: Add no-claims bonus protection option to motor policies\n', '');
    edit(dir, 'backlog.yaml', '    release: R-2025-09-EM1\n', '    release: R-2099-EM1\n');
    const line = readFileSync(join(dir, 'backlog.yaml'), 'utf8').split('\n').indexOf('    release: R-2099-EM1') + 1;
    const { diags } = await findings(dir);
    expect(diags.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
      'backlog.yaml:14 missing-key',
      `backlog.yaml:${line}:unknown-release`.replace(':unknown', ' unknown'),
    ]);
  });

  it('does not call an item unknown because its own entry is broken', async () => {
    const dir = acme();
    // MR-1001 loses its application (required), and releases still ship it: one error, not two.
    edit(dir, 'backlog.yaml', '  - id: MR-1001\n    application: policy-admin\n', '  - id: MR-1001\n');
    const errors = (await findings(dir)).diags.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file} ${d.code}`)).toEqual(['backlog.yaml missing-key']);
  });
});

describe('error messages with the fix', () => {
  it('names the duplicate key and both lines', async () => {
    const dir = acme();
    edit(dir, 'relm.yaml', '  day_rate: 850\n', '  day_rate: 850\n  day_rate: 900\n');
    const errors = (await findings(dir)).diags.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'relm.yaml',
      line: 15,
      code: 'duplicate-key',
      message: 'duplicate key "day_rate" on lines 14 and 15: a key may appear only once in a mapping; remove one of them, or rename it',
    });
  });

  it('says to put a value holding ": " in quotes, and where', async () => {
    const dir = acme();
    edit(dir, 'practices.yaml', 'release-policy-1a: most', 'release-policy-1a: {answer: most, notes: No cost data: finance keeps none}');
    const { diags } = await findings(dir);
    expect(diags.filter((d) => d.file === 'practices.yaml')).toEqual([
      expect.objectContaining({ code: 'yaml-syntax', message: expect.stringContaining('put the value in quotes: notes: "No cost data: finance keeps none"') }),
    ]);
  });

  it('explains a value left empty by a # comment', async () => {
    const dir = acme();
    edit(dir, 'relm.yaml', '  client: Northwind Mutual Insurance', '  client: #1 Insurer');
    const { diags } = await findings(dir);
    expect(diags.find((d) => d.file === 'relm.yaml')!.message).toBe(
      '"engagement.client" must be text, not empty; a # after a space starts a comment in YAML, which left the value empty: put it in quotes, client: "#1 Insurer"',
    );
  });

  it('prints one relm: prefix', async () => {
    const r = await relm(['init', acme() + '/new']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^relm: the client is required\n/);
    expect(r.stderr).not.toContain('relm: relm');
  });
});

describe('relm diff for a pull request', () => {
  it('shows counts as whole numbers, money in the engagement currency, and the cost of the plan', async () => {
    const top = acme();
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: top,
        encoding: 'utf8',
        timeout: CHILD_TIMEOUT_MS,
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
      });
    // One capacity option only, the same as planned: the roadmap then schedules the phases' own capacity (with
    // half and double, it would schedule the recommended double and v3 below would change nothing on it).
    writeFileSync(
      join(top, 'target.yaml'),
      `${readFileSync(join(top, 'target.yaml'), 'utf8')}\nscenarios:\n  - {id: same, name: The same capacity, capacity_factor: 1}\n`,
    );
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'v1');
    edit(top, 'relm.yaml', 'day_rate: 850', 'day_rate: 900');
    writeFileSync(
      join(top, 'backlog.yaml'),
      readFileSync(join(top, 'backlog.yaml'), 'utf8') +
        '  - {id: MR-2001, application: billing, title: New item, status: new, requested: 2026-03-20, effort_days: 3}\n',
    );
    git('commit', '-qam', 'v2');
    const r = await relm(['diff', 'HEAD~1', 'HEAD', '-C', top]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| Day rate | €850 → €900 (+€50) |');
    expect(r.stdout).toContain('| Roadmap cost | €421,600 → €446,400 (+€24,800) |');
    expect(r.stdout).toContain('| items | 90 → 91 (+1) |');
    expect(r.stdout).toContain('| open effort (person-days) | 426 → 429 (+3) |');
    expect(r.stdout).toContain('| arrivals (per 30 days) | 8.33 → 8.67 (+0.33) |');
    expect(r.stdout).not.toMatch(/\d\.00 → \d+\.00 \(\+1\.00\)/);
    const json = JSON.parse((await relm(['diff', 'HEAD~1', 'HEAD', '-C', top, '--json'])).stdout) as {
      currency: string;
      cost: { metric: string; unit: string }[];
    };
    expect(json.currency).toBe('EUR');
    expect(json.cost.map((c) => `${c.metric} ${c.unit}`)).toEqual(['day_rate money', 'roadmap_cost money']);

    // More capacity in the last phase puts two requirements on the plan: their status changes, and the cost.
    edit(top, 'target.yaml', 'capacity_days: 220}', 'capacity_days: 400}');
    git('commit', '-qam', 'v3');
    const more = (await relm(['diff', 'HEAD~1', 'HEAD', '-C', top])).stdout;
    expect(more).toContain('| Automated build and deployment for every platform (`REQ-5`) | not on plan → planned | not planned → by P3 |');
    expect(more).toContain('| Roadmap effort (person-days) | 496 → 647 (+151) |');
    expect(more).toContain('| Unscheduled effort (person-days) | 151 → 0 (−151) |');
  });
});

describe('relm model', () => {
  it('shows the practices by perspective, one practice in full, and the skill catalogue, as text or JSON', async () => {
    const overview = await relm(['model', '-C', 'examples/acme-bank']);
    expect(overview.status).toBe(0);
    expect(overview.stdout).toMatch(/^Release Management \(ITIL\) \(release-management 1\.0\.0\): 28 practices, 166 criteria, 14 skills$/m);
    expect(overview.stdout).toMatch(
      /^Process\n {2}release-policy +Release policy and procedures \(7 criteria: L1 1 · L2 2 · L3 2 · L4 1 · L5 1; 4 recommendations, weight 1\.5\)$/m,
    );
    const json = JSON.parse((await relm(['model', '--json'])).stdout) as { practices: { id: string }[] };
    expect(json.practices).toHaveLength(28);

    const one = await relm(['model', 'release-policy']);
    expect(one.stdout).toMatch(/ {2}Level 3 defined\n {4}release-policy-3a {2}One release policy applies organisation-wide/);
    expect(one.stdout).toContain('rec-release-policy-4  to level 4: Set release objectives and measure them');
    expect((JSON.parse((await relm(['model', 'release-policy', '--json'])).stdout) as { criteria: unknown[] }).criteria).toHaveLength(7);

    const bad = await relm(['model', 'release-polcy']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean "release-policy"?');
  });

  it("extends the model's skill catalogue with team.yaml's skills, warning when one replaces the model's", async () => {
    const dir = acme();
    edit(
      dir,
      'team.yaml',
      '\nroles:\n',
      '\nskills:\n  - {id: cobol, name: COBOL maintenance, training: {title: COBOL refresher, days: 3, cost: 1800}}\n  - {id: itil-foundation, name: ITIL foundation (in-house), training: {title: In-house ITIL, days: 1, cost: 300}}\n\nroles:\n',
    );
    edit(dir, 'team.yaml', 'requires: {ci-cd-pipelines: 3,', 'requires: {cobol: 2, ci-cd-pipelines: 3,');
    const { status, diags } = await findings(dir);
    expect(status).toBe(0);
    expect(diags.filter((d) => d.file === 'team.yaml').map((d) => `${d.code} ${d.message}`)).toEqual([
      "skill-redefined skill \"itil-foundation\" is also in the model's catalogue; this definition replaces the model's (remove it here to use the model's course)",
    ]);
    const skills = await relm(['model', 'skills', '-C', dir]);
    expect(skills.stdout).toContain("Skill catalogue: 15 skills (the model's, with 2 from team.yaml)");
    expect(skills.stdout).toMatch(/ cobol +COBOL maintenance +COBOL refresher, 3 days, €1,800 \[team\.yaml\]/);
    expect(skills.stdout).toMatch(/ itil-foundation +ITIL foundation \(in-house\) +In-house ITIL, 1 day, €300 \[team\.yaml, replaces the model's\]/);
    expect(skills.stdout).toMatch(/ release-planning +Release planning +ITIL 4 Practitioner: Release Management/);
  });
});

describe('relm init', () => {
  it('takes day rate, currency, sponsor and applications with platform and criticality, and writes team.yaml and releases.yaml starters', async () => {
    const dir = join(acme(), 'new');
    const r = await relm([
      'init',
      dir,
      '--yes',
      '--client',
      'ACME Bank',
      '--as-of',
      '2026-03-31',
      '--sponsor',
      'B. Jones (CIO)',
      '--currency',
      'gbp',
      '--day-rate',
      '950',
      '--application',
      'core-banking:mainframe:high',
      '--application',
      'web-portal:web',
    ]);
    expect(r.status).toBe(0);
    const manifest = readFileSync(join(dir, 'relm.yaml'), 'utf8');
    expect(manifest).toContain('  sponsor:\n    name: B. Jones\n    role: CIO\n  currency: GBP\n  day_rate: 950\n');
    expect(readFileSync(join(dir, 'backlog.yaml'), 'utf8')).toContain(
      'applications:\n  - {id: core-banking, name: core-banking, platform: mainframe, criticality: high}\n  - {id: web-portal, name: web-portal, platform: web}\n',
    );
    const team = readFileSync(join(dir, 'team.yaml'), 'utf8');
    // The model's standard roles, with the skills each requires.
    expect(team).toContain(
      '  - {id: release-manager, name: Release manager, headcount: 1, requires: {release-planning: 3, change-management: 3, stakeholder-communication: 3, itil-foundation: 2}}\n',
    );
    expect(team.match(/^ {2}- \{id: /gm)).toHaveLength(7);
    expect(readFileSync(join(dir, 'releases.yaml'), 'utf8')).toMatch(/\nreleases: \[\]\n$/);
    const { status, diags } = await findings(dir);
    expect(status).toBe(0);
    // Nothing answered yet: every practice is "not assessed", and that is all.
    expect([...new Set(diags.map((d) => d.code))]).toEqual(['not-assessed']);
    const a = JSON.parse((await relm(['assess', '--json', '-C', dir])).stdout) as {
      engagement: { currency: string; day_rate: number };
      training: unknown;
    };
    expect(a.engagement).toMatchObject({ currency: 'GBP', day_rate: 950 });
    // The roles are written, no person yet: no training plan until people are recorded.
    expect(a.training).toBeNull();
  });

  it('rejects a bad currency, day rate or criticality before writing anything', async () => {
    const dir = join(acme(), 'new');
    expect((await relm(['init', dir, '--yes', '--client', 'X', '--currency', 'EURO'])).stderr).toContain('--currency: "EURO" is not a currency code');
    expect((await relm(['init', dir, '--yes', '--client', 'X', '--day-rate', 'lots'])).stderr).toContain('--day-rate: "lots" is not an amount');
    expect((await relm(['init', dir, '--yes', '--client', 'X', '--application', 'web:web:urgent'])).stderr).toContain(
      'the criticality "urgent" is not one of critical, high, medium, low',
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('--add-missing writes only the files that are missing, from what relm.yaml says', async () => {
    const dir = acme();
    const before = readFileSync(join(dir, 'relm.yaml'), 'utf8');
    rmSync(join(dir, 'team.yaml'));
    rmSync(join(dir, 'plan.yaml'));
    const refused = await relm(['init', dir, '--yes']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Pass --add-missing to write only the files that are missing');
    const r = await relm(['init', dir, '--add-missing']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/✔ .*team\.yaml\n/);
    expect(r.stderr).toMatch(/✔ .*plan\.yaml\n/);
    expect(r.stderr).toContain('kept as they were: backlog.yaml, practices.yaml, releases.yaml, relm.yaml, target.yaml');
    expect(readFileSync(join(dir, 'relm.yaml'), 'utf8')).toBe(before);
    // The plan starts at the engagement's as_of.
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toContain('start: 2026-03-31');
    expect((await findings(dir)).status).toBe(0);
    expect((await relm(['init', dir, '--add-missing'])).stderr).toContain('nothing to add');
  });
});
