import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, relm } from '../helpers/cli.js';

const dirs: string[] = [];
function fixture(files: Record<string, string> = {}): string {
  const dir = copyFixture('test/fixtures/minimal');
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    if (content === '<delete>') rmSync(join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const MANIFEST = 'relm: 1\nengagement:\n  client: Fixture Co\n  as_of: 2026-03-31\nmodel: model.yaml\n';

/** Each bad input and the exact finding it must produce (file:line:col severity code), with exit 1. */
const CASES: { name: string; files: Record<string, string>; expect: string[]; exit?: number }[] = [
  {
    name: 'malformed YAML',
    files: { 'relm.yaml': 'relm: 1\nengagement: [a\n' },
    expect: ['relm.yaml:2:13 error yaml-syntax YAML syntax error: the list opened here with [ is never closed'],
  },
  { name: 'a duplicate key', files: { 'relm.yaml': MANIFEST.replace('  as_of', '  client: Again\n  as_of') }, expect: ['relm.yaml:4:3 error duplicate-key'] },
  { name: 'an empty file', files: { 'target.yaml': '' }, expect: ['target.yaml:1:1 error empty-file'] },
  { name: 'a comment-only file', files: { 'target.yaml': '# nothing yet\n' }, expect: ['target.yaml:1:1 error empty-file'] },
  { name: 'a list at the top', files: { 'practices.yaml': '- alpha\n- beta\n' }, expect: ['practices.yaml:1:1 error wrong-type the file must hold a mapping'] },
  { name: 'a scalar at the top', files: { 'relm.yaml': 'just text\n' }, expect: ['relm.yaml:1:1 error wrong-type'] },
  {
    name: 'an unknown key, with a hint',
    files: { 'relm.yaml': MANIFEST.replace('  client:', '  clinet:') },
    expect: [
      'relm.yaml:3:3 error unknown-key unknown key "clinet" in "engagement"; did you mean "client"?',
      'relm.yaml:2:1 error missing-key "engagement" is missing the required key "client"',
    ],
  },
  {
    name: 'a missing top-level key',
    files: { 'target.yaml': 'horizon: 2027-01-01\n' },
    expect: ['target.yaml:1:1 error missing-key the file is missing the required key "targets"'],
  },
  { name: 'an impossible date', files: { 'relm.yaml': MANIFEST.replace('2026-03-31', '2026-02-30') }, expect: ['relm.yaml:4:10 error invalid-date'] },
  {
    name: 'a wrong type',
    files: { 'relm.yaml': MANIFEST + 'weights: {process: high}\n' },
    expect: ['relm.yaml:6:20 error wrong-type "weights.process" must be a number'],
  },
  {
    name: 'a negative number',
    files: { 'target.yaml': 'targets: {default: -1}\n' },
    expect: ['target.yaml:1:20 error out-of-range "targets.default" must be ≥ 0, not -1'],
  },
  {
    name: 'a bad answer, with a hint',
    files: { 'practices.yaml': 'practices:\n  alpha:\n    answers:\n      alpha-1a: mots\n  beta: {rating: 2}\n' },
    expect: [
      'practices.yaml:4:17 error invalid-value "practices.alpha.answers.alpha-1a" must be one of none, some, half, most, na, not the text "mots"; did you mean "most"?',
    ],
  },
  {
    name: 'an unknown practice',
    files: { 'practices.yaml': 'practices:\n  alpah: {rating: 1}\n  beta: {rating: 2}\n' },
    expect: ['practices.yaml:2:3 error unknown-practice "alpah" is not a practice of the model "mini"; did you mean "alpha"?'],
  },
  {
    name: "another practice's criterion",
    files: { 'practices.yaml': 'practices:\n  alpha:\n    answers: {alpha-1a: most, beta-1a: most}\n  beta: {rating: 2}\n' },
    expect: ['practices.yaml:3:31 error unknown-criterion "beta-1a" is not a criterion of practice "alpha"; it belongs to practice "beta"'],
  },
  {
    name: 'a rating beside answers and unanswered criteria (warnings: exit 0)',
    files: { 'practices.yaml': 'practices:\n  alpha:\n    rating: 3\n    answers: {alpha-1a: most}\n  beta: {rating: 2}\n' },
    expect: ['practices.yaml:3:5 warning rating-ignored', 'practices.yaml:4:5 warning unanswered 5 of 6 criteria of "alpha" are unanswered'],
    exit: 0,
  },
  {
    name: 'practices neither answered nor rated, or missing (warnings: exit 0)',
    files: { 'practices.yaml': 'practices:\n  alpha: {notes: later}\n' },
    expect: [
      'practices.yaml:1:1 warning not-assessed practice "beta" is missing',
      'practices.yaml:2:3 warning not-assessed practice "alpha" has neither answers nor a rating',
    ],
    exit: 0,
  },
  { name: 'a missing required file', files: { 'target.yaml': '<delete>' }, expect: ['target.yaml:1:1 error missing-file target.yaml is required'] },
  {
    name: 'a requirement naming an unknown practice',
    files: { 'target.yaml': 'targets: {default: 3}\nrequirements:\n  - {id: R1, title: T, practices: [alpha, gamma]}\n' },
    expect: ['target.yaml:3:43 error unknown-practice requirement "R1" names "gamma"'],
  },
  {
    name: 'a duplicate phase id',
    files: { 'target.yaml': 'targets: {default: 3}\nphases:\n  - {id: P1, name: A}\n  - {id: P1, name: B}\n' },
    expect: ['target.yaml:4:10 error duplicate-id phase id "P1" is used twice'],
  },
  {
    name: 'a dependency cycle',
    files: {
      'target.yaml':
        'targets: {default: 3}\nrecommendations:\n  - {id: r1, practice: alpha, level: 3, title: One, horizon: tactical, effort_days: 1, impact: 1, depends_on: [r2]}\n  - {id: r2, practice: beta, level: 3, title: Two, horizon: tactical, effort_days: 1, impact: 1, depends_on: [r1]}\n',
    },
    expect: ['target.yaml:3:99 error dependency-cycle recommendations depend on each other in a cycle: r1 -> r2 -> r1'],
  },
  {
    name: 'a model missing a level',
    files: {
      'model.yaml':
        'relm_model: 1\nid: mini\nname: Mini\nversion: "1"\npractices:\n  - id: alpha\n    name: Alpha\n    perspective: process\n    criteria:\n      - {id: a1, level: 1, text: x}\n      - {id: a2, level: 2, text: x}\n      - {id: a3, level: 3, text: x}\n      - {id: a4, level: 4, text: x}\n      - {id: a4b, level: 4, text: x}\n',
    },
    expect: ['model.yaml:9:5 error missing-level practice "alpha" has no criterion at level 5'],
  },
  {
    name: 'an evidence rule on an unknown metric, and a band compared without min_band',
    files: {
      'model.yaml':
        'relm_model: 1\nid: mini\nname: Mini\nversion: "1"\npractices:\n  - id: alpha\n    name: Alpha\n    perspective: process\n    criteria:\n      - {id: alpha-1a, level: 1, text: x}\n      - {id: alpha-2a, level: 2, text: x}\n      - {id: alpha-3a, level: 3, text: x}\n      - {id: alpha-4a, level: 4, text: x}\n      - {id: alpha-5a, level: 5, text: x}\n    evidence:\n      - {metric: releases.change_failure, from_level: 3, max: 0.15}\n      - {metric: releases.bands.lead_time_days, from_level: 3, max: 2}\n',
    },
    expect: [
      'model.yaml:16:18 error unknown-metric "releases.change_failure" is not a metric of assessment.json; did you mean "releases.change_failure_rate"?',
      'model.yaml:17:9 error invalid-evidence-rule "releases.bands.lead_time_days" is a band: compare it with min_band',
    ],
  },
  {
    name: 'a model path leaving the folder',
    files: { 'relm.yaml': MANIFEST.replace('model.yaml', '../../etc/passwd') },
    expect: ['relm.yaml:5:8 error model-not-found the model file cannot be used: it is outside the engagement folder'],
  },
  {
    name: 'backlog references and consistency',
    files: {
      'backlog.yaml':
        'applications:\n  - {id: core}\nitems:\n  - {id: A1, application: cor, title: T, requested: 2026-01-10, status: done}\n  - {id: A2, application: core, title: T, requested: 2026-01-10, closed: 2026-01-01, status: done, duplicate_of: A3}\n  - {id: A3, application: core, title: T, requested: 2026-01-10, duplicate_of: A2, supersedes: [A9]}\n',
    },
    expect: [
      'backlog.yaml:4:27 error unknown-application item "A1" names application "cor", which backlog.yaml does not list under applications; did you mean "core"?',
      'backlog.yaml:4:73 warning missing-closed item "A1" is done but has no closed date',
      'backlog.yaml:5:74 error closed-before-requested item "A2" is closed 2026-01-01, before it was requested 2026-01-10',
      'backlog.yaml:5:114 error duplicate-cycle duplicate_of links loop: A2 -> A3 -> A2',
      'backlog.yaml:6:97 error unknown-item item "A3" supersedes "A9", which is not in the backlog',
    ],
  },
  {
    name: 'release references and consistency',
    files: {
      'backlog.yaml': 'applications: [{id: core}]\nitems:\n  - {id: A1, application: core, title: T, requested: 2026-01-10}\n',
      'releases.yaml':
        'releases:\n  - id: R1\n    deployed: 2026-02-01T10:00:00Z\n    outcome: failed\n    restored: 2026-02-01T09:00:00Z\n    items: [A1, A7]\n    applications: [crm]\n  - {id: R1, deployed: 2026-02-02}\n',
    },
    expect: [
      'releases.yaml:5:15 error restored-before-deployed',
      'releases.yaml:6:17 error unknown-item release "R1" ships "A7", which is not in the backlog',
      'releases.yaml:7:20 error unknown-application release "R1" names application "crm"',
      'releases.yaml:8:10 error duplicate-id release id "R1" is used twice',
    ],
  },
  {
    name: 'a date-time without offset',
    files: { 'releases.yaml': 'releases:\n  - {id: R1, deployed: "2026-02-01 10:00"}\n' },
    expect: [
      'releases.yaml:2:24 error invalid-date "releases[0].deployed": the text "2026-02-01 10:00" is not a date (2026-03-31) or an ISO 8601 date-time with offset',
    ],
  },
  { name: 'a BOM and CRLF line ends (valid)', files: { 'target.yaml': '\ufefftargets:\r\n  default: 3\r\n  alpha: 4\r\n' }, expect: [], exit: 0 },
];

describe('relm validate on bad input', () => {
  for (const c of CASES) {
    it(`reports ${c.name} at its position`, async () => {
      const dir = fixture(c.files);
      const r = await relm(['validate', '-f', 'text', '-C', dir]);
      for (const line of c.expect) expect(r.stdout).toContain(line);
      expect(r.status).toBe(c.exit ?? 1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('reports invalid UTF-8 bytes at their position', async () => {
    const dir = fixture();
    writeFileSync(join(dir, 'target.yaml'), Buffer.concat([Buffer.from('targets:\n  default: 3 # caf'), Buffer.from([0xe9, 0x0a])]));
    const r = await relm(['validate', '-f', 'text', '-C', dir]);
    expect(r.stdout).toContain('target.yaml:2:19 error invalid-encoding');
    expect(r.status).toBe(1);
  });

  it('prints every finding at once and a summary, grouped by file in the stylish format', async () => {
    const dir = fixture({ 'relm.yaml': MANIFEST.replace('  client:', '  clinet:') + 'extra: 1\n', 'target.yaml': 'targets: {default: 9}\n' });
    const r = await relm(['validate', '-C', dir], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^relm\.yaml\n/);
    expect(r.stdout).toContain('\ntarget.yaml\n');
    expect(r.stdout).toContain('✖ 4 errors, 0 warnings');
  });

  it('gives machine-readable JSON with -f json', async () => {
    const dir = fixture({ 'target.yaml': 'targets: {default: 9}\n' });
    const r = await relm(['validate', '-f', 'json', '-C', dir]);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: 'target.yaml',
        line: 1,
        col: 20,
        endLine: 1,
        endCol: 21,
        severity: 'error',
        code: 'out-of-range',
        message: '"targets.default" must be ≤ 5, not 9',
      },
    ]);
  });

  it('passes a valid engagement with exit 0', async () => {
    const r = await relm(['validate', '-C', fixture()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the engagement is valid');
  });

  it('exits 2 naming relm.yaml and -C when there is no engagement', async () => {
    const r = await relm(['validate'], { cwd: '/' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no relm.yaml');
    expect(r.stderr).toContain('-C <dir>');
  });

  it('finds relm.yaml upward from a subfolder', async () => {
    const dir = fixture();
    const sub = join(dir, 'notes', '2026');
    mkdirSync(sub, { recursive: true });
    // A finding in the engagement's file shows that the engagement two folders up is the one validated.
    writeFileSync(join(dir, 'target.yaml'), 'targets: [\n');
    const r = await relm(['validate', '-f', 'json'], { cwd: sub });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { file: string }[]).map((d) => d.file)).toContain('target.yaml');
  });
});
