/**
 * The sentences of the progress report (answer first, like headlines.ts): each a pure function of the
 * figures the engine computed (progress, the change since the last report), each pinned by a unit test.
 */
import type { AssessmentDiff } from '../engine/diff.js';
import { costOfDays, effortOf, lateOf, recommendationsOf, type ProgressReport, type RecommendationProgress } from '../engine/progress.js';
import type { Assessment } from '../engine/types.js';
import { capitalise, count, date, days, list, metricName, metricValue, money, num, numberWord, pct, score } from './words.js';
import { maxOf } from '../util/arrays.js';

/** What the progress report is built from: all of it computed by the engine. */
export interface ProgressFacts {
  client: string;
  report: ProgressReport;
  /** The assessment as it stands now. */
  current: Assessment;
  /**
   * The last report (or assessment) this one is measured against, in the client's words: what it was and its
   * date ("the assessment of 31 March 2026"), never a revision name; null for the first.
   */
  since: { kind: 'assessment' | 'report'; date: string | null } | null;
  /** progress.yaml then and now. */
  changes: { done: string[]; started: string[]; dropped: string[]; reopened: string[] };
  /** The assessment then against now; null without an earlier one. */
  moved: AssessmentDiff | null;
  /** Requirements met in the earlier assessment; null without one. */
  metBefore: number | null;
}

export { lateOf, recommendationsOf };

/** The next steps, as recommendations: what to finish first, then what to start. */
function nextStepsOf(r: ProgressReport): RecommendationProgress[] {
  const recs = recommendationsOf(r);
  return r.next_steps.map((id) => recs.get(id)!);
}

/** Every recommendation of the plan is done or dropped. */
function planComplete(t: ProgressReport['totals']): boolean {
  return t.recommendations > 0 && t.done + t.dropped === t.recommendations;
}

/** The answer: effort delivered against the plan by today, and what is late. */
export function progressAnswerSentence(f: ProgressFacts): string {
  const t = f.report.totals;
  if (!t.recommendations) return `The plan holds no recommendation to carry out, so there is no progress to report.`;
  const head = `${f.client} has delivered ${num(t.done_days)} of the ${days(t.planned_days)} planned (${pct(t.percent_done)}) by ${date(f.report.today)}`;
  if (t.due_days === 0) return `${head}; no phase has ended yet${t.late ? '' : ', so nothing is late'}.`;
  const late = t.late ? `${count(t.late, 'recommendation is', 'recommendations are')} late` : 'nothing is late';
  return `${head}, against ${num(t.due_days)} due by then; ${late}.`;
}

/** "the assessment of 31 March 2026", "the progress report of 1 July 2026", "the last progress report". */
export function sinceLabel(since: NonNullable<ProgressFacts['since']>): string {
  const what = since.kind === 'assessment' ? 'assessment' : 'progress report';
  return since.date ? `the ${what} of ${date(since.date)}` : `the last ${what}`;
}

/** What was done since the last report: completed, started, dropped. */
export function doneSentence(f: ProgressFacts): string {
  const when = f.since ? `Since ${sinceLabel(f.since)}` : 'So far';
  const effort = effortOf(f.report, f.changes.done);
  const parts: string[] = [];
  if (f.changes.done.length) parts.push(`${count(f.changes.done.length, 'recommendation was', 'recommendations were')} completed (${days(effort)})`);
  if (f.changes.started.length) parts.push(`${numberWord(f.changes.started.length)} started`);
  if (f.changes.dropped.length) parts.push(`${numberWord(f.changes.dropped.length)} dropped`);
  if (f.changes.reopened.length) parts.push(`${numberWord(f.changes.reopened.length)} reopened`);
  if (!parts.length) return `${when}, no recommendation was completed, started or dropped.`;
  const [first, ...rest] = parts;
  return `${when}, ${first}${rest.length ? `, ${list(rest)}` : ''}.`;
}

const RELEASE_ORDER = ['change_failure_rate', 'deployment_frequency_per_week', 'lead_time_days', 'recovery_hours', 'request_lead_time_days', 'rework_rate'];

