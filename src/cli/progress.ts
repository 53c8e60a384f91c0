import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { findEngagementRoot } from '../engagement/find-root.js';
import type { Engagement, ProgressFile, ProgressStatus } from '../engagement/types.js';
import { writeProgress } from '../engagement/write-progress.js';
import { PROGRESS_STATUSES, progressOf, type ProgressReport, type RecommendationInfo } from '../engine/progress.js';
import { allRecommendations } from '../engine/recommendations.js';
import type { Assessment } from '../engine/types.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { gitCommit, gitTags } from '../io/git.js';
import { withEngagementLock } from '../io/lock.js';
import { printable } from '../output/printable.js';
import { formatProgress, formatProgressChange } from '../output/progress.js';
import { isDate, localToday } from '../util/dates.js';
import { hint } from '../util/did-you-mean.js';
import { emit, loadAssessed } from './context.js';
import type { CommonOptions } from './main.js';
import { assessAtRevision, existsAtRevision } from './revision.js';
import { colorsFor, writeErr } from './ui.js';
import { writeChecked } from '../engagement/checked-write.js';
import type { RunContext } from './run-context.js';

export interface ProgressOptions extends CommonOptions {
  json?: boolean;
  today?: string;
  plan?: string;
  windowDays?: number;
  /** The run's clock, for today when neither --today nor progress.yaml as_of says. */
  now?: Date;
}

/** Where the day progress is measured to came from. */
export type TodayFrom = 'flag' | 'progress.yaml' | 'clock';

/** Everything `relm progress` and the progress report read: the plan of record, today, and the figures. */
export interface ProgressContext {
  root: string;
  engagement: Engagement;
  current: Assessment;
  /** The git revision whose roadmap is the plan; null: the working tree. */
  planRevision: string | null;
  planCommit: string | null;
  plan: Assessment;
  today: string;
  todayFrom: TodayFrom;
  report: ProgressReport;
}

