/**
 * The position lookup relm used before issue 21, with the `yaml` package's position-keeping parse: the
 * oracle that yaml-positions.ts must agree with (test/engagement/yaml-positions.test.ts).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { DocPath } from '../../src/diagnostics/finding.js';

export function oracleLocate(text: string): (path: DocPath, at: 'key' | 'value') => { line: number; col: number; endLine: number; endCol: number } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  return (path, at) => {
    const range = findRange(doc.contents as Node | null, path, at);
    if (!range) return { line: 1, col: 1, endLine: 1, endCol: 1 };
    const start = lines.linePos(range[0]);
    const end = lines.linePos(Math.max(range[0], range[1]));
    return { line: start.line, col: start.col, endLine: end.line, endCol: end.col };
  };
}

function keyOf(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function findRange(root: Node | null, path: DocPath, at: 'key' | 'value'): [number, number] | undefined {
  let node: unknown = root;
  let best = rangeOf(root);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(seg));
      if (!pair) return best;
      const keyRange = rangeOf(pair.key);
      const value = pair.value;
      const valueRange = isScalar(value) && value.value === null && !value.range?.[1] ? undefined : rangeOf(value);
      if (last && at === 'key') return keyRange ?? best;
      best = (isMap(value) || isSeq(value)) && !last ? (keyRange ?? valueRange) : (valueRange ?? keyRange);
      if (last) return isMap(value) || isSeq(value) ? (keyRange ?? best) : best;
      node = value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return best;
      best = rangeOf(item) ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}
