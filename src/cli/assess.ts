import { resolve } from 'node:path';
import { countBySeverity } from '../diagnostics/finding.js';
import { assessmentJson } from '../output/assessment-json.js';
import { formatSummary } from '../output/summary.js';
import { confineOutputFile } from '../io/staging.js';
import { emit, loadAssessed } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import type { RunContext } from './run-context.js';

export function runAssess(ctx: RunContext, opts: CommonOptions & { json?: boolean; output?: string; windowDays?: number }): void {
  const result = loadAssessed(ctx, opts);
  if (!result) return;
  const assessment = result.assessment;
  // -o writes inside the engagement, and never over one of its files (relm.yaml, practices.yaml, the model, …).
  const model = result.engagement.manifest.model;
  if (opts.output) confineOutputFile(result.root, resolve(ctx.cwd, opts.output), '-o', model ? [model] : []);
  if (opts.json || opts.output) emit(ctx, assessmentJson(assessment), opts.output);
  if (!opts.json) {
    if (!opts.output) emit(ctx, formatSummary(assessment, colorsFor(ctx, 'stdout')));
    const n = countBySeverity(result.diagnostics);
    if (n.warning) writeErr(ctx, colorsFor(ctx, 'stderr').yellow(`relm: ${n.warning} warning(s); run \`relm validate\` to see them`));
  }
}
