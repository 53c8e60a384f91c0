import { resolve } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { loadEngagement, type LoadResult } from '../engagement/load.js';
import { evidenceFindings } from '../engine/evidence-findings.js';
import { respondentFindings } from '../engine/respondent-findings.js';
import { compareDiagnostics } from '../diagnostics/finding.js';
import { assess, assessEvidence } from '../engine/assess.js';
import type { Assessment } from '../engine/types.js';
import { EXIT_FINDINGS } from '../errors.js';
import { stylish } from '../output/stylish.js';
import type { Engagement } from '../engagement/types.js';
import { atomicWrite } from '../io/atomic-write.js';
import { jsonArrayChunks } from '../util/json.js';
import { colorsFor, writeErr, writeOut } from './ui.js';
import type { CommonOptions } from './main.js';
import { drained, type RunContext } from './run-context.js';

export const HUMAN_MAX_FINDINGS = 200;

/** A loaded engagement with every file valid: no null to check. */
export interface Loaded extends LoadResult {
  engagement: Engagement;
}

/** A valid engagement and its assessment (whose diagnostics include the evidence check's). */
export interface Assessed extends Loaded {
  assessment: Assessment;
}

/** Finds and loads the engagement of -C/--dir (or the nearest one upward). */
function load(ctx: RunContext, opts: CommonOptions): LoadResult {
  return loadEngagement(findEngagementRoot(ctx.cwd, opts.dir));
}

/**
 * What `relm validate` and `relm check` report: the files' findings and, for a valid engagement, the evidence
 * check's (measured record against the answers, computing just the sections its rules read) and the
 * respondents' open disagreements (engine/respondent-findings.ts). The
 * engagement may be invalid: these commands print the findings either way.
 */
export function loadFindings(ctx: RunContext, opts: CommonOptions & { windowDays?: number }): LoadResult {
  const result = load(ctx, opts);
  if (!result.engagement) return result;
  return withEngineFindings(result, result.engagement, assessEvidence(result.engagement, { windowDays: opts.windowDays }));
}

/**
 * The files' findings with those only the engine can tell (the evidence check on the practices' results, the
 * respondents' open disagreements), each located in its file, in order.
 */
function withEngineFindings<R extends LoadResult>(result: R, e: Engagement, practices: Assessment['practices']): R {
  const found = [...evidenceFindings(practices), ...respondentFindings(e)].map(result.locate);
  return { ...result, diagnostics: [...result.diagnostics, ...found].sort(compareDiagnostics) };
}

/**
 * The engagement, when every file is valid (its diagnostics: the files' findings, warnings only); otherwise
 * the findings go to stderr, the exit code becomes 1 and the result is null (the command writes nothing).
 */
export function loadValidated(ctx: RunContext, opts: CommonOptions): Loaded | null {
  const result = load(ctx, opts);
  return isValid(result) ? result : refuse(ctx, result);
}

/** The valid engagement, assessed (see loadValidated); null when it has errors. */
export function loadAssessed(ctx: RunContext, opts: CommonOptions & { windowDays?: number }): Assessed | null {
  const result = load(ctx, opts);
  if (!isValid(result)) return refuse(ctx, result);
  const assessment = assess(result.engagement, { windowDays: opts.windowDays });
  const found = withEngineFindings(result, result.engagement, assessment.practices);
  assessment.diagnostics = found.diagnostics;
  return { ...found, assessment };
}

function isValid(result: LoadResult): result is Loaded {
  return result.engagement !== null;
}

/** Prints why an engagement cannot be used, sets exit code 1, and gives null. */
function refuse(ctx: RunContext, result: LoadResult): null {
  writeErr(ctx, stylish(result.diagnostics, { colors: colorsFor(ctx, 'stderr'), root: result.root, cwd: ctx.cwd, max: HUMAN_MAX_FINDINGS }));
  writeErr(ctx, 'relm: the engagement has errors; fix them (see `relm validate`) and run again');
  ctx.exitCode = EXIT_FINDINGS;
  return null;
}

/**
 * Writes a list to stdout as JSON (2-space indented), a piece at a time, waiting whenever the reader is behind:
 * a pipe takes what it can and Node keeps the rest in memory, which for a 200,000-item list is hundreds of MB.
 */
export async function emitJsonList(ctx: RunContext, list: readonly unknown[]): Promise<void> {
  for (const chunk of jsonArrayChunks(list)) if (ctx.stdout.write(chunk) === false) await drained(ctx.stdout);
  ctx.stdout.write('\n');
}

/** Writes command output to a file (atomically) or to stdout. */
export function emit(ctx: RunContext, text: string, output?: string): void {
  if (output) atomicWrite(resolve(ctx.cwd, output), text);
  else writeOut(ctx, text);
}
