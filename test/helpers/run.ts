import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { findBrowser } from '../../src/render/browser.js';
import { CHILD_TIMEOUT_MS } from './cli.js';

/** How long a spawned relm may run before it is killed (the suite's one limit). */
export const CHILD_TIMEOUT = CHILD_TIMEOUT_MS;

const hasPdfTools = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore', timeout: CHILD_TIMEOUT_MS });
    return true;
  } catch {
    return false;
  }
})();
const browser = (() => {
  try {
    return findBrowser();
  } catch {
    return null;
  }
})();

/** `it` where Chromium and poppler-utils are installed (CI installs them, .ci/run); elsewhere a skip that says why. */
export const pdfTools = Boolean(browser && hasPdfTools);
export const pdfIt = pdfTools ? it : it.skip;
/** `describe` where Chromium and poppler-utils are installed; elsewhere skipped. */
export const pdfDescribe = pdfTools ? describe : describe.skip;
if (!browser || !hasPdfTools) console.warn('PDF tests skipped: install chromium and poppler-utils to run them');
