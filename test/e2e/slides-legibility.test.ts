/**
 * Slides a room can read (DELIVERABLES: no text under 14 pt at 16:9): every piece of text on every slide,
 * HTML or chart, measured as Chromium lays it out at the slide's size (1280 × 720 px = 13.33 × 7.5 in, so
 * 14 pt = 18.67 px), SVG text scaled by its chart's transform.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/render/browser.js';
import { CHILD_TIMEOUT_MS, copyFixture, relm } from '../helpers/cli.js';

const browserPath = (() => {
  try {
    return findBrowser();
  } catch {
    return null;
  }
})();
const browserIt = browserPath ? it : it.skip;
const MIN_PX = (14 / 72) * 96 - 0.01;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each(['examples/acme-bank', 'test/fixtures/harbour'])('the slides of %s', (path) => {
  browserIt('have no text under 14 pt, charts included', async () => {
    const dir = copyFixture(path);
    dirs.push(dir);
    expect((await relm(['report', '-C', dir, '--format', 'html', '--only', 'presentation'])).status).toBe(0);
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      executablePath: browserPath!,
      headless: true,
      timeout: CHILD_TIMEOUT_MS,
      protocolTimeout: CHILD_TIMEOUT_MS,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(pathToFileURL(join(dir, 'out', 'presentation.html')).href, { timeout: CHILD_TIMEOUT_MS });
      const sizes = await page.evaluate(() => {
        const out: { slide: number; px: number; text: string }[] = [];
        document.querySelectorAll('.slide').forEach((slide, i) => {
          const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement!;
            if (!n.textContent?.trim() || el.closest('title, desc')) continue;
            let px = parseFloat(getComputedStyle(el).fontSize);
            if (el instanceof SVGGraphicsElement) {
              const m = el.getScreenCTM()!;
              px *= Math.hypot(m.a, m.b);
            }
            out.push({ slide: i + 1, px, text: n.textContent.trim().slice(0, 40) });
          }
        });
        return out;
      });
      expect(sizes.length).toBeGreaterThan(100);
      expect(sizes.filter((s) => s.px < MIN_PX)).toEqual([]);
    } finally {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    }
  });
});
