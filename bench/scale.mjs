// Speed and memory from 1,000 to 200,000 backlog items (a tenth as many releases), on data that has findings:
// 100 items spread through backlog.yaml are done without a closed date (a warning each, whose positions must be
// found), and a 25,000-item backlog names 2,500 unknown items (half of them typos, each with a "did you mean"
// search over every id). Every time is a ratio to its floor, js-yaml parsing the same files in the same run.
//
// Targets (issue 21):
//   validate, 50k items with findings           ≤ 2× the parse floor
//   validate, 25k items, 2,500 unknown references ≤ 3× the parse floor
//   assess --json at 50k                          ≤ 4× the parse floor
//   assess from 50k to 200k items (4× the items)  time ≤ 4.6×, peak memory ≤ 4×
//   duplicates --json at 200k                     ≤ 5× the parse floor, under 600 MB
//   peak memory of any command at 50k             under 1 GB
//
// `node bench/scale.mjs [sizes…]` measures other sizes (e.g. `node bench/scale.mjs 1000 50000`); the targets
// that need a size left out are skipped. RELM_BENCH_RUNS=1 takes one run of each instead of the median of 3 or 5.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './lib/generate.mjs';
import { BIN, median, parseFloorArgs, Table } from './lib/measure.mjs';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1_000, 10_000, 50_000, 200_000];
const WARNINGS = 100;
const runsFor = (n) => Number(process.env.RELM_BENCH_RUNS) || (n <= 10_000 ? 5 : 3);
const work = mkdtempSync(join(tmpdir(), 'relm-bench-scale-'));
const table = new Table(
  `Backlogs of ${SIZES.map((n) => n.toLocaleString('en-US')).join(', ')} items with ${WARNINGS} warnings each; median time, peak memory over the runs`,
);

const byes = new Map();
try {
  for (const n of SIZES) {
    const dir = join(work, `n${n}`);
    generate(dir, { items: n, warnings: WARNINGS });
    const runs = runsFor(n);
    const label = `${n.toLocaleString('en-US')} items`;
    const floor = table.floor(`${label}: js-yaml parse of the files`, median(runs, parseFloorArgs(dir)));
    const validate = median(runs, [BIN, 'validate', '-C', dir, '-f', 'json']);
    table.figure(`${label}: relm validate (${WARNINGS} warnings)`, validate, floor, n === 50_000 ? 2 : undefined);
    const assess = median(runs, [BIN, 'assess', '--json', '-C', dir]);
    table.figure(`${label}: relm assess --json`, assess, floor, n === 50_000 ? 4 : undefined);
    const duplicates = median(runs, [BIN, 'duplicates', '--json', '-C', dir]);
    table.figure(`${label}: relm duplicates --json`, duplicates, floor, n === 200_000 ? 5 : undefined);
    if (n === 200_000) table.limit(`${label}: peak memory of relm duplicates`, duplicates.kb / 1024, 600, 'MB');
    if (n === 50_000) table.limit(`${label}: peak memory of relm (any command)`, Math.max(validate.kb, assess.kb, duplicates.kb) / 1024, 1024, 'MB');
    byes.set(n, { floor, validate, assess, duplicates });
    rmSync(dir, { recursive: true, force: true });
  }
  const a = byes.get(50_000);
  const b = byes.get(200_000);
  if (a && b) {
    table.ratio('assess time from 50,000 to 200,000 items (4× the items)', b.assess.ms / a.assess.ms, 4.6);
    table.ratio('assess peak memory from 50,000 to 200,000 items', b.assess.kb / a.assess.kb, 4);
  }

  // Unknown references: 2,500 in a 25,000-item backlog, each an error with a "did you mean" search.
  if (!sizes.length || sizes.includes(25_000)) {
    const dir = join(work, 'refs');
    generate(dir, { items: 25_000, unknownRefs: 2_500 });
    const floor = table.floor('25,000 items: js-yaml parse of the files', median(Number(process.env.RELM_BENCH_RUNS) || 3, parseFloorArgs(dir)));
    const validate = median(Number(process.env.RELM_BENCH_RUNS) || 3, [BIN, 'validate', '-C', dir, '-f', 'json'], { ok: [1] });
    table.figure('25,000 items: relm validate (2,500 unknown references)', validate, floor, 3);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
table.finish();
