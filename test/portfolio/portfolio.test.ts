import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { buildPortfolio, distributionOf, placeAgainst, quantile, standingOf } from '../../src/engine/portfolio.js';
import type { Assessment } from '../../src/engine/types.js';
import { benchmarkSentence, benchmarkView } from '../../src/render/benchmark-view.js';
import { engagementWith } from '../helpers/engagement.js';

/** The tiny engagement with every practice given a quick rating (scores are then the ratings). */
function rated(client: string, r: Record<'a' | 'b' | 'c' | 'd' | 'e', number>): Assessment {
  const e = engagementWith({ practices: { practices: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { rating: v }])) } });
  e.manifest.engagement.client = client;
  return assess(e);
}

// Hand-computed, with the weights of the tiny engagement (practice a weighs 2; process 2, others 1):
//   process = (2a + b) / 3, people = (c + e) / 2, technology = d; overall = (2 process + people + technology) / 4.
const E1 = rated('Alpha Bank', { a: 1, b: 2, c: 3, d: 1, e: 2 }); // process 4/3, people 2.5, technology 1: overall 1.541667
const E2 = rated('Beta Insurance', { a: 3, b: 3, c: 3, d: 2, e: 2 }); // process 3, people 2.5, technology 2: overall 2.625
const E3 = rated('Gamma Mutual', { a: 4, b: 1, c: 5, d: 4, e: 4 }); // process 3, people 4.5, technology 4: overall 3.625

describe('quartiles (linear interpolation, h = (n − 1) p)', () => {
  it('interpolates between the closest ranks; the median is the one of docs/formulas.md', () => {
    expect([0.25, 0.5, 0.75].map((p) => quantile([1, 2, 3, 4], p))).toEqual([1.75, 2.5, 3.25]);
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantile([1, 3, 4], p))).toEqual([1, 2, 3, 3.5, 4]);
    expect(distributionOf([null, 5])).toEqual({ n: 1, min: 5, q1: 5, median: 5, q3: 5, max: 5 });
    expect(distributionOf([null])).toBeNull();
  });

  it('places a figure: below Q1, below, at or above the median, above Q3 (reversed where less is better)', () => {
    const d = distributionOf([1, 2, 3, 4, 5])!; // Q1 2, median 3, Q3 4
    expect([1, 2, 3, 4, 5].map((v) => standingOf(v, d))).toEqual(['lowest-quartile', 'below-median', 'median', 'above-median', 'top-quartile']);
    expect([1, 5].map((v) => standingOf(v, d, false))).toEqual(['top-quartile', 'lowest-quartile']);
    expect(standingOf(null, d)).toBeNull();
  });
});

describe('buildPortfolio: three engagements, quartiles by hand', () => {
  const p = buildPortfolio([
    { assessment: E1, source: 'alpha' },
    { assessment: E2, source: 'beta' },
    { assessment: E3, source: 'gamma' },
  ]);

  it('gives each practice, perspective and the overall score its distribution', () => {
    // a: 1, 3, 4 -> Q1 = 1 + 0.5 × 2 = 2, median 3, Q3 = 3 + 0.5 × 1 = 3.5.
    expect(p.practices.find((r) => r.id === 'a')!.distribution).toEqual({ n: 3, min: 1, q1: 2, median: 3, q3: 3.5, max: 4 });
    // people: 2.5, 2.5, 4.5 -> Q1 2.5, median 2.5, Q3 3.5.
    expect(p.perspectives.find((r) => r.id === 'people')!.distribution).toEqual({ n: 3, min: 2.5, q1: 2.5, median: 2.5, q3: 3.5, max: 4.5 });
    const o = p.overall.distribution!;
    expect(o.n).toBe(3);
    expect(o.min).toBeCloseTo(1.541667, 5);
    expect(o.q1).toBeCloseTo(2.083333, 5);
    expect(o.median).toBeCloseTo(2.625, 9);
    expect(o.q3).toBeCloseTo(3.125, 9);
    expect(p.perspectives.find((r) => r.id === 'organization')!.distribution).toBeNull();
  });

  it('says where each engagement stands', () => {
    expect(p.overall.values.map((v) => [v.engagement, v.standing])).toEqual([
      ['E1', 'lowest-quartile'],
      ['E2', 'median'],
      ['E3', 'top-quartile'],
    ]);
    expect(p.engagements.map((e) => e.client)).toEqual(['Alpha Bank', 'Beta Insurance', 'Gamma Mutual']);
  });

  it('anonymised, names no client, title, date or source, and numbers the engagements by overall score', () => {
    const anon = buildPortfolio(
      [
        { assessment: E1, source: 'alpha' },
        { assessment: E2, source: 'beta' },
        { assessment: E3, source: 'gamma' },
      ],
      { anonymise: true, population: 'insurers' },
    );
    const text = JSON.stringify(anon);
    for (const s of ['Alpha Bank', 'Beta Insurance', 'Gamma Mutual', 'Test Co', 'alpha', 'beta', 'gamma', '2026-03-31']) expect(text).not.toContain(s);
    expect(anon.overall.values.map((v) => v.engagement)).toEqual(['E1', 'E2', 'E3']);
    expect(anon.overall.values.map((v) => v.value)).toEqual([E3.overall.score, E2.overall.score, E1.overall.score]);
    expect(anon.population).toBe('insurers');
  });
});

