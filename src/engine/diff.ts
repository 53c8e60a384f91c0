import type { Assessment } from './types.js';

export type Change = { from: number | null; to: number | null };

export interface AssessmentDiff {
  overall: Record<'score' | 'target' | 'gap' | 'percent_to_target', Change>;
  perspectives: { id: string; score: Change; gap: Change }[];
  practices: { id: string; name: string; score: Change; level: Change; gap: Change }[];
  recommendations: { added: { id: string; title: string; practice: string }[]; removed: { id: string; title: string; practice: string }[] };
  backlog: { metric: string; change: Change }[];
  releases: { metric: string; change: Change }[];
  changed: boolean;
}

/** Equal to two decimals: what the pull-request comment shows. */
function same(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.round(a * 100) === Math.round(b * 100);
}

const change = (from: number | null | undefined, to: number | null | undefined): Change => ({ from: from ?? null, to: to ?? null });

const BACKLOG_METRICS = ['count', 'open_count', 'open_effort_days', 'throughput_per_30_days', 'arrivals_per_30_days', 'clearance_months'] as const;
const RELEASE_METRICS = ['count', 'deployment_frequency_per_week', 'lead_time_days', 'request_lead_time_days', 'change_failure_rate', 'recovery_hours', 'rework_rate'] as const;

/** What changed between two assessments, keeping only changes visible at two decimals. Pure. */
export function diffAssessments(base: Assessment, head: Assessment): AssessmentDiff {
  const overall = {
    score: change(base.overall.score, head.overall.score),
    target: change(base.overall.target, head.overall.target),
    gap: change(base.overall.gap, head.overall.gap),
    percent_to_target: change(base.overall.percent_to_target, head.overall.percent_to_target),
  };
  const perspectives = Object.keys(head.perspectives)
    .map((k) => {
      const b = base.perspectives[k as keyof typeof base.perspectives];
      const h = head.perspectives[k as keyof typeof head.perspectives];
      return { id: k, score: change(b?.score, h.score), gap: change(b?.gap, h.gap) };
    })
    .filter((p) => !same(p.score.from, p.score.to) || !same(p.gap.from, p.gap.to));
  const basePractices = new Map(base.practices.map((p) => [p.id, p]));
  const practices = head.practices
    .map((p) => {
      const b = basePractices.get(p.id);
      return { id: p.id, name: p.name, score: change(b?.score, p.score), level: change(b?.level, p.level), gap: change(b?.gap, p.gap) };
    })
    .filter((p) => !same(p.score.from, p.score.to) || !same(p.level.from, p.level.to) || !same(p.gap.from, p.gap.to));
  const baseRecs = new Set(base.recommendations.map((r) => r.id));
  const headRecs = new Set(head.recommendations.map((r) => r.id));
  const pick = (r: { id: string; title: string; practice: string }) => ({ id: r.id, title: r.title, practice: r.practice });
  const recommendations = {
    added: head.recommendations.filter((r) => !baseRecs.has(r.id)).map(pick),
    removed: base.recommendations.filter((r) => !headRecs.has(r.id)).map(pick),
  };
  const metricChanges = <T extends object>(b: T | null, h: T | null, keys: readonly string[]) =>
    keys
      .map((k) => ({ metric: k, change: change((b as Record<string, number | null> | null)?.[k], (h as Record<string, number | null> | null)?.[k]) }))
      .filter((m) => !same(m.change.from, m.change.to));
  const backlog = metricChanges(base.backlog, head.backlog, BACKLOG_METRICS);
  const releases = metricChanges(base.releases, head.releases, RELEASE_METRICS);
  const overallChanged = Object.values(overall).some((c) => !same(c.from, c.to));
  return {
    overall,
    perspectives,
    practices,
    recommendations,
    backlog,
    releases,
    changed: overallChanged || perspectives.length > 0 || practices.length > 0 || recommendations.added.length > 0 || recommendations.removed.length > 0 || backlog.length > 0 || releases.length > 0,
  };
}
