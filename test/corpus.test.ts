/**
 * The bad-input corpus: each folder of test/corpus/ holds the files that differ from test/fixtures/minimal,
 * an expect.json, and optionally a gen.mjs that writes what a checked-in file cannot hold (invalid bytes,
 * BOM and CRLF, links, huge or deeply nested input). Each case runs the built binary on a temp copy.
 *
 * expect.json:
 *   exit         the exit code (1 for findings, 0 when the input must be accepted, 2 for a refused run)
 *   findings     prefixes `file:line:col severity code [message…]`, each of which starts a line of stdout
 *   exact        true: stdout holds no finding besides those
 *   notInOutput  text that must appear in neither stdout nor stderr (the content of a file outside the folder)
 *   args         the command, instead of `validate -f text` (`-C <dir>` is added)
 *   stderr       text that stderr must contain
 *   noFiles      paths (relative to the engagement) that must not exist afterwards
 *   env          environment variables for the run (e.g. SOURCE_DATE_EPOCH)
 *   noDir        true: do not add `-C <dir>` (for `relm` alone, `relm help …`)
 *   anyStdout    true: stdout is a command's own output (a summary), not findings
 *   stdout       text that stdout must contain
 *   unchanged    paths (relative to the engagement) whose content must be the same after the run
 *   files        {path: [text…]}: files the run wrote (relative to the engagement) and text each must contain
 *   notInFiles   {path: [text…]}: text those files must not contain
 *
 * In every case: nothing outside the engagement changes (the `outside` folder and the temp folder holding
 * both), the output holds no raw control character (escape sequences, a bell) and no stack trace.
 * In args, `{outside}` stands for the outside folder and `{dir}` for the engagement copy.
 *
 * gen.mjs: `export default function (dir, { outside })` — `dir` is the engagement copy, `outside` a folder
 * beside it (outside the engagement) for files that must never be read.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { relm, ROOT } from './helpers/cli.js';

interface Expectation {
  exit: number;
  findings: string[];
  exact?: boolean;
  notInOutput?: string[];
  args?: string[];
  stderr?: string[];
  noFiles?: string[];
  env?: Record<string, string>;
  noDir?: boolean;
  anyStdout?: boolean;
  stdout?: string[];
  unchanged?: string[];
  files?: Record<string, string[]>;
  notInFiles?: Record<string, string[]>;
}

/** Every file and link under a folder (recursively), with its content or link target. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  const walkAll = (rel: string) => {
    const abs = join(root, rel);
    const st = lstatSync(abs);
    if (st.isSymbolicLink()) out[rel] = `-> ${readlinkSync(abs)}`;
    else if (st.isDirectory()) {
      out[rel] = '<dir>';
      for (const n of readdirSync(abs).sort()) walkAll(rel ? join(rel, n) : n);
    } else out[rel] = readFileSync(abs, 'latin1');
  };
  walkAll('');
  return out;
}

// Control characters other than line breaks and tabs: what a terminal would act on.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const CORPUS = join(ROOT, 'test', 'corpus');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'minimal');
/** A finding line of the text format: `file:line:col severity code message`. */
const FINDING_LINE = /^\S+:\d+:\d+ (error|warning|info) [a-z0-9-]+ \S/;

const cases = readdirSync(CORPUS)
  .filter((n) => statSync(join(CORPUS, n)).isDirectory())
  .sort();
const timings: { name: string; ms: number }[] = [];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A copy of the fixture in <temp>/engagement with the case's files over it, and <temp>/outside beside it. */
async function prepare(name: string): Promise<{ base: string; dir: string; outside: string }> {
  const base = mkdtempSync(join(tmpdir(), 'relm-corpus-'));
  const dir = join(base, 'engagement');
  const outside = join(base, 'outside');
  mkdirSync(outside);
  cpSync(FIXTURE, dir, { recursive: true });
  const src = join(CORPUS, name);
  for (const file of walk(src)) {
    const rel = relative(src, file);
    if (rel === 'expect.json' || rel === 'gen.mjs') continue;
    cpSync(file, join(dir, rel));
  }
  const gen = join(src, 'gen.mjs');
  if (existsSync(gen)) {
    const mod = (await import(pathToFileURL(gen).href)) as { default: (dir: string, ctx: { outside: string }) => void | Promise<void> };
    await mod.default(dir, { outside });
  }
  return { base, dir, outside };
}