describe('the client against a benchmark (at least five engagements other than its own)', () => {
  // Five other engagements, every practice rated r: every figure of engagement r is r. Quartiles of 1..5: Q1 2, median 3, Q3 4.
  const flat = (r: number) => rated(`Client ${r}`, { a: r, b: r, c: r, d: r, e: r });
  const others = [1, 2, 3, 4, 5].map((r) => ({ assessment: flat(r), source: `c${r}` }));
  // The client: E1's ratings (a 1, b 2, c 3, d 1, e 2), overall 1.541667.
  const client = rated('Alpha Bank', { a: 1, b: 2, c: 3, d: 1, e: 2 });
  const b = buildPortfolio(others);

  it('places every figure against the five others and states the standing, then the practices in the lowest and top quartiles', () => {
    const place = placeAgainst(client, b);
    expect([place.engagements, place.own, place.others, place.comparable]).toEqual([5, 0, 5, true]);
    expect(place.overall.distribution).toEqual({ n: 5, min: 1, q1: 2, median: 3, q3: 4, max: 5 });
    expect(place.overall.standing).toBe('lowest-quartile');
    // a 1 and d 1 below Q1 2 (1 below each: ties by id); b 2 and e 2 at Q1, below the median; c 3 at the median.
    expect(place.practices.map((x) => [x.id, x.standing])).toEqual([
      ['a', 'lowest-quartile'],
      ['b', 'below-median'],
      ['c', 'median'],
      ['d', 'lowest-quartile'],
      ['e', 'below-median'],
    ]);
    expect(place.lowest.map((x) => x.id)).toEqual(['a', 'd']);
    expect(benchmarkSentence(client, place)).toBe(
      "Against the 5 engagements in the benchmark, Alpha Bank's release management scores 1.5, in the lowest quartile (median 3.0). Its A (1.0) and D (1.0) are in the lowest quartile.",
    );
  });

  it("leaves the client's own engagement out of every figure, named or anonymised", () => {
    const withOwn = [...others, { assessment: client, source: 'alpha' }];
    for (const portfolio of [buildPortfolio(withOwn), buildPortfolio(withOwn, { anonymise: true })]) {
      const place = placeAgainst(client, portfolio);
      expect([place.engagements, place.own, place.others]).toEqual([6, 1, 5]);
      // With the client in, the median of 1, 1.54, 2, 3, 4, 5 would be 2.5; without it, 3.
      expect(place.overall.distribution!.median).toBe(3);
    }
  });

  it('says "too few to compare" below five others, with no median, quartile or standing: never "top quartile of two"', () => {
    const two = buildPortfolio([
      { assessment: flat(1), source: 'x' },
      { assessment: client, source: 'alpha' },
    ]);
    const place = placeAgainst(client, two);
    expect([place.others, place.comparable, place.overall.distribution, place.overall.standing]).toEqual([1, false, null, null]);
    expect(benchmarkSentence(client, place)).toBe(
      "The benchmark holds 1 other engagement besides Alpha Bank's own: too few to compare (quartiles and medians need at least five).",
    );
    const v = benchmarkView(client, two)!;
    expect(v.rows).toEqual([]);
    expect(v.headline).not.toMatch(/quartile of|median \d/);
    const four = placeAgainst(client, buildPortfolio(others.slice(0, 4)));
    expect([four.others, four.comparable]).toEqual([4, false]);
    expect(benchmarkSentence(client, four)).toBe('The benchmark holds 4 other engagements: too few to compare (quartiles and medians need at least five).');
  });

  it('gives the report a row per figure, and nothing without a benchmark', () => {
    const v = benchmarkView(client, { ...b, population: 'banks' })!;
    expect(v.headline).toMatch(/^Against the 5 banks in the benchmark/);
    expect(v.rows[0]).toEqual({ name: 'Overall', value: '1.5', median: '3.0', middle: '2.0 – 4.0', standing: 'in the lowest quartile' });
    expect(benchmarkView(client, null)).toBeNull();
  });
});
