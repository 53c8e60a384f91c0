/**
 * Positions of findings come from js-yaml's own parse (src/engagement/yaml-positions.ts). They must be those the
 * `yaml` package gave before (yaml-oracle.ts): every path of every YAML file relm ships or tests, a list of
 * awkward layouts, and thousands of generated documents mixing every style.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { DocPath } from '../../src/diagnostics/finding.js';
import { YamlSource } from '../../src/engagement/yaml-source.js';
import { ROOT } from '../helpers/cli.js';
import { oracleLocate } from './yaml-oracle.js';

/** Every path of the data, plus a missing key, an index past the end and a step below each scalar. */
function paths(data: unknown, prefix: (string | number)[] = [], out: DocPath[] = [], limit = 4000): DocPath[] {
  if (out.length >= limit) return out;
  out.push(prefix);
  if (Array.isArray(data)) {
    data.forEach((v, i) => paths(v, [...prefix, i], out, limit));
    out.push([...prefix, data.length]);
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) paths(v, [...prefix, k], out, limit);
    out.push([...prefix, 'zz-missing']);
  } else if (prefix.length) out.push([...prefix, 'deeper']);
  return out;
}

interface Mismatch {
  path: DocPath;
  at: 'key' | 'value';
  now: unknown;
  before: unknown;
  start: boolean;
}

