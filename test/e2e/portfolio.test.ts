/**
 * `relm portfolio` over three engagements, the figures computed by hand, anonymised output, and the report
 * placing a client against the benchmark file built from it. Every child process has a timeout.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { relmInProcess as relm } from '../helpers/cli.js';
import { CHILD_TIMEOUT } from '../helpers/run.js';

let top: string;
afterAll(() => rmSync(top, { recursive: true, force: true }));

/**
 * Three copies of the minimal fixture (practices alpha, process, weight 2; beta, people; relm.yaml weights
 * process 2), each with quick ratings, so every figure is easy to compute:
 *   overall = (2 × alpha + beta) / 3: alpha-bank (1, 2) 4/3, beta-insurance (3, 2) 8/3, gamma-mutual (4, 5) 13/3.
 */
const ENGAGEMENTS = [
  { folder: 'alpha-bank', client: 'Alpha Bank', alpha: 1, beta: 2 },
  { folder: 'beta-insurance', client: 'Beta Insurance', alpha: 3, beta: 2 },
  { folder: 'gamma-mutual', client: 'Gamma Mutual', alpha: 4, beta: 5 },
];
beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'relm-portfolio-'));
  for (const e of ENGAGEMENTS) {
    const d = join(top, e.folder);
    cpSync(join(ROOT, 'test/fixtures/minimal'), d, { recursive: true });
    writeFileSync(join(d, 'relm.yaml'), readFileSync(join(d, 'relm.yaml'), 'utf8').replace('client: Fixture Co', `client: ${e.client}`));
    writeFileSync(join(d, 'practices.yaml'), `assessed: 2026-03-15\npractices:\n  alpha: {rating: ${e.alpha}}\n  beta: {rating: ${e.beta}}\n`);
  }
});

