/**
 * The data the progress report template receives: the progress figures and what moved since the last
 * report, joined with the engagement's names, and the sentences of progress-headlines.ts computed once.
 * Nothing here computes a figure of its own.
 */
import type { Engagement, PersonRef } from '../engagement/types.js';
import type { ProgressBucket, RecommendationProgress } from '../engine/progress.js';
import type { Assessment, RequirementStatus } from '../engine/types.js';
import { PERSPECTIVE_NAMES } from './headlines.js';
import * as P from './progress-headlines.js';
import { capitalise, date, days, metricName, metricValue, money, num, pct, score } from './words.js';

const BUCKET_TEXT: Record<ProgressBucket, string> = {
  done: 'done',
  dropped: 'dropped',
  late: 'late',
  'in-progress': 'in progress',
  'not-started': 'not started',
};
const STATUS_TEXT: Record<RequirementStatus, string> = { met: 'met', planned: 'planned', 'not-on-plan': 'not on the plan', unknown: 'cannot be judged' };

function personLine(p: PersonRef): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

export interface ProgressViewOptions {
  /** The plan of record (the assessment whose roadmap is tracked). */
  plan: Assessment;
  logo?: string | null;
}

/** The progress report's view. */
/** Rows a slide's list holds, and a slide's table of late work (its reasons wrap). */
const SLIDE_ROWS = 6;
const SLIDE_TABLE_ROWS = 4;

/** The first `n` entries and how many more there are. */
function firstOf<T>(all: T[], n: number): { rows: T[]; more: number } {
  return { rows: all.slice(0, n), more: Math.max(0, all.length - n) };
}