/** Compares every lookup; undefined when the two parsers read different data (then positions cannot agree). */
function mismatches(text: string): Mismatch[] | undefined {
  // First relm's own parse, which refuses what would blow up below (an alias bomb, say).
  const source = new YamlSource('f.yaml', text);
  const parsed = source.parse();
  if (!parsed.ok) return undefined;
  const data = parsed.data;
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) return undefined;
  try {
    if (JSON.stringify(doc.toJS({ maxAliasCount: 100 })) !== JSON.stringify(data)) return undefined;
  } catch {
    return undefined; // a recursive alias, or too many
  }
  const before = oracleLocate(text);
  const out: Mismatch[] = [];
  for (const path of paths(data)) {
    for (const at of ['key', 'value'] as const) {
      const a = source.locate(path, at);
      const b = before(path, at);
      if (a.line !== b.line || a.col !== b.col || a.endLine !== b.endLine || a.endCol !== b.endCol)
        out.push({ path, at, now: a, before: b, start: a.line !== b.line || a.col !== b.col });
    }
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const AWKWARD = [
  'a: 1\nb:\n  - x\n  - &k y\n  - !!str z\nc: {p: 1, q: [1, 2]}  # c\nd:\ne: "q"\n',
  'items:\n  - id: a\n    x: 1\n  # comment\n\n  - id: b\n    y: hello\n      world\nother: 2\n',
  'k: &a\n  m: 1\nz: |\n  text\n  more\n\nw: >-\n  f\n',
  'k:   \n  v\nl: x   # c\n',
  'a:\n  b: 1\n  # trailing\nc: 2\n',
  'a:\n  b:\nc: 2',
  'a:\n  - x\n  -\n  - \nc: 2',
  'a: |+\n  t\n\n\nb: >\n  u\n\n',
  'a: |\n  t\n\n\n',
  '- a\n- {x: 1}\n- [1]\n',
  'a: [x,\n  y]   \nb: 1 #c',
  'a: &x 1\nb: *x\n',
  'a:\n  - b: 1\n    c:\n',
  '"q": 1\n\'r\': 2\n? s\n: 3\n',
  'a: # c\nb: 2',
  'a:\n  - x\n  # t\n  - y # c\n  # u\n',
  '- a\n-\n- - b\n  - c\n',
  'x: |\n  t\n# c\ny: 1',
  'a:\n- x\n- y\nb: 1\n',
  'a:\n  b:\n    - 1\n    - 2\n\n    # c\n  d: 3\n',
  'a:\n  b:\n    c: 1\n    # c\n\n',
  'a: 1\r\nb:\r\n  - x\r\n  - y # c\r\nc: "q"\r\n',
  '{a: 1, b: [x, y]}',
  'a: &m\n  x: 1\nb: *m\nc:\n  <<: *m\n  y: 2\n',
  'a: "multi\n  line"\nb: \'x\'\n',
  'list:\n  - |\n    text\n  - >-\n    folded\n\n  - last\n',
  '? x\n: 1\nc: 2\n',
  '- - - a\n    - b\n  - c\n- d\n',
  '"a b": 1\n"c\\"d": 2\n1: one\n\'e\': 5\n',
  'top:\n  mid:\n    - k: v\n      l:\n        - m\n        # c1\n      # c2\n    # c3\n  # c4\n# c5\n',
  'a: |2\n    two\n  x\n',
  'a: |-\n  x\n\n\nb: 1',
  '- |\n\n\n- x\n',
  'a:\n  b:  # note\n# trailing\n\n',
];

/** A document mixing block and flow styles, comments, blank lines, empty values, block scalars, anchors and CRLF. */
function generated(seed: number): string {
  let s = seed >>> 0;
  const r = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const nl = r() < 0.15 ? '\r\n' : '\n';
  const comment = () => (r() < 0.15 ? `  # ${pick(['note', '- x', 'a: b'])}` : '');
  const key = () => {
    const w = pick(['a', 'id', 'name', 'x-y', 'k_1', 'Title', '1', 'true', 'null', 'a b', 'é', 'c:d']);
    return /[ :é]|^(1|true|null)$/.test(w) && r() < 0.5 ? `"${w}"` : w.replace(' ', '_').replace(':', '_');
  };
  const flow = (d: number): string => {
    if (d > 2 || r() < 0.4) return pick(['a', '1', '"q"', "'s'", 'x y']);
    if (r() < 0.5) return `[${Array.from({ length: Math.floor(r() * 4) }, () => flow(d + 1)).join(', ')}]`;
    return `{${Array.from({ length: Math.floor(r() * 4) }, (_, i) => `k${i}: ${flow(d + 1)}`).join(', ')}}`;
  };
  const lines: string[] = [];
  let anchors = 0;
  const block = (ind: number, d: number, kind: 'map' | 'seq'): void => {
    const pad = ' '.repeat(ind);
    const used = new Set<string>();
    for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) {
      if (r() < 0.1) lines.push('');
      if (r() < 0.1) lines.push(`${' '.repeat(Math.floor(r() * (ind + 3)))}# comment ${i}`);
      let head = `${pad}-`;
      if (kind === 'map') {
        let k = key();
        while (used.has(k)) k += 'z';
        used.add(k);
        head = `${pad}${k}:`;
      }
      const v = r();
      if (d < 4 && v < 0.25) {
        lines.push(head + (r() < 0.1 ? ` &a${anchors++}` : '') + comment());
        const child = r() < 0.5 ? 'map' : 'seq';
        block(kind === 'map' && child === 'seq' && r() < 0.3 ? ind : ind + 2 + Math.floor(r() * 2), d + 1, child);
      } else if (d < 4 && v < 0.35 && kind === 'seq') {
        lines.push(`${head} k0: ${pick(['v', '1', '"q"'])}${comment()}`);
        for (let j = 1; j < 1 + Math.floor(r() * 3); j++) lines.push(`${pad}  k${j}: ${pick(['1', 'x', '"y"'])}`);
      } else if (v < 0.45) lines.push(`${head} ${flow(0)}${comment()}`);
      else if (v < 0.52) lines.push(`${head}${pick(['', ' '])}${comment()}`);
      else if (v < 0.6) {
        lines.push(`${head} ${pick(['|', '>', '|-', '>+', '|+'])}`);
        for (let j = 0, m = 1 + Math.floor(r() * 3); j < m; j++) lines.push(r() < 0.2 ? '' : `${pad}  text ${j}`);
        if (r() < 0.3) lines.push('');
      } else if (v < 0.65) lines.push(`${head} multi line`, `${pad}  continued here`);
      else {
        const x = pick(['plain', 'two words', '"dq"', "'sq'", '42', '-3', '~', '"a: b"', 'http://x.y/z', '*', '&', '!!str 5']);
        lines.push(`${head} ${x === '*' ? (anchors ? `*a${Math.floor(r() * anchors)}` : 'plain') : x === '&' ? `&a${anchors++} v` : x}${comment()}`);
      }
    }
  };
  block(r() < 0.1 ? 1 : 0, 0, r() < 0.8 ? 'map' : 'seq');
  if (r() < 0.2) lines.push('# trailing');
  if (r() < 0.2) lines.push('');
  return lines.join(nl) + (r() < 0.8 ? nl : '');
}

