/**
 * Every write is checked before it lands: the repros of writes that used to leave a file every later command
 * refused. Each runs the built CLI (in this process) on a copy of an engagement made for the test.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { errorsAfter } from '../../src/engagement/checked-write.js';
import { copyFixture, relmInProcess, snapshotFiles } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function example(path = 'examples/acme-bank'): string {
  const d = copyFixture(path);
  dirs.push(d);
  return d;
}
const run = (dir: string, args: string[]) => relmInProcess([...args, '-C', dir], dir);

/** A note of about `n` characters with what YAML treats specially: quotes, `: `, ` #`, unicode. */
const note = (n: number, word: string) =>
  Array.from({ length: Math.ceil(n / 40) }, (_, i) => `${word}${i}: "quoted" it's #${i} — é 😀`)
    .join(' ')
    .slice(0, n);

describe('progress set with long notes (the two-long-notes repro)', () => {
  it('writes both notes so that the file reads back, later commands run, and validate agrees', async () => {
    const dir = example();
    const first = note(600, 'start');
    const second = note(900, 'end');
    expect((await run(dir, ['progress', 'set', 'rec-release-policy-2', 'in-progress', '--note', first])).status).toBe(0);
    expect((await run(dir, ['progress', 'set', 'rec-release-policy-2', 'done', '--note', second])).status).toBe(0);
    const again = await run(dir, ['progress', 'set', 'rec-testing-strategy-2', 'in-progress']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/unexpected error/);
    const text = readFileSync(join(dir, 'progress.yaml'), 'utf8');
    expect(parse(text).recommendations['rec-release-policy-2'].notes).toBe(`${first}\n\n${second}`);
    // Every line of the notes is indented under its key.
    expect(text.split('\n').filter((l) => l.includes('end1:'))[0]).toMatch(/^ {6}/);
    const v = await run(dir, ['validate']);
    expect(v.status, v.stdout).toBe(0);
  });

  it('validate refuses the file the old writer left (continuation lines at column 0), though js-yaml reads it', async () => {
    const dir = example();
    writeFileSync(
      join(dir, 'progress.yaml'),
      'recommendations:\n  rec-release-policy-2:\n    status: in-progress\n    started: 2026-03-01\n    notes: "the first note\n\nthe second note, at column 0"\n',
    );
    const v = await run(dir, ['validate', '-f', 'text']);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain('progress.yaml:5:12');
    expect(v.stdout).toContain('the quoted text starting here goes on over lines that are not indented more than its key');
  });
});

describe('writes past a limit are refused up front, and nothing changes', () => {
  it('progress set --owner of 2,000 characters', async () => {
    const dir = example();
    const before = snapshotFiles(dir);
    const r = await run(dir, ['progress', 'set', 'rec-release-policy-2', 'in-progress', '--owner', 'o'.repeat(2000)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('progress set rec-release-policy-2 would leave the engagement invalid, so nothing was written');
    expect(r.stderr).toContain('"recommendations.rec-release-policy-2.owner" is 2,000 characters long; at most 1,000 are allowed');
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('reconcile --because of 100,500 characters', async () => {
    const dir = example();
    const before = snapshotFiles(dir);
    const r = await run(dir, ['reconcile', '--set', 'release-policy-1a=most', '--because', 'b'.repeat(100_500)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"practices.release-policy.answers.release-policy-1a.decision.because" is 100,500 characters long; at most 1,000 are allowed');
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('questionnaire import of a 5,000,000-character note', async () => {
    const dir = example();
    const before = snapshotFiles(dir);
    writeFileSync(
      join(dir, 'answers.json'),
      JSON.stringify({
        format: 'relm-questionnaire',
        version: 1,
        respondent: { name: 'Ann Long', role: 'Tester' },
        date: '2026-03-05',
        answers: { 'release-policy-1a': { answer: 'most', notes: 'n'.repeat(5_000_000) } },
      }),
    );
    const r = await run(dir, ['questionnaire', 'import', join(dir, 'answers.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"answers.release-policy.release-policy-1a.notes" is 5,000,000 characters long; at most 100,000 are allowed');
    expect(existsSync(join(dir, 'responses'))).toBe(false);
    rmSync(join(dir, 'answers.json'));
    expect(snapshotFiles(dir)).toEqual(before);
  });

  it('an import whose title is 5,000 characters', async () => {
    const dir = example('test/fixtures/minimal');
    const before = snapshotFiles(dir);
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, `Summary,Issue key,Issue id,Issue Type,Status,Created\n${'t'.repeat(5000)},ABC-1,1,Bug,Open,01/Mar/26 10:00\n`);
    const r = await run(dir, ['import', 'jira', csv, '--application', 'alpha']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('import jira export.csv would leave the engagement invalid, so nothing was written');
    expect(r.stderr).toContain('"items[0].title" is 5,000 characters long; at most 1,000 are allowed');
    rmSync(csv);
    expect(snapshotFiles(dir)).toEqual(before);
    expect(readdirSync(dir)).not.toContain('backlog.yaml');
  });
});

describe('errorsAfter', () => {
  it('counts only the errors a write adds: those the engagement has already are not held against it', () => {
    const dir = example('test/fixtures/minimal');
    const broken = readFileSync(join(dir, 'target.yaml'), 'utf8').replace('horizon: 2027-03-31', 'horizon: someday');
    writeFileSync(join(dir, 'target.yaml'), broken);
    expect(errorsAfter(dir, [{ rel: 'target.yaml', data: broken }])).toEqual([]);
    const practices = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const added = errorsAfter(dir, [{ rel: 'practices.yaml', data: `${practices}\nunknown_key: 1\n` }]);
    expect(added.map((d) => `${d.file} ${d.code}`)).toEqual(['practices.yaml unknown-key']);
  });
});
