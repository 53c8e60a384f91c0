import type { TargetFile } from '../engagement/types.js';
import type { Practice } from '../model/types.js';
import { metricValue, type MetricSource } from './evidence.js';
import type { Kpi, RecommendationResult } from './types.js';

/**
 * The KPIs a recommendation moves: the evidence rules of its practice that apply once the practice reaches
 * the recommendation's level (from_level ≤ level), one per metric (the rule of the highest such level). The
 * baseline is the measured value; the target is the engagement's own target for a release metric (target.yaml
 * `dora`), else the rule's threshold (max, min or min_band). Pure.
 */
export function recommendationKpis(rec: RecommendationResult, practice: Practice | undefined, doc: MetricSource, dora: TargetFile['dora'] = {}): Kpi[] {
  const rules = (practice?.evidence ?? []).filter((r) => r.from_level <= rec.level).sort((a, b) => b.from_level - a.from_level);
  const seen = new Set<string>();
  const out: Kpi[] = [];
  for (const r of rules) {
    if (seen.has(r.metric)) continue;
    seen.add(r.metric);
    const [section, key] = r.metric.split('.');
    const own = section === 'releases' && key !== undefined ? (dora as Record<string, number | undefined> | undefined)?.[key] : undefined;
    const rule = r as typeof r & { min_band?: string };
    const target = own ?? rule.min_band ?? r.max ?? r.min ?? null;
    const direction = rule.min_band !== undefined || (own === undefined ? r.min !== undefined && r.max === undefined : key === 'deployment_frequency_per_week') ? 'at-least' : 'at-most';
    out.push({ metric: r.metric, baseline: metricValue(doc, r.metric), target, direction });
  }
  return out;
}
