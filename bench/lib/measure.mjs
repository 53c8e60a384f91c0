// What the benchmarks share: running a command in a child process (time and peak memory), medians, and the
// table every benchmark prints, where each figure is a ratio to its floor (a baseline measured in the same
// run, so a slower or busier machine moves both) and is checked against its target.
//
// RELM_BENCH_ROOT=/path/to/another/checkout runs the same benchmarks against that checkout's build (to compare
// before and after a change); by default the benchmarks run this checkout's dist/.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = fileURLToPath(new URL('../..', import.meta.url));
export const ROOT = process.env.RELM_BENCH_ROOT ? resolve(process.env.RELM_BENCH_ROOT) : HERE;
export const BIN = join(ROOT, 'bin', 'relm');
const RSS = join(HERE, 'bench', 'lib', 'rss.mjs');

/**
 * Runs `node args…` (with the peak-memory probe preloaded) and returns its wall time (ms), peak resident
 * memory (KB) and CPU time (ms, user and system, of the node process alone). An exit code outside `ok` (default [0]) throws: a benchmark of a failing command means nothing.
 */
export function run(args, { ok = [0], cwd, env, timeout = 600_000 } = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS, ...args], {
    encoding: 'utf8',
    cwd,
    env: env ? { ...process.env, ...env } : process.env,
    maxBuffer: 1024 * 1024 * 1024,
    timeout,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const kb = Number(/RELM_BENCH_MAX_RSS_KB (\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  const cpu = Number(/RELM_BENCH_CPU_MS ([\d.]+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  if (r.error) throw new Error(`node ${args.join(' ')}: ${r.error.message}`);
  if (!ok.includes(r.status)) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(0, 800)}`);
  return { ms, kb, cpu, stdout: r.stdout };
}

/** The median time, the median CPU time and the highest peak memory of `runs` runs. */
export function median(runs, args, opts) {
  const rs = Array.from({ length: runs }, () => run(args, opts));
  const mid = (xs) => xs.sort((a, b) => a - b)[runs >> 1];
  return { ms: mid(rs.map((r) => r.ms)), cpu: mid(rs.map((r) => r.cpu)), kb: Math.max(...rs.map((r) => r.kb)), stdout: rs[0].stdout };
}

/** Times a function in this process (ms). */
export function time(fn) {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** A script that only parses the engagement's YAML files with js-yaml: the floor of every command that reads them. */
export function parseFloorArgs(dir) {
  const jsyaml = join(ROOT, 'node_modules', 'js-yaml', 'dist', 'js-yaml.mjs');
  const script = `
import jsyaml from ${JSON.stringify(jsyaml)};
import { readFileSync } from 'node:fs';
for (const f of ['relm', 'practices', 'target', 'team', 'backlog', 'releases']) jsyaml.load(readFileSync(${JSON.stringify(dir)} + '/' + f + '.yaml', 'utf8'), { schema: jsyaml.CORE_SCHEMA });
`;
  return ['--input-type=module', '-e', script];
}

const fmtMs = (ms) => `${Math.round(ms).toLocaleString('en-US')} ms`;
const fmtMb = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024).toLocaleString('en-US')} MB` : '');
const fmtBytes = (b) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(0)} KB`);

/**
 * The table of one benchmark. floor() prints a baseline; figure() prints a measurement with its ratio to a
 * floor and, when it has one, its target (a ratio, or an absolute limit) and whether it is met. failures()
 * counts the targets missed, for the exit code.
 */
export class Table {
  constructor(title) {
    this.failed = [];
    console.log(`\n${title}`);
    console.log(`  ${'figure'.padEnd(58)} ${'time'.padStart(10)} ${'memory'.padStart(9)}   ratio to floor`);
  }

  floor(name, r) {
    console.log(`  ${name.padEnd(58)} ${fmtMs(r.ms).padStart(10)} ${fmtMb(r.kb).padStart(9)}   1 (floor)`);
    return r;
  }

  /** A time against a floor: target is the largest ratio allowed (or undefined: shown, not checked). */
  figure(name, r, floor, target) {
    const ratio = r.ms / floor.ms;
    const verdict = target === undefined ? '' : ratio <= target ? `  target ≤ ${target}×: ok` : `  target ≤ ${target}×: MISSED`;
    if (target !== undefined && ratio > target) this.failed.push(`${name}: ${ratio.toFixed(2)}× its floor, target ≤ ${target}×`);
    console.log(`  ${name.padEnd(58)} ${fmtMs(r.ms).padStart(10)} ${fmtMb(r.kb).padStart(9)}   ${ratio.toFixed(2)}×${verdict}`);
    return ratio;
  }

  /** A ratio of two measurements (growth, memory): shown with its target. */
  ratio(name, value, target) {
    const verdict = target === undefined ? '' : value <= target ? `  target ≤ ${target}×: ok` : `  target ≤ ${target}×: MISSED`;
    if (target !== undefined && value > target) this.failed.push(`${name}: ${value.toFixed(2)}×, target ≤ ${target}×`);
    console.log(`  ${name.padEnd(80)}   ${value.toFixed(2)}×${verdict}`);
  }

  /** An absolute figure (memory, bytes) against a limit. */
  limit(name, value, max, unit) {
    const show = unit === 'bytes' ? fmtBytes : unit === 'MB' ? (v) => `${Math.round(v)} MB` : (v) => String(v);
    const verdict = max === undefined ? '' : value < max ? `  limit < ${show(max)}: ok` : `  limit < ${show(max)}: MISSED`;
    if (max !== undefined && !(value < max)) this.failed.push(`${name}: ${show(value)}, limit < ${show(max)}`);
    console.log(`  ${name.padEnd(58)} ${show(value).padStart(20)}${verdict}`);
  }

  /** A yes/no requirement. */
  require(name, ok, detail = '') {
    if (!ok) this.failed.push(`${name}${detail ? `: ${detail}` : ''}`);
    console.log(`  ${name.padEnd(58)} ${ok ? 'yes' : 'NO'}${detail ? `  (${detail})` : ''}`);
  }

  /** Prints the targets missed and sets the exit code. */
  finish() {
    if (this.failed.length) {
      console.log(`\n  ${this.failed.length} target(s) missed:`);
      for (const f of this.failed) console.log(`  - ${f}`);
      process.exitCode = 1;
    } else console.log('\n  every target met');
  }
}
