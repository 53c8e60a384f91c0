/**
 * The life of an engagement after the assessment, end to end on a real git history made here: three tagged
 * assessments, implementation tracked in progress.yaml, the progress report, and a re-assessment started
 * with `relm init --from`. Every child process has a timeout.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { relmChild, relmInProcess as relm, ROOT, CHILD_TIMEOUT_MS } from '../helpers/cli.js';
// `relm trend` reads each tagged assessment through git, waiting on each git process synchronously, and the progress
// deck renders for seconds: both run in a child process (relmChild), so that this worker stays free to report.
import { openPackage, slides } from '../helpers/ooxml.js';
import { CHILD_TIMEOUT, pdfIt } from '../helpers/run.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function git(cwd: string, args: string[], date?: string): string {
  const env = { ...process.env, ...(date ? { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` } : {}) };
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    env,
  });
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace for ${String(from)}`);
  writeFileSync(file, next);
}

/**
 * A repository with the example engagement in northwind/ and three tagged assessments, whose names do not
 * sort in date order (spring 2026, autumn 2026, 2027: each tagged commit later than the one before), each with
 * better answers and a later as_of (kept within six months of the releases, so that the DORA metrics have data);
 * the third records a failed release as a success. The working tree then improves one more answer, uncommitted.
 */
let top: string;
let eng: string;
/** Worktrees of the tags, outside the repository's folder. */
let wts: string;
const TAGS = ['assessment-2026-spring', 'assessment-2026-autumn', 'assessment-2027'];
beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'relm-life-'));
  wts = mkdtempSync(join(tmpdir(), 'relm-life-wt-'));
  dirs.push(top, wts);
  eng = join(top, 'northwind');
  cpSync(join(ROOT, 'examples/acme-bank'), eng, { recursive: true });
  rmSync(join(eng, 'out'), { recursive: true, force: true });
  git(top, ['init', '-q', '-b', 'main']);
  git(top, ['add', '-A']);
  git(top, ['commit', '-qm', 'assessment'], '2026-04-01');
  git(top, ['tag', TAGS[0]!]);
  const p = join(eng, 'practices.yaml');
  edit(p, 'release-policy-3a: none', 'release-policy-3a: most');
  edit(p, 'knowledge-training-3a: none', 'knowledge-training-3a: half');
  edit(join(eng, 'relm.yaml'), 'as_of: 2026-03-31', 'as_of: 2026-04-30');
  git(top, ['commit', '-qam', 'autumn'], '2026-05-01');
  git(top, ['tag', TAGS[1]!]);
  edit(p, 'prioritization-3a: none', 'prioritization-3a: most');
  edit(p, 'maintenance-skills-4a: none', 'maintenance-skills-4a: most');
  edit(join(eng, 'releases.yaml'), 'outcome: failed', 'outcome: success');
  edit(join(eng, 'relm.yaml'), 'as_of: 2026-04-30', 'as_of: 2026-05-31');
  git(top, ['commit', '-qam', 'spring 2027'], '2026-06-01');
  git(top, ['tag', TAGS[2]!]);
  edit(p, 'request-intake-4a: none', 'request-intake-4a: most');
});

