// The fixed costs every run pays, on the bundled example (a small engagement), as ratios to `node -e 0`:
//   relm --version                            ≤ 2.5×
//   relm report --format md,html              ≤ 5×   (validators and templates compiled at build time, each
//                                                     loaded when used; the model as JSON; nothing loaded that
//                                                     the run does not use)
// and, shown without a target, relm validate and relm assess --json on the example. The commands run in turns
// (one of each, RUNS times), so that a machine that gets busier or quieter moves them all; each figure is the
// median wall time, and the CPU time (user and system) is shown beside it as a ratio too, being less sensitive
// to other work on the machine.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, HERE, run, Table } from './lib/measure.mjs';

const RUNS = Number(process.env.RELM_BENCH_RUNS) || 9;
const work = mkdtempSync(join(tmpdir(), 'relm-bench-startup-'));
const dir = join(work, 'eng');
cpSync(join(HERE, 'examples', 'acme-bank'), dir, { recursive: true });
rmSync(join(dir, 'out'), { recursive: true, force: true });
const commands = [
  ['node -e 0', ['-e', '0']],
  ['relm --version', [BIN, '--version'], 2.5],
  ['relm validate', [BIN, 'validate', '-C', dir]],
  ['relm assess --json', [BIN, 'assess', '--json', '-C', dir]],
  ['relm report --format md,html', [BIN, 'report', '-C', dir, '--format', 'md,html', '--out', join(dir, 'out')], 5],
];
const table = new Table(`The bundled example; median of ${RUNS} runs, taken in turns`);
try {
  const runs = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) commands.forEach(([, args], k) => runs[k].push(run(args)));
  const mid = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const results = runs.map((rs) => ({ ms: mid(rs.map((r) => r.ms)), cpu: mid(rs.map((r) => r.cpu)), kb: Math.max(...rs.map((r) => r.kb)) }));
  const node0 = table.floor(commands[0][0], results[0]);
  commands.slice(1).forEach(([name, , target], k) => {
    const r = results[k + 1];
    table.figure(name, r, node0, target);
  });
  console.log(`\n  CPU time (user + system), same runs: node -e 0 ${Math.round(node0.cpu)} ms`);
  commands.slice(1).forEach(([name], k) => {
    const r = results[k + 1];
    console.log(`  ${name.padEnd(58)} ${`${Math.round(r.cpu)} ms`.padStart(10)}             ${(r.cpu / node0.cpu).toFixed(2)}×`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
table.finish();
