import { escapeHtml } from '../util/xml.js';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { onInterrupt } from '../io/interrupt.js';
import { INSTALL_HINT, needsNoSandbox } from './browser.js';
import { spawnBrowser, type BrowserProcess } from './browser-process.js';
import { bookmarkPages, setPdfInfo } from './pdf-info.js';
import type { TextRule } from './preflight.js';
import { inPage, type LayoutFinding } from './print-pass.js';
import type { Page } from 'puppeteer-core';

export interface PdfJob {
  name: string;
  html: string;
  title: string;
  author: string;
  subject: string;
  /** Slides: 16:9 pages, no footer. Documents: A4 with page numbers. */
  layout: 'a4' | 'slides';
  /** The running footer of a document's pages, beside "page n of m" (client, deliverable, confidentiality). */
  footer?: string;
}

/** The browser that prints. */
export interface PrinterOptions {
  browserPath: string;
  /** Milliseconds for the whole print: waiting for the browser to start, every page, closing it. */
  timeoutMs: number;
}

/** What goes into the PDFs, and what is checked on their pages. */
export interface PrintOptions {
  creator: string;
  /** The creation date written into the PDFs (as_of or SOURCE_DATE_EPOCH, never the clock). */
  date: Date;
  onProgress?: (name: string, index: number, total: number) => void;
  /** The preflight's text rules, checked on what each page shows (preflight.ts textRules); none by default. */
  rules?: readonly TextRule[];
}

export type PdfOptions = PrinterOptions & PrintOptions;

