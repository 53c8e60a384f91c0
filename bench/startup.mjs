// The fixed costs every run pays, on the bundled example (a small engagement), as ratios to `node -e 0`:
//   relm --version                            ≤ 2.5×
//   relm report --format md,html              ≤ 5×   (templates precompiled, the model as JSON, all at build time)
// and, shown without a target, relm validate and relm assess --json on the example.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, HERE, median, Table } from './lib/measure.mjs';

const RUNS = 7;
const work = mkdtempSync(join(tmpdir(), 'relm-bench-startup-'));
const dir = join(work, 'eng');
cpSync(join(HERE, 'examples', 'acme-bank'), dir, { recursive: true });
rmSync(join(dir, 'out'), { recursive: true, force: true });
const table = new Table(`The bundled example; median of ${RUNS} runs`);
try {
  const node0 = table.floor('node -e 0', median(RUNS, ['-e', '0']));
  table.figure('relm --version', median(RUNS, [BIN, '--version']), node0, 2.5);
  table.figure('relm validate', median(RUNS, [BIN, 'validate', '-C', dir]), node0);
  table.figure('relm assess --json', median(RUNS, [BIN, 'assess', '--json', '-C', dir]), node0);
  table.figure('relm report --format md,html', median(RUNS, [BIN, 'report', '-C', dir, '--format', 'md,html', '--out', join(dir, 'out')]), node0, 5);
} finally {
  rmSync(work, { recursive: true, force: true });
}
table.finish();