/** What moved since the last report: the overall score, the requirements met, and the release metric that moved first. */
export function movedSentence(f: ProgressFacts): string {
  const d = f.moved;
  if (!d) return 'This is the first progress report: there is no earlier reading to compare the scores and metrics with.';
  const parts: string[] = [];
  const o = d.overall.score;
  const way = d.overall.percent_to_target.to !== null ? ` (${pct(d.overall.percent_to_target.to)} of the way to target)` : '';
  if (o.from === null || o.to === null || score(o.from) === score(o.to)) parts.push(`The overall score is unchanged at ${score(o.to)}${way}`);
  else parts.push(`The overall score ${o.to > o.from ? 'rose' : 'fell'} from ${score(o.from)} to ${score(o.to)}${way}`);
  const total = f.current.requirements.length;
  const metNow = f.current.summary.requirements.met;
  if (f.metBefore !== null && metNow !== f.metBefore) {
    const k = Math.abs(metNow - f.metBefore);
    parts.push(`${numberWord(k)} ${metNow > f.metBefore ? 'more' : 'fewer'} requirement${k === 1 ? ' is' : 's are'} met (${metNow} of ${total})`);
  }
  const metric = RELEASE_ORDER.map((m) => d.releases.find((x) => x.metric === m)).find((x) => x && x.change.from !== null && x.change.to !== null);
  if (metric) {
    const up = metric.change.to! > metric.change.from!;
    parts.push(
      `the ${metricName(metric.metric)} ${up ? 'rose' : 'fell'} from ${metricValue(metric.metric, metric.change.from)} to ${metricValue(metric.metric, metric.change.to)}`,
    );
  }
  return `${parts.join('; ')}.`;
}

/** Why a late recommendation is late: its notes, else what it waits for, else that no reason is recorded. */
export function lateReason(r: RecommendationProgress, titles: ReadonlyMap<string, string>): string {
  if (r.notes) return r.notes.replace(/\s+/g, ' ').trim();
  if (r.waiting_for.length) return `Waiting for ${list(r.waiting_for.map((id) => titles.get(id) ?? id))}.`;
  return r.status === 'in-progress' ? 'In progress; no reason recorded.' : 'Not started; no reason recorded.';
}

/** What is late, how late, and whether the reasons are known. */
export function lateSentence(f: ProgressFacts): string {
  const late = lateOf(f.report);
  if (!late.length)
    return f.report.totals.due_days ? 'Nothing is late: the work of every phase that has ended is done.' : 'Nothing is late: no phase has ended yet.';
  const effort = effortOf(
    f.report,
    late.map((r) => r.id),
  );
  const most = maxOf(late.map((r) => r.days_late ?? 0));
  const started = late.filter((r) => r.status === 'in-progress').length;
  const silent = late.filter((r) => !r.notes && !r.waiting_for.length).length;
  const head =
    late.length === 1
      ? `One recommendation is late (${days(effort)}), ${count(most, 'day')} past the end of its phase`
      : `${capitalise(count(late.length, 'recommendation'))} are late (${days(effort)}), up to ${count(most, 'day')} past the end of their phase`;
  const state =
    late.length === 1
      ? started
        ? 'it is in progress'
        : 'it has not started'
      : started === late.length
        ? 'all in progress'
        : started === 0
          ? 'none started'
          : `${numberWord(started)} in progress, ${numberWord(late.length - started)} not started`;
  // A reason: the notes, or earlier work it waits for.
  const why =
    silent === 0
      ? late.length === 1
        ? 'the reason is recorded'
        : 'each has its reason recorded'
      : silent === late.length
        ? 'no reason is recorded'
        : `${numberWord(silent)} without a recorded reason`;
  return `${head}: ${state}; ${why}.`;
}

/** The requirements done work now meets, or the one closest to it. */
export function requirementsProgressSentence(f: ProgressFacts): string {
  const reqs = f.report.requirements;
  if (!reqs.length) return 'No requirements are recorded, so progress cannot be measured against them.';
  const met = reqs.filter((r) => r.met_by_done_work);
  const metrics = reqs.filter((r) => r.waiting_for === 'metrics' || r.waiting_for === 'data');
  const tail = metrics.length
    ? `; ${count(metrics.length, 'more has', 'more have')} its work done and wait${metrics.length === 1 ? 's' : ''} for a metric to meet its target`
    : '';
  if (met.length) return `Done work now meets ${count(met.length, 'requirement')}: ${list(met.map((r) => r.title))}${tail}.`;
  const open = reqs.filter((r) => r.waiting_for === 'work' && r.recommendations.length);
  if (!open.length) return `No requirement is met by done work yet${tail}.`;
  const closest = open.reduce((b, r) => (r.done / r.recommendations.length > b.done / b.recommendations.length ? r : b));
  return `No requirement is met by done work yet; the closest is ${closest.title} (${closest.done} of ${closest.recommendations.length} recommendations done)${tail}.`;
}

