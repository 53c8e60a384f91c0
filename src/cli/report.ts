import { join, relative, resolve } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite, removeStaleTemps } from '../io/atomic-write.js';
import { assessmentJson } from '../output/assessment-json.js';
import { logoDataUri } from '../engagement/load.js';
import { PACKAGE_VERSION } from '../paths.js';
import { findBrowser } from '../render/browser.js';
import { DELIVERABLES, renderDeliverables, type DeliverableId } from '../render/deliverables.js';
import { toEpochMs } from '../util/dates.js';
import { openEngagement, requireValid } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';

const FORMATS = ['md', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions extends CommonOptions {
  format?: string;
  only?: string;
  out?: string;
  windowDays?: number;
  browserPath?: string;
  browserTimeout: number;
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const i of items) {
    if (!allowed.includes(i as T)) throw new RelmError(`${flag}: unknown value "${i}"`, EXIT_USAGE, `Choose from: ${allowed.join(', ')}.`);
  }
  if (!items.length) throw new RelmError(`${flag} needs at least one value`, EXIT_USAGE, `Choose from: ${allowed.join(', ')}.`);
  return [...new Set(items)] as T[];
}

/** The date written into PDFs: SOURCE_DATE_EPOCH when set (reproducible builds), else as_of. */
function documentDate(asOf: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(toEpochMs(asOf));
}

export async function runReport(opts: ReportOptions): Promise<void> {
  const only = parseList(opts.only, DELIVERABLES.map((d) => d.id), '--only') ?? DELIVERABLES.map((d) => d.id);
  const result = openEngagement(opts);
  const engagement = requireValid(result);
  if (!engagement) return;
  const configured = engagement.manifest.output?.formats;
  const formats = parseList(opts.format, FORMATS, '--format') ?? (configured?.length ? [...configured] : (['md', 'html'] as Format[]));
  const outDir = opts.out ? resolve(process.cwd(), opts.out) : join(result.root, engagement.manifest.output?.dir ?? 'out');
  // Find the browser before anything is rendered or written: no browser, no partial output.
  const browserPath = formats.includes('pdf') ? findBrowser(opts.browserPath) : undefined;

  const version = PACKAGE_VERSION;
  const assessment = result.assessment!;
  const logo = logoDataUri(result.root, engagement.manifest.branding?.logo);
  const rendered = renderDeliverables(assessment, engagement, only as DeliverableId[], { engagementRoot: result.root, version, logo });
  const files: [string, string | Uint8Array][] = [['assessment.json', assessmentJson(assessment)]];
  for (const d of rendered.docs) {
    if (formats.includes('md')) files.push([`${d.file}.md`, d.md]);
    if (formats.includes('html')) files.push([`${d.file}.html`, d.html]);
  }
  // The charts as files: the Markdown refers to them, and they are handy beside the HTML and PDF too.
  for (const [path, svg] of Object.entries(rendered.assets)) files.push([path, svg]);

  const c = colorsFor('stderr');
  if (browserPath) {
    const { renderPdfs } = await import('../render/pdf.js');
    const tty = process.stderr.isTTY === true;
    const pdfs = await renderPdfs(
      rendered.docs.map((d) => ({ name: `${d.file}.pdf`, html: d.html, title: d.title, author: rendered.author, subject: `${assessment.engagement.title}, ${assessment.engagement.client}`, layout: d.layout })),
      {
        browserPath,
        timeoutMs: opts.browserTimeout * 1000,
        creator: `relm ${version}`,
        date: documentDate(assessment.as_of),
        onProgress: tty ? (name, i, n) => writeErr(c.dim(`  printing ${name} (${i + 1}/${n})…`)) : undefined,
      },
    );
    rendered.docs.forEach((d, i) => files.push([`${d.file}.pdf`, pdfs[i]!]));
  }
  // Everything is rendered before anything is written: a failure leaves out/ as it was.
  removeStaleTemps(outDir);
  removeStaleTemps(join(outDir, 'charts'));
  for (const [name, content] of files) {
    atomicWrite(join(outDir, name), content);
    writeErr(`${c.green('✔')} ${relative(process.cwd(), join(outDir, name)) || name}`);
  }
}
