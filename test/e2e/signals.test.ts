/**
 * relm report interrupted while it prints PDFs: by Ctrl-C (SIGINT), SIGTERM, SIGHUP, and kill -9, at several
 * moments (the browser starting, the first documents, later ones). Each run has a temp folder of its own
 * (TMPDIR), so that what the run leaves there, and the browser processes started from it, can be counted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/render/browser.js';
import { BIN, CHILD_TIMEOUT_MS, copyFixture, relm, snapshotFiles } from '../helpers/cli.js';

const browser = (() => {
  try {
    return findBrowser();
  } catch {
    return null;
  }
})();
const linux = process.platform === 'linux';
if (!browser || !linux) console.warn('signal tests skipped: they need Chromium and Linux (/proc)');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const snapshot = (dir: string) => snapshotFiles(dir, 'latin1');

/** Processes whose command line mentions `text` (the run's temp folder: the browser's profile is in it). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Whether the signal reached relm while it was printing (the browser's temp folder existed). */
  whilePrinting: boolean;
}

/** Starts a PDF report, waits until the browser's temp folder appears, then `delay` ms, then sends `signal`. */
function interrupt(dir: string, tmp: string, signal: NodeJS.Signals, delay: number): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, 'report', '-C', dir, '--format', 'pdf', '--browser-timeout', '90'], {
      env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    let whilePrinting = false;
    let exited = false;
    p.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (readdirSync(tmp).some((n) => n.startsWith('relm-pdf-'))) {
        clearInterval(poll);
        setTimeout(() => {
          if (exited) return;
          whilePrinting = readdirSync(tmp).some((n) => n.startsWith('relm-pdf-'));
          p.kill(signal);
        }, delay);
      }
    }, 10);
    p.on('close', (code, sig) => {
      exited = true;
      clearInterval(poll);
      resolve({ code, signal: sig, stderr, whilePrinting });
    });
  });
}

const cases: [NodeJS.Signals, number, number | null][] = [
  ['SIGINT', 0, 130],
  ['SIGINT', 600, 130],
  ['SIGINT', 1500, 130],
  ['SIGTERM', 300, 143],
  ['SIGTERM', 1200, 143],
  ['SIGHUP', 800, 129],
  ['SIGKILL', 0, null],
  ['SIGKILL', 1000, null],
];

describe.skipIf(!browser || !linux)('relm report interrupted while printing PDFs', () => {
  let dir: string;
  let before: Record<string, string>;
  const temps: string[] = [];
  beforeAll(async () => {
    dir = copyFixture('examples/acme-bank');
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    // The previous deliverables, which no interrupted run may touch.
    expect((await relm(['report', '-C', dir, '--format', 'md,html'])).status).toBe(0);
    before = snapshot(join(dir, 'out'));
    expect(Object.keys(before).length).toBeGreaterThan(10);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const t of temps) rmSync(t, { recursive: true, force: true });
  });

  for (const [signal, delay, exit] of cases) {
    it(`${signal} ${delay} ms into printing: ${exit === null ? 'killed' : `exit ${exit}, one line`}, no browser and no temp folder left, out/ untouched`, async () => {
      const tmp = mkdtempSync(join(tmpdir(), 'relm-signal-'));
      temps.push(tmp);
      const r = await interrupt(dir, tmp, signal, delay);
      const context = `${signal} after ${delay} ms: code ${r.code}, signal ${r.signal}\n${r.stderr}`;
      expect(r.whilePrinting, `relm finished before the signal: ${context}`).toBe(true);
      if (exit === null) {
        expect(r.signal, context).toBe('SIGKILL');
      } else {
        expect(r.code, context).toBe(exit);
        expect(r.stderr.trim().split('\n').pop(), context).toMatch(new RegExp(`^relm: interrupted by ${signal}; .*out/ is as it was$`));
        expect(r.stderr, context).not.toMatch(/\n\s+at |unexpected error|Error:/);
      }
      // The browser dies with relm (its pipe closes), even after kill -9; then its folder is removed. (The waits
      // are generous: on a loaded machine a dying browser may take a while, and waiting longer costs nothing.)
      expect(
        await until(() => processesMentioning(tmp).length === 0, CHILD_TIMEOUT_MS / 2),
        `browser processes left: ${processesMentioning(tmp).join(' ')}; ${context}`,
      ).toBe(true);
      expect(
        await until(() => readdirSync(tmp).length === 0, CHILD_TIMEOUT_MS / 2),
        `left in TMPDIR: ${readdirSync(tmp, { recursive: true }).slice(0, 20).join(', ')}; ${context}`,
      ).toBe(true);
      const now = snapshot(join(dir, 'out'));
      if (exit === null) {
        // kill -9 cannot clean up: a staging folder may be left in out/ ...
        for (const f of Object.keys(now)) if (!(f in before)) expect(f, context).toMatch(/^\.relm-staging-\d+-/);
        // ... which the next run removes.
        expect((await relm(['report', '-C', dir, '--format', 'md,html'])).status).toBe(0);
        expect(snapshot(join(dir, 'out'))).toEqual(before);
      } else {
        expect(now).toEqual(before);
      }
    });
  }
});
