import type { Engagement, Requirement } from '../engagement/types.js';
import type { Perspective, Recommendation } from '../model/types.js';
import type { Bucket, PracticeResult, RecommendationResult } from './types.js';
import { maxOf } from '../util/arrays.js';

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

/**
 * The levels a recommendation covers (docs/formulas.md): L' < l ≤ L, where L is its level and L' the level of
 * the practice's next lower recommendation (0 if none). `ladder` holds the levels of all the practice's
 * recommendations.
 */
export function coveredLevels(level: number, ladder: readonly number[]): number[] {
  const lower = maxOf(
    ladder.filter((l) => l < level),
    0,
  );
  const out: number[] = [];
  for (let l = lower + 1; l <= level; l++) out.push(l);
  return out;
}

/**
 * Whether a recommendation is triggered: some level it covers, up to the (rounded-up) target, is not
 * fully in place (m_l < 1). So a practice has a triggered recommendation exactly when its gap is above 0
 * (given recommendations that cover every level up to the target).
 */
export function isTriggered(p: PracticeResult, level: number, ladder: readonly number[]): boolean {
  if (!p.assessed || p.target === null || p.level_scores === null) return false;
  const top = Math.ceil(p.target);
  return coveredLevels(level, ladder).some((l) => l <= top && p.level_scores![l - 1]! < 1);
}

/** The order of docs/formulas.md: target.yaml `first` (in its order), then customer rank, priority (desc), level, id. */
export function compareRecommendations(first: readonly string[] = []) {
  const pos = new Map(first.map((id, i) => [id, i]));
  return (a: RecommendationResult, b: RecommendationResult): number => {
    const fa = pos.get(a.id) ?? Infinity;
    const fb = pos.get(b.id) ?? Infinity;
    if (fa !== fb) return fa - fb;
    const ra = a.rank ?? Infinity;
    const rb = b.rank ?? Infinity;
    if (ra !== rb) return ra - rb;
    if (a.priority !== b.priority) return b.priority - a.priority;
    if (a.level !== b.level) return a.level - b.level;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/**
 * Triggered recommendations in docs/formulas.md order. A recommendation is triggered when a level it covers, up
 * to the target, is not fully in place; urgency (1 + G_p)² − 1; raw = urgency × impact × W_k / max(1,
 * effort); priority = 100 × raw / max raw. Order: target.yaml `first`, customer rank, priority (desc),
 * level, id. `phase` is left null for the roadmap.
 */
export function triggerRecommendations(
  practices: readonly PracticeResult[],
  recs: readonly SourcedRecommendation[],
  weights: Partial<Record<Perspective, number>>,
  requirements: readonly Requirement[],
  first: readonly string[] = [],
  owners: ReadonlyMap<string, string> = new Map(),
): RecommendationResult[] {
  const byPractice = new Map(practices.map((p) => [p.id, p]));
  const ladders = new Map<string, number[]>();
  for (const r of recs) ladders.set(r.practice, [...(ladders.get(r.practice) ?? []), r.level]);
  const triggered = recs.filter((r) => {
    const p = byPractice.get(r.practice);
    return !!p && isTriggered(p, r.level, ladders.get(r.practice)!);
  });
  const raws = triggered.map((r) => {
    const p = byPractice.get(r.practice)!;
    const urgency = (1 + p.gap!) ** 2 - 1;
    return { r, p, urgency, raw: (urgency * r.impact * (weights[p.perspective] ?? 1)) / Math.max(1, r.effort_days) };
  });
  const maxRaw = maxOf(
    raws.map((x) => x.raw),
    0,
  );
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
      covers: coveredLevels(r.level, ladders.get(r.practice)!),
      title: r.title,
      horizon: r.horizon,
      effort_days: r.effort_days,
      impact: r.impact,
      urgency,
      priority,
      bucket: bucketOf(priority),
      rank: rankOf(requirements, r.practice),
      first: first.includes(r.id),
      depends_on: [...new Set(deps)],
      skills: r.skills ?? [],
      owner: r.owner ?? owners.get(r.practice) ?? null,
      kpis: [],
      phase: null,
      source: r.source,
      // Costs need the day rate: assess() fills them in.
      cost: null,
      alternatives: [],
    };
  });
  return results.sort(compareRecommendations(first));
}
