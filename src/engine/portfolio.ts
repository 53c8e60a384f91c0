/**
 * A private benchmark across engagements (`relm portfolio`): per practice, perspective, overall and release
 * metric, the distribution of the engagements' figures (median and quartiles) and where each engagement
 * stands in it; and the placement of one assessment against such a benchmark (`benchmark:` in relm.yaml).
 * Pure: the figures are the assessments' own, nothing is re-scored here.
 */
import { PERSPECTIVES, type Perspective } from '../model/types.js';
import { HIGHER_IS_BETTER, REQUIREMENT_METRICS } from './requirements.js';
import type { Assessment } from './types.js';
import type { PortfolioDocument, Row } from '../schema-types/portfolio.js';

/** The `relm portfolio --json` document, which is also the benchmark file relm.yaml `benchmark` names. */
export type Portfolio = PortfolioDocument;
export type PortfolioEngagement = Portfolio['engagements'][number];
export type PortfolioRow = Row;
export type PortfolioValue = Row['values'][number];
/** The five-number summary of a set of figures; quartiles by linear interpolation (below). */
export type Distribution = NonNullable<Row['distribution']>;

/**
 * Where a figure stands in a distribution, better to the right: below Q1 (above Q3 where less is better) is
 * the lowest quartile, above Q3 the top quartile; otherwise below, at or above the median.
 */
export type Standing = NonNullable<PortfolioValue['standing']>;
export const STANDINGS: readonly Standing[] = ['lowest-quartile', 'below-median', 'median', 'above-median', 'top-quartile'];

/**
 * The p-quantile (p in 0..1) of sorted values by linear interpolation between closest ranks (Hyndman and
 * Fan's type 7, the default of Excel's QUARTILE.INC, R and NumPy): h = (n − 1)p, q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
 * Its median is docs/formulas.md's: the middle value, or the mean of the two middle values.
 */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Min, quartiles and max of the figures; null when there are none. */
export function distributionOf(values: readonly (number | null)[]): Distribution | null {
  const s = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return null;
  return { n: s.length, min: s[0]!, q1: quantile(s, 0.25), median: quantile(s, 0.5), q3: quantile(s, 0.75), max: s[s.length - 1]! };
}

/** Where a figure stands in a distribution (better to the right); null without a figure or a distribution. */
export function standingOf(value: number | null, d: Distribution | null, higherIsBetter = true): Standing | null {
  if (value === null || d === null) return null;
  const v = higherIsBetter ? value : -value;
  const [q1, median, q3] = higherIsBetter ? [d.q1, d.median, d.q3] : [-d.q3, -d.median, -d.q1];
  if (v < q1) return 'lowest-quartile';
  if (v > q3) return 'top-quartile';
  if (v < median) return 'below-median';
  if (v > median) return 'above-median';
  return 'median';
}

function row(id: string, name: string, perspective: Perspective | null, higher: boolean, values: { engagement: string; value: number | null }[]): PortfolioRow {
  const distribution = distributionOf(values.map((v) => v.value));
  return {
    id,
    name,
    perspective,
    higher_is_better: higher,
    distribution,
    values: values.map((v) => ({ ...v, standing: standingOf(v.value, distribution, higher) })),
  };
}

/** A perspective's name: its id with a capital ("Process"). */
export const perspectiveName = (k: Perspective): string => k.charAt(0).toUpperCase() + k.slice(1);

export const METRIC_LABELS: Record<string, string> = {
  deployment_frequency_per_week: 'Deployment frequency (a week)',
  lead_time_days: 'Lead time for changes (days)',
  request_lead_time_days: 'Request lead time (days)',
  change_failure_rate: 'Change failure rate',
  recovery_hours: 'Time to restore service (hours)',
  rework_rate: 'Share of unplanned releases',
};

export interface PortfolioInput {
  assessment: Assessment;
  /** The folder or file it was read from. */
  source: string;
}

/**
 * The portfolio of the given assessments. Anonymised, it names no client, title, date or source, and the
 * engagements are numbered by their overall score (highest first) rather than in the order given, so that
 * the order of the folders cannot tell who is who.
 */
