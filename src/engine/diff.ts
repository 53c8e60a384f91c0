import type { Assessment } from './types.js';

export type Change = { from: number | null; to: number | null };

/** How a figure reads: a whole count, days, a share (0..1), money in the engagement currency, or another number. */
export type Unit = 'count' | 'days' | 'hours' | 'months' | 'per-week' | 'per-30-days' | 'share' | 'money';

export interface MetricChange {
  metric: string;
  unit: Unit;
  change: Change;
}

/** A requirement whose standing changed: its status (met, planned, not-on-plan, unknown) or the phase that meets it. */
export interface RequirementChange {
  id: string;
  title: string;
  status: { from: string | null; to: string | null };
  reaches_target: { from: string | null; to: string | null };
}

export interface AssessmentDiff {
  /** The currency of the money figures (the head's). */
  currency: string;
  overall: Record<'score' | 'target' | 'gap' | 'percent_to_target', Change>;
  perspectives: { id: string; score: Change; gap: Change }[];
  practices: { id: string; name: string; score: Change; level: Change; gap: Change }[];
  recommendations: { added: { id: string; title: string; practice: string }[]; removed: { id: string; title: string; practice: string }[] };
  requirements: RequirementChange[];
  /** The size and cost of the plan: roadmap and training days and money, and the day rate they are priced at. */
  cost: MetricChange[];
  backlog: MetricChange[];
  releases: MetricChange[];
  changed: boolean;
}

/** Equal as the pull-request comment shows it: money to the unit, everything else to two decimals. */
function same(a: number | null, b: number | null, unit?: Unit): boolean {
  if (a === null || b === null) return a === b;
  return unit === 'money' ? Math.round(a) === Math.round(b) : Math.round(a * 100) === Math.round(b * 100);
}

const change = (from: number | null | undefined, to: number | null | undefined): Change => ({ from: from ?? null, to: to ?? null });

const BACKLOG_METRICS: [string, Unit][] = [
  ['count', 'count'],
  ['open_count', 'count'],
  ['open_effort_days', 'days'],
  ['throughput_per_30_days', 'per-30-days'],
  ['arrivals_per_30_days', 'per-30-days'],
  ['clearance_months', 'months'],
];
const RELEASE_METRICS: [string, Unit][] = [
  ['count', 'count'],
  ['deployment_frequency_per_week', 'per-week'],
  ['lead_time_days', 'days'],
  ['request_lead_time_days', 'days'],
  ['change_failure_rate', 'share'],
  ['recovery_hours', 'hours'],
  ['rework_rate', 'share'],
];

type Figures = Record<string, number | null | undefined>;

/** The plan's size and cost, by the names the comment shows. */
function costFigures(a: Assessment): Figures {
  return {
    day_rate: a.engagement.day_rate,
    roadmap_days: a.roadmap.total_days,
    roadmap_cost: a.roadmap.total_cost,
    unscheduled_days: a.roadmap.unscheduled_days,
    training_days: a.training?.total_days,
    training_cost: a.training?.total_cost,
  };
}
const COST_METRICS: [string, Unit][] = [
  ['day_rate', 'money'],
  ['roadmap_days', 'days'],
  ['roadmap_cost', 'money'],
  ['unscheduled_days', 'days'],
  ['training_days', 'days'],
  ['training_cost', 'money'],
];

function metricChanges(b: Figures | null, h: Figures | null, metrics: readonly [string, Unit][]): MetricChange[] {
  return metrics.map(([metric, unit]) => ({ metric, unit, change: change(b?.[metric], h?.[metric]) })).filter((m) => !same(m.change.from, m.change.to, m.unit));
}

/** What changed between two assessments, keeping only changes visible in the comment. Pure. */
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
  const baseReqs = new Map(base.requirements.map((r) => [r.id, r]));
  const headIds = new Set(head.requirements.map((r) => r.id));
  const requirements: RequirementChange[] = [
    ...head.requirements.map((r) => {
      const b = baseReqs.get(r.id);
      return {
        id: r.id,
        title: r.title,
        status: { from: b ? b.status : null, to: r.status },
        reaches_target: { from: b ? b.reaches_target : null, to: r.reaches_target },
      };
    }),
    ...base.requirements
      .filter((r) => !headIds.has(r.id))
      .map((r) => ({ id: r.id, title: r.title, status: { from: r.status, to: null }, reaches_target: { from: r.reaches_target, to: null } })),
  ].filter((r) => r.status.from !== r.status.to || r.reaches_target.from !== r.reaches_target.to || !baseReqs.has(r.id));
  const cost = metricChanges(costFigures(base), costFigures(head), COST_METRICS);
  const backlog = metricChanges(base.backlog as Figures | null, head.backlog as Figures | null, BACKLOG_METRICS);
  const releases = metricChanges(base.releases as Figures | null, head.releases as Figures | null, RELEASE_METRICS);
  const overallChanged = Object.values(overall).some((c) => !same(c.from, c.to));
  return {
    currency: head.engagement.currency,
    overall,
    perspectives,
    practices,
    recommendations,
    requirements,
    cost,
    backlog,
    releases,
    changed:
      overallChanged ||
      [perspectives, practices, recommendations.added, recommendations.removed, requirements, cost, backlog, releases].some((list) => list.length > 0),
  };
}
