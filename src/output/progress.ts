import type { ChalkInstance } from 'chalk';
import type { ProgressEntry } from '../engagement/types.js';
import type { ProgressBucket, ProgressReport, RecommendationProgress, RequirementProgress } from '../engine/progress.js';
import type { Assessment } from '../engine/types.js';
import { printable, printableDeep } from './printable.js';
import { clipLine } from '../util/text.js';
import { percent } from '../util/format.js';
import { maxOf } from '../util/arrays.js';

export interface ProgressView {
  client: string;
  /** The plan of record. */
  plan: Assessment;
  planRevision: string | null;
  todayFrom: 'flag' | 'progress.yaml' | 'clock';
  /** progress.yaml exists. */
  hasFile: boolean;
}

const BUCKET: Record<ProgressBucket, string> = { done: 'done', dropped: 'dropped', late: 'late', 'in-progress': 'in progress', 'not-started': 'not started' };

function paint(b: ProgressBucket, c: ChalkInstance): (s: string) => string {
  return b === 'done' ? c.green : b === 'late' ? c.red : b === 'in-progress' ? c.cyan : b === 'dropped' ? c.dim : (s) => s;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

const num = (n: number) => String(Math.round(n * 10) / 10);
const days = (n: number) => `${num(n)} person-day${n === 1 ? '' : 's'}`;
const pct = (x: number) => percent(x);

/** What a recommendation's line says after its title: dates, lateness, what it waits for, the notes. */
export function recommendationState(r: RecommendationProgress): string {
  const bits: string[] = [];
  if (r.status === 'done') bits.push(r.done ? `done ${r.done}` : 'done');
  else if (r.status === 'in-progress') bits.push(r.started ? `in progress since ${r.started}` : 'in progress');
  else if (r.status === 'planned' && r.late) bits.push('not started');
  if (r.late) bits.push(`${r.days_late} day${r.days_late === 1 ? '' : 's'} late`);
  if (r.status === 'planned' && r.waiting_for.length) bits.push(`waiting for ${r.waiting_for.join(', ')}`);
  return bits.join(', ');
}

function requirementState(r: RequirementProgress): string {
  if (r.status_at_plan === 'met') return 'met at the assessment';
  if (r.met_by_done_work) return 'met by done work';
  if (r.waiting_for === 'work')
    return `waiting for work: ${r.done} of ${r.recommendations.length} recommendation${r.recommendations.length === 1 ? '' : 's'} done`;
  if (r.waiting_for === 'metrics') return 'work done; a metric still misses its target';
  return 'work done; a metric has no data yet';
}

/** The human view of `relm progress`. */
export function formatProgress(report: ProgressReport, view: ProgressView, c: ChalkInstance): string {
  // Titles, owners, notes and ids come from the engagement's files.
  const p = printableDeep(report);
  const v = { ...view, client: printable(view.client), planRevision: view.planRevision === null ? null : printable(view.planRevision) };
  const out: string[] = [];
  const t = p.totals;
  out.push(c.bold(`Implementation progress: ${v.client}`));
  const from =
    v.todayFrom === 'flag'
      ? '(from --today)'
      : v.todayFrom === 'progress.yaml'
        ? '(progress.yaml as_of)'
        : c.dim('(today; pass --today YYYY-MM-DD for another date)');
  out.push(`Today: ${p.today} ${from}`);
  out.push(
    `Plan of record: the roadmap ${v.planRevision ? `at ${v.planRevision}` : 'of the working tree'} (assessed as of ${v.plan.as_of})${v.planRevision ? '' : c.dim(' — tag the assessment (git tag assessment-YYYY) to keep the plan fixed while practices improve')}`,
  );
  if (!v.hasFile)
    out.push(c.dim('progress.yaml does not exist yet: everything is planned. Record progress with `relm progress set <recommendation> <status>`.'));
  out.push('');
  out.push(
    [
      `${t.done} of ${t.recommendations} recommendations done`,
      `${t.in_progress} in progress`,
      t.late ? c.red(`${t.late} late`) : '0 late',
      `${t.not_started} not started`,
      `${t.dropped} dropped`,
    ].join(' · '),
  );
  out.push(`Burn-up: ${num(t.done_days)} of ${days(t.planned_days)} delivered (${pct(t.percent_done)}); ${days(t.due_days)} were due by today`);

  const all = [...p.phases.flatMap((x) => x.recommendations), ...p.unscheduled, ...p.outside_plan];
  const w = {
    id: maxOf(
      all.map((r) => r.id.length),
      2,
    ),
    title: Math.min(
      44,
      maxOf(
        all.map((r) => [...r.title].length),
        5,
      ),
    ),
    owner: maxOf(
      all.map((r) => [...(r.owner ?? '')].length),
      0,
    ),
  };
  const line = (r: RecommendationProgress) => {
    const state = recommendationState(r);
    const notes = r.notes && (r.late || r.status === 'dropped') ? ` — ${clipLine(r.notes, 60)}` : '';
    return `  ${paint(r.bucket, c)(pad(BUCKET[r.bucket], 11))}  ${pad(r.id, w.id)}  ${pad(clipLine(r.title, w.title), w.title)}  ${w.owner ? `${pad(r.owner ?? '', w.owner)}  ` : ''}${state}${notes}`.trimEnd();
  };
  p.phases.forEach((ph, k) => {
    out.push('');
    const when = ph.end ? `until ${ph.end}${ph.ended ? ', ended' : ''}` : 'no end date';
    out.push(`${c.bold(`Phase ${k + 1}: ${ph.name}`)} ${c.dim(`(${when}) · ${num(ph.done_days)} of ${days(ph.planned_days)} delivered`)}`);
    if (!ph.recommendations.length) out.push(c.dim('  no recommendation in this phase'));
    for (const r of ph.recommendations) out.push(line(r));
  });
  if (p.unscheduled.length) {
    out.push('', c.bold('Not scheduled by the plan (no phase had room):'));
    for (const r of p.unscheduled) out.push(line(r));
  }
  if (p.outside_plan.length) {
    out.push('', c.bold('Tracked in progress.yaml but not on the plan:'));
    for (const r of p.outside_plan) out.push(line(r));
  }
  if (p.requirements.length) {
    out.push('', c.bold('Requirements:'));
    const wid = maxOf(p.requirements.map((r) => r.id.length));
    for (const r of p.requirements) {
      const s = requirementState(r);
      const mark = r.met_by_done_work || r.status_at_plan === 'met' ? c.green(s) : s;
      out.push(`  ${pad(r.id, wid)}  ${pad(clipLine(r.title, 44), 44)}  ${mark}`);
    }
  }
  out.push('');
  if (p.next_steps.length) {
    out.push(c.bold('Next:'));
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const id of p.next_steps) {
      const r = byId.get(id)!;
      out.push(`  ${pad(id, w.id)}  ${clipLine(r.title, 60)}${r.status === 'in-progress' ? c.dim(` (finish${r.late ? ', late' : ''})`) : c.dim(' (start)')}`);
    }
  } else {
    out.push(c.dim('Next: nothing is under way or ready to start.'));
  }
  return out.join('\n') + '\n';
}