describe('the bad-input corpus', () => {
  it('has at least 30 cases, each with an expect.json, and no large checked-in file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const name of cases) {
      expect(existsSync(join(CORPUS, name, 'expect.json')), `${name}/expect.json`).toBe(true);
      for (const file of walk(join(CORPUS, name))) expect(statSync(file).size, relative(CORPUS, file)).toBeLessThan(64 * 1024);
    }
  });

  for (const name of cases) {
    it(name, async () => {
      const want = JSON.parse(readFileSync(join(CORPUS, name, 'expect.json'), 'utf8')) as Expectation;
      const { base, dir, outside } = await prepare(name);
      try {
        const args = [
          ...(want.args ?? ['validate', '-f', 'text']).map((a) => a.replace('{outside}', outside).replace('{dir}', dir)),
          ...(want.noDir ? [] : ['-C', dir]),
        ];
        const around = { ...snapshot(base) };
        for (const k of Object.keys(around)) if (k === 'engagement' || k.startsWith(`engagement${sep}`)) delete around[k];
        const kept = Object.fromEntries((want.unchanged ?? []).map((p) => [p, snapshot(join(dir, p))]));
        const start = performance.now();
        // In the engagement folder, so that findings name files as the engagement does (paths are relative to the working folder).
        const r = await relm(args, { cwd: dir, env: want.env });
        const ms = performance.now() - start;
        timings.push({ name, ms });
        const output = `${r.stdout}\n${r.stderr}`;
        const lines = r.stdout.split('\n').filter(Boolean);
        const context = `${name}\n--- stdout\n${r.stdout.slice(0, 4000)}\n--- stderr\n${r.stderr.slice(0, 4000)}`;

        expect(r.status, context).toBe(want.exit);
        for (const f of want.findings)
          expect(
            lines.some((l) => l.startsWith(f)),
            `missing "${f}" in ${context}`,
          ).toBe(true);
        if (want.exact) {
          const extra = lines.filter((l) => !want.findings.some((f) => l.startsWith(f)));
          expect(extra, context).toEqual([]);
        }
        // Every finding has a position; the only other line is the text format's "… N more" note.
        if (!want.anyStdout) for (const l of lines) if (!l.startsWith('… ')) expect(l, context).toMatch(FINDING_LINE);
        for (const s of want.stdout ?? []) expect(r.stdout, context).toContain(s);
        expect(output.match(RAW_CONTROL)?.[0], `a raw control character in the output of ${context}`).toBeUndefined();
        expect(output, context).not.toMatch(/\n\s+at /); // no stack trace
        expect(r.stderr, context).not.toContain('unexpected error');
        for (const s of want.stderr ?? []) expect(r.stderr, context).toContain(s);
        for (const s of want.notInOutput ?? []) expect(output.includes(s), `"${s}" leaked into the output of ${name}`).toBe(false);
        // Nothing from the input is echoed at length.
        for (const l of output.split('\n')) expect(l.length, `a ${l.length}-character line in ${name}`).toBeLessThan(2000);
        for (const f of want.noFiles ?? []) expect(existsSync(join(dir, f)), `${f} was written`).toBe(false);
        // Nothing outside the engagement changed: not the folder beside it, not the temp folder holding both.
        const after = snapshot(base);
        for (const k of Object.keys(after)) if (k === 'engagement' || k.startsWith(`engagement${sep}`)) delete after[k];
        expect(after, `something outside the engagement changed: ${context}`).toEqual(around);
        for (const [p, before] of Object.entries(kept)) expect(snapshot(join(dir, p)), `${p} changed: ${context}`).toEqual(before);
        for (const [p, texts] of Object.entries(want.files ?? {})) {
          expect(existsSync(join(dir, p)), `${p} was not written: ${context}`).toBe(true);
          const content = readFileSync(join(dir, p), 'utf8');
          for (const t of texts) expect(content, `${p} in ${name}`).toContain(t);
        }
        for (const [p, texts] of Object.entries(want.notInFiles ?? {})) {
          const content = readFileSync(join(dir, p), 'utf8');
          for (const t of texts) expect(content.includes(t), `${p} of ${name} contains "${t}"`).toBe(false);
        }
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });
  }

  afterAll(() => {
    const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 3);
    if (slowest.length) console.log(`corpus: ${timings.length} cases; slowest ${slowest.map((t) => `${t.name} ${Math.round(t.ms)} ms`).join(', ')}`);
  });
});