describe('relm portfolio: three engagements', () => {
  it(
    'gives the median and quartiles of every figure, computed by hand, and where each engagement stands',
    async () => {
      // One engagement as an assessment.json file, the others as folders.
      const written = await relm(['assess', '-C', 'gamma-mutual', '-o', 'gamma-mutual/gamma.json'], top);
      expect(written.status, written.stderr).toBe(0);
      const r = await relm(['portfolio', 'alpha-bank', 'beta-insurance', 'gamma-mutual/gamma.json', '--json'], top);
      expect(r.status, r.stderr).toBe(0);
      const p = JSON.parse(r.stdout);
      expect(p.engagements.map((e: { id: string; client: string; source: string }) => [e.id, e.client, e.source])).toEqual([
        ['E1', 'Alpha Bank', 'alpha-bank'],
        ['E2', 'Beta Insurance', 'beta-insurance'],
        ['E3', 'Gamma Mutual', 'gamma-mutual/gamma.json'],
      ]);
      // alpha 1, 3, 4: Q1 = 1 + 0.5 × (3 − 1) = 2, median 3, Q3 = 3 + 0.5 × (4 − 3) = 3.5.
      const alpha = p.practices.find((x: { id: string }) => x.id === 'alpha');
      expect(alpha.distribution).toEqual({ n: 3, min: 1, q1: 2, median: 3, q3: 3.5, max: 4 });
      expect(alpha.values.map((v: { standing: string }) => v.standing)).toEqual(['lowest-quartile', 'median', 'top-quartile']);
      // beta 2, 2, 5: Q1 2, median 2, Q3 3.5; the two 2s stand at the median.
      const beta = p.practices.find((x: { id: string }) => x.id === 'beta');
      expect(beta.distribution).toEqual({ n: 3, min: 2, q1: 2, median: 2, q3: 3.5, max: 5 });
      expect(beta.values.map((v: { standing: string }) => v.standing)).toEqual(['median', 'median', 'top-quartile']);
      // overall 4/3, 8/3, 13/3: Q1 = 4/3 + 0.5 × 4/3 = 2, median 8/3, Q3 = 8/3 + 0.5 × 5/3 = 3.5.
      const o = p.overall.distribution;
      expect(o.n).toBe(3);
      expect(o.min).toBeCloseTo(4 / 3, 12);
      expect(o.q1).toBeCloseTo(2, 12);
      expect(o.median).toBeCloseTo(8 / 3, 12);
      expect(o.q3).toBeCloseTo(3.5, 12);
      expect(o.max).toBeCloseTo(13 / 3, 12);
      expect(p.perspectives.find((x: { id: string }) => x.id === 'process').distribution).toEqual(alpha.distribution);
      expect(p.perspectives.find((x: { id: string }) => x.id === 'technology').distribution).toBeNull();
    },
    2 * CHILD_TIMEOUT,
  );

  it('prints a table and draws the charts: box plots, vector only', async () => {
    const r = await relm(['portfolio', 'alpha-bank', 'beta-insurance', 'gamma-mutual'], top);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Portfolio: 3 engagements');
    expect(r.stdout).toMatch(/^Overall\s+3\s+1\.3\s+2\.0\s+2\.7\s+3\.5\s+4\.3\s+1\.3▼\s+2\.7=\s+4\.3▲$/m);
    const svg = readFileSync(join(top, 'out/charts/portfolio.svg'), 'utf8');
    expect(svg).toContain('median 2.7');
    expect(svg).not.toMatch(/<pattern|<image/);
  });

  it(
    'anonymised, names no client nor folder anywhere: table, JSON, file and charts',
    async () => {
      const human = await relm(['portfolio', 'alpha-bank', 'beta-insurance', 'gamma-mutual', '--anonymise', '--out', 'anon'], top);
      const json = await relm(
        [
          'portfolio',
          'alpha-bank',
          'beta-insurance',
          'gamma-mutual',
          '--anonymise',
          '--json',
          '--label',
          'banks',
          '-o',
          'alpha-bank/benchmark.json',
          '--out',
          'anon',
        ],
        top,
      );
      expect(human.status, human.stderr).toBe(0);
      expect(json.status, json.stderr).toBe(0);
      const outputs = [
        human.stdout,
        json.stdout,
        readFileSync(join(top, 'alpha-bank/benchmark.json'), 'utf8'),
        readFileSync(join(top, 'anon/charts/portfolio.svg'), 'utf8'),
        readFileSync(join(top, 'anon/charts/portfolio-practices.svg'), 'utf8'),
      ];
      for (const text of outputs) for (const name of [...ENGAGEMENTS.flatMap((e) => [e.client, e.folder]), 'Fixture Co']) expect(text).not.toContain(name);
      // Numbered by overall score, highest first.
      expect(JSON.parse(json.stdout).overall.values.map((v: { engagement: string; standing: string }) => [v.engagement, v.standing])).toEqual([
        ['E1', 'top-quartile'],
        ['E2', 'median'],
        ['E3', 'lowest-quartile'],
      ]);
    },
    2 * CHILD_TIMEOUT,
  );

  it(
    'refuses what is neither an engagement folder nor an assessment.json',
    async () => {
      writeFileSync(join(top, 'notes.json'), '{"hello": 1}');
      const r = await relm(['portfolio', 'alpha-bank', 'notes.json'], top);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('notes.json is not an assessment.json document');
      const none = await relm(['portfolio', 'nowhere'], top);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('no such engagement folder or file: nowhere');
    },
    2 * CHILD_TIMEOUT,
  );
});

describe('relm.yaml benchmark: the report places the client', () => {
  it(
    'states the standing in the report, from the anonymised benchmark file',
    async () => {
      const d = join(top, 'alpha-bank');
      writeFileSync(join(d, 'relm.yaml'), readFileSync(join(d, 'relm.yaml'), 'utf8') + 'benchmark: benchmark.json\n');
      expect((await relm(['validate', '-C', d], top)).status).toBe(0);
      const r = await relm(['report', '-C', d, '--only', 'report', '--format', 'md'], top);
      expect(r.status, r.stderr).toBe(0);
      const md = readFileSync(join(d, 'out/report.md'), 'utf8');
      // The anonymised benchmark holds Alpha Bank itself (the same scores) and two others: quartiles and medians
      // need five others, so the report says the sample is too small and shows no standing.
      expect(md).toContain(
        "**Against the benchmark.** The benchmark holds 2 other engagements besides Alpha Bank's own: too few to compare (quartiles and medians need at least five).",
      );
      expect(md).not.toMatch(/lowest quartile|top quartile/);
    },
    2 * CHILD_TIMEOUT,
  );

  it('is a validation error when the file is not a portfolio', async () => {
    const d = join(top, 'beta-insurance');
    writeFileSync(join(d, 'bench.json'), '{"relm_portfolio": 2}');
    writeFileSync(join(d, 'relm.yaml'), readFileSync(join(d, 'relm.yaml'), 'utf8') + 'benchmark: bench.json\n');
    const r = await relm(['validate', '-C', d, '-f', 'text'], top);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^beta-insurance\/relm\.yaml:\d+:\d+ error benchmark-not-usable the benchmark bench\.json cannot be used: it is not a relm portfolio/m,
    );
  });
});
