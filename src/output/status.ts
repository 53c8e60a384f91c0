import type { ChalkInstance } from 'chalk';
import type { TaskStatus } from '../engagement/types.js';
import { tasksByPhase, type PlanStatus, type TaskProgress } from '../engine/plan-progress.js';
import { printableDeep } from './printable.js';
import { percent } from '../util/format.js';
import { maxOf } from '../util/arrays.js';

export interface StatusView {
  client: string;
  /** Where `today` came from: the clock (the default), --today, or --as-of (the engagement's as_of). */
  todayFrom: 'clock' | 'flag' | 'as_of';
  asOf: string;
}

const PHASE_NAMES: Record<string, string> = {
  assessment: 'Assessment',
  architecture: 'Architecture',
  planning: 'Planning',
  implementation: 'Implementation',
  support: 'Support',
};

function paint(status: TaskStatus, c: ChalkInstance): (s: string) => string {
  return status === 'done' ? c.green : status === 'in-progress' ? c.cyan : status === 'blocked' ? c.red : (s) => s;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function brief(t: TaskProgress): string {
  const bits = [t.owner, t.due ? `due ${t.due}` : null].filter(Boolean);
  return `${t.title}${bits.length ? ` (${bits.join(', ')})` : ''}`;
}

/** The human view of `relm status`: progress, the tasks by phase, then what is ready, blocked and overdue. */
export function formatStatus(status: PlanStatus, statusView: StatusView, c: ChalkInstance): string {
  const s = printableDeep(status); // titles, owners and ids come from plan.yaml
  const view = printableDeep(statusView);
  const out: string[] = [];
  out.push(c.bold(`Engagement plan: ${view.client}`));
  const from = {
    clock: `(today's date; --as-of measures to the engagement's as_of ${view.asOf}, --today YYYY-MM-DD to another day)`,
    flag: '(from --today)',
    as_of: "(the engagement's as_of in relm.yaml, from --as-of)",
  }[view.todayFrom];
  out.push(`Today: ${s.today} ${c.dim(from)}`);
  out.push('');
  const todo = s.total - s.done - s.in_progress - s.blocked;
  const summary = [
    `${s.done} of ${s.total} tasks done (${percent(s.percent_done, { spaced: true })})`,
    `${s.in_progress} in progress`,
    `${todo} to do`,
    s.blocked ? c.red(`${s.blocked} blocked`) : '0 blocked',
    s.overdue ? c.red(`${s.overdue} overdue`) : '0 overdue',
  ];
  out.push(summary.join(' · '));

  const w = {
    status: maxOf(
      s.tasks.map((t) => t.status.length),
      6,
    ),
    id: maxOf(
      s.tasks.map((t) => t.id.length),
      2,
    ),
    title: Math.min(
      48,
      maxOf(
        s.tasks.map((t) => [...t.title].length),
        5,
      ),
    ),
    owner: maxOf(
      s.tasks.map((t) => [...(t.owner ?? '')].length),
      1,
    ),
  };
  for (const g of tasksByPhase(s.tasks)) {
    const done = g.tasks.filter((t) => t.status === 'done').length;
    out.push('');
    out.push(`${c.bold(g.phase ? PHASE_NAMES[g.phase]! : 'No phase')} ${c.dim(`${done} of ${g.tasks.length} done`)}`);
    for (const t of g.tasks) {
      const flags = [t.overdue ? c.red('overdue') : '', t.ready ? c.green('ready') : ''].filter(Boolean).join(' ');
      const dates = t.due ? `${t.start ? `${t.start} → ` : ''}${t.due}` : t.start ? `from ${t.start}` : '';
      out.push(
        `  ${paint(t.status, c)(pad(t.status, w.status))}  ${pad(t.id, w.id)}  ${pad(t.title, w.title)}  ${pad(t.owner ?? '', w.owner)}  ${pad(dates, 23)}${flags ? ` ${flags}` : ''}`.trimEnd(),
      );
    }
  }

  const section = (title: string, tasks: TaskProgress[], empty: string) => {
    out.push('');
    if (!tasks.length) {
      out.push(c.dim(`${title}: ${empty}`));
      return;
    }
    out.push(c.bold(`${title}:`));
    for (const t of tasks) out.push(`  ${pad(t.id, w.id)}  ${brief(t)}`);
  };
  section(
    'Next (to do, dependencies done)',
    s.tasks.filter((t) => t.ready),
    'no task to do has all its dependencies done',
  );
  section(
    'Blocked',
    s.tasks.filter((t) => t.status === 'blocked'),
    'none',
  );
  section(
    'Overdue',
    s.tasks.filter((t) => t.overdue),
    'none',
  );
  if (!s.tasks.length) out.push(c.dim('plan.yaml has no tasks yet.'));
  return out.join('\n') + '\n';
}

/** One line after `relm status set`: the task's new state and the plan's progress. */
export function formatStatusChange(task: TaskProgress, before: TaskStatus, s: PlanStatus, c: ChalkInstance): string {
  const t = printableDeep(task);
  const change = before === t.status ? `already ${paint(t.status, c)(t.status)}` : `${before} → ${paint(t.status, c)(t.status)}`;
  const flags = [t.overdue ? c.red('overdue') : '', t.ready ? c.green('ready') : ''].filter(Boolean).join(', ');
  return (
    [
      `${c.green('✔')} ${t.id}: ${change}${flags ? ` (${flags})` : ''}  ${c.dim(brief(t))}`,
      `  plan: ${s.done} of ${s.total} tasks done (${percent(s.percent_done, { spaced: true })}), ${s.in_progress} in progress, ${s.blocked} blocked, ${s.overdue} overdue on ${s.today}`,
    ].join('\n') + '\n'
  );
}
