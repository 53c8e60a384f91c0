// The Office trio at any size (issue 32): `relm report --format pptx,xlsx,docx` on a 200,000-item backlog
// (20,000 releases) completes within 2 minutes and 1 GB. The workbook keeps the first 10,000 rows of a record
// sheet and writes every row to a CSV beside it; nothing spreads a list of that size into a call's arguments.
//
// `node bench/office.mjs [items]` measures another size. RELM_BENCH_RUNS=1 takes one run instead of the median of 3.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './lib/generate.mjs';
import { BIN, median, Table } from './lib/measure.mjs';

const items = Number(process.argv[2]) || 200_000;
const runs = Number(process.env.RELM_BENCH_RUNS) || 3;
const work = mkdtempSync(join(tmpdir(), 'relm-bench-office-'));
const label = `${items.toLocaleString('en-US')} items`;
const table = new Table(`The Office trio on a backlog of ${label}; median time, peak memory over ${runs} runs`);
try {
  const dir = join(work, 'engagement');
  generate(dir, { items });
  const md = median(runs, [BIN, 'report', '-C', dir, '--format', 'md']);
  table.floor(`${label}: relm report --format md`, md);
  // --draft: the preflight's findings (a wording a client should not see) are reported, not what is measured here.
  const office = median(runs, [BIN, 'report', '-C', dir, '--format', 'pptx,xlsx,docx', '--draft']);
  table.figure(`${label}: relm report --format pptx,xlsx,docx`, office, md);
  table.limit(`${label}: time of the Office trio`, Math.round(office.ms / 1000), 120, 's');
  table.limit(`${label}: peak memory of the Office trio`, office.kb / 1024, 1024, 'MB');
  table.require(`${label}: backlog-items.csv beside the workbook`, existsSync(join(dir, 'out', 'backlog-items.csv')));
} finally {
  rmSync(work, { recursive: true, force: true });
}
table.finish();