/** The next steps in their order, grouped by what to do with them: finish what is under way, start what is not. */
function stepGroups(steps: readonly RecommendationProgress[]): { action: 'finish' | 'start'; steps: RecommendationProgress[] }[] {
  const groups: { action: 'finish' | 'start'; steps: RecommendationProgress[] }[] = [];
  for (const r of steps) {
    const action = r.status === 'in-progress' ? 'finish' : 'start';
    const last = groups[groups.length - 1];
    if (last && last.action === action) last.steps.push(r);
    else groups.push({ action, steps: [r] });
  }
  return groups;
}

/**
 * Next: the steps in the order their dependencies allow (the engine puts what a step waits for before it), so
 * "finish X, then start Y" never asks to finish X while it waits for Y.
 */
export function nextSentence(f: ProgressFacts): string {
  const steps = nextStepsOf(f.report);
  if (!steps.length)
    return planComplete(f.report.totals)
      ? 'The plan is complete: every recommendation is done or dropped.'
      : 'Nothing is under way or ready to start: settle what the waiting work depends on.';
  // At most two of each group in the sentence; the next steps list gives them all.
  const some = (titles: string[]) => (titles.length > 2 ? `${titles.slice(0, 2).join(', ')} and ${count(titles.length - 2, 'more', 'more')}` : list(titles));
  const parts = stepGroups(steps).map((g) => `${g.action} ${some(g.steps.map((r) => `${r.title}${r.late ? ' (late)' : ''}`))}`);
  return `${capitalise(parts.join(', then '))}.`;
}

/** Who decides, what, by when: the ask that ends the progress deck. */
export interface ProgressAsk {
  /** "Catherine Doyle (CIO)", else "The programme sponsor". */
  who: string;
  /** The next phase to approve (not begun yet), with its effort and cost; null when every phase has begun. */
  phase: { name: string; index: number; start: string | null; days: number; cost: number | null } | null;
  /** The late work to re-plan. */
  late: { count: number; days: number };
  /** The day to decide by: the next phase's start, else the end of the phase under way; null when none is left. */
  by: string | null;
}

/** The ask's figures, from the progress of the plan and the engagement's sponsor. */
export function progressAsk(f: ProgressFacts): ProgressAsk {
  const r = f.report;
  const d = f.current.decision?.decided_by ?? null;
  const who = d ? (d.role ? `${d.name} (${d.role})` : d.name) : 'The programme sponsor';
  const next = r.phases.findIndex((p) => p.start !== null && p.start > r.today && p.planned_days > 0);
  const current = r.phases.find((p) => p.start !== null && p.start <= r.today && !p.ended) ?? null;
  const late = lateOf(r);
  const rate = f.current.engagement.day_rate;
  const p = next >= 0 ? r.phases[next]! : null;
  return {
    who,
    phase: p ? { name: p.name, index: next + 1, start: p.start, days: p.planned_days, cost: costOfDays(p.planned_days, rate) } : null,
    late: {
      count: late.length,
      days: effortOf(
        r,
        late.map((x) => x.id),
      ),
    },
    by: p?.start ?? current?.end ?? null,
  };
}

/** The ask in one sentence: who decides, what, by when. */
export function askSentence(f: ProgressFacts): string {
  const a = progressAsk(f);
  if (planComplete(f.report.totals))
    return `${a.who} to decide: commission the re-assessment that measures what the completed plan achieved against the requirements.`;
  const parts: string[] = [];
  if (a.phase)
    parts.push(
      `approve ${a.phase.name} (phase ${a.phase.index}): ${days(a.phase.days)}${a.phase.cost !== null ? ` (${money(a.phase.cost, f.current.engagement.currency)})` : ''}${a.phase.start ? `, starting ${date(a.phase.start)}` : ''}`,
    );
  if (a.late.count)
    parts.push(
      `agree how the ${a.late.count === 1 ? 'late recommendation' : `${numberWord(a.late.count)} late recommendations`} (${days(a.late.days)}) ${a.late.count === 1 ? 'is' : 'are'} caught up: within the capacity of the phases left, or with more`,
    );
  if (!parts.length) return `${a.who}: no decision is needed before the plan's next milestone; the work under way continues as planned.`;
  return `${a.who} to decide${a.by ? ` by ${date(a.by)}` : ''}: ${parts.join('; and ')}.`;
}

