import { join, resolve, sep } from 'node:path';
import { EXIT_FINDINGS, EXIT_USAGE, RelmError } from '../errors.js';
import { removeStaleTemps } from '../io/atomic-write.js';
import { shown } from '../io/fs-errors.js';
import { exitCleanlyOnInterrupt } from '../io/interrupt.js';
import { confineOutputDir, StagedOutput } from '../io/staging.js';
import { assessmentJson } from '../output/assessment-json.js';
import { logoDataUri } from '../engagement/load.js';
import { printable } from '../output/printable.js';
import { PACKAGE_VERSION } from '../paths.js';
import { findBrowser } from '../render/browser.js';
import type { PdfPrinter } from '../render/pdf.js';
import { DELIVERABLES, isProgress, renderDeliverables, type DeliverableId } from '../render/deliverables.js';
import { checkHtml, checkMarkdown, checkOffice, formatPreflight, internalIds, textRules, type PreflightFinding } from '../render/preflight.js';
import { toEpochMs } from '../util/dates.js';
import { loadAssessed } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import { pushAll } from '../util/arrays.js';
import type { RunContext } from './run-context.js';
import { REPORT_FORMATS, type ReportFormat } from '../output/names.js';

interface ReportOptions extends CommonOptions {
  format?: string;
  only?: string;
  out?: string;
  windowDays?: number;
  browserPath?: string;
  browserTimeout: number;
  /** Write even when the preflight finds problems (they become warnings). */
  draft?: boolean;
  /** The progress report: the last report's revision, the day to measure to, the plan of record. */
  since?: string;
  today?: string;
  plan?: string;
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items) {
    if (!allowed.includes(i as T)) throw new RelmError(`${flag}: unknown value "${i}"`, EXIT_USAGE, `Choose from: ${allowed.join(', ')}.`);
  }
  if (!items.length) throw new RelmError(`${flag} needs at least one value`, EXIT_USAGE, `Choose from: ${allowed.join(', ')}.`);
  return [...new Set(items)] as T[];
}

const MAX_EPOCH = 253_402_300_799; // 9999-12-31T23:59:59Z: the last second a PDF date can hold

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): a whole number of seconds since 1970-01-01 UTC. Checked before
 * any work, so that a bad value fails at once rather than after printing. Empty counts as unset.
 */
export function sourceDateEpoch(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,12}$/.test(value) || Number(value) > MAX_EPOCH) {
    throw new RelmError(
      `SOURCE_DATE_EPOCH "${printable(value.slice(0, 40))}${value.length > 40 ? '…' : ''}" is not a whole number of seconds from 0 (1970) to ${MAX_EPOCH} (9999-12-31)`,
      EXIT_USAGE,
      'Set it to the seconds since 1970 of the date the PDFs should carry, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it to date them with as_of.',
    );
  }
  return new Date(Number(value) * 1000);
}

/** The output folder: --out (from the working folder), else relm.yaml output.dir, else out; always inside the engagement. */
function outputDir(ctx: RunContext, root: string, flag: string | undefined, configured: string | undefined): string {
  if (flag !== undefined) return confineOutputDir(root, resolve(ctx.cwd, flag), '--out');
  return confineOutputDir(root, resolve(root, configured ?? 'out'), 'relm.yaml output.dir');
}

/** Why a report has no training plan, and what to add (one place: the note and the --only error say the same). */
const trainingLeftOut = (hasTeam: boolean) => (hasTeam ? 'team.yaml records no people' : 'the engagement has no team.yaml');
const TRAINING_TO_ADD = 'Add to team.yaml the people (each with their roles and current skill levels) and the roles (each with the skills it requires)';

export async function runReport(ctx: RunContext, opts: ReportOptions): Promise<void> {
  exitCleanlyOnInterrupt('nothing was written');
  const named = parseList(
    opts.only,
    DELIVERABLES.map((d) => d.id),
    '--only',
  );
  const epoch = sourceDateEpoch(ctx.env.SOURCE_DATE_EPOCH);
  const asked = parseList(opts.format, REPORT_FORMATS, '--format');
  // The PDFs' browser starts as soon as they are known to be wanted, so that it is up by the time the HTML is
  // rendered; it is stopped whatever happens (see the finally below). No browser: an error before any output.
  let printer: PdfPrinter | undefined;
  const startPrinter = async (): Promise<void> => {
    const browserPath = findBrowser(opts.browserPath, ctx.env);
    const { startPdfPrinter } = await import('../render/pdf.js');
    printer = startPdfPrinter({ browserPath, timeoutMs: opts.browserTimeout * 1000 });
  };
  try {
    if (asked?.includes('pdf')) await startPrinter();
    await report(ctx, opts, named, epoch, asked, () => printer, startPrinter);
  } finally {
    printer?.close();
  }
}

