import type { TargetFile } from '../engagement/types.js';
import { bandRank } from '../model/dora.js';
import type { EvidenceRule, Practice } from '../model/types.js';
import { checkRule, metricValue, type MetricSource } from './evidence.js';
import type { Kpi, PracticeResult, RecommendationResult } from './types.js';

type Band = NonNullable<Kpi['target']>;
export interface MetricTarget {
  target: Band;
  direction: Kpi['direction'];
}

function ruleTarget(rule: EvidenceRule & { min_band?: string }, dora: TargetFile['dora']): MetricTarget | null {
  const [section, key] = rule.metric.split('.');
  const own = section === 'releases' && key !== undefined ? (dora as Record<string, number | undefined> | undefined)?.[key] : undefined;
  if (own !== undefined) return { target: own, direction: key === 'deployment_frequency_per_week' ? 'at-least' : 'at-most' };
  if (rule.min_band !== undefined) return { target: rule.min_band, direction: 'at-least' };
  if (rule.max !== undefined) return { target: rule.max, direction: 'at-most' };
  if (rule.min !== undefined) return { target: rule.min, direction: 'at-least' };
  return null;
}

function stricter(a: MetricTarget, b: MetricTarget): boolean {
  if (typeof a.target === 'string' || typeof b.target === 'string') return bandRank(String(a.target)) > bandRank(String(b.target));
  return a.direction === 'at-most' ? a.target < b.target : a.target > b.target;
}

/**
 * One target per measured metric for the whole plan (docs/formulas.md: one target per metric): target.yaml `dora`
 * for a release metric, else the strictest threshold of the evidence rules that apply at the practices'
 * target levels. Pure.
 */
export function metricTargets(model: readonly Practice[], practices: readonly PracticeResult[], dora: TargetFile['dora'] = {}): Map<string, MetricTarget> {
  const targetById = new Map(practices.map((p) => [p.id, p.target]));
  const out = new Map<string, MetricTarget>();
  for (const p of model) {
    const t = targetById.get(p.id);
    if (t === null || t === undefined) continue;
    for (const rule of p.evidence ?? []) {
      if (rule.from_level > Math.ceil(t)) continue;
      const candidate = ruleTarget(rule, dora);
      if (!candidate) continue;
      const seen = out.get(rule.metric);
      if (!seen || stricter(candidate, seen)) out.set(rule.metric, candidate);
    }
  }
  return out;
}

/**
 * The KPIs a recommendation moves: the metrics of the evidence rules of its practice that apply once the
 * practice reaches the recommendation's level (from_level ≤ level), each with the measured baseline and the
 * plan's one target for that metric, and whether the baseline already meets it. Pure.
 */
export function recommendationKpis(
  rec: RecommendationResult,
  practice: Practice | undefined,
  doc: MetricSource,
  targets: ReadonlyMap<string, MetricTarget>,
): Kpi[] {
  const metrics = [
    ...new Set(
      (practice?.evidence ?? [])
        .filter((r) => r.from_level <= rec.level)
        .sort((a, b) => b.from_level - a.from_level)
        .map((r) => r.metric),
    ),
  ];
  return metrics.flatMap((metric) => {
    const t = targets.get(metric);
    if (!t) return [];
    const baseline = metricValue(doc, metric);
    const met = checkRule(
      typeof t.target === 'string'
        ? { metric, from_level: 0, min_band: t.target as 'low' }
        : t.direction === 'at-most'
          ? { metric, from_level: 0, max: t.target }
          : { metric, from_level: 0, min: t.target },
      baseline,
    );
    return [{ metric, baseline, target: t.target, direction: t.direction, met_now: met === true }];
  });
}

/** One KPI per metric, the strictest target (the lowest "at most", the highest "at least"); first seen wins a tie. */
export function strictestKpis(kpis: readonly Kpi[]): Kpi[] {
  const out = new Map<string, Kpi>();
  for (const k of kpis) {
    const o = out.get(k.metric);
    const stricter =
      !o || (typeof k.target === 'number' && typeof o.target === 'number' && (k.direction === 'at-most' ? k.target < o.target : k.target > o.target));
    if (stricter) out.set(k.metric, k);
  }
  return [...out.values()];
}
