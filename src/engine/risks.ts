import type { Assessment, Risk } from './types.js';
import { minOf } from '../util/arrays.js';

const SEVERITY = { high: 3, medium: 2, low: 1 } as const;

/** A phase is "full" when its planned work uses at least this share of its capacity. */
export const NO_SLACK_SHARE = 0.95;

/**
 * Delivery risks derived from the data (no judgement the data cannot support), the most severe first
 * (likelihood × impact, then the order below). Each names what it is about and the figures behind it; the
 * deliverables phrase them and add the mitigation. Pure.
 */
export function deriveRisks(a: Omit<Assessment, 'risks'>): Risk[] {
  const out: Risk[] = [];
  const r = a.roadmap;
  const offPlan = a.requirements.filter((t) => t.status === 'not-on-plan');
  if (r.unscheduled.length) {
    out.push({
      kind: 'unscheduled-work',
      likelihood: 'high',
      impact: offPlan.length ? 'high' : 'medium',
      subjects: [...r.unscheduled],
      figures: { recommendations: r.unscheduled.length, days: r.unscheduled_days, requirements_off_plan: offPlan.length },
    });
  }
  const lateWork = a.recommendations.filter((x) => x.late);
  if (lateWork.length) {
    out.push({
      kind: 'late-work',
      likelihood: 'high',
      impact: lateWork.some((x) => x.rank !== null) ? 'high' : 'medium',
      subjects: lateWork.map((x) => x.id),
      figures: { recommendations: lateWork.length, days: lateWork.reduce((t, x) => t + x.effort_days, 0) },
    });
  }
  const full = r.phases.filter((p) => p.capacity_days !== null && p.capacity_days > 0 && p.used_days / p.capacity_days >= NO_SLACK_SHARE);
  if (full.length) {
    out.push({
      kind: 'no-slack',
      likelihood: 'medium',
      impact: 'medium',
      subjects: full.map((p) => p.id),
      figures: { phases: full.length, least_slack_days: minOf(full.map((p) => p.capacity_days! - p.used_days)) },
    });
  }
  const t = a.training;
  if (t?.single_points.length) {
    out.push({
      kind: 'single-point-of-knowledge',
      likelihood: 'medium',
      impact: 'high',
      subjects: t.single_points.map((s) => s.skill),
      figures: { skills: t.single_points.length },
    });
  }
  const hiring = t?.roles.filter((x) => x.hires > 0) ?? [];
  if (hiring.length) {
    out.push({
      kind: 'vacancies',
      likelihood: 'high',
      impact: 'medium',
      subjects: hiring.map((x) => x.id),
      figures: { people: hiring.reduce((s, x) => s + x.hires, 0) },
    });
  }
  const late = t?.schedule.filter((s) => s.late) ?? [];
  if (late.length) {
    out.push({ kind: 'late-training', likelihood: 'high', impact: 'medium', subjects: late.map((s) => s.skill), figures: { courses: late.length } });
  }
  const contradicted = a.practices.filter((p) => p.evidence.some((e) => e.ok === false));
  if (contradicted.length) {
    out.push({
      kind: 'optimistic-scores',
      likelihood: 'medium',
      impact: 'medium',
      subjects: contradicted.map((p) => p.id),
      figures: { practices: contradicted.length },
    });
  }
  const rel = a.releases;
  const cfrTarget = rel?.targets.change_failure_rate;
  if (rel && rel.change_failure_rate !== null && (cfrTarget !== undefined ? rel.change_failure_rate > cfrTarget : rel.bands.change_failure_rate === 'low')) {
    out.push({
      kind: 'failing-releases',
      likelihood: 'high',
      impact: 'high',
      subjects: ['change_failure_rate'],
      figures: { change_failure_rate: rel.change_failure_rate, target: cfrTarget ?? null, releases: rel.outcome_known },
    });
  }
  const unknown = a.requirements.filter((x) => x.status === 'unknown');
  const unmeasured = [...new Set(unknown.flatMap((x) => x.metrics.filter((m) => m.value === null).map((m) => m.name)))];
  if (unmeasured.length) {
    out.push({
      kind: 'unmeasured',
      likelihood: 'high',
      impact: 'medium',
      subjects: unmeasured,
      figures: { requirements: unknown.length, metrics: unmeasured.length },
    });
  }
  const b = a.backlog;
  if (b && b.arrivals_per_30_days > b.throughput_per_30_days) {
    out.push({
      kind: 'backlog-growing',
      likelihood: 'high',
      impact: 'medium',
      subjects: [],
      figures: { arrivals_per_30_days: b.arrivals_per_30_days, throughput_per_30_days: b.throughput_per_30_days, open: b.open_count },
    });
  }
  const order = out.map((x) => x.kind);
  return out.sort(
    (x, y) => SEVERITY[y.likelihood] * SEVERITY[y.impact] - SEVERITY[x.likelihood] * SEVERITY[x.impact] || order.indexOf(x.kind) - order.indexOf(y.kind),
  );
}
