import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import type { Engagement, TaskStatus } from '../engagement/types.js';
import { writeTaskStatus } from '../engagement/write-plan.js';
import { planStatus, TASK_STATUSES } from '../engine/plan-progress.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { findEngagementRoot } from '../engagement/find-root.js';
import { withEngagementLock } from '../io/lock.js';
import { formatStatus, formatStatusChange, type StatusView } from '../output/status.js';
import { isDate, localToday } from '../util/dates.js';
import { hint } from '../util/did-you-mean.js';
import { emit, loadValidated } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import { writeChecked } from '../engagement/checked-write.js';
import type { RunContext } from './run-context.js';

interface StatusOptions extends CommonOptions {
  json?: boolean;
  today?: string;
  asOf?: boolean;
}

function requirePlan(e: Engagement): NonNullable<Engagement['plan']> {
  if (!e.plan) {
    throw new RelmError(
      'the engagement has no plan.yaml: there is no plan to report on',
      EXIT_USAGE,
      '`relm init --add-missing` writes plan.yaml with the standard engagement tasks, or write one: `relm schema plan` gives its format.',
    );
  }
  return e.plan;
}

function checkToday(opts: StatusOptions): void {
  if (opts.today !== undefined && !isDate(opts.today))
    throw new RelmError(`--today: "${opts.today}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-04-10.');
  if (opts.today !== undefined && opts.asOf) throw new RelmError('--today and --as-of both name the day to measure to', EXIT_USAGE, 'Pass one of them.');
}

/** --today, else --as-of (the engagement's as_of), else the clock: every "overdue" is measured to it. */
function todayOf(ctx: RunContext, e: Engagement, opts: StatusOptions): { today: string; from: StatusView['todayFrom'] } {
  if (opts.today !== undefined) return { today: opts.today, from: 'flag' };
  if (opts.asOf) return { today: e.manifest.engagement.as_of, from: 'as_of' };
  return { today: localToday(ctx.now()), from: 'clock' };
}

/** `relm status`: progress of the engagement plan. */
export function runStatus(ctx: RunContext, opts: StatusOptions): void {
  checkToday(opts);
  const result = loadValidated(ctx, opts);
  if (!result) return;
  const e = result.engagement;
  const plan = requirePlan(e);
  const { today, from } = todayOf(ctx, e, opts);
  const status = planStatus(plan, today);
  if (opts.json) emit(ctx, JSON.stringify(status, null, 2) + '\n');
  else emit(ctx, formatStatus(status, { client: e.manifest.engagement.client, todayFrom: from, asOf: e.manifest.engagement.as_of }, colorsFor(ctx, 'stdout')));
}

/** `relm status set <task> <status>`: changes a task's status in plan.yaml, keeping its comments. */
export async function runStatusSet(ctx: RunContext, taskId: string, value: string, opts: StatusOptions, cmd?: Command): Promise<void> {
  const all = { ...(cmd?.optsWithGlobals() ?? {}), ...opts } as StatusOptions;
  if (!(TASK_STATUSES as readonly string[]).includes(value)) {
    throw new RelmError(`"${value}" is not a task status${hint(value, TASK_STATUSES)}`, EXIT_USAGE, `A task is one of: ${TASK_STATUSES.join(', ')}.`);
  }
  const status = value as TaskStatus;
  checkToday(all);
  const root = findEngagementRoot(ctx.cwd, all.dir);
  await withEngagementLock(root, { command: `status set ${taskId} ${status}` }, () => setStatus(ctx, taskId, status, all));
}

function setStatus(ctx: RunContext, taskId: string, status: TaskStatus, all: StatusOptions): void {
  const result = loadValidated(ctx, all);
  if (!result) return;
  const e = result.engagement;
  const plan = requirePlan(e);
  const task = plan.tasks.find((t) => t.id === taskId);
  if (!task) {
    throw new RelmError(
      `"${taskId}" is not a task of plan.yaml${hint(
        taskId,
        plan.tasks.map((t) => t.id),
      )}`,
      EXIT_USAGE,
      'Run `relm status` to list the tasks and their ids.',
    );
  }
  const { today } = todayOf(ctx, e, all);
  const before = task.status;
  const file = join(result.root, 'plan.yaml');
  if (before !== status) {
    const text = readFileSync(file, 'utf8');
    writeChecked(result.root, [{ rel: 'plan.yaml', data: writeTaskStatus(text, taskId, status) }], `status ${taskId}`);
  }
  const after = planStatus({ tasks: plan.tasks.map((t) => (t.id === taskId ? { ...t, status } : t)) }, today);
  const c = colorsFor(ctx, 'stderr');
  writeErr(ctx, formatStatusChange(after.tasks.find((t) => t.id === taskId)!, before, after, c).trimEnd());
  if (before !== status) writeErr(ctx, c.dim(`  wrote ${relative(ctx.cwd, file) || 'plan.yaml'}`));
}
