import type { Engagement, Requirement } from '../engagement/types.js';
import type { Perspective, Recommendation } from '../model/types.js';
import type { Bucket, PracticeResult, RecommendationResult } from './types.js';
import { maxOf } from '../util/arrays.js';

export type SourcedRecommendation = Recommendation & { practice: string; source: 'model' | 'engagement' };

/** A criterion as the recommendations read it: its level and its answer value (0..1; unanswered 0; null: `na`). */
export interface CriterionState {
  id: string;
  level: number;
  value: number | null;
}

/** The first paragraph of a recommendation's description, and its "First steps:" list when it has one. */
export function splitDescription(d: string | undefined): { what: string; steps: string[] } {
  if (!d) return { what: '', steps: [] };
  const [head, tail] = d.split(/\n\s*First steps:\s*\n/);
  const steps = (tail ?? '')
    .split('\n')
    .map((l) => l.replace(/^\s*[-*]\s+/, '').trim())
    .filter(Boolean);
  return { what: (head ?? '').trim().replace(/\s+/g, ' '), steps };
}

/** The levels up to the (rounded-up) target that are not fully in place (m_l < 1): where the gap lies. */
export function shortLevels(p: PracticeResult): number[] {
  if (!p.assessed || p.target === null || p.level_scores === null) return [];
  const top = Math.ceil(p.target);
  return p.level_scores.flatMap((m, i) => (i + 1 <= top && m < 1 ? [i + 1] : []));
}

/**
 * The parts of a recommendation its unmet criteria ask for, or null when it says everything (no parts, a rating,
 * every part asked for, or none: then the whole text stands).
 */
export function keptParts(
  r: Pick<Recommendation, 'parts'>,
  method: PracticeResult['method'],
  unmet: readonly string[],
): NonNullable<Recommendation['parts']> | null {
  const parts = r.parts ?? [];
  if (!parts.length || method !== 'answers') return null;
  const kept = parts.filter((pt) => pt.criteria.some((c) => unmet.includes(c)));
  return kept.length && kept.length < parts.length ? kept : null;
}

/** What the work produces: the kept parts' deliverables when some parts are left out, else the recommendation's. */
export function recommendationDeliverables(
  r: Pick<Recommendation, 'parts' | 'deliverables'>,
  method: PracticeResult['method'],
  unmet: readonly string[],
): string[] {
  const kept = keptParts(r, method, unmet);
  return kept ? kept.flatMap((pt) => pt.deliverables ?? []) : (r.deliverables ?? []);
}

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/**
 * What a triggered recommendation says (docs/formulas.md, Recommendations): only what its unmet criteria ask.
 * With model `parts`, a part whose criteria are all met or `na` is left out of the title, text and first steps
 * (a practice judged by a rating keeps every part: its criteria are not known). A title that promises a level
 * ("… to level 2") the practice has already reached becomes "Complete level 2 of <practice>".
 */
export function recommendationText(
  r: SourcedRecommendation,
  p: PracticeResult,
  unmet: readonly string[],
): { title: string; what: string; steps: string[]; completes: boolean } {
  const base = splitDescription(r.description);
  const completes = p.level !== null && p.level >= r.level;
  let title = r.title;
  let { what, steps } = base;
  const kept = keptParts(r, p.method, unmet);
  if (kept) {
    title = kept.map((pt, i) => (i === 0 ? pt.title : lowerFirst(pt.title))).join(' and ');
    what =
      kept
        .map((pt) => pt.description ?? '')
        .filter(Boolean)
        .join(' ') || what;
    steps = kept.flatMap((pt) => pt.steps ?? []);
  }
  if (completes && /\bto level \d\b/i.test(title)) title = `Complete level ${r.level} of ${lowerFirst(p.name)}`;
  return { title, what, steps, completes };
}

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
  criteria: ReadonlyMap<string, readonly CriterionState[]> = new Map(),
): RecommendationResult[] {
  const byPractice = new Map(practices.map((p) => [p.id, p]));
  const ladders = new Map<string, number[]>();
  for (const r of recs) ladders.set(r.practice, [...(ladders.get(r.practice) ?? []), r.level]);
  /** The criteria a recommendation is triggered by: at a covered level up to the target that is short, answered below `most` (n/a left out). */
  const unmetOf = (r: SourcedRecommendation, p: PracticeResult): string[] => {
    if (p.method !== 'answers') return [];
    const short = new Set(shortLevels(p));
    const covers = coveredLevels(r.level, ladders.get(r.practice)!).filter((l) => short.has(l));
    return (criteria.get(p.id) ?? []).filter((c) => covers.includes(c.level) && c.value !== null && c.value < 1).map((c) => c.id);
  };
  const triggered = recs.filter((r) => {
    const p = byPractice.get(r.practice);
    if (!p || !isTriggered(p, r.level, ladders.get(r.practice)!)) return false;
    // Never for criteria that are out of scope: a practice judged on its answers needs an unmet criterion in scope.
    return p.method !== 'answers' || !criteria.has(p.id) || unmetOf(r, p).length > 0;
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
    const unmet = unmetOf(r, p);
    const text = recommendationText(r, p, unmet);
    return {
      id: r.id,
      practice: r.practice,
      perspective: p.perspective,
      level: r.level,
      covers: coveredLevels(r.level, ladders.get(r.practice)!),
      title: text.title,
      what: text.what,
      steps: text.steps,
      criteria: unmet,
      short_levels: shortLevels(p),
      completes: text.completes,
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
