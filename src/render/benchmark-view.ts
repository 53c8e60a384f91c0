/**
 * The client against a benchmark (relm.yaml `benchmark`, a `relm portfolio` file): the report's placement
 * block and its headline sentence, from placeAgainst() in the engine. Pinned by unit tests.
 */
import { placeAgainst, type BenchmarkPlacement, type Placement, type Portfolio, type Standing } from '../engine/portfolio.js';
import type { Assessment } from '../engine/types.js';
import { inSentence, list, score } from './words.js';

export const STANDING_WORDS: Record<Standing, string> = {
  'lowest-quartile': 'in the lowest quartile',
  'below-median': 'below the median',
  median: 'at the median',
  'above-median': 'above the median',
  'top-quartile': 'in the top quartile',
};

/** Where the client stands: overall against the median, then the practices in the lowest and the top quartile. */
export function benchmarkSentence(a: Assessment, place: BenchmarkPlacement): string {
  const who = `${place.others} ${place.population}`;
  if (!place.comparable) {
    const own = place.own ? ` besides ${a.engagement.client}'s own` : '';
    return `The benchmark holds ${place.others} ${place.others === 1 ? 'other engagement' : 'other engagements'}${own}: too few to compare (quartiles and medians need at least five).`;
  }
  const o = place.overall;
  if (o.value === null || o.standing === null)
    return `Nothing is assessed yet, so ${a.engagement.client} cannot be placed against the ${who} in the benchmark.`;
  const head = `Against the ${who} in the benchmark, ${a.engagement.client}'s release management scores ${score(o.value)}, ${STANDING_WORDS[o.standing]} (median ${score(o.distribution!.median)}).`;
  const low = place.lowest.slice(0, 3);
  const high = place.top.slice(0, 2);
  const names = (ps: Placement[]) => list(ps.map((p) => `${inSentence(p.name)} (${score(p.value)})`));
  const parts: string[] = [];
  if (low.length) parts.push(`its ${names(low)} ${low.length === 1 ? 'is' : 'are'} in the lowest quartile`);
  if (high.length) parts.push(`${low.length ? '' : 'its '}${names(high)} ${high.length === 1 ? 'is' : 'are'} in the top quartile`);
  if (!parts.length) return `${head} No practice is in the lowest or the top quartile.`;
  const text = parts.join('; ');
  return `${head} ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The report's benchmark block: the sentence and one row per figure (overall, perspectives). Null without a benchmark. */
export function benchmarkView(a: Assessment, b: Portfolio | null | undefined) {
  if (!b) return null;
  const place = placeAgainst(a, b);
  const row = (p: Placement) => ({
    name: p.name,
    value: score(p.value),
    median: p.distribution ? score(p.distribution.median) : 'too few to compare',
    middle: p.distribution ? `${score(p.distribution.q1)} – ${score(p.distribution.q3)}` : 'too few to compare',
    standing: p.standing ? STANDING_WORDS[p.standing] : p.distribution ? 'no data' : 'too few to compare',
  });
  return {
    headline: benchmarkSentence(a, place),
    population: place.population,
    engagements: place.others,
    // Too few to compare: the sentence says so, and no table of medians is shown.
    rows: place.comparable ? [place.overall, ...place.perspectives].map(row) : [],
    lowest: place.lowest.map(row),
    top: place.top.map(row),
  };
}
