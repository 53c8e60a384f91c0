import { once } from 'node:events';
import { resolve } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { loadEngagement, type LoadResult } from '../engagement/load.js';
import { evidenceFindings } from '../engagement/checks-evidence.js';
import { compareDiagnostics } from '../engagement/diagnostics.js';
import { assess, assessEvidence } from '../engine/assess.js';
import type { Assessment } from '../engine/types.js';
import { EXIT_FINDINGS } from '../errors.js';
import { stylish } from '../output/stylish.js';
import type { Engagement } from '../engagement/types.js';
import { atomicWrite } from '../io/atomic-write.js';
import { jsonArrayChunks } from '../util/json.js';
import { colorsFor, writeErr, writeOut } from './ui.js';
import type { CommonOptions } from './main.js';

export const HUMAN_MAX_FINDINGS = 200;

export interface OpenResult extends LoadResult {
  /** The assessment of a valid engagement (its diagnostics include the evidence check's); null when invalid, or when only validating. */
  assessment: Assessment | null;
}

/**
 * Finds and loads the engagement of -C/--dir (or the nearest one upward). A valid engagement is assessed
 * at once: the evidence check (measured record against the answers) is part of what every command reports.
 */
export function openEngagement(opts: CommonOptions & { windowDays?: number }, purpose: 'assess' | 'validate' | 'load' = 'assess'): OpenResult {
  const result = loadEngagement(findEngagementRoot(process.cwd(), opts.dir));
  // 'load': the engagement and its file findings only, for a command that prints neither scores nor evidence.
  if (!result.engagement || purpose === 'load') return { ...result, assessment: null };
  const locateAll = (practices: Assessment['practices']) => evidenceFindings(practices).map(result.locate);
  if (purpose === 'validate') {
    // Validation needs only the evidence check, which computes just the sections its rules read.
    const diagnostics = [...result.diagnostics, ...locateAll(assessEvidence(result.engagement, { windowDays: opts.windowDays }))].sort(compareDiagnostics);
    return { ...result, diagnostics, assessment: null };
  }
  const assessment = assess(result.engagement, [], { windowDays: opts.windowDays });
  const diagnostics = [...result.diagnostics, ...locateAll(assessment.practices)].sort(compareDiagnostics);
  assessment.diagnostics = diagnostics;
  return { ...result, diagnostics, assessment };
}

/**
 * The engagement, ready for the engine; when any file has an error, the findings go to stderr, the
 * exit code becomes 1 and the result is null (nothing is written).
 */
export function requireValid(result: LoadResult): Engagement | null {
  if (result.engagement) return result.engagement;
  writeErr(stylish(result.diagnostics, { colors: colorsFor('stderr'), root: result.root, max: HUMAN_MAX_FINDINGS }));
  writeErr('relm: the engagement has errors; fix them (see `relm validate`) and run again');
  process.exitCode = EXIT_FINDINGS;
  return null;
}

/**
 * Writes a list to stdout as JSON (2-space indented), a piece at a time, waiting whenever the reader is behind:
 * a pipe takes what it can and Node keeps the rest in memory, which for a 200,000-item list is hundreds of MB.
 */
export async function emitJsonList(list: readonly unknown[]): Promise<void> {
  for (const chunk of jsonArrayChunks(list)) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  process.stdout.write('\n');
}

/** Writes command output to a file (atomically) or to stdout. */
export function emit(text: string, output?: string): void {
  if (output) atomicWrite(resolve(process.cwd(), output), text);
  else writeOut(text);
}