/**
 * The one layout where the end of a range may differ from the `yaml` package's: an empty value or item next to
 * a comment line, where that package's ends follow its token stream (sometimes into the next line's
 * indentation). Starts never differ.
 */
function emptyBesideComment(text: string): boolean {
  const lines = text.split(/\r?\n/);
  const comment = (l: string | undefined) => l !== undefined && /^\s*#/.test(l);
  const blank = (l: string | undefined) => l !== undefined && /^\s*$/.test(l);
  return lines.some((l, i) => {
    if (!/(?::|^\s*-)\s*(#.*)?$/.test(l) || /^\s*#/.test(l)) return false;
    let j = i + 1;
    while (blank(lines[j])) j++;
    let k = i - 1;
    while (blank(lines[k])) k--;
    return comment(lines[j]) || comment(lines[k]);
  });
}

describe('finding positions from the js-yaml parse', () => {
  it('agree with the yaml package on every YAML file of the examples, fixtures and corpus', () => {
    const files = ['examples', join('test', 'fixtures'), join('test', 'corpus')].flatMap((d) => yamlFiles(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(40);
    let compared = 0;
    for (const f of files) {
      const m = mismatches(readFileSync(f, 'utf8'));
      if (m === undefined) continue;
      compared++;
      expect(m, f).toEqual([]);
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('agree on awkward layouts: comments, empty values and items, block scalars, anchors, flow, CRLF', () => {
    for (const text of AWKWARD) expect(mismatches(text), JSON.stringify(text)).toEqual([]);
  });

  it('agree on 500 generated documents (ends may differ only beside an empty entry next to a comment)', () => {
    let compared = 0;
    let exact = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const text = generated(seed);
      const m = mismatches(text);
      if (m === undefined) continue;
      compared++;
      expect(
        m.filter((x) => x.start),
        JSON.stringify(text),
      ).toEqual([]);
      if (!emptyBesideComment(text)) expect(m, JSON.stringify(text)).toEqual([]);
      if (!m.length) exact++;
    }
    expect(compared).toBeGreaterThan(360);
    expect(exact / compared).toBeGreaterThan(0.99);
  });

  it('point into a large backlog without a second parse, at the key or the value', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `  - id: MR-${i}\n    title: Item ${i}\n    status: ${i % 7 ? 'new' : 'done'}\n`).join('');
    const text = `items:\n${items}`;
    const source = new YamlSource('backlog.yaml', text);
    expect(source.parse().ok).toBe(true);
    // Item i starts on line 2 + 3i; its status (done for every seventh) two lines below.
    expect(source.locate(['items', 2996, 'status'], 'value')).toEqual({ line: 8992, col: 13, endLine: 8992, endCol: 17 });
    expect(source.locate(['items', 2996, 'status'], 'key')).toEqual({ line: 8992, col: 5, endLine: 8992, endCol: 11 });
    expect(source.locate(['items', 5], 'value')).toEqual({ line: 17, col: 5, endLine: 20, endCol: 1 });
    // Past the end of the list: the key that holds it.
    expect(source.locate(['items', 3000, 'id'])).toEqual({ line: 1, col: 1, endLine: 1, endCol: 6 });
  });

  it('shift positions by the lines before a front matter, and locate in a file whose parse was not recorded', () => {
    const source = new YamlSource('interviews/a.md', 'id: a\npractices: [x, y]\n', 1);
    expect(source.locate(['practices', 1])).toEqual({ line: 3, col: 16, endLine: 3, endCol: 17 });
  });
});
