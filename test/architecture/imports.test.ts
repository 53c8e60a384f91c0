import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/: static `import`/`export ... from` and dynamic `import('...')`. No file may reach
 * itself through imports that exist at run time (as eslint-plugin-import's no-cycle, an `import type` is erased
 * and cannot form a cycle), and no folder may reach itself through any import, types included: the one-way
 * flow cli -> render/output -> engine -> engagement -> model -> diagnostics/util.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s(type\s)?[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** file (relative to src, without .ts) -> the src files it imports (only at run time: without `import type`). */
function graph(opts: { types: boolean }): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = relative(SRC, file).replace(/\.ts$/, '');
    const deps = new Set<string>();
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[2] ?? m[3]!;
      if (!spec.startsWith('.') || (m[1] && !opts.types)) continue;
      deps.add(relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, ''));
    }
    out.set(from, deps);
  }
  return out;
}

/** Every strongly connected component with more than one node (or a self-loop), Tarjan's algorithm. */
function cycles(g: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || g.get(v)!.has(v)) out.push(scc.sort());
    }
  };
  for (const v of [...g.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** The folder graph: src/engine/x -> engine; a file directly in src/ is its own node. */
function folders(g: Map<string, Set<string>>): Map<string, Set<string>> {
  const top = (f: string) => f.split('/')[0]!;
  const out = new Map<string, Set<string>>();
  for (const [from, deps] of g) {
    const set = out.get(top(from)) ?? new Set<string>();
    for (const d of deps) if (top(d) !== top(from)) set.add(top(d));
    out.set(top(from), set);
  }
  return out;
}

/** Known folder edges that close a cycle, each to be removed, not added to (none left). */
const KNOWN: [from: string, to: string][] = [];

describe('the import graph of src/', () => {
  const g = graph({ types: false });
  const all = graph({ types: true });
  const top = (f: string) => f.split('/')[0]!;

  it('reads the whole tree', () => {
    expect(g.size).toBeGreaterThan(100);
    expect(g.get('cli/main')!.size).toBeGreaterThan(5);
    expect(all.get('engine/assess')!.has('engagement/types')).toBe(true);
    expect(g.get('engine/assess')!.has('engagement/types')).toBe(false);
  });

  it('has no cycle between files', () => {
    expect(cycles(g)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const without = new Map([...all].map(([k, v]) => [k, new Set(v)]));
    for (const [from, to] of KNOWN) {
      expect(without.get(from)!.has(to), `${from} -> ${to} is gone: remove it from KNOWN`).toBe(true);
      without.get(from)!.delete(to);
    }
    expect(cycles(folders(without))).toEqual([]);
  });

  it('keeps the engine and the engagement below the commands and the renderers', () => {
    const below = new Set(['diagnostics', 'util', 'model', 'engagement', 'engine']);
    const bad = [...all].flatMap(([from, deps]) =>
      below.has(top(from)) ? [...deps].filter((d) => ['cli', 'render', 'output'].includes(top(d))).map((d) => `${from} -> ${d}`) : [],
    );
    expect(bad).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const g2 = new Map([
      ['a/x', new Set(['b/y'])],
      ['b/y', new Set(['a/z'])],
      ['a/z', new Set<string>()],
    ]);
    expect(cycles(g2)).toEqual([]);
    expect(cycles(folders(g2))).toEqual([['a', 'b']]);
    g2.get('a/z')!.add('a/x');
    expect(cycles(g2)).toEqual([['a/x', 'a/z', 'b/y']]);
  });
});