export function progressView(f: P.ProgressFacts, e: Engagement, opts: ProgressViewOptions) {
  const r = f.report;
  const t = r.totals;
  const m = e.manifest.engagement;
  const currency = f.current.engagement.currency;
  const recs = P.recommendationsOf(r);
  const titles = new Map([...recs].map(([id, x]) => [id, x.title]));
  const phaseIndex = new Map(opts.plan.roadmap.phases.map((p, k) => [p.id, k]));
  const phaseLabel = (id: string | null) =>
    id === null ? 'not scheduled' : `${opts.plan.roadmap.phases[phaseIndex.get(id)!]?.name ?? id} (phase ${(phaseIndex.get(id) ?? 0) + 1})`;
  const roles = new Map((e.team?.roles ?? []).map((x) => [x.id, x.name ?? x.id]));
  const rec = (x: RecommendationProgress) => ({
    id: x.id,
    title: x.title,
    phase: phaseLabel(x.phase),
    effort: days(x.effort_days),
    effort_days: num(x.effort_days),
    cost: x.cost !== null ? money(x.cost, currency) : null,
    state: BUCKET_TEXT[x.bucket],
    owner: x.owner ?? (x.owner_role ? (roles.get(x.owner_role) ?? x.owner_role) : 'not named'),
    started: x.started ? date(x.started) : null,
    done: x.done ? date(x.done) : null,
    late: x.late,
    days_late: x.days_late,
    notes: x.notes,
    why: P.lateReason(x, titles),
    dates:
      x.status === 'done'
        ? x.done
          ? `done ${date(x.done)}`
          : 'done'
        : x.status === 'in-progress'
          ? x.started
            ? `since ${date(x.started)}`
            : 'under way'
          : '',
  });
  const phases = r.phases.map((p, k) => ({
    label: `Phase ${k + 1}: ${p.name}`,
    dates: p.start && p.end ? `${date(p.start)} – ${date(p.end)}` : p.end ? `until ${date(p.end)}` : 'no dates',
    state: p.ended ? 'ended' : p.start && p.start <= r.today ? 'under way' : 'not begun',
    done: p.counts.done,
    in_progress: p.counts['in-progress'],
    late: p.counts.late,
    not_started: p.counts['not-started'],
    dropped: p.counts.dropped,
    planned_days: num(p.planned_days),
    done_days: num(p.done_days),
    share: p.planned_days ? pct(p.done_days / p.planned_days) : 'n/a',
    recs: p.recommendations.map(rec),
  }));
  const d = f.moved;
  const change = (from: number | null, to: number | null, fmt: (v: number | null) => string) => ({
    from: fmt(from),
    to: fmt(to),
    direction: from === null || to === null ? '' : to > from ? 'up' : to < from ? 'down' : 'same',
  });
  const moved = d
    ? {
        overall: [
          { name: 'Overall score (0–5)', ...change(d.overall.score.from, d.overall.score.to, score) },
          { name: 'Of the way to target', ...change(d.overall.percent_to_target.from, d.overall.percent_to_target.to, pct) },
        ],
        perspectives: d.perspectives.map((x) => ({
          name: PERSPECTIVE_NAMES[x.id as keyof typeof PERSPECTIVE_NAMES] ?? x.id,
          ...change(x.score.from, x.score.to, score),
        })),
        practices: d.practices.map((x) => ({
          name: x.name,
          ...change(x.score.from, x.score.to, score),
          level: `${x.level.from ?? '–'} → ${x.level.to ?? '–'}`,
        })),
        metrics: d.releases.map((x) => ({
          name: capitalise(metricName(x.metric)),
          ...change(x.change.from, x.change.to, (v) => (x.metric === 'count' ? num(v) : metricValue(x.metric, v))),
        })),
        requirements: d.requirements
          .filter((x) => x.status.from !== x.status.to && x.status.to !== null)
          .map((x) => ({
            title: x.title,
            from: x.status.from ? STATUS_TEXT[x.status.from as RequirementStatus] : 'new',
            to: STATUS_TEXT[x.status.to as RequirementStatus],
          })),
        added: d.recommendations.added.length,
        removed: d.recommendations.removed.map((x) => x.title),
      }
    : null;
  // Views of the recommendations with these ids, in order.
  const views = (ids: readonly string[]) =>
    ids
      .map((id) => recs.get(id))
      .filter((x) => x !== undefined)
      .map(rec);
  const doneSince = views(f.changes.done);
  const late = P.lateOf(r).map(rec);
  return {
    client: m.client,
    title: f.current.engagement.title,
    as_of: r.today,
    as_of_text: date(r.today),
    cover_date_text: date(r.today),
    consultants: (m.consultants ?? []).map(personLine),
    sponsor: m.sponsor ? personLine(m.sponsor) : null,
    logo: opts.logo ?? null,
    // The plan of record in the client's words: the assessment whose roadmap is tracked, by its date.
    plan_label: `the assessment of ${date(opts.plan.as_of)}`,
    since: f.since ? { label: P.sinceLabel(f.since), date_text: f.since.date ? date(f.since.date) : null } : null,
    headlines: {
      answer: P.progressAnswerSentence(f),
      done: P.doneSentence(f),
      moved: P.movedSentence(f),
      late: P.lateSentence(f),
      requirements: P.requirementsProgressSentence(f),
      next: P.nextSentence(f),
      ask: P.askSentence(f),
    },
    totals: {
      recommendations: t.recommendations,
      done: t.done,
      in_progress: t.in_progress,
      late: t.late,
      not_started: t.not_started,
      dropped: t.dropped,
      planned_days: num(t.planned_days),
      done_days: num(t.done_days),
      due_days: num(t.due_days),
      percent: pct(t.percent_done),
      done_cost: t.done_cost !== null ? money(t.done_cost, currency) : null,
    },
    phases,
    done_since: doneSince,
    started_since: views(f.changes.started),
    dropped_since: views(f.changes.dropped),
    reopened_since: views(f.changes.reopened),
    moved,
    late,
    requirements: r.requirements.map((x) => ({
      title: x.title,
      rank: x.rank,
      work: x.recommendations.length
        ? `${x.done} of ${x.recommendations.length} recommendation${x.recommendations.length === 1 ? '' : 's'} done`
        : 'no work on the plan',
      state:
        x.status_at_plan === 'met'
          ? 'met at the assessment'
          : x.met_by_done_work
            ? 'met by done work'
            : x.waiting_for === 'work'
              ? 'waiting for work'
              : x.waiting_for === 'metrics'
                ? 'work done; a metric misses its target'
                : 'work done; a metric has no data',
      now: x.status_now ? STATUS_TEXT[x.status_now] : 'n/a',
    })),
    next_steps: r.next_steps.map((id) => recs.get(id)!).map((x) => ({ ...rec(x), action: x.status === 'in-progress' ? 'Finish' : 'Start' })),
    // The progress deck: a title per slide, and its lists cut to what a slide holds (the report has them all).
    titles: P.progressSlideTitles(f),
    slides: {
      done: firstOf(doneSince, SLIDE_ROWS),
      late: firstOf(late, SLIDE_TABLE_ROWS),
    },
    unscheduled: r.unscheduled.map(rec),
    outside_plan: r.outside_plan.map(rec),
  };
}

export type ProgressReportView = ReturnType<typeof progressView>;