export function checkDate(flag: string, value: string | undefined): void {
  if (value !== undefined && !isDate(value)) throw new RelmError(`${flag}: "${value}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-09-30.');
}

/** The newest tag of `patterns` at which the engagement exists (oldest first is git's order), or undefined. */
export function newestTag(root: string, patterns: string | readonly string[]): string | undefined {
  const tags = gitTags(root, patterns);
  for (let i = tags.length - 1; i >= 0; i--) if (existsAtRevision(root, tags[i]!.name)) return tags[i]!.name;
  return undefined;
}

/** The recommendations the engagement knows (model and target.yaml), for those progress.yaml tracks off the plan. */
export function recommendationCatalogue(e: Engagement): Map<string, RecommendationInfo> {
  return new Map(allRecommendations(e).map((r) => [r.id, { title: r.title, practice: r.practice, effort_days: r.effort_days }]));
}

/**
 * The plan of record is the roadmap of the engagement at `--plan`, else progress.yaml `plan`, else the newest
 * tag `assessment-*` (where the engagement exists), else the working tree. Today is `--today`, else
 * progress.yaml `as_of`, else the clock (UTC).
 */
export function progressContext(
  current: Assessment,
  e: Engagement,
  root: string,
  opts: Pick<ProgressOptions, 'today' | 'plan' | 'windowDays' | 'now'>,
  progress: ProgressFile | null = e.progress ?? null,
): ProgressContext {
  checkDate('--today', opts.today);
  const planRevision = opts.plan ?? progress?.plan ?? newestTag(root, 'assessment-*') ?? null;
  const plan =
    planRevision === null
      ? current
      : assessAtRevision(root, planRevision, {
          windowDays: opts.windowDays,
          hint: 'It cannot be the plan of record: name another with --plan (or progress.yaml `plan`).',
        });
  const { today, todayFrom } =
    opts.today !== undefined
      ? { today: opts.today, todayFrom: 'flag' as const }
      : progress?.as_of
        ? { today: progress.as_of, todayFrom: 'progress.yaml' as const }
        : { today: localToday(opts.now), todayFrom: 'clock' as const };
  const report = progressOf(plan, progress, today, current, recommendationCatalogue(e));
  return {
    root,
    engagement: e,
    current,
    planRevision,
    planCommit: planRevision === null ? null : (gitCommit(root, planRevision) ?? null),
    plan,
    today,
    todayFrom,
    report,
  };
}

/** `relm progress`: the plan's implementation by phase, the burn-up, the requirements met by done work. */
export function runProgress(ctx: RunContext, opts: ProgressOptions): void {
  checkDate('--today', opts.today);
  const result = loadAssessed(ctx, opts);
  if (!result) return;
  const e = result.engagement;
  const pc = progressContext(result.assessment, e, result.root, { ...opts, now: ctx.now() });
  if (opts.json) {
    emit(
      ctx,
      JSON.stringify(
        {
          client: e.manifest.engagement.client,
          today_from: pc.todayFrom,
          plan: { revision: pc.planRevision, commit: pc.planCommit, as_of: pc.plan.as_of },
          ...pc.report,
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  emit(
    ctx,
    formatProgress(
      pc.report,
      { client: e.manifest.engagement.client, plan: pc.plan, planRevision: pc.planRevision, todayFrom: pc.todayFrom, hasFile: !!e.progress },
      colorsFor(ctx, 'stdout'),
    ),
  );
}

interface SetOptions extends ProgressOptions {
  date?: string;
  owner?: string;
  note?: string;
}

/** `relm progress set <rec> <status>`: writes the status (and its dates) into progress.yaml, holding the engagement's lock. */
export async function runProgressSet(ctx: RunContext, id: string, value: string, opts: SetOptions, cmd?: Command): Promise<void> {
  const all = { ...(cmd?.optsWithGlobals() ?? {}), ...opts } as SetOptions;
  if (!(PROGRESS_STATUSES as readonly string[]).includes(value)) {
    throw new RelmError(
      `"${value}" is not a progress status${hint(value, PROGRESS_STATUSES)}`,
      EXIT_USAGE,
      `A recommendation is one of: ${PROGRESS_STATUSES.join(', ')}.`,
    );
  }
  checkDate('--date', all.date);
  checkDate('--today', all.today);
  const root = findEngagementRoot(ctx.cwd, all.dir);
  await withEngagementLock(root, { command: `progress set ${id} ${value}` }, () => setProgress(ctx, id, value as ProgressStatus, all));
}

function setProgress(ctx: RunContext, id: string, status: ProgressStatus, all: SetOptions): void {
  const result = loadAssessed(ctx, all);
  if (!result) return;
  const e = result.engagement;
  const catalogue = recommendationCatalogue(e);
  if (!catalogue.has(id)) {
    throw new RelmError(
      `"${id}" is not a recommendation of the model or of target.yaml${hint(id, catalogue.keys())}`,
      EXIT_USAGE,
      "Run `relm progress` to list the plan's recommendations and their ids.",
    );
  }
  const file = join(result.root, 'progress.yaml');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const date = all.date ?? all.today ?? e.progress?.as_of ?? localToday(ctx.now());
  const w = writeProgress(text, { id, status, date, dateGiven: all.date !== undefined, owner: all.owner, note: all.note });
  if (w.after.started && w.after.done && w.after.done < w.after.started) {
    throw new RelmError(
      `"${id}" would be done ${w.after.done}, before it started ${w.after.started}; nothing was written`,
      EXIT_USAGE,
      `Pass the day it was done with --date (on or after ${w.after.started}), or correct its start first: relm progress set ${id} in-progress --date YYYY-MM-DD.`,
    );
  }
  if (w.text !== text) writeChecked(result.root, [{ rel: 'progress.yaml', data: w.text }], `progress set ${id}`);
  const progress: ProgressFile = { ...(e.progress ?? {}), recommendations: { ...(e.progress?.recommendations ?? {}), [id]: w.after } };
  const pc = progressContext(result.assessment, e, result.root, { ...all, now: ctx.now() }, progress);
  const c = colorsFor(ctx, 'stderr');
  writeErr(ctx, formatProgressChange(id, catalogue.get(id)!.title, w.before, w.after, w.removed, pc.report, c).trimEnd());
  if (w.text !== text) writeErr(ctx, c.dim(`  wrote ${printable(relative(ctx.cwd, file) || 'progress.yaml')}`));
}