/** What `relm progress set` prints: the change, and the plan's totals after it. */
export function formatProgressChange(
  rawId: string,
  rawTitle: string,
  before: ProgressEntry | null,
  rawAfter: ProgressEntry,
  rawRemoved: string[],
  p: ProgressReport,
  c: ChalkInstance,
): string {
  const [id, title, after, removed] = [printable(rawId), printable(rawTitle), printableDeep(rawAfter), printableDeep(rawRemoved)];
  const was = before?.status ?? 'planned';
  const change = was === after.status && before ? `already ${after.status}` : `${was} → ${after.status}`;
  const dates = [after.started ? `started ${after.started}` : '', after.done ? `done ${after.done}` : ''].filter(Boolean).join(', ');
  const t = p.totals;
  return (
    [
      `${c.green('✔')} ${id}: ${change}${dates ? ` (${dates})` : ''}  ${c.dim(title)}`,
      ...(removed.length
        ? [c.dim(`  removed ${removed.join(' and ')}: ${after.status === 'planned' ? 'planned work has not started' : 'it is not done'}`)]
        : []),
      `  plan: ${t.done} of ${t.recommendations} recommendations done, ${num(t.done_days)} of ${days(t.planned_days)} (${pct(t.percent_done)}), ${t.late} late on ${p.today}`,
    ].join('\n') + '\n'
  );
}
