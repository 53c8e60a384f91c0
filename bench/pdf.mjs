// Rendering all deliverables of the bundled example to PDF with relm (one browser for all documents),
// beside the time Chromium's own `--headless --print-to-pdf` takes for the same HTML files, one process each.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'relm');
const { findBrowser } = await import(join(root, 'dist', 'render', 'browser.js'));
let browser;
try {
  browser = findBrowser();
} catch (e) {
  console.log(`skipped: ${e.message}`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'relm-bench-pdf-'));
cpSync(join(root, 'examples', 'acme-bank'), join(work, 'eng'), { recursive: true });
rmSync(join(work, 'eng', 'out'), { recursive: true, force: true });
execFileSync(process.execPath, [bin, 'report', '-C', join(work, 'eng'), '--format', 'html'], { stdio: 'ignore' });
const htmls = readdirSync(join(work, 'eng', 'out')).filter((f) => f.endsWith('.html'));

const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const runs = 3;
const relmTimes = [];
const chromeTimes = [];
for (let i = 0; i < runs; i++) {
  relmTimes.push(time(() => execFileSync(process.execPath, [bin, 'report', '-C', join(work, 'eng'), '--format', 'pdf', '--out', join(work, 'eng', 'pdf')], { stdio: 'ignore', timeout: 600_000 })));
  chromeTimes.push(
    time(() => {
      for (const f of htmls) {
        const r = spawnSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', `--user-data-dir=${join(work, 'profile')}`, `--print-to-pdf=${join(work, f.replace('.html', '.pdf'))}`, '--no-pdf-header-footer', `file://${join(work, 'eng', 'out', f)}`], { stdio: 'ignore' });
        if (r.status !== 0) throw new Error(`chromium failed on ${f}`);
      }
    }),
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${htmls.length} documents (${htmls.join(', ')}), median of ${runs} runs`);
console.log(`relm report --format pdf (whole command, one browser): ${median(relmTimes).toFixed(0)} ms`);
console.log(`chromium --headless --print-to-pdf, one process per file:  ${median(chromeTimes).toFixed(0)} ms`);
console.log(`ratio relm / chromium: ${(median(relmTimes) / median(chromeTimes)).toFixed(2)}`);
rmSync(work, { recursive: true, force: true });
