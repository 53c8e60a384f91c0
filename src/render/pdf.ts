import { escapeHtml } from '../util/xml.js';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { onInterrupt } from '../io/interrupt.js';
import { INSTALL_HINT, needsNoSandbox } from './browser.js';
import { removeQuietly, spawnBrowser, type BrowserProcess } from './browser-process.js';
import { bookmarkPages, setPdfInfo } from './pdf-info.js';
import type { TextRule } from './preflight.js';
import { inPage, type LayoutFinding } from './print-pass.js';

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

export interface PdfOptions {
  browserPath: string;
  /** Milliseconds for the whole run: starting the browser, every page, closing it. */
  timeoutMs: number;
  creator: string;
  /** The creation date written into the PDFs (as_of or SOURCE_DATE_EPOCH, never the clock). */
  date: Date;
  onProgress?: (name: string, index: number, total: number) => void;
  /** The preflight's text rules, checked on what each page shows (preflight.ts textRules); none by default. */
  rules?: readonly TextRule[];
}

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
 * Prints HTML documents to PDF with one headless browser. JavaScript is off and every request but the
 * document itself is blocked, so nothing in a note (an image URL, say) is ever fetched. Each HTML goes
 * through a temporary folder, which is removed afterwards, whatever happens: success, error, timeout or signal.
 */
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

export async function renderPdfs(jobs: readonly PdfJob[], opts: PdfOptions): Promise<PrintedPdfs> {
  const { default: puppeteer } = await import('puppeteer-core');
  // Created by the browser's launcher, not here: then no moment exists when relm could die leaving it behind.
  const tmp = join(tmpdir(), `${PDF_TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
  let proc: BrowserProcess | undefined;
  const forget = onInterrupt(() => (proc ? proc.kill() : removeQuietly(tmp)));
  const deadline = new Deadline(opts.timeoutMs, () => proc?.kill());
  try {
    const args = puppeteer.defaultArgs({
      headless: true,
      userDataDir: join(tmp, 'profile'),
      args: [...(needsNoSandbox() ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-sync', '--disable-dev-shm-usage', '--remote-debugging-pipe'],
    });
    proc = spawnBrowser(opts.browserPath, args, tmp);
    const started = proc;
    const notStarted = (detail: string) =>
      new RelmError(`the browser at ${opts.browserPath} did not start${detail ? `: ${detail}` : ''}`, EXIT_USAGE, INSTALL_HINT);
    const browser = await deadline.race(
      Promise.race([
        puppeteer.connect({ transport: started.transport, defaultViewport: { width: 800, height: 600 }, protocolTimeout: opts.timeoutMs + 5000 }),
        started.exited.then(() => Promise.reject(notStarted(firstLine(started.stderr())))),
      ]).catch((err: unknown) => {
        throw err instanceof RelmError ? err : notStarted(firstLine(started.stderr()) || firstLine((err as Error).message));
      }),
    );
    const out = new Array<Uint8Array>(jobs.length);
    const found = new Array<PdfFinding[]>(jobs.length);
    const print = async (job: PdfJob, html: string, file: string): Promise<{ pdf: Uint8Array; pass: ReturnType<typeof inPage> }> => {
      writeFileSync(file, html);
      const url = pathToFileURL(file).href;
      const page = await deadline.race(browser.newPage(), `opening a page for ${job.name}`);
      await deadline.race(page.setJavaScriptEnabled(false));
      await deadline.race(page.setRequestInterception(true));
      page.on('request', (req) => {
        const u = req.url();
        (u === url || u.startsWith('data:') ? req.continue() : req.abort('blockedbyclient')).catch(() => undefined);
      });
      await deadline.race(page.goto(url, { waitUntil: 'load', timeout: 0 }), `loading ${job.name}`);
      // One layout pass before the one print: the contents' page-number boxes and the layout checks.
      await deadline.race(page.emulateMediaType('print'));
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
      await deadline.race(page.close(), `closing ${job.name}`);
      return { pdf, pass };
    };
    const printJob = async (job: PdfJob, i: number): Promise<Uint8Array> => {
      opts.onProgress?.(job.name, i, jobs.length);
      const file = join(tmp, `${i}.html`);
      const { pdf, pass } = await print(job, job.html, file);
      // A finding in a document is placed on the page its section starts on (from the bookmarks).
      const sections = job.layout === 'a4' && pass.findings.length ? await bookmarkPages(pdf) : new Map<string, number>();
      found[i] = pass.findings.map((f) => ({
        ...f,
        file: job.name,
        page: f.slide ?? (f.section === 'the cover' ? 1 : (sections.get(f.section.replace(/\s+/g, '')) ?? null)),
      }));
      return setPdfInfo(
        pdf,
        { Title: job.title, Author: job.author, Subject: job.subject, Creator: opts.creator, Producer: opts.creator, date: opts.date },
        job.layout === 'a4' ? pass.toc : null,
      );
    };
    // Two documents at a time, in order (the report, the longest, first): with two cores the browser lays out
    // one while it prints the other, and pdf-lib rewrites one while the browser prints.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await printJob(jobs[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
    await deadline.race(browser.close(), 'closing the browser');
    await deadline.race(started.exited, 'closing the browser');
    return { pdfs: out, findings: found.flat() };
  } finally {
    deadline.clear();
    if (proc) proc.kill();
    else removeQuietly(tmp);
    forget();
  }
}
