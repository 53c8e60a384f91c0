// The progress report's data: loaded by report-extras.ts only when a progress deliverable is wanted (it reads git
// and the plan of record, and brings the YAML editor's library along).
import type { Engagement } from '../engagement/types.js';
import { assess } from '../engine/assess.js';
import { diffAssessments } from '../engine/diff.js';
import { progressSince } from '../engine/progress.js';
import type { Assessment } from '../engine/types.js';
import { gitCommitDate } from '../io/git.js';
import { isNoDataChart } from '../render/charts/index.js';
import type { ProgressDeliverable } from '../render/deliverables.js';
import type { ProgressFacts } from '../render/progress-headlines.js';
import { BURNUP_TITLE, burnupChart, TREND_TITLE, trendChart } from '../render/progress-charts.js';
import { progressView } from '../render/progress-view.js';
import { newestTag, progressContext, type ProgressOptions } from './progress.js';
import { engagementAtRevision } from './revision.js';
import { collectTrend } from './trend.js';

export interface ProgressReportOptions extends Pick<ProgressOptions, 'today' | 'plan' | 'windowDays' | 'now'> {
  /** The last report's revision: what was done and what moved are measured since it. */
  since?: string;
  /** The run's working folder: paths in notes are shown relative to it. */
  cwd: string;
}

/** The tags a progress report (or an assessment) is marked with: the next report is measured since the newest. */
export const REPORT_TAGS = ['progress-*', 'assessment-*'];

/**
 * The progress report's view and charts: progress against the plan of record, and what changed since the
 * last report (`--since`, else the newest tag progress-* or assessment-*): recommendations done, started and
 * dropped (progress.yaml then and now), scores, metrics and requirements (the assessment then and now).
 */
export function progressDeliverable(
  current: Assessment,
  e: Engagement,
  root: string,
  opts: ProgressReportOptions,
  logo: string | null,
  notes: string[],
): ProgressDeliverable {
  const ctx = progressContext(current, e, root, opts);
  const sinceRev = opts.since ?? newestTag(root, REPORT_TAGS) ?? null;
  let facts: ProgressFacts = {
    client: e.manifest.engagement.client,
    report: ctx.report,
    current,
    since: null,
    changes: progressSince(null, e.progress, ctx.report.today),
    moved: null,
    metBefore: null,
  };
  if (sinceRev !== null) {
    const then = engagementAtRevision(root, sinceRev, 'It cannot be the last report: name another with --since.');
    const before = assess(then, { windowDays: opts.windowDays });
    facts = {
      ...facts,
      // The date of that reading: progress.yaml's as_of, else the day it was committed; an assessment without progress: its as_of.
      // The client reads what it was and when ("the progress report of 1 July 2026"), never the revision's name.
      since: then.progress
        ? { kind: 'report', date: then.progress.as_of ?? gitCommitDate(root, sinceRev) ?? null }
        : { kind: 'assessment', date: then.manifest.engagement.as_of },
      changes: progressSince(then.progress, e.progress, ctx.report.today),
      moved: diffAssessments(before, current),
      metBefore: before.summary.requirements.met,
    };
  }
  if (sinceRev === null)
    notes.push('progress report: no earlier report to compare with; tag this one (git tag progress-YYYY-MM) and the next report measures what moved since');
  const view = progressView(facts, e, { plan: ctx.plan, logo });
  const phaseNames = new Map(ctx.plan.roadmap.phases.map((p) => [p.id, p.name]));
  const charts: ProgressDeliverable['charts'] = { burnup: { title: BURNUP_TITLE, svg: burnupChart(ctx.report.burnup, phaseNames) } };
  const { points } = collectTrend(opts.cwd, root, [], opts.windowDays, notes);
  if (points.length >= 2) charts.trend = { title: TREND_TITLE, svg: trendChart(points) };
  for (const [name, c] of Object.entries(charts)) if (isNoDataChart(c.svg)) delete charts[name];
  return { view, charts };
}