/**
 * The progress deck's slide titles: one message each, short enough for a title (the sentences above are the
 * slides' text). Each a pure function of the same figures.
 */
export function progressSlideTitles(f: ProgressFacts) {
  const t = f.report.totals;
  const share = (x: number) => (t.planned_days ? x / t.planned_days : 0);
  const answer = !t.recommendations
    ? 'No recommendation to carry out'
    : planComplete(t)
      ? 'The plan is complete'
      : t.due_days === 0
        ? `${capitalise(pct(t.percent_done))} of the plan delivered; no phase has ended yet`
        : `${capitalise(pct(t.percent_done))} of the plan delivered, against ${pct(share(t.due_days))} due by ${date(f.report.today)}`;
  const phases = f.report.phases;
  const current = phases.find((p) => p.start !== null && p.start <= f.report.today && !p.ended) ?? null;
  const ended = phases.filter((p) => p.ended).length;
  const endedLate = phases.filter((p) => p.ended && p.counts.late > 0);
  const lateInEnded = endedLate.reduce((n, p) => n + p.counts.late, 0);
  const byPhase = endedLate.length
    ? `${list(endedLate.map((p) => p.name))} ended with ${count(lateInEnded, 'recommendation')} not done`
    : current
      ? `${current.name} under way: ${num(current.done_days)} of ${days(current.planned_days)} done`
      : ended === phases.length && phases.length
        ? `All ${count(phases.length, 'phase')} have ended: ${num(t.done_days)} of ${days(t.planned_days)} done`
        : `${num(t.done_days)} of ${days(t.planned_days)} done; no phase under way`;
  const since = f.since ? (f.since.date ? ` since ${date(f.since.date)}` : ` since ${sinceLabel(f.since)}`) : ' so far';
  const n = f.changes.done.length;
  const done = n ? `${capitalise(count(n, 'recommendation'))} completed${since}` : `Nothing completed${since}`;
  const d = f.moved;
  const o = d?.overall.score;
  const moved =
    !d || !o || o.from === null || o.to === null
      ? `Overall score ${score(f.current.overall.score)} out of 5${d ? '' : '; nothing earlier to compare'}`
      : score(o.from) === score(o.to)
        ? `The overall score is unchanged at ${score(o.to)}`
        : `The overall score ${o.to > o.from ? 'rose' : 'fell'} from ${score(o.from)} to ${score(o.to)}`;
  const lateRecs = lateOf(f.report);
  const most = lateRecs[0]?.days_late ?? 0;
  const late = !lateRecs.length
    ? 'Nothing is late'
    : lateRecs.length === 1
      ? `One recommendation late, by ${count(most, 'day')}`
      : `${capitalise(count(lateRecs.length, 'recommendation'))} late, up to ${count(most, 'day')}`;
  const steps = nextStepsOf(f.report);
  const next = !steps.length
    ? planComplete(t)
      ? 'Nothing left to do on the plan'
      : 'Nothing ready to start'
    : `Next: ${stepGroups(steps)
        .map((g) => `${g.action} ${numberWord(g.steps.length)}`)
        .join(', then ')}`;
  const ask = progressAsk(f);
  const askTitle = planComplete(t)
    ? `Decision for ${ask.who}: commission the re-assessment`
    : ask.phase
      ? `Decision for ${ask.who}${ask.by ? ` by ${date(ask.by)}` : ''}: approve ${ask.phase.name}`
      : ask.late.count
        ? `Decision for ${ask.who}${ask.by ? ` by ${date(ask.by)}` : ''}: how the late work is caught up`
        : 'No decision needed before the next milestone';
  return { answer, phases: byPhase, done, moved, late, next, ask: askTitle };
}
