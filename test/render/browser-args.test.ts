/**
 * relm starts the browser before it loads puppeteer (so the browser is up by the time the HTML is rendered), with
 * the command line puppeteer would give it: written out in src/render/pdf.ts, and held here to puppeteer's own.
 */
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { browserArgs, relmBrowserArgs } from '../../src/render/pdf.js';

describe('the browser command line', () => {
  it("is puppeteer's defaults for a headless browser with this profile, then relm's own arguments", () => {
    const profile = '/tmp/relm-pdf-test/profile';
    expect(browserArgs(profile)).toEqual(puppeteer.defaultArgs({ headless: true, userDataDir: profile, args: relmBrowserArgs() }));
  });

  it('talks over a pipe (no port) and keeps the document outline that numbers the contents', () => {
    const args = browserArgs('/x');
    expect(args).toContain('--remote-debugging-pipe');
    expect(args).toContain('--generate-pdf-document-outline');
    expect(args.some((a) => a.startsWith('--remote-debugging-port'))).toBe(false);
  });
});
