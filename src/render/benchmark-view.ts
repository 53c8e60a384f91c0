/**
 * The client against a benchmark (relm.yaml `benchmark`, a `relm portfolio` file): the report's placement
 * block and its headline sentence, from placeAgainst() in the engine. Pinned by unit tests.
 */
import { placeAgainst, type BenchmarkPlacement, type Placement, type Portfolio, type Standing } from '../engine/portfolio.js';
import type { Assessment } from '../engine/types.js';
import { list, score } from './words.js';

export const STANDING_WORDS: Record<Standing, string> = {
  'lowest-quartile': 'in the lowest quartile',
  'below-median': 'below the median',
  median: 'at the median',
  'above-median': 'above the median',
  'top-quartile': 'in the top quartile',
};

/** A practice name inside a sentence: "Release policy" -> "release policy"; an acronym stays ("CAB governance"). */
function inSentence(name: string): string {
  return name.length > 1 && name[1] === name[1]!.toLowerCase() ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

const below = (p: Placement) => (p.distribution ? p.distribution.q1 - p.value! : 0);
const above = (p: Placement) => (p.distribution ? p.value! - p.distribution.q3 : 0);

/** Where the client stands: overall against the median, then the practices in the lowest and the top quartile. */
export function benchmarkSentence(a: Assessment, place: BenchmarkPlacement): string {
  const who = `${place.engagements} ${place.population}`;
  const o = place.overall;
  if (o.value === null || o.standing === null)
    return `Nothing is assessed yet, so ${a.engagement.client} cannot be placed against the ${who} in the benchmark.`;
  const head = `Against the ${who} in the benchmark, ${a.engagement.client}'s release management scores ${score(o.value)}, ${STANDING_WORDS[o.standing]} (median ${score(o.distribution!.median)}).`;
  const low = place.practices
    .filter((p) => p.standing === 'lowest-quartile')
    .sort((x, y) => below(y) - below(x) || x.id.localeCompare(y.id))
    .slice(0, 3);
  const high = place.practices
    .filter((p) => p.standing === 'top-quartile')
    .sort((x, y) => above(y) - above(x) || x.id.localeCompare(y.id))
    .slice(0, 2);
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
    median: p.distribution ? score(p.distribution.median) : 'n/a',
    middle: p.distribution ? `${score(p.distribution.q1)} – ${score(p.distribution.q3)}` : 'n/a',
    standing: p.standing ? STANDING_WORDS[p.standing] : 'no data',
  });
  return {
    headline: benchmarkSentence(a, place),
    population: place.population,
    engagements: place.engagements,
    rows: [place.overall, ...place.perspectives].map(row),
    lowest: place.practices.filter((p) => p.standing === 'lowest-quartile').map(row),
    top: place.practices.filter((p) => p.standing === 'top-quartile').map(row),
  };
}
