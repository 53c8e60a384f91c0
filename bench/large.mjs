// Speed and memory on a large engagement (50,000 backlog items, 5,000 releases), as ratios measured in one run:
//   relm validate        vs  js-yaml parsing the same files (target ≤ 2×)
//   relm assess --json   vs  the same parse                 (target ≤ 4×)
//   relm --version       vs  node -e 0                       (target ≤ 2.5×)
//   peak memory of each relm command                          (target < 1 GB)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'relm');
const rss = join(root, 'bench', 'rss.mjs');
const dir = mkdtempSync(join(tmpdir(), 'relm-bench-large-'));
generate(dir);

const parseOnly = `
import jsyaml from ${JSON.stringify(join(root, 'node_modules', 'js-yaml', 'dist', 'js-yaml.mjs'))};
import { readFileSync } from 'node:fs';
for (const f of ['relm', 'practices', 'target', 'team', 'backlog', 'releases']) jsyaml.load(readFileSync(${JSON.stringify(dir)} + '/' + f + '.yaml', 'utf8'), { schema: jsyaml.CORE_SCHEMA });
`;

function run(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', rss, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const kb = Number(/RELM_BENCH_MAX_RSS_KB (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  if (r.status !== 0 && !(args.includes('validate') && r.status === 1)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, kb };
}
const RUNS = 5;
function median(args) {
  const rs = Array.from({ length: RUNS }, () => run(args));
  const ms = rs.map((r) => r.ms).sort((a, b) => a - b)[RUNS >> 1];
  return { ms, kb: Math.max(...rs.map((r) => r.kb)) };
}

const parse = median(['--input-type=module', '-e', parseOnly]);
const validate = median([bin, 'validate', '-C', dir, '-f', 'json']);
const assess = median([bin, 'assess', '--json', '-C', dir]);
const node0 = median(['-e', '0']);
const version = median([bin, '--version']);
const row = (name, r, base, target) => console.log(`${name.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms ${(r.kb / 1024).toFixed(0).padStart(5)} MB${base ? `   ${(r.ms / base.ms).toFixed(2)}× (target ≤ ${target}×)${r.ms / base.ms <= target ? '' : '  ← over'}` : ''}`);
console.log(`50,000 backlog items and 5,000 releases; median of ${RUNS} runs, peak memory over the runs`);
row('js-yaml parse of the same files', parse);
row('relm validate', validate, parse, 2);
row('relm assess --json', assess, parse, 4);
row('node -e 0', node0);
row('relm --version', version, node0, 2.5);
const peak = Math.max(validate.kb, assess.kb) / 1024;
console.log(`peak memory of relm: ${peak.toFixed(0)} MB (target < 1024 MB)${peak < 1024 ? '' : '  ← over'}`);
rmSync(dir, { recursive: true, force: true });
