/**
 * `relm explain` on the bundled example: it reproduces every figure `relm assess --json` gives for the practice,
 * and its what-if, applied with --set, closes the gap; nothing is written.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { explainPractice, type Explanation } from '../../src/engine/explain.js';
import { relm, ROOT } from '../helpers/cli.js';

const EXAMPLE = resolve(ROOT, 'examples/acme-bank');

async function assessJson() {
  const r = await relm(['assess', '--json', '-C', EXAMPLE]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

async function explainJson(practice: string, sets: string[] = []): Promise<Explanation> {
  const r = await relm(['explain', practice, '--json', '-C', EXAMPLE, ...sets.flatMap((s) => ['--set', s])]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Explanation;
}

/** Every figure of the practice in assess --json, checked against the trace. */
function expectSameFigures(x: Explanation, a: Awaited<ReturnType<typeof assessJson>>, id: string): void {
  const p = a.practices.find((q: { id: string }) => q.id === id);
  expect(x.figures).toEqual(p);
  expect([x.score, x.level, x.target, x.gap, x.in_place, x.coverage, x.confidence]).toEqual([
    p.score,
    p.level,
    p.target,
    p.gap,
    p.in_place,
    p.coverage,
    p.confidence,
  ]);
  expect(x.levels.map((l) => l.m)).toEqual(p.level_scores ?? [0, 0, 0, 0, 0]);
  expect(x.evidence).toEqual(p.evidence);
  if (p.gap !== null) expect(x.levels.reduce((t, l) => t + l.missing, 0)).toBeCloseTo(p.gap, 12);
  // The recommendations it says are triggered are exactly the practice's in assess, with their priority and phase.
  const recs = a.recommendations.filter((r: { practice: string }) => r.practice === id);
  expect(
    x.recommendations
      .filter((r) => r.triggered)
      .map((r) => r.id)
      .sort(),
  ).toEqual(recs.map((r: { id: string }) => r.id).sort());
  for (const r of recs)
    expect(x.recommendations.find((y) => y.id === r.id)).toMatchObject({ priority: r.priority, bucket: r.bucket, rank: r.rank, phase: r.phase });
  expect(x.perspective).toMatchObject({ score: a.perspectives[p.perspective].score, gap: a.perspectives[p.perspective].gap });
}

describe('relm explain', () => {
  it('reproduces every figure of relm assess --json, for practices answered, rated and with a criterion that does not apply', async () => {
    const a = await assessJson();
    for (const id of ['release-policy', 'communication-image', 'configuration-dml']) expectSameFigures(await explainJson(id), a, id);
  });

  it('agrees with the assessment on every practice of the example (in process)', () => {
    const e = loadEngagement(EXAMPLE).engagement!;
    const a = JSON.parse(JSON.stringify(assess(e)));
    for (const p of e.model.practices) expectSameFigures(JSON.parse(JSON.stringify(explainPractice(e, p.id))), a, p.id);
  });

  it('explains why each recommendation is or is not triggered, by the levels it covers', async () => {
    const x = await explainJson('release-policy');
    const by = Object.fromEntries(x.recommendations.map((r) => [r.id, r]));
    expect(by['rec-release-policy-2']).toMatchObject({ covers: [1, 2], triggered: true, why: 'it covers levels 1–2, and level 2 is at 38 % (< 100 %)' });
    expect(by['rec-release-policy-5']).toMatchObject({ covers: [5], triggered: false, why: 'it covers level 5, above the target 4' });
    expect(x.level_why).toBe('level 1 is at least half in place, and level 2 is at 38 % (< 50 %)');
  });

  it('its what-if, applied with --set, closes the gap; the effect reaches the perspective, overall and roadmap; nothing is written', async () => {
    const before = readFileSync(resolve(EXAMPLE, 'practices.yaml'), 'utf8');
    for (const id of ['release-policy', 'communication-image', 'testing-strategy', 'platform-sync']) {
      const x = await explainJson(id);
      expect(x.gap).toBeGreaterThan(0);
      // Lower levels first.
      const levels = x.what_if.close_gap.map((c) => c.level);
      expect(levels).toEqual([...levels].sort((p, q) => p - q));
      const y = await explainJson(
        id,
        x.what_if.close_gap.map((c) => `${c.criterion}=${c.to}`),
      );
      expect(y.set!.practice.after.gap).toBe(0);
      expect(y.set!.practice.before.gap).toBe(x.gap);
      expect(y.set!.roadmap.removed.sort()).toEqual(
        x.recommendations
          .filter((r) => r.triggered)
          .map((r) => r.id)
          .sort(),
      );
      expect(y.set!.overall.after.gap!).toBeLessThan(y.set!.overall.before.gap!);
      // The figures of the trace itself stay those of the engagement as it is.
      expect(y.gap).toBe(x.gap);
    }
    expect(readFileSync(resolve(EXAMPLE, 'practices.yaml'), 'utf8')).toBe(before);
  });

  it('prints the calculation for people', async () => {
    const r = await relm(['explain', 'release-policy', '-C', EXAMPLE]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Score   S = m_1 + … + m_5 = 1 + 0.375 + 0.125 + 0 + 0 = 1.5');
    expect(r.stdout).toContain(
      'Gap     G = Σ over the levels up to the target of (1 − m_l) = (1 − 1) + (1 − 0.375) + (1 − 0.125) + (1 − 0) = 2.5; in place 1.5 of 4',
    );
    expect(r.stdout).toMatch(
      /try it: relm explain release-policy --set release-policy-2a=most --set release-policy-2b=most --set release-policy-3a=most --set release-policy-3b=most --set release-policy-4a=most/,
    );
  });

  it('refuses an unknown practice, a criterion of another practice and a word that is not an answer', async () => {
    expect((await relm(['explain', 'release-polcy', '-C', EXAMPLE])).stderr).toMatch(/did you mean "release-policy"/);
    const other = await relm(['explain', 'release-policy', '--set', 'testing-strategy-2a=most', '-C', EXAMPLE]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/relm explain testing-strategy --set testing-strategy-2a=most/);
    expect((await relm(['explain', 'release-policy', '--set', 'release-policy-2a=mostly', '-C', EXAMPLE])).stderr).toMatch(
      /"mostly" is not an answer; did you mean "most"/,
    );
  });
});
