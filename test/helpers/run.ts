import { execFile, execFileSync } from 'node:child_process';
import { it } from 'vitest';
import { findBrowser } from '../../src/render/browser.js';
import { BIN, CHILD_TIMEOUT_MS, ROOT, type RunResult } from './cli.js';

/** How long a spawned relm may run before it is killed (the suite's one limit). */
export const CHILD_TIMEOUT = CHILD_TIMEOUT_MS;

/**
 * Runs the built binary without blocking the test worker (a long synchronous wait starves vitest's own
 * messages), without colour, killed after `timeoutMs`.
 */
export function relmAsync(args: string[], cwd = ROOT, timeoutMs = CHILD_TIMEOUT): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code ?? null) : 0;
      resolve({ status: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

const hasPdfTools = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore', timeout: 10_000 });
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