export function buildPortfolio(inputs: readonly PortfolioInput[], opts: { anonymise?: boolean; population?: string } = {}): Portfolio {
  const anonymise = opts.anonymise ?? false;
  const order = inputs.map((x, i) => ({ x, i }));
  if (anonymise) order.sort((p, q) => (q.x.assessment.overall.score ?? -Infinity) - (p.x.assessment.overall.score ?? -Infinity) || p.i - q.i);
  const items = order.map(({ x }, k) => ({ id: `E${k + 1}`, a: x.assessment, source: x.source }));
  const engagements = items.map(
    ({ id, a, source }): PortfolioEngagement => ({
      id,
      client: anonymise ? null : a.engagement.client,
      title: anonymise ? null : a.engagement.title,
      as_of: anonymise ? null : a.as_of,
      source: anonymise ? null : source,
      model: { id: a.model.id, version: a.model.version },
      practices_assessed: a.practices.filter((p) => p.assessed).length,
    }),
  );
  const overall = row(
    'overall',
    'Overall',
    null,
    true,
    items.map(({ id, a }) => ({ engagement: id, value: a.overall.score })),
  );
  const perspectives = PERSPECTIVES.map((k) =>
    row(
      k,
      perspectiveName(k),
      k,
      true,
      items.map(({ id, a }) => ({ engagement: id, value: a.perspectives[k]?.score ?? null })),
    ),
  );
  // Practices: the union over the engagements' models, in the order they are first met.
  const known = new Map<string, { name: string; perspective: Perspective }>();
  for (const { a } of items) for (const p of a.practices) if (!known.has(p.id)) known.set(p.id, { name: p.name, perspective: p.perspective });
  const practices = [...known].map(([pid, p]) =>
    row(
      pid,
      p.name,
      p.perspective,
      true,
      items.map(({ id, a }) => ({ engagement: id, value: a.practices.find((x) => x.id === pid)?.score ?? null })),
    ),
  );
  const metrics = REQUIREMENT_METRICS.map((m) =>
    row(
      m,
      METRIC_LABELS[m] ?? m,
      null,
      HIGHER_IS_BETTER.has(m),
      items.map(({ id, a }) => ({ engagement: id, value: (a.releases?.[m] as number | null | undefined) ?? null })),
    ),
  ).filter((r) => r.distribution !== null);
  return { relm_portfolio: 1, population: opts.population ?? 'engagements', anonymised: anonymise, engagements, overall, perspectives, practices, metrics };
}

/** One figure of the client beside the benchmark's distribution of it. */
export interface Placement {
  id: string;
  name: string;
  value: number | null;
  distribution: Distribution | null;
  standing: Standing | null;
  higher_is_better: boolean;
}

export interface BenchmarkPlacement {
  population: string;
  /** How many engagements the benchmark holds, the client's own included. */
  engagements: number;
  /** How many of them are the client's own (same client name, or the very same scores): left out of every figure. */
  own: number;
  /** The others: what the quartiles and medians are computed over. */
  others: number;
  /** At least MIN_BENCHMARK others: only then are quartiles, medians and standings given. */
  comparable: boolean;
  overall: Placement;
  perspectives: Placement[];
  practices: Placement[];
  metrics: Placement[];
  /** The practices in the lowest quartile, the furthest below Q1 first (ties: by id). */
  lowest: Placement[];
  /** The practices in the top quartile, the furthest above Q3 first (ties: by id). */
  top: Placement[];
}

/** Quartiles and medians need at least this many engagements other than the client's own (docs/formulas.md). */
export const MIN_BENCHMARK = 5;

/**
 * The benchmark's engagements that are the client's own: the same client name (a named portfolio), or, in an
 * anonymised one, the very same overall and perspective scores.
 */
function ownEngagements(a: Assessment, b: Portfolio): Set<string> {
  const own = new Set<string>();
  for (const e of b.engagements) if (e.client !== null && e.client === a.engagement.client) own.add(e.id);
  const figureOf = (r: PortfolioRow, id: string) => r.values.find((v) => v.engagement === id)?.value ?? null;
  for (const e of b.engagements) {
    if (own.has(e.id) || a.overall.score === null) continue;
    const same =
      figureOf(b.overall, e.id) === a.overall.score && b.perspectives.every((r) => figureOf(r, e.id) === (a.perspectives[r.id as Perspective]?.score ?? null));
    if (same) own.add(e.id);
  }
  return own;
}

/**
 * Places an assessment against a benchmark (docs/formulas.md, benchmarks need a sample): each of its figures with
 * the distribution of the other engagements' figures (the client's own left out) and its standing there. A
 * figure held by fewer than five other engagements has no distribution and no standing: too few to compare.
 */
export function placeAgainst(a: Assessment, b: Portfolio): BenchmarkPlacement {
  const own = ownEngagements(a, b);
  const others = b.engagements.length - own.size;
  const comparable = others >= MIN_BENCHMARK;
  const place = (r: PortfolioRow, value: number | null): Placement => {
    const d = comparable ? distributionOf(r.values.filter((v) => !own.has(v.engagement)).map((v) => v.value)) : null;
    const distribution = d && d.n >= MIN_BENCHMARK ? d : null;
    return {
      id: r.id,
      name: r.name,
      value,
      distribution,
      standing: standingOf(value, distribution, r.higher_is_better),
      higher_is_better: r.higher_is_better,
    };
  };
  const practice = new Map(a.practices.map((p) => [p.id, p]));
  const practices = b.practices.filter((r) => practice.has(r.id)).map((r) => place({ ...r, name: practice.get(r.id)!.name }, practice.get(r.id)!.score));
  const below = (p: Placement) => p.distribution!.q1 - p.value!;
  const above = (p: Placement) => p.value! - p.distribution!.q3;
  return {
    population: b.population,
    engagements: b.engagements.length,
    own: own.size,
    others,
    comparable,
    overall: place(b.overall, a.overall.score),
    perspectives: b.perspectives.map((r) => place(r, a.perspectives[r.id as Perspective]?.score ?? null)),
    practices,
    metrics: b.metrics.map((r) => place(r, (a.releases?.[r.id as keyof NonNullable<Assessment['releases']>] as number | null | undefined) ?? null)),
    lowest: practices.filter((p) => p.standing === 'lowest-quartile').sort((x, y) => below(y) - below(x) || x.id.localeCompare(y.id)),
    top: practices.filter((p) => p.standing === 'top-quartile').sort((x, y) => above(y) - above(x) || x.id.localeCompare(y.id)),
  };
}
