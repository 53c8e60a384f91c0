// PDF printing, against Chromium's own `--headless --print-to-pdf` of the same HTML (one process per file):
//   the bundled example's four PDFs (relm: the whole command, one browser)   ≤ 0.6× Chromium's time
//   report.pdf and presentation.pdf of the example                          each under 1 MB, no raster image
//   the report of a 10,000-item engagement                                  shown: time, size, images
//   the report of a 200,000-item engagement                                 prints (its big tables are capped)
// A raster image in a PDF is counted by its /Subtype /Image objects: relm's charts are vector only.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './lib/generate.mjs';
import { BIN, HERE, ROOT, run, Table, time } from './lib/measure.mjs';

const { findBrowser } = await import(join(ROOT, 'dist', 'render', 'browser.js'));
let browser;
try {
  browser = findBrowser();
} catch (e) {
  console.log(`skipped: ${e.message}`);
  process.exit(0);
}
const images = (file) =>
  (
    readFileSync(file)
      .toString('latin1')
      .match(/\/Subtype\s*\/Image\b/g) ?? []
  ).length;
const work = mkdtempSync(join(tmpdir(), 'relm-bench-pdf-'));
const table = new Table('PDF printing');
try {
  const eng = join(work, 'eng');
  cpSync(join(HERE, 'examples', 'acme-bank'), eng, { recursive: true });
  rmSync(join(eng, 'out'), { recursive: true, force: true });
  execFileSync(process.execPath, [BIN, 'report', '-C', eng, '--format', 'html', '--out', join(eng, 'html')], { stdio: 'ignore' });
  const htmls = readdirSync(join(eng, 'html'))
    .filter((f) => f.endsWith('.html'))
    .sort();

  const runs = 3;
  const relmTimes = [];
  const chromeTimes = [];
  for (let i = 0; i < runs; i++) {
    relmTimes.push(run([BIN, 'report', '-C', eng, '--format', 'pdf', '--out', join(eng, 'pdf')]).ms);
    chromeTimes.push(
      time(() => {
        for (const f of htmls) {
          const r = spawnSync(
            browser,
            [
              '--headless',
              '--no-sandbox',
              '--disable-gpu',
              '--disable-background-networking',
              '--disable-component-update',
              '--no-first-run',
              `--user-data-dir=${join(work, 'profile')}`,
              `--print-to-pdf=${join(work, 'chromium', f.replace('.html', '.pdf'))}`,
              '--no-pdf-header-footer',
              `file://${join(eng, 'html', f)}`,
            ],
            { stdio: 'ignore', timeout: 120_000 },
          );
          if (r.status !== 0) throw new Error(`chromium failed on ${f}`);
        }
      }).ms,
    );
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const chromium = table.floor(`chromium --print-to-pdf of the example's ${htmls.length} HTML files`, { ms: median(chromeTimes) });
  table.figure(`relm report --format pdf, the example (median of ${runs})`, { ms: median(relmTimes) }, chromium, 0.6);
  for (const f of readdirSync(join(eng, 'pdf'))
    .filter((x) => x.endsWith('.pdf'))
    .sort()) {
    const file = join(eng, 'pdf', f);
    const limit = f === 'report.pdf' || f === 'presentation.pdf' ? 1024 * 1024 : undefined;
    table.limit(`example ${f}: size`, statSync(file).size, limit, 'bytes');
    const n = images(file);
    table.require(`example ${f}: no raster image`, n === 0, `${n} image(s)`);
  }

  for (const [items, check] of [
    [10_000, false],
    [200_000, true],
  ]) {
    const dir = join(work, `n${items}`);
    generate(dir, { items });
    const label = `${items.toLocaleString('en-US')} items`;
    let r;
    let error = '';
    try {
      r = run([BIN, 'report', '-C', dir, '--only', 'report', '--format', 'pdf', '--out', join(dir, 'out')], { timeout: 900_000 });
    } catch (e) {
      error = e.message.split('\n').find((l) => /relm|error|fail/i.test(l)) ?? e.message.slice(0, 200);
    }
    const pdf = join(dir, 'out', 'report.pdf');
    const printed = !!r && existsSync(pdf);
    if (check) table.require(`${label}: the report prints`, printed, error);
    if (printed) {
      console.log(
        `  ${`${label}: relm report --only report --format pdf`.padEnd(58)} ${`${Math.round(r.ms).toLocaleString('en-US')} ms`.padStart(10)} ${`${Math.round(r.kb / 1024)} MB`.padStart(9)}   ${(statSync(pdf).size / 1024 / 1024).toFixed(2)} MB PDF, ${images(pdf)} image(s)`,
      );
    } else if (!check) console.log(`  ${label}: the report did not print (${error})`);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
table.finish();
