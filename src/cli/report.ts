import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assess } from '../engine/assess.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { assessmentJson } from '../output/assessment-json.js';
import { PACKAGE_ROOT } from '../paths.js';
import { DELIVERABLES, renderDeliverables, type DeliverableId } from '../render/deliverables.js';
import { openEngagement, requireValid } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';

const FORMATS = ['md', 'html'] as const;
type Format = (typeof FORMATS)[number];

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const i of items) {
    if (!allowed.includes(i as T)) throw new RelmError(`${flag}: unknown value "${i}"`, EXIT_USAGE, `Choose from: ${allowed.join(', ')}.`);
  }
  if (!items.length) throw new RelmError(`${flag} needs at least one value`, EXIT_USAGE, `Choose from: ${allowed.join(', ')}.`);
  return items as T[];
}

export function runReport(opts: CommonOptions & { format?: string; only?: string; out?: string; windowDays?: number }): void {
  const only = parseList(opts.only, DELIVERABLES.map((d) => d.id), '--only') ?? DELIVERABLES.map((d) => d.id);
  const result = openEngagement(opts);
  const engagement = requireValid(result);
  if (!engagement) return;
  const configured = engagement.manifest.output?.formats?.filter((f): f is Format => (FORMATS as readonly string[]).includes(f));
  const formats = parseList(opts.format, FORMATS, '--format') ?? (configured?.length ? configured : [...FORMATS]);
  const outDir = opts.out ? resolve(process.cwd(), opts.out) : join(result.root, engagement.manifest.output?.dir ?? 'out');

  const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const assessment = assess(engagement, result.diagnostics, { windowDays: opts.windowDays });
  // Everything is rendered before anything is written: a failure leaves out/ as it was.
  const docs = renderDeliverables(assessment, engagement, only as DeliverableId[], { engagementRoot: result.root, version });
  const files: [string, string][] = [['assessment.json', assessmentJson(assessment)]];
  for (const d of docs) for (const f of formats) files.push([`${d.file}.${f}`, d[f]]);
  const c = colorsFor('stderr');
  for (const [name, content] of files) {
    atomicWrite(join(outDir, name), content);
    writeErr(`${c.green('✔')} ${join(outDir, name)}`);
  }
}
