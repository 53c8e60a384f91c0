import { bandRank } from '../model/dora.js';
import { isWindowedMetric } from '../model/evidence.js';
import type { EvidenceRule, Practice } from '../model/types.js';
import { DEFAULT_WINDOW_DAYS } from './defaults.js';
import type { Assessment, Band, EvidenceResult, PracticeResult } from './types.js';

/** What rules read from: the assessment, or just the sections a check needs. */
export type MetricSource = Partial<Pick<Assessment, 'overall' | 'backlog' | 'releases' | 'training'>>;

/** The value at a dotted path into the assessment document (`releases.bands.lead_time_days`), or null. */
export function metricValue(doc: MetricSource, path: string): number | string | null {
  let v: unknown = doc;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return null;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

/** Compares one rule with the measured value: ok, mismatch (false), or no data (null). */
export function checkRule(rule: EvidenceRule & { min_band?: Band }, value: number | string | null): boolean | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (!rule.min_band || bandRank(value) < 0) return null;
    return bandRank(value) >= bandRank(rule.min_band);
  }
  if (rule.min !== undefined && value < rule.min) return false;
  if (rule.max !== undefined && value > rule.max) return false;
  return true;
}

export interface EvidenceWindow {
  /** The window the source's record metrics were measured over (days up to as_of). */
  windowDays: number;
  /** Measures a record metric over another window, for a rule with its own `window_days`. */
  measure?: (metric: string, windowDays: number) => number | string | null;
}

/**
 * The evidence check (docs/formulas.md): each rule of a practice whose from_level ≤ the practice's level is
 * compared with the measured record. Record metrics are measured over the analysis window (or the
 * rule's own `window_days`), named in the result. A practice that is not assessed has no level and so
 * no check. Pure.
 */
export function checkEvidence(
  practices: readonly PracticeResult[],
  model: readonly Practice[],
  a: MetricSource,
  win: EvidenceWindow = { windowDays: DEFAULT_WINDOW_DAYS },
): PracticeResult[] {
  const rules = new Map(model.map((p) => [p.id, p.evidence ?? []]));
  return practices.map((p) => {
    if (!p.assessed || p.level === null) return p;
    const evidence: EvidenceResult[] = (rules.get(p.id) ?? [])
      .filter((r) => r.from_level <= p.level!)
      .map((r) => {
        const rule = r as EvidenceRule & { min_band?: Band };
        const window = isWindowedMetric(r.metric) ? (r.window_days ?? win.windowDays) : null;
        const value = window !== null && window !== win.windowDays && win.measure ? win.measure(r.metric, window) : metricValue(a, r.metric);
        return {
          metric: r.metric,
          value,
          min: r.min ?? null,
          max: r.max ?? null,
          min_band: rule.min_band ?? null,
          from_level: r.from_level,
          ok: checkRule(rule, value),
          says: r.says ?? null,
          window_days: window,
        };
      });
    return { ...p, evidence };
  });
}
