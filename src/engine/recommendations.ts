import type { Engagement, Requirement } from '../engagement/types.js';
import type { Perspective, Recommendation } from '../model/types.js';
import type { Bucket, PracticeResult, RecommendationResult } from './types.js';

export type SourcedRecommendation = Recommendation & { practice: string; source: 'model' | 'engagement' };

/** The model's recommendations and the engagement's own (target.yaml), each with its practice. */
export function allRecommendations(e: Engagement): SourcedRecommendation[] {
  return [
    ...e.model.practices.flatMap((p) => (p.recommendations ?? []).map((r) => ({ ...r, practice: p.id, source: 'model' as const }))),
    ...(e.target.recommendations ?? []).map((r) => ({ ...r, source: 'engagement' as const })),
  ];
}

export function bucketOf(priority: number): Bucket {
  return priority >= 50 ? 'high' : priority >= 25 ? 'medium' : 'low';
}

/** 1-based position of the first requirement whose practices list the practice. */
export function rankOf(requirements: readonly Requirement[], practice: string): number | null {
  const i = requirements.findIndex((r) => (r.practices ?? []).includes(practice));
  return i < 0 ? null : i + 1;
}

function compare(a: RecommendationResult, b: RecommendationResult): number {
  const ra = a.rank ?? Infinity;
  const rb = b.rank ?? Infinity;
  if (ra !== rb) return ra - rb;
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.level !== b.level) return a.level - b.level;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Triggered recommendations in DESIGN §3 order. A recommendation of practice p at level L is triggered when
 * A_p < L ≤ T_p; urgency (1 + G_p)² − 1; raw = urgency × impact × W_k / max(1, effort); priority = 100 ×
 * raw / max raw. Order: customer rank, priority (desc), level, id. `phase` is left null for the roadmap.
 */
export function triggerRecommendations(
  practices: readonly PracticeResult[],
  recs: readonly SourcedRecommendation[],
  weights: Partial<Record<Perspective, number>>,
  requirements: readonly Requirement[],
): RecommendationResult[] {
  const byPractice = new Map(practices.map((p) => [p.id, p]));
  const triggered = recs.filter((r) => {
    const p = byPractice.get(r.practice);
    return !!p && p.assessed && p.level !== null && p.target !== null && p.level < r.level && r.level <= p.target;
  });
  const raws = triggered.map((r) => {
    const p = byPractice.get(r.practice)!;
    const urgency = (1 + p.gap!) ** 2 - 1;
    return { r, p, urgency, raw: (urgency * r.impact * (weights[p.perspective] ?? 1)) / Math.max(1, r.effort_days) };
  });
  const maxRaw = Math.max(0, ...raws.map((x) => x.raw));
  const ids = new Set(triggered.map((r) => r.id));
  const results = raws.map(({ r, p, urgency, raw }): RecommendationResult => {
    const priority = maxRaw > 0 ? (100 * raw) / maxRaw : 0;
    const lower = triggered.filter((o) => o.practice === r.practice && o.level < r.level).sort((a, b) => a.level - b.level || (a.id < b.id ? -1 : 1));
    const deps = [...(r.depends_on ?? []).filter((d) => ids.has(d)), ...lower.map((o) => o.id)];
    return {
      id: r.id,
      practice: r.practice,
      perspective: p.perspective,
      level: r.level,
      title: r.title,
      horizon: r.horizon,
      effort_days: r.effort_days,
      impact: r.impact,
      urgency,
      priority,
      bucket: bucketOf(priority),
      rank: rankOf(requirements, r.practice),
      depends_on: [...new Set(deps)],
      phase: null,
      source: r.source,
    };
  });
  return results.sort(compare);
}
