import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { cleanupOnInterrupt } from '../io/atomic-write.js';
import { INSTALL_HINT, needsNoSandbox } from './browser.js';
import { pdfDate, setPdfInfo } from './pdf-info.js';

export interface PdfJob {
  name: string;
  html: string;
  title: string;
  author: string;
  subject: string;
  /** Slides: 16:9 pages, no footer. Documents: A4 with page numbers. */
  layout: 'a4' | 'slides';
}

export interface PdfOptions {
  browserPath: string;
  /** Milliseconds for the browser to start and for each document to print. */
  timeoutMs: number;
  creator: string;
  /** The creation date written into the PDFs (as_of or SOURCE_DATE_EPOCH, never the clock). */
  date: Date;
  onProgress?: (name: string, index: number, total: number) => void;
}

const FOOTER =
  '<div style="width:100%;font-size:8px;color:#5b6473;text-align:center;font-family:Arial,Liberation Sans,sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RelmError(`${what} took longer than ${Math.round(ms / 1000)} s`, EXIT_USAGE, 'Raise --browser-timeout, or check that the browser runs headless on this machine.')), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * Prints HTML documents to PDF with one headless browser. JavaScript is off and every request but the
 * document itself is blocked, so nothing in a note (an image URL, say) is ever fetched. Each HTML goes
 * through a temporary file, which is removed afterwards.
 */
export async function renderPdfs(jobs: readonly PdfJob[], opts: PdfOptions): Promise<Uint8Array[]> {
  const { default: puppeteer } = await import('puppeteer-core');
  const tmp = mkdtempSync(join(tmpdir(), 'relm-pdf-'));
  const forget = cleanupOnInterrupt(tmp);
  let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;
  try {
    browser = await withTimeout(
      puppeteer.launch({
        executablePath: opts.browserPath,
        headless: true,
        timeout: opts.timeoutMs,
        userDataDir: join(tmp, 'profile'),
        args: [
          ...(needsNoSandbox() ? ['--no-sandbox'] : []),
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-extensions',
          '--no-first-run',
          '--disable-dev-shm-usage',
        ],
      }),
      opts.timeoutMs,
      'starting the browser',
    ).catch((err: unknown) => {
      if (err instanceof RelmError) throw err;
      throw new RelmError(`the browser at ${opts.browserPath} did not start: ${(err as Error).message.split('\n')[0]}`, EXIT_USAGE, INSTALL_HINT);
    });
    const out: Uint8Array[] = [];
    for (const [i, job] of jobs.entries()) {
      opts.onProgress?.(job.name, i, jobs.length);
      const file = join(tmp, `${i}.html`);
      writeFileSync(file, job.html);
      const url = pathToFileURL(file).href;
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        const u = req.url();
        if (u === url || u.startsWith('data:')) void req.continue();
        else void req.abort('blockedbyclient');
      });
      await withTimeout(page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs }), opts.timeoutMs, `loading ${job.name}`);
      const pdf = await withTimeout(
        job.layout === 'slides'
          ? page.pdf({ width: '254mm', height: '142.875mm', printBackground: true, preferCSSPageSize: true, timeout: opts.timeoutMs })
          : page.pdf({
              format: 'A4',
              printBackground: true,
              displayHeaderFooter: true,
              headerTemplate: '<span></span>',
              footerTemplate: FOOTER,
              margin: { top: '16mm', bottom: '18mm', left: '16mm', right: '16mm' },
              timeout: opts.timeoutMs,
            }),
        opts.timeoutMs,
        `printing ${job.name}`,
      );
      await page.close();
      const date = pdfDate(opts.date);
      out.push(setPdfInfo(pdf, { Title: job.title, Author: job.author, Subject: job.subject, Creator: opts.creator, Producer: opts.creator, CreationDate: date, ModDate: date }));
    }
    return out;
  } finally {
    await browser?.close().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
    forget();
  }
}