/** The running footer: the document's line on the left, "page n of m" on the right. */
function footerTemplate(text: string | undefined): string {
  return (
    '<div style="width:100%;margin:0 16mm;font-size:7.5px;color:#5b6473;font-family:Arial,Liberation Sans,sans-serif;display:flex;justify-content:space-between">' +
    `<span>${escapeHtml(text ?? '')}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  );
}

/** The prefix of the temporary folders, so that a test (or a user) can find them. */
export const PDF_TEMP_PREFIX = 'relm-pdf-';

/**
 * One deadline over everything the browser does. Each awaited step races it; when it expires the browser's
 * whole process group is killed at once (which also ends every pending protocol call) and the step in progress
 * is named in the error.
 */
class Deadline {
  readonly #expired: Promise<never>;
  readonly #timer: NodeJS.Timeout;
  #step = 'starting the browser';

  constructor(ms: number, onExpire: () => void) {
    let reject!: (e: unknown) => void;
    this.#expired = new Promise<never>((_, r) => (reject = r));
    this.#expired.catch(() => undefined);
    this.#timer = setTimeout(() => {
      onExpire();
      reject(
        new RelmError(
          `printing the PDFs took longer than ${Math.round(ms / 1000)} s (stopped while ${this.#step}); the browser was stopped and nothing was written`,
          EXIT_USAGE,
          'Raise --browser-timeout (seconds, for the whole run), or check that the browser runs headless on this machine; --format md,html needs no browser.',
        ),
      );
    }, ms);
  }

  race<T>(p: Promise<T>, step?: string): Promise<T> {
    if (step) this.#step = step;
    p.catch(() => undefined); // a step overtaken by the deadline rejects later, unobserved
    return Promise.race([p, this.#expired]);
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 300);
}

/**
 * The browser's command line: puppeteer's defaults for a headless browser (puppeteer.defaultArgs, which a test
 * holds this list to), then relm's own. Written out rather than asked of puppeteer so that the browser can be
 * started before puppeteer (a large library) is loaded: it starts while relm assesses and renders.
 */
export function browserArgs(userDataDir: string): string[] {
  return [
    '--allow-pre-commit-input',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-crash-reporter',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-hang-monitor',
    '--disable-infobars',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    '--enable-automation',
    '--export-tagged-pdf',
    '--force-color-profile=srgb',
    '--generate-pdf-document-outline',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
    '--enable-features=PdfOopif',
    `--user-data-dir=${userDataDir}`,
    '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...relmBrowserArgs(),
  ];
}

/** relm's own browser arguments, after puppeteer's defaults. */
export function relmBrowserArgs(): string[] {
  return [...(needsNoSandbox() ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-sync', '--disable-dev-shm-usage', '--remote-debugging-pipe'];
}

/** How many documents the browser prints at once. */
const PARALLEL = 2;

/** A layout problem the browser found in one of the PDFs, with the page its section starts on (documents). */
export interface PdfFinding extends LayoutFinding {
  file: string;
  page: number | null;
}

export interface PrintedPdfs {
  pdfs: Uint8Array[];
  findings: PdfFinding[];
}

/** The A4 page and the margins given to Chromium (a stylesheet's own @page margins win over these). */
const A4 = { widthMm: 210, heightMm: 297, marginMm: { top: 16, right: 16, bottom: 18, left: 16 } };

/** A browser started for printing: print() once, then close() (always, also when nothing was printed). */
export interface PdfPrinter {
  print(jobs: readonly PdfJob[], opts: PrintOptions): Promise<PrintedPdfs>;
  /** Stops the browser's whole process group and removes its temporary folder. Synchronous, idempotent. */
  close(): void;
}

/**
 * Starts the headless browser at once, and returns what prints with it: `relm report` starts it before it
 * assesses and renders, so the browser is up by the time the HTML is. JavaScript is off in every page and every
 * request but the document itself is blocked, so nothing in a note (an image URL, say) is ever fetched. The
 * HTML goes through a temporary folder, which is removed afterwards whatever happens: success, error, timeout
 * or signal. The deadline (timeoutMs) runs from print(): it covers waiting for the browser, every page, and
 * closing it.
 */
export function startPdfPrinter(opts: PrinterOptions): PdfPrinter {
  // Created by the browser's launcher, not here: then no moment exists when relm could die leaving it behind.
  const tmp = join(tmpdir(), `${PDF_TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
  const proc: BrowserProcess = spawnBrowser(opts.browserPath, browserArgs(join(tmp, 'profile')), tmp);
  const forget = onInterrupt(() => proc.kill());
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    proc.kill();
    forget();
  };
  return { print: (jobs, printOpts) => printWith(proc, tmp, jobs, { ...opts, ...printOpts }).finally(close), close };
}

/** Prints HTML documents to PDF with one headless browser (startPdfPrinter, print, close). */
export async function renderPdfs(jobs: readonly PdfJob[], opts: PdfOptions): Promise<PrintedPdfs> {
  const printer = startPdfPrinter(opts);
  try {
    return await printer.print(jobs, opts);
  } finally {
    printer.close();
  }
}

/** A page to print in, and the one document it may load. */
interface Tab {
  page: Page;
  show(url: string): void;
}

async function printWith(proc: BrowserProcess, tmp: string, jobs: readonly PdfJob[], opts: PdfOptions): Promise<PrintedPdfs> {
  const deadline = new Deadline(opts.timeoutMs, () => proc.kill());
  // pdf-lib (which writes each PDF's metadata and contents numbers) loads while puppeteer connects.
  const pdfLib = import('pdf-lib');
  pdfLib.catch(() => undefined);
  try {
    const { default: puppeteer } = await deadline.race(import('puppeteer-core'), 'starting the browser');
    const notStarted = (detail: string) =>
      new RelmError(`the browser at ${opts.browserPath} did not start${detail ? `: ${detail}` : ''}`, EXIT_USAGE, INSTALL_HINT);
    const browser = await deadline.race(
      Promise.race([
        puppeteer.connect({ transport: proc.transport, defaultViewport: { width: 800, height: 600 }, protocolTimeout: opts.timeoutMs + 5000 }),
        proc.exited.then(() => Promise.reject(notStarted(firstLine(proc.stderr())))),
      ]).catch((err: unknown) => {
        throw err instanceof RelmError ? err : notStarted(firstLine(proc.stderr()) || firstLine((err as Error).message));
      }),
      'starting the browser',
    );
    const out = new Array<Uint8Array>(jobs.length);
    const found = new Array<PdfFinding[]>(jobs.length);
    /**
     * A page set up once and used for one document after the other: JavaScript off, print media from the start
     * (so that a document is laid out for print when it loads, not for the screen and then again), and every
     * request but the current document's blocked.
     */
    const openPage = async (): Promise<Tab> => {
      const page = await deadline.race(browser.newPage(), 'opening a page');
      let allowed = '';
      await deadline.race(page.setJavaScriptEnabled(false));
      await deadline.race(page.emulateMediaType('print'));
      await deadline.race(page.setRequestInterception(true));
      page.on('request', (req) => {
        const u = req.url();
        (u === allowed || u.startsWith('data:') ? req.continue() : req.abort('blockedbyclient')).catch(() => undefined);
      });
      return { page, show: (url) => (allowed = url) };
    };
    const print = async (tab: Tab, job: PdfJob, file: string): Promise<{ pdf: Uint8Array; pass: ReturnType<typeof inPage> }> => {
      writeFileSync(file, job.html);
      const url = pathToFileURL(file).href;
      tab.show(url);
      const { page } = tab;
      await deadline.race(page.goto(url, { waitUntil: 'load', timeout: 0 }), `loading ${job.name}`);
      // One layout pass before the one print: the contents' page-number boxes and the layout checks.
      // The fonts first: a measurement taken with a fallback font would be written into the page (and the bytes).
      await deadline.race(
        page.evaluate(() => document.fonts.ready.then(() => true)),
        `loading the fonts of ${job.name}`,
      );
      const pass = await deadline.race(page.evaluate(inPage, job.layout, A4, opts.rules ?? []), `checking the layout of ${job.name}`);
      const pdf = await deadline.race(
        job.layout === 'slides'
          ? page.pdf({ width: '254mm', height: '142.875mm', printBackground: true, preferCSSPageSize: true, timeout: 0 })
          : page.pdf({
              format: 'A4',
              printBackground: true,
              displayHeaderFooter: true,
              headerTemplate: '<span></span>',
              footerTemplate: footerTemplate(job.footer),
              // PDF bookmarks from the headings, for the reader's navigation pane.
              outline: true,
              margin: { top: `${A4.marginMm.top}mm`, bottom: `${A4.marginMm.bottom}mm`, left: `${A4.marginMm.left}mm`, right: `${A4.marginMm.right}mm` },
              timeout: 0,
            }),
        `printing ${job.name}`,
      );
      return { pdf, pass };
    };
    /** What relm does to a printed PDF: its findings placed on their pages, its metadata and contents numbers. */
    const finish = async (job: PdfJob, i: number, pdf: Uint8Array, pass: ReturnType<typeof inPage>): Promise<void> => {
      await pdfLib;
      // A finding in a document is placed on the page its section starts on (from the bookmarks).
      const sections = job.layout === 'a4' && pass.findings.length ? await bookmarkPages(pdf) : new Map<string, number>();
      found[i] = pass.findings.map((f) => ({
        ...f,
        file: job.name,
        page: f.slide ?? (f.section === 'the cover' ? 1 : (sections.get(f.section.replace(/\s+/g, '')) ?? null)),
      }));
      out[i] = await setPdfInfo(
        pdf,
        { Title: job.title, Author: job.author, Subject: job.subject, Creator: opts.creator, Producer: opts.creator, date: opts.date },
        job.layout === 'a4' ? pass.toc : null,
      );
    };
    // Two documents at a time, in order (the report, the longest, first), each worker in a page of its own: with
    // two cores the browser lays out one while it prints the other. A worker hands a printed PDF to pdf-lib and
    // goes on to its next document at once: relm rewrites one PDF while the browser prints the next.
    let next = 0;
    const finishing: Promise<void>[] = [];
    const worker = async (): Promise<void> => {
      const tab = await openPage();
      while (next < jobs.length) {
        const i = next++;
        const job = jobs[i]!;
        opts.onProgress?.(job.name, i, jobs.length);
        const { pdf, pass } = await print(tab, job, join(tmp, `${i}.html`));
        const done = finish(job, i, pdf, pass);
        done.catch(() => undefined); // observed below, with the others
        finishing.push(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
    await deadline.race(Promise.all(finishing), 'writing the PDFs');
    // Every PDF is in memory: the browser is stopped with its process group (the printer's close) rather than
    // asked to close, which takes it a second.
    void browser.disconnect().catch(() => undefined);
    return { pdfs: out, findings: found.flat() };
  } finally {
    deadline.clear();
  }
}
