import { explainPractice } from '../engine/explain.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { formatExplanation } from '../output/explain.js';
import { hint } from '../util/did-you-mean.js';
import { emit, loadValidated } from './context.js';
import type { CommonOptions } from './main.js';
import { parseSets } from './reconcile.js';
import { colorsFor } from './ui.js';
import type { RunContext } from './run-context.js';

interface ExplainOptions extends CommonOptions {
  json?: boolean;
  set?: string[];
  windowDays?: number;
}

/** `relm explain <practice>`: the calculation trace of one practice, and what-ifs; writes nothing. */
export function runExplain(ctx: RunContext, practiceId: string, opts: ExplainOptions): void {
  const e = loadValidated(ctx, opts)?.engagement;
  if (!e) return;
  const ids = e.model.practices.map((p) => p.id);
  if (!ids.includes(practiceId)) {
    throw new RelmError(
      `"${practiceId}" is not a practice of the model "${e.model.id}"${hint(practiceId, ids)}`,
      EXIT_USAGE,
      '`relm assess` lists the practices with their scores.',
    );
  }
  const set = parseSets(opts.set ?? [], e, practiceId);
  const na = e.practices.practices[practiceId]?.na;
  if (Object.keys(set).length && na !== undefined) {
    throw new RelmError(
      `"${practiceId}" is marked not applicable (${na}), so its answers count nowhere`,
      EXIT_USAGE,
      `Remove \`na\` from the practice in practices.yaml to score it, then try --set again.`,
    );
  }
  const x = explainPractice(e, practiceId, { windowDays: opts.windowDays, set });
  emit(ctx, opts.json ? JSON.stringify(x, null, 2) + '\n' : formatExplanation(x, colorsFor(ctx, 'stdout')));
}