async function report(
  ctx: RunContext,
  opts: ReportOptions,
  named: string[] | undefined,
  epoch: Date | undefined,
  asked: ReportFormat[] | undefined,
  printer: () => PdfPrinter | undefined,
  startPrinter: () => Promise<void>,
): Promise<void> {
  const result = loadAssessed(ctx, opts);
  if (!result) return;
  const engagement = result.engagement;
  // By default every deliverable, the progress report once progress.yaml exists.
  const only = named ?? DELIVERABLES.map((d) => d.id).filter((id) => !isProgress(id) || engagement.progress);
  const configured = engagement.manifest.output?.formats;
  const formats = asked ?? (configured?.length ? [...configured] : (['md', 'html'] as ReportFormat[]));
  const outDir = outputDir(ctx, result.root, opts.out, engagement.manifest.output?.dir);
  // Found before anything is rendered or written: no browser, no partial output.
  if (formats.includes('pdf') && !printer()) await startPrinter();
  const outName = `${shown(outDir)}${sep}`;
  exitCleanlyOnInterrupt(`${outName} is as it was`);

  const version = PACKAGE_VERSION;
  const assessment = result.assessment;
  // No people in team.yaml: no training plan. Asked for by name, an error; by default, left out with a note.
  if (!assessment.training) {
    const why = trainingLeftOut(Boolean(engagement.team));
    if (named?.includes('training')) {
      throw new RelmError(`--only training: there is no training plan to write: ${why}`, EXIT_USAGE, `${TRAINING_TO_ADD}, then run relm report again.`);
    }
    if (only.includes('training')) {
      only.splice(only.indexOf('training'), 1);
      writeErr(ctx, colorsFor(ctx, 'stderr').yellow(`relm report: the training plan was left out: ${why}; ${TRAINING_TO_ADD.toLowerCase()} to write it`));
    }
  }
  const logo = logoDataUri(result.root, engagement.manifest.branding?.logo);
  const notes: string[] = [];
  const extras = await (await import('./report-extras.js')).reportExtras(
    assessment,
    engagement,
    result.root,
    only as DeliverableId[],
    { ...opts, now: ctx.now(), cwd: ctx.cwd },
    logo,
    notes,
  );
  for (const n of notes) writeErr(ctx, colorsFor(ctx, 'stderr').yellow(`relm report: ${printable(n)}`));
  const rendered = renderDeliverables(assessment, engagement, only as DeliverableId[], { engagementRoot: result.root, version, logo, ...extras });
  // Everything goes to a staging folder inside the output folder first, and into place only once all is
  // written: a failure (a full disk, a file in the way, a browser that hangs) leaves the folder as it was.
  removeStaleTemps(outDir);
  removeStaleTemps(join(outDir, 'charts'));
  const out = new StagedOutput(outDir);
  // The preflight: text a client must not see, in every format written, and (in the browser) layout that is cut.
  const rules = textRules(internalIds(assessment, engagement));
  const findings: PreflightFinding[] = [];
  const c = colorsFor(ctx, 'stderr');
  // The browser starts printing now; the other formats are checked and staged while it does.
  const pdfPrinter = printer();
  const tty = ctx.stderr.isTTY === true;
  const printing = pdfPrinter?.print(
    rendered.docs.map((d) => ({
      name: `${d.file}.pdf`,
      html: d.html,
      title: d.title,
      author: rendered.author,
      subject: `${assessment.engagement.title}, ${assessment.engagement.client}`,
      layout: d.layout,
      footer: `${assessment.engagement.client} · ${DELIVERABLES.find((x) => x.id === d.id)!.title} · Confidential`,
    })),
    {
      creator: `relm ${version}`,
      date: epoch ?? new Date(toEpochMs(assessment.as_of)),
      onProgress: tty ? (name, i, n) => writeErr(ctx, c.dim(`  printing ${name} (${i + 1}/${n})…`)) : undefined,
      rules,
    },
  );
  printing?.catch(() => undefined); // awaited below
  try {
    out.write('assessment.json', assessmentJson(assessment));
    for (const d of rendered.docs) {
      if (formats.includes('md')) {
        pushAll(findings, checkMarkdown(`${d.file}.md`, d.md, rules));
        out.write(`${d.file}.md`, d.md);
      }
      if (formats.includes('html')) {
        pushAll(findings, checkHtml(`${d.file}.html`, d.html, rules));
        out.write(`${d.file}.html`, d.html);
      }
    }
    // The charts as files: the Markdown refers to them, and they are handy beside the HTML and PDF too.
    for (const [path, svg] of Object.entries(rendered.assets)) out.write(path, svg);

    if (printing) {
      const { pdfs, findings: layoutFindings } = await printing;
      for (const f of layoutFindings) {
        const where = f.slide !== null ? `slide ${f.slide}` : f.page !== null ? `page ${f.page}` : `section "${f.section}"`;
        const message = f.code === 'overflow' ? `"${f.text}" ${f.problem}` : `${f.problem}: "${f.text}"`;
        findings.push({ file: f.file, where, code: f.code, message });
      }
      rendered.docs.forEach((d, i) => out.write(`${d.file}.pdf`, pdfs[i]!));
    }
    if (formats.some((f) => f === 'pptx' || f === 'xlsx' || f === 'docx')) {
      const { renderOffice } = await import('../render/office/index.js');
      const meta = {
        author: rendered.author,
        subject: `${assessment.engagement.title}, ${assessment.engagement.client}`,
        creator: `relm ${version}`,
        date: epoch ?? new Date(toEpochMs(assessment.as_of)),
        primaryColor: engagement.manifest.branding?.primary_color ?? null,
        logo,
      };
      for (const [name, bytes] of await renderOffice(formats, { assessment, engagement, rendered, meta, engagementRoot: result.root })) {
        pushAll(findings, await checkOffice(name, bytes, rules));
        out.write(name, bytes);
      }
    }
    if (findings.length) {
      writeErr(ctx, formatPreflight(findings, opts.draft ? 'warning' : 'error', c));
      const what = `the preflight found ${findings.length} ${findings.length === 1 ? 'problem' : 'problems'} a client would see`;
      if (!opts.draft) {
        throw new RelmError(
          `${what}; nothing was written`,
          EXIT_FINDINGS,
          'Fix each at its place (the template, the data it shows, or the layout), or pass --draft to write the deliverables anyway with these as warnings.',
        );
      }
      writeErr(ctx, c.yellow(`⚠ ${what}; written anyway (--draft)`));
    }
    for (const file of out.commit()) writeErr(ctx, `${c.green('✔')} ${printable(shown(file))}`);
  } finally {
    out.discard();
  }
}
