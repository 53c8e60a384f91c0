import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No array is spread into a function's arguments anywhere in src/ (`Math.max(...xs)`, `list.push(...xs)`,
 * `f(...xs)`, `new X(...xs)`): every argument takes a slot on the stack, so a list of a few hundred thousand
 * (a 200k-item backlog) throws "Maximum call stack size exceeded". Use maxOf/minOf/pushAll (src/util/arrays.ts)
 * or a loop. Bounded spreads are allowed: an array literal of plain elements (`f(...[a, b])`), and a function's
 * own rest parameter passed on (`(...args) => fn(...args)`: as long as the call that made it).
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Whether `name` is a rest parameter of a function around `node`. */
function isRestParameter(node: ts.Node, name: string): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent)
    if (ts.isFunctionLike(n) && n.parameters.some((p) => p.dotDotDotToken && ts.isIdentifier(p.name) && p.name.text === name)) return true;
  return false;
}

/** Whether a spread's operand is bounded: an array literal without spreads, or a rest parameter passed on. */
function bounded(spread: ts.SpreadElement): boolean {
  const e = spread.expression;
  if (ts.isArrayLiteralExpression(e)) return !e.elements.some(ts.isSpreadElement);
  return ts.isIdentifier(e) && isRestParameter(spread, e.text);
}

/** Every argument spread of a call or `new` in a TypeScript source: "file:line: text". */
function argumentSpreads(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      for (const arg of node.arguments) {
        if (ts.isSpreadElement(arg) && !bounded(arg)) {
          const { line } = sf.getLineAndCharacterOfPosition(arg.getStart(sf));
          out.push(`${file}:${line + 1}: ${node.getText(sf).split('\n')[0]!.slice(0, 100)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('no array spread into call arguments in src/', () => {
  it('finds the spreads it must (the check itself)', () => {
    const found = argumentSpreads(
      'x.ts',
      [
        'Math.max(...xs);',
        'list.push(...more);',
        'new Set(...a);',
        'f(...[1, 2]);',
        'const o = { ...p };',
        'const l = [...xs];',
        'list.push({ ...p });',
        'const g = (...args: number[]) => h(...args);',
        'x.splice(0, 0, ...[...xs]);',
        'const k = (args: number[]) => h(...args);',
      ].join('\n'),
    );
    expect(found.map((f) => f.split(':')[1])).toEqual(['1', '2', '3', '9', '10']);
  });

  it('src/ has none', () => {
    const found = sources(SRC).flatMap((f) => argumentSpreads(relative(SRC, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
