import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { MANIFEST } from '../engagement/find-root.js';
import { validateSchema } from '../engagement/schemas.js';
import { assess } from '../engine/assess.js';
import { buildPortfolio, type PortfolioInput } from '../engine/portfolio.js';
import type { Assessment } from '../engine/types.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { confineWrite, protectInputs } from '../io/staging.js';
import { formatPortfolio } from '../output/portfolio.js';
import { printable } from '../output/printable.js';
import { portfolioChart, portfolioPracticesChart } from '../render/portfolio-charts.js';
import { emit } from './context.js';
import { engagementAtRevision } from './revision.js';
import { colorsFor, writeErr } from './ui.js';
import type { RunContext } from './run-context.js';

interface PortfolioOptions {
  json?: boolean;
  output?: string;
  anonymise?: boolean;
  label?: string;
  out?: string;
  windowDays?: number;
}

/** An engagement folder (assessed as it stands) or an assessment.json file (`relm assess -o`, out/assessment.json). */
function readInput(ctx: RunContext, input: string, windowDays: number | undefined): PortfolioInput {
  const path = resolve(ctx.cwd, input);
  if (!existsSync(path))
    throw new RelmError(`no such engagement folder or file: ${input}`, EXIT_USAGE, 'Name engagement folders (holding relm.yaml) or assessment.json files.');
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, MANIFEST)))
      throw new RelmError(
        `${input} is not an engagement folder: it has no ${MANIFEST}`,
        EXIT_USAGE,
        'Name engagement folders (holding relm.yaml) or assessment.json files.',
      );
    return { assessment: assess(engagementAtRevision(path, undefined), { windowDays }), source: input };
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RelmError(
      `${input} is not JSON (${(err as Error).message})`,
      EXIT_USAGE,
      'Name assessment.json files written by `relm assess -o` or `relm report`, or engagement folders.',
    );
  }
  const errors = validateSchema('assessment', input, data);
  if (errors.length) {
    const first = errors[0]!;
    throw new RelmError(
      `${input} is not an assessment.json document (${first.path?.length ? `${first.path.join('.')}: ` : ''}${first.message})`,
      EXIT_USAGE,
      'Write one with `relm assess -o assessment.json` (or use out/assessment.json from `relm report`), or name the engagement folder.',
    );
  }
  return { assessment: data as Assessment, source: input };
}

/** `relm portfolio`: the distribution of every figure over the engagements, each engagement's standing, and the charts. */
export function runPortfolio(ctx: RunContext, inputs: string[], opts: PortfolioOptions): void {
  if (opts.label !== undefined && !opts.label.trim()) throw new RelmError('--label needs a word, e.g. --label insurers', EXIT_USAGE);
  const items = inputs.map((i) => readInput(ctx, i, opts.windowDays));
  const p = buildPortfolio(items, { anonymise: opts.anonymise, population: opts.label?.trim() });
  const json = JSON.stringify(p, null, 2) + '\n';
  // Everything is computed before anything is written.
  // Written inside the working folder only (the folder holding the engagements), never over an input.
  const here = ctx.cwd;
  const outDir = confineWrite(here, resolve(here, opts.out ?? 'out'), '--out');
  const output = opts.output ? protectInputs(here, confineWrite(here, resolve(here, opts.output), '-o'), '-o') : undefined;
  const charts: [string, string][] = [
    [join(outDir, 'charts', 'portfolio.svg'), portfolioChart(p)],
    [join(outDir, 'charts', 'portfolio-practices.svg'), portfolioPracticesChart(p)],
  ];
  const c = colorsFor(ctx, 'stderr');
  for (const [file, svg] of charts) {
    atomicWrite(protectInputs(here, file, '--out'), svg);
    writeErr(ctx, `${c.green('✔')} ${printable(relative(ctx.cwd, file) || file)}`);
  }
  if (output) {
    atomicWrite(output, json);
    writeErr(
      ctx,
      `${c.green('✔')} ${printable(opts.output ?? output)}${opts.anonymise ? '' : c.dim(' (names the clients: pass --anonymise for a benchmark to share)')}`,
    );
  }
  emit(ctx, opts.json ? json : formatPortfolio(p, colorsFor(ctx, 'stdout')));
}
