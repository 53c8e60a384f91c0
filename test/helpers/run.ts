import { execFileSync } from 'node:child_process';
import { it } from 'vitest';
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
export const pdfIt = browser && hasPdfTools ? it : it.skip;
if (!browser || !hasPdfTools) console.warn('PDF tests skipped: install chromium and poppler-utils to run them');
