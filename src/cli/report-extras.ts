import type { Portfolio } from '../engine/portfolio.js';
import { readBenchmark } from '../engagement/benchmark.js';
import { fsSource } from '../engagement/source.js';
import type { Engagement } from '../engagement/types.js';
import type { Assessment } from '../engine/types.js';
import { isProgress, type ContextExtras, type DeliverableId } from '../render/deliverables.js';
import type { ProgressReportOptions } from './report-progress.js';

/**
 * What the deliverables need beyond the assessment, as `relm report` and `relm templates context` compute it:
 * the benchmark relm.yaml names (checked by the load), and the progress report's data when it is wanted.
 */
export async function reportExtras(
  current: Assessment,
  e: Engagement,
  root: string,
  only: readonly DeliverableId[],
  opts: ProgressReportOptions,
  logo: string | null,
  notes: string[],
): Promise<ContextExtras> {
  const file = e.manifest.benchmark;
  const benchmark = file === undefined ? null : readBenchmark(fsSource(root), file);
  return {
    // The file passed schemas/portfolio.schema.json: it is what `relm portfolio --json` writes.
    benchmark: benchmark?.ok ? (benchmark.portfolio as Portfolio) : null,
    ...(only.some(isProgress) ? { progress: (await import('./report-progress.js')).progressDeliverable(current, e, root, opts, logo, notes) } : {}),
  };
}
