import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localToday } from '../../src/util/dates.js';
import { copyFixture, relm } from '../helpers/cli.js';

const dirs: string[] = [];
const acme = () => {
  const d = copyFixture('examples/acme-bank');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('relm status', () => {
  it("measures overdue to today's date by default, and says so", async () => {
    const before = localToday();
    const r = await relm(['status', '-C', acme()]);
    const today = [before, localToday()]; // the clock may pass midnight while relm runs
    expect(r.status).toBe(0);
    expect(today.map((d) => `Today: ${d} (today's date; --as-of measures to the engagement's as_of 2026-03-31, --today YYYY-MM-DD to another day)`)).toContain(
      r.stdout.split('\n')[1],
    );
    const json = JSON.parse((await relm(['status', '--json', '-C', acme()])).stdout) as { today: string; overdue: number };
    expect(today).toContain(json.today);
    // After the last due date of the example's plan, every task not done is overdue.
    const lastDue = [...readFileSync(join(acme(), 'plan.yaml'), 'utf8').matchAll(/due: (\S+)/g)]
      .map((m) => m[1]!)
      .sort()
      .pop()!;
    if (json.today > lastDue) expect(json.overdue).toBe(7);
  });

  it('shows the plan by phase, measured to the engagement as_of with --as-of, and says so', async () => {
    const r = await relm(['status', '-C', acme(), '--as-of']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Today: 2026-03-31 (the engagement's as_of in relm.yaml, from --as-of)");
    expect(r.stdout).toContain('4 of 11 tasks done (36 %) · 2 in progress · 4 to do · 1 blocked · 0 overdue');
    expect(r.stdout).toMatch(/Assessment 4 of 5 done\n {2}done {9}assemble-team/);
    expect(r.stdout).toMatch(/Blocked:\n {2}training-requirements +Training requirements \(Jonas Becker, due 2026-04-10\)/);
  });

  it('measures overdue to --today', async () => {
    const r = await relm(['status', '-C', acme(), '--today', '2026-04-12']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Today: 2026-04-12 (from --today)');
    expect(r.stdout).toContain('3 overdue');
    expect(r.stdout).toMatch(/Overdue:\n {2}analyse-release-process .*\n {2}tactical-recommendations .*\n {2}training-requirements /);
  });

  it('prints the JSON document', async () => {
    const r = await relm(['status', '--json', '-C', acme(), '--today', '2026-04-12']);
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(['total', 'done', 'in_progress', 'blocked', 'overdue', 'percent_done', 'today', 'tasks']);
    expect(s).toMatchObject({ total: 11, done: 4, in_progress: 2, blocked: 1, overdue: 3, percent_done: 4 / 11, today: '2026-04-12' });
    expect(s.tasks[7]).toEqual({
      id: 'training-requirements',
      title: 'Training requirements',
      phase: 'planning',
      owner: 'Jonas Becker',
      start: '2026-03-30',
      due: '2026-04-10',
      status: 'blocked',
      overdue: true,
      ready: false,
    });
  });

  it('points at relm init when there is no plan.yaml', async () => {
    const dir = copyFixture('test/fixtures/minimal');
    dirs.push(dir);
    const r = await relm(['status', '-C', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no plan.yaml');
    expect(r.stderr).toContain('relm init');
  });

  it('refuses a date that is not one, and an invalid engagement', async () => {
    expect((await relm(['status', '-C', acme(), '--today', '2026-02-30'])).status).toBe(2);
    expect((await relm(['status', '-C', acme(), '--today', '2026-04-01', '--as-of'])).stderr).toContain('--today and --as-of both name the day');
    const dir = acme();
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(join(dir, 'plan.yaml'), 'utf8').replace('status: blocked', 'status: stuck'));
    const r = await relm(['status', '-C', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('plan.yaml');
  });
});

describe('relm status set', () => {
  it('sets the status in plan.yaml, keeping comments, and prints the new state', async () => {
    const dir = acme();
    const before = readFileSync(join(dir, 'plan.yaml'), 'utf8');
    const r = await relm(['status', 'set', 'training-requirements', 'in-progress', '-C', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('training-requirements: blocked → in-progress');
    expect(r.stderr).toContain('4 of 11 tasks done (36 %), 3 in progress, 0 blocked');
    const after = readFileSync(join(dir, 'plan.yaml'), 'utf8');
    expect(after).toBe(before.replace('mainframe team\n    status: blocked\n', 'mainframe team\n    status: in-progress\n'));
    expect((await relm(['validate', '-C', dir])).status).toBe(0);
    expect(JSON.parse((await relm(['status', '--json', '-C', dir])).stdout).in_progress).toBe(3);
    // -C before the subcommand works too
    expect((await relm(['status', '-C', dir, 'set', 'tactical-recommendations', 'done'])).status).toBe(0);
    expect(JSON.parse((await relm(['status', '--json', '-C', dir])).stdout).tasks.find((t: { id: string }) => t.id === 'strategic-model').ready).toBe(true);
  });

  it('rejects an unknown status or task with a did-you-mean, changing nothing', async () => {
    const dir = acme();
    const before = readFileSync(join(dir, 'plan.yaml'), 'utf8');
    const bad = await relm(['status', 'set', 'training-requirements', 'in-progres', '-C', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('did you mean "in-progress"');
    expect(bad.stderr).toContain('todo, in-progress, done, blocked');
    const unknown = await relm(['status', 'set', 'training-requirement', 'done', '-C', dir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('did you mean "training-requirements"');
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe(before);
  });
});