/** `relm assess --json` of the engagement at a tag, in a worktree of its own (the main one has uncommitted work). */
async function assessAt(tag: string) {
  const wt = join(wts, tag);
  if (!existsSync(wt)) git(top, ['worktree', 'add', '-q', '--detach', wt, tag]);
  const r = await relm(['assess', '--json', '-C', join(wt, 'northwind')]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('relm trend: three tagged assessments and the working tree', () => {
  let trend: { client: string; points: any[] };
  beforeAll(async () => {
    const r = await relmChild(['trend', '--json', '-C', eng]);
    expect(r.status, r.stderr).toBe(0);
    trend = JSON.parse(r.stdout);
  });

  it('reads every assessment-* tag, oldest first by date, then the working tree', async () => {
    expect(trend.points.map((p) => p.label)).toEqual([...TAGS, 'working tree']);
    expect(trend.points.map((p) => p.as_of)).toEqual(['2026-03-31', '2026-04-30', '2026-05-31', '2026-05-31']);
    expect(trend.points[0].commit).toBe(git(top, ['rev-parse', `${TAGS[0]}^{commit}`]).trim());
  });

  it(
    'gives at each revision exactly the figures of relm assess --json there',
    async () => {
      const working = await relm(['assess', '--json', '-C', eng]);
      expect(working.status).toBe(0);
      const expected: any[] = [];
      for (const tag of TAGS) expected.push(await assessAt(tag));
      expected.push(JSON.parse(working.stdout));
      trend.points.forEach((p, i) => {
        const a = expected[i];
        expect(p.overall).toEqual(a.overall);
        for (const k of ['people', 'process', 'technology', 'organization', 'integration']) {
          expect(p.perspectives[k]).toEqual({ score: a.perspectives[k].score, target: a.perspectives[k].target, gap: a.perspectives[k].gap });
        }
        expect(p.practices).toEqual(a.practices.map((x: any) => ({ id: x.id, score: x.score, level: x.level, target: x.target, gap: x.gap })));
        expect(p.requirements.map((r: any) => [r.id, r.status, r.reaches_target, r.metrics])).toEqual(
          a.requirements.map((r: any) => [r.id, r.status, r.reaches_target, r.metrics]),
        );
        expect(p.requirements_met).toBe(a.summary.requirements.met);
        expect(p.dora).toEqual({
          deployment_frequency_per_week: a.releases.deployment_frequency_per_week,
          lead_time_days: a.releases.lead_time_days,
          change_failure_rate: a.releases.change_failure_rate,
          recovery_hours: a.releases.recovery_hours,
          band: a.releases.band,
        });
      });
      // The figures did move: better answers, one failed release fewer.
      expect(trend.points[2].overall.score).toBeGreaterThan(trend.points[0].overall.score);
      expect(trend.points[2].overall.score).toBeGreaterThan(trend.points[1].overall.score);
      expect(trend.points[3].overall.score).toBeGreaterThan(trend.points[2].overall.score);
      expect(trend.points[2].dora.change_failure_rate).not.toBe(trend.points[1].dora.change_failure_rate);
    },
    4 * CHILD_TIMEOUT,
  );

  it('draws out/charts/trend.svg: vector lines, no pattern fills, every reading named by its date (never a tag)', async () => {
    const svg = readFileSync(join(eng, 'out/charts/trend.svg'), 'utf8');
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg).not.toMatch(/<pattern|<image|url\(#/);
    for (const label of ['31 March 2026', '30 April 2026', '31 May 2026', 'assessment', 'now']) expect(svg).toContain(label);
    for (const label of [...TAGS, 'working tree']) expect(svg).not.toContain(label);
    expect(svg.match(/<path d="M/g)!.length).toBeGreaterThanOrEqual(6);
  });

  it(
    'takes revisions in the order given; an unknown one exits 2',
    async () => {
      const r = await relmChild(['trend', TAGS[2]!, TAGS[0]!, '--json', '-C', eng]);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).points.map((p: any) => p.label)).toEqual([TAGS[2], TAGS[0]]);
      const bad = await relmChild(['trend', 'assessment-1999', '-C', eng]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('unknown git revision "assessment-1999"');
    },
    2 * CHILD_TIMEOUT,
  );

  it('prints a table for people: one column per assessment', async () => {
    const r = await relmChild(['trend', '-C', eng]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Trend: Northwind Mutual Insurance, 4 assessments');
    expect(lines.find((l) => l.startsWith('Overall score'))).toMatch(/^Overall score \(0–5\)\s+\d\.\d\s+\d\.\d\s+\d\.\d\s+\d\.\d$/);
    expect(r.stdout).toContain('Change failure rate');
  });
});

describe('relm progress: the plan of record is the newest assessment tag', () => {
  it(
    'starts with everything planned, then records progress through progress set, keeping comments',
    async () => {
      const before = await relm(['progress', '--json', '--today', '2026-06-15', '-C', eng]);
      expect(before.status, before.stderr).toBe(0);
      const p0 = JSON.parse(before.stdout);
      expect(p0.plan.revision).toBe('assessment-2027');
      const plan = await assessAt('assessment-2027');
      // Nothing done: the scope is the plan's scheduled effort, phase by phase.
      expect(p0.phases.map((ph: any) => [ph.id, ph.planned_days, ph.recommendations.map((r: any) => r.id)])).toEqual(
        plan.roadmap.phases.map((ph: any) => [ph.id, ph.used_days, ph.recommendations]),
      );
      expect(p0.totals).toMatchObject({ done: 0, done_days: 0, planned_days: plan.roadmap.total_days, percent_done: 0 });

      const first = plan.roadmap.phases[0].recommendations as string[];
      const [r1, r2, r3] = first;
      const effort = (id: string) => plan.recommendations.find((r: any) => r.id === id).effort_days;
      expect(
        (await relm(['progress', 'set', r1!, 'done', '--date', '2026-06-10', '--owner', 'E. Marsh', '--note', 'Approved by the CAB', '-C', eng])).status,
      ).toBe(0);
      writeFileSync(
        join(eng, 'progress.yaml'),
        readFileSync(join(eng, 'progress.yaml'), 'utf8').replace('recommendations:', '# Reviewed weekly with the CIO.\nrecommendations:'),
      );
      const started = await relm(['progress', 'set', r2!, 'in-progress', '--date', '2026-06-12', '-C', eng]);
      expect(started.status, started.stderr).toBe(0);
      expect(started.stderr).toContain(`${r2}: planned → in-progress (started 2026-06-12)`);
      expect((await relm(['progress', 'set', r3!, 'dropped', '--note', 'Covered by the new tooling', '-C', eng])).status).toBe(0);
      const text = readFileSync(join(eng, 'progress.yaml'), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=.relm/schemas/progress.schema.json');
      expect(text).toContain('# Reviewed weekly with the CIO.');
      expect(parse(text).recommendations).toEqual({
        [r1!]: { status: 'done', owner: 'E. Marsh', done: '2026-06-10', notes: 'Approved by the CAB' },
        [r2!]: { status: 'in-progress', started: '2026-06-12' },
        [r3!]: { status: 'dropped', notes: 'Covered by the new tooling' },
      });

      // After the first phase ends, what is not done there is late.
      const end = plan.roadmap.phases[0].end as string;
      const after = JSON.parse((await relm(['progress', '--json', '--today', '2026-07-15', '-C', eng])).stdout);
      const ph1 = after.phases[0];
      expect(ph1.end).toBe(end);
      expect(ph1.counts).toEqual({ done: 1, dropped: 1, late: first.length - 2, 'in-progress': 0, 'not-started': 0 });
      expect(after.totals.done_days).toBe(effort(r1!));
      expect(after.totals.planned_days).toBe(plan.roadmap.total_days - effort(r3!));
      expect((await relm(['validate', '-C', eng])).status).toBe(0);
    },
    8 * CHILD_TIMEOUT,
  );

  it(
    'refuses an unknown recommendation or status, and a done date before the start, writing nothing',
    async () => {
      const file = join(eng, 'progress.yaml');
      const text = readFileSync(file, 'utf8');
      const typo = await relm(['progress', 'set', 'rec-release-polcy-2', 'done', '-C', eng]);
      expect(typo.status).toBe(2);
      expect(typo.stderr).toContain('did you mean "rec-release-policy-2"?');
      const status = await relm(['progress', 'set', 'rec-release-policy-2', 'finished', '-C', eng]);
      expect(status.status).toBe(2);
      expect(status.stderr).toContain('"finished" is not a progress status');
      const id = Object.keys(parse(text).recommendations).find((k) => parse(text).recommendations[k].status === 'in-progress')!;
      const early = await relm(['progress', 'set', id, 'done', '--date', '2026-01-01', '-C', eng]);
      expect(early.status).toBe(2);
      expect(early.stderr).toContain('before it started 2026-06-12; nothing was written');
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
    4 * CHILD_TIMEOUT,
  );

  pdfIt(
    'writes the progress report, answer first, and it reads back from the PDF',
    async () => {
      git(top, ['add', '-A']);
      git(top, ['commit', '-qm', 'progress'], '2026-07-01');
      git(top, ['tag', 'progress-2026-07']);
      const fourth = (await assessAt('assessment-2027')).roadmap.phases[0].recommendations[3];
      expect((await relm(['progress', 'set', fourth, 'done', '--date', '2026-07-20', '-C', eng])).status).toBe(0);
      // In a child process: rendering the deck computes for seconds without waiting, which would hold this worker.
      const r = await relmChild([
        'report',
        '--only',
        'progress,progress-deck',
        '--format',
        'md,pdf,pptx',
        '--today',
        '2026-07-31',
        '--browser-timeout',
        '200',
        '-C',
        eng,
      ]);
      expect(r.status, r.stderr).toBe(0);
      const md = readFileSync(join(eng, 'out/progress-report.md'), 'utf8');
      const answer = /^\*\*(Northwind Mutual Insurance has delivered .*)\*\*$/m.exec(md)?.[1];
      expect(answer).toBeDefined();
      expect(md).toContain('**What was done.** Since the progress report of 1 July 2026, one recommendation was completed');
      expect(md).toContain('![Effort delivered against the plan (person-days, cumulative)](charts/burnup.svg)');
      const text = execFileSync('pdftotext', [join(eng, 'out/progress-report.pdf'), '-'], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS }).replace(/\s+/g, ' ');
      expect(text).toContain('Release Management Assessment: progress report');
      for (const heading of ['Summary', '1. Progress by phase', '2. What was done', '3. What moved', '4. What is late, and why', '5. Next steps'])
        expect(text).toContain(heading);
      expect(text).toContain(answer!.replace(/\s+/g, ' '));
      expect(text).toContain('Effort delivered against the plan');
      // The progress deck: the same view as slides, one computed title each, in the PDF and the PowerPoint alike.
      const deckMd = readFileSync(join(eng, 'out/progress-presentation.md'), 'utf8');
      const titles = [...deckMd.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
      expect(titles).toHaveLength(7);
      expect(titles[0]).toMatch(/^\d+% of the plan delivered/);
      expect(titles[2]).toBe('One recommendation completed since 1 July 2026');
      // The deck ends with the ask: who decides, what, by when.
      expect(titles[6]).toMatch(/^Decision for /);
      expect(deckMd).toContain(`- **Done:** Since the progress report of 1 July 2026, one recommendation was completed`);
      const deckPdf = execFileSync('pdftotext', [join(eng, 'out/progress-presentation.pdf'), '-'], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS }).replace(
        /\s+/g,
        ' ',
      );
      for (const t of titles) expect(deckPdf).toContain(t);
      expect(execFileSync('pdfinfo', [join(eng, 'out/progress-presentation.pdf')], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS })).toMatch(/Pages:\s+8\n/);
      const pptx = slides(openPackage(join(eng, 'out/progress-presentation.pptx')));
      expect(pptx.map((x) => x.title)).toEqual(['Release Management Assessment: progress', ...titles]);
      // The client's language: dates and "the assessment of …", never a git tag, revision or "working tree".
      const deliverables = { md, text, deckMd, deckPdf, pptx: pptx.map((x) => `${x.title} ${x.text} ${x.notes}`).join('\n') };
      for (const [name, t] of Object.entries(deliverables)) {
        for (const tag of [...TAGS, 'progress-2026-07']) expect(t, name).not.toContain(tag);
        expect(t, name).not.toMatch(/working tree|\bgit\b|\bHEAD\b/);
      }
      expect(md).toContain('against the roadmap of the assessment of');
    },
    3 * CHILD_TIMEOUT,
  );
});

describe('relm init --from: the re-assessment a year later', () => {
  let next: string;
  beforeAll(async () => {
    next = join(top, 'northwind-2028');
    const r = await relm(['init', next, '--from', eng, '--as-of', '2028-03-31']);
    expect(r.status, r.stderr).toBe(0);
  });

  it('copies targets, team and plan, links the previous engagement, and carries the answers over to confirm', async () => {
    for (const f of ['relm.yaml', 'practices.yaml', 'target.yaml', 'team.yaml', 'plan.yaml']) expect(existsSync(join(next, f)), f).toBe(true);
    for (const f of ['backlog.yaml', 'releases.yaml', 'interviews', 'progress.yaml']) expect(existsSync(join(next, f)), f).toBe(false);
    expect(readFileSync(join(next, 'target.yaml'), 'utf8')).toBe(readFileSync(join(eng, 'target.yaml'), 'utf8'));
    const m = parse(readFileSync(join(next, 'relm.yaml'), 'utf8'));
    expect(m.engagement.as_of).toBe('2028-03-31');
    expect(m.previous).toEqual({ path: '../northwind', as_of: '2026-05-31' });
    const prev = parse(readFileSync(join(eng, 'practices.yaml'), 'utf8'));
    const carried = parse(readFileSync(join(next, 'practices.yaml'), 'utf8'));
    expect(carried.assessed).toBe('2028-03-31');
    // Shorthand answers become {answer, confirmed}, full ones keep their notes; the interview sources stay behind.
    expect(carried.practices['release-policy'].answers['release-policy-3a']).toEqual({ answer: 'most', confirmed: prev.assessed });
    expect(carried.practices['maintenance-skills'].answers['maintenance-skills-2a']).toMatchObject({
      answer: 'half',
      notes: prev.practices['maintenance-skills'].answers['maintenance-skills-2a'].notes,
      confirmed: prev.assessed,
    });
    expect(carried.practices['maintenance-skills'].sources).toBeUndefined();
    const plan = parse(readFileSync(join(next, 'plan.yaml'), 'utf8'));
    expect(new Set(plan.tasks.map((t: any) => t.status))).toEqual(new Set(['todo']));
  });

  it(
    'scores as the previous engagement did until answers change, and validate lists what is stale',
    async () => {
      const a = JSON.parse((await relm(['assess', '--json', '-C', next])).stdout);
      const b = JSON.parse((await relm(['assess', '--json', '-C', eng])).stdout);
      expect(a.practices.map((p: any) => [p.id, p.score])).toEqual(b.practices.map((p: any) => [p.id, p.score]));
      const v = await relm(['validate', '-C', next, '-f', 'json']);
      expect(v.status).toBe(0);
      const findings = JSON.parse(v.stdout) as { code: string; message: string }[];
      // Last confirmed on 2026-03-15, more than 365 days before 2028-03-31: stale, practice by practice.
      const stale = findings.filter((f) => f.code === 'stale-answer');
      expect(stale.length).toBeGreaterThan(20);
      expect(stale[0]!.message).toMatch(/were last confirmed more than 365 days before 2028-03-31 \(the oldest on 2026-03-15\)/);
      // With a longer age they are "to confirm" instead.
      edit(join(next, 'relm.yaml'), 'previous:', 'stale_after_days: 1000\nprevious:');
      const later = JSON.parse((await relm(['validate', '-C', next, '-f', 'json'])).stdout) as { code: string }[];
      expect(later.filter((f) => f.code === 'stale-answer')).toEqual([]);
      expect(later.filter((f) => f.code === 'answer-to-confirm').length).toBe(stale.length);
    },
    4 * CHILD_TIMEOUT,
  );

  it('starts the trend from the previous engagement', async () => {
    const r = await relmChild(['trend', '--json', '-C', next]);
    expect(r.status, r.stderr).toBe(0);
    const points = JSON.parse(r.stdout).points;
    expect(points.map((p: any) => p.label)).toEqual(['northwind', 'working tree']);
    expect(points[0].engagement).toBe('../northwind');
    // The repository's tags are of the other folder: left out, and said so.
    expect(r.stderr).toContain('assessment-2027: the engagement folder did not exist there: left out');
  });

  it(
    'never overwrites without --force, and refuses a previous folder that is not an engagement',
    async () => {
      const again = await relm(['init', next, '--from', eng, '--as-of', '2028-03-31']);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('not overwriting existing files');
      const none = await relm(['init', join(top, 'x'), '--from', join(top, 'nowhere')]);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('is not an engagement folder');
      const early = await relm(['init', join(top, 'y'), '--from', eng, '--as-of', '2026-05-01']);
      expect(early.status).toBe(2);
      expect(early.stderr).toContain('is not after the previous engagement');
    },
    3 * CHILD_TIMEOUT,
  );
});
