import { existsSync, realpathSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { findEngagementRoot, MANIFEST } from '../engagement/find-root.js';
import type { Engagement } from '../engagement/types.js';
import { assess } from '../engine/assess.js';
import { trendPoint, type TrendPoint } from '../engine/trend.js';
import { RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { confineOutputDir } from '../io/staging.js';
import { gitCommit, gitTags } from '../io/git.js';
import { printable } from '../output/printable.js';
import { formatTrend } from '../output/trend.js';
import { trendChart } from '../render/progress-charts.js';
import { emit } from './context.js';
import type { CommonOptions } from './main.js';
import { engagementAtRevision, existsAtRevision } from './revision.js';
import { colorsFor, writeErr } from './ui.js';
import type { RunContext } from './run-context.js';

interface TrendOptions extends CommonOptions {
  json?: boolean;
  out?: string;
  windowDays?: number;
}

/** The tags a re-assessment is marked with. */
export const ASSESSMENT_TAGS = 'assessment-*';

/**
 * The previous engagements, oldest first, by following relm.yaml `previous` from `e` (a chain of
 * re-assessments); one that is missing or has errors ends the chain, with a note.
 */
function previousChain(cwd: string, root: string, e: Engagement, notes: string[]): { dir: string; engagement: Engagement }[] {
  const chain: { dir: string; engagement: Engagement }[] = [];
  const seen = new Set([realpathSync(root)]);
  let at = { dir: root, engagement: e };
  while (at.engagement.manifest.previous && chain.length < 50) {
    const dir = resolve(at.dir, at.engagement.manifest.previous.path);
    const shown = relative(cwd, dir) || '.';
    if (!existsSync(join(dir, MANIFEST))) {
      notes.push(`the previous engagement ${shown} (relm.yaml previous.path) has no ${MANIFEST}: left out`);
      break;
    }
    if (seen.has(realpathSync(dir))) break;
    seen.add(realpathSync(dir));
    let engagement: Engagement;
    try {
      engagement = engagementAtRevision(dir, undefined);
    } catch (err) {
      notes.push(`the previous engagement ${shown}: ${(err as Error).message}: left out`);
      break;
    }
    chain.unshift({ dir, engagement });
    at = { dir, engagement };
  }
  return chain;
}

/**
 * The points of the trend. Revisions given: the engagement at each, in the order given. None given: the
 * previous engagements (relm.yaml `previous`, as they stand), every tag `assessment-*` at which the engagement
 * exists (oldest first), and the working tree. Each is assessed as `relm assess` would.
 */
export function collectTrend(
  cwd: string,
  root: string,
  revs: readonly string[],
  windowDays: number | undefined,
  notes: string[],
): { points: TrendPoint[]; last: Engagement } {
  const point = (e: Engagement, src: Parameters<typeof trendPoint>[1]) => trendPoint(assess(e, { windowDays }), src);
  if (revs.length) {
    const engagements = revs.map((rev) => engagementAtRevision(root, rev));
    return {
      points: engagements.map((e, i) => point(e, { label: revs[i]!, revision: revs[i]!, commit: gitCommit(root, revs[i]!) ?? null, engagement: null })),
      last: engagements[engagements.length - 1]!,
    };
  }
  const current = engagementAtRevision(root, undefined);
  const points: TrendPoint[] = previousChain(cwd, root, current, notes).map(({ dir, engagement }) =>
    point(engagement, { label: basename(dir), revision: null, commit: null, engagement: relative(root, dir).split('\\').join('/') }),
  );
  for (const tag of gitTags(root, ASSESSMENT_TAGS)) {
    if (!existsAtRevision(root, tag.name)) {
      notes.push(`${tag.name}: the engagement folder did not exist there: left out`);
      continue;
    }
    try {
      points.push(point(engagementAtRevision(root, tag.name), { label: tag.name, revision: tag.name, commit: tag.commit, engagement: null }));
    } catch (err) {
      if (!(err instanceof RelmError)) throw err;
      notes.push(`${tag.name}: ${err.message}: left out`);
    }
  }
  points.push(point(current, { label: 'working tree', revision: null, commit: null, engagement: null }));
  return { points, last: current };
}

/** `relm trend`: the figures at each assessment, and out/charts/trend.svg. */
export function runTrend(ctx: RunContext, revs: string[], opts: TrendOptions): void {
  const root = findEngagementRoot(ctx.cwd, opts.dir);
  const notes: string[] = [];
  const { points, last } = collectTrend(ctx.cwd, root, revs, opts.windowDays, notes);
  const c = colorsFor(ctx, 'stderr');
  for (const n of notes) writeErr(ctx, c.yellow(`relm trend: ${printable(n)}`));
  const manifest = last.manifest;
  // The chart goes where the deliverables go, inside the engagement folder (as for relm report).
  const outDir = opts.out
    ? confineOutputDir(root, resolve(ctx.cwd, opts.out), '--out')
    : confineOutputDir(root, resolve(root, manifest.output?.dir ?? 'out'), 'relm.yaml output.dir');
  const chart = join(outDir, 'charts', 'trend.svg');
  atomicWrite(chart, trendChart(points));
  if (opts.json) emit(ctx, JSON.stringify({ client: manifest.engagement.client, points }, null, 2) + '\n');
  else emit(ctx, formatTrend(points, manifest.engagement.client, colorsFor(ctx, 'stdout')));
  writeErr(ctx, `${c.green('✔')} ${printable(relative(ctx.cwd, chart) || chart)}`);
}
