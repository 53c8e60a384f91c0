/**
 * Time moves on (DESIGN §3.1): the bundled example re-assessed on 1 July 2026, one day after phase 1 ended, with
 * one recommendation done and one in progress (test/fixtures/after-phase-1 laid over examples/acme-bank); and a
 * phase that ends before it starts, a validation error at its place.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, relm, ROOT } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function afterPhase1(): string {
  const dir = copyFixture('examples/acme-bank');
  dirs.push(dir);
  cpSync(join(ROOT, 'test', 'fixtures', 'after-phase-1'), dir, { recursive: true });
  return dir;
}

describe('re-assessing after phase 1 has ended', () => {
  it('places nothing in the past phase, runs phase 2 from as_of, never schedules the done work again, and says so', async () => {
    const dir = afterPhase1();
    const r = await relm(['assess', '--json', '-C', dir]);
    expect(r.status, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.roadmap.phases.map((p: { status: string }) => p.status)).toEqual(['past', 'running', 'future']);
    expect(a.roadmap.phases[0].recommendations).toEqual([]);
    // The roadmap schedules the recommended option, double the capacity (one plan, one price): phase 2's 360
    // person-days. It runs 1 July – 31 October 2026 (88 working days), placed from 2 July (87): 360 × 87 / 88.
    expect(a.roadmap.scenario).toBe('double');
    expect(a.roadmap.phases[1]).toMatchObject({ start: '2026-07-02', capacity_days: (360 * 87) / 88, planned_capacity_days: 360 });
    // The phase the decision approves is the roadmap's phase 2, at the same days and cost.
    expect([a.roadmap.phases[1].used_days, a.roadmap.phases[1].cost]).toEqual([a.decision.approve_now.days, a.decision.approve_now.cost]);
    // The work in progress is carried first; the done one is listed, never placed.
    expect(a.roadmap.phases[1].recommendations[0]).toBe('rec-testing-strategy-2');
    expect(a.roadmap.done).toEqual(['rec-release-policy-2']);
    expect(a.recommendations.find((x: { id: string }) => x.id === 'rec-release-policy-2').phase).toBeNull();
    expect(a.decision.approve_now).toMatchObject({ phase: 'P2', start: '2026-07-02' });
    // The report went out on 24 April: that decision is behind us.
    expect(a.decision.decide_by).toBeNull();

    const out = await relm(['report', '-C', dir, '--format', 'md']);
    expect(out.status, out.stderr).toBe(0);
    for (const f of ['report.md', 'strategic-plan.md', 'presentation.md']) {
      const md = readFileSync(join(dir, 'out', f), 'utf8');
      expect(md, f).not.toMatch(/null|undefined|NaN/);
      expect(md, f).not.toContain('from 3 August 2026 to 31 July 2026');
      expect(md, f).not.toMatch(/Approve Stabilise/);
    }
    const report = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(report).toContain('| Phase 1: Stabilise | ended 30 June 2026 |');
    expect(report).toContain('One recommendation is done, not yet effective: Write and adopt a release policy');
    expect(report).toContain('Approve Standardise (phase 2): 353 person-days (€300,050) from 2 July 2026 to 31 October 2026');
  });
});

describe('re-assessing after every phase has ended', () => {
  it('warns roadmap-ended at the last phase’s end, schedules nothing, asks for no approval and says why', async () => {
    const dir = afterPhase1();
    // 15 April 2027: the last phase (Optimise) ended on 31 March 2027.
    const manifest = join(dir, 'relm.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('as_of: 2026-07-01', 'as_of: 2027-04-15'));
    const v = await relm(['validate', '-C', dir, '--format', 'json']);
    expect(v.status, v.stderr).toBe(0);
    const ended = (JSON.parse(v.stdout) as { file: string; line: number; severity: string; code: string; message: string }[]).filter(
      (d) => d.code === 'roadmap-ended',
    );
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ file: 'target.yaml', severity: 'warning' });
    expect(ended[0]!.message).toContain('every phase of the roadmap ended before the as-of date 2027-04-15 (the last on 2027-03-31)');

    const r = await relm(['assess', '--json', '-C', dir]);
    expect(r.status, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.roadmap.phases.map((p: { status: string }) => p.status)).toEqual(['past', 'past', 'past']);
    expect(a.roadmap.phases.flatMap((p: { recommendations: string[] }) => p.recommendations)).toEqual([]);
    // 60 triggered: the done one is listed as done, the other 59 are unscheduled; none is counted as planned.
    expect(a.roadmap.done).toEqual(['rec-release-policy-2']);
    expect(a.roadmap.unscheduled).toHaveLength(59);
    expect(a.summary.plan.scheduled).toBe(0);
    expect(a.decision).toMatchObject({ no_work: 'roadmap-ended', approve_now: { phase: null, days: 0, cost: 0 }, total: { days: 0, cost: 0 } });

    const out = await relm(['report', '-C', dir, '--format', 'md']);
    expect(out.status, out.stderr).toBe(0);
    const report = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(report).toContain(
      '**Every phase of the roadmap has ended (the last on 31 March 2027): add the next phases to schedule the 59 open recommendations.**',
    );
    expect(report).not.toMatch(/wait for capacity|in no phases|null|undefined|NaN/);
  });
});

describe('a phase that ends before it starts', () => {
  it('is a validation error at the phase’s end in target.yaml', async () => {
    const dir = copyFixture('examples/acme-bank');
    dirs.push(dir);
    const file = join(dir, 'target.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '  - {id: P2, name: Standardise, end: 2026-10-31, capacity_days: 180}',
        '  - {id: P2, name: Standardise, start: 2026-11-15, end: 2026-10-31, capacity_days: 180}',
      ),
    );
    const r = await relm(['validate', '-C', dir]);
    expect(r.status).toBe(1);
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('start: 2026-11-15')) + 1;
    expect(r.stdout + r.stderr).toMatch(
      new RegExp(`target\\.yaml[\\s\\S]*${line}:\\d+\\s+error\\s+phase-dates\\s+phase "P2" ends on 2026-10-31, before it starts on 2026-11-15`),
    );
  });
});
