/**
 * The scanner behind test/architecture/render-figures.test.ts: finds where a file of src/render/ computes with
 * the figures of assessment.json instead of presenting what the engine computed (docs/formulas.md: every sum,
 * product, comparison and order of figures is the engine's).
 *
 * A *figure* is a property of assessment.json whose value is a number (read from its schema), reached as
 * `x.name`, `x?.name`, `x.name!` or `x['name']`. Flagged:
 * - arithmetic (`+ - * / %` and their assignments) or an ordering comparison (`< <= > >=`) with a figure as
 *   an operand, or a figure inside `Math.max/min/round/...`;
 * - `.sort(`/`.toSorted(` whose comparator reads a figure, and `.reduce(` whose reducer reads one (a sum).
 * Not flagged: `x > 0` (whether there is any), `Math.round(x)` (printing), layout arithmetic on pixels and points (it reads no figure; the chart drawers in LAYOUT_FILES
 * scale the figures they are given to pixels, which is drawing, not computing a figure), `=== null` checks,
 * formulas written as strings (an xlsx formula is text), and the figure names in NOT_FIGURES, which in
 * render/ name counts of lists or text positions rather than figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** The numeric properties of a JSON Schema, at any depth. */
export function figureNames(schema: unknown): Set<string> {
  const out = new Set<string>();
  const numeric = (t: unknown) => t === 'number' || t === 'integer' || (Array.isArray(t) && (t.includes('number') || t.includes('integer')));
  const refNumeric = (ref: unknown, defs: Record<string, { type?: unknown }>) =>
    typeof ref === 'string' && numeric(defs[ref.replace('#/definitions/', '')]?.type);
  const defs = ((schema as { definitions?: Record<string, { type?: unknown }> }).definitions ?? {}) as Record<string, { type?: unknown }>;
  const walk = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    const props = (o as { properties?: Record<string, { type?: unknown; $ref?: unknown }> }).properties;
    if (props) for (const [k, v] of Object.entries(props)) if (numeric(v.type) || refNumeric(v.$ref, defs)) out.add(k);
    for (const v of Object.values(o)) walk(v);
  };
  walk(schema);
  return out;
}

/** Names that are numbers in assessment.json but, in render/, are list lengths, positions or ids' fields too generic to tell apart. */
export const NOT_FIGURES = new Set([
  'line',
  'col',
  'endLine',
  'endCol',
  'from',
  'to',
  'value',
  'count',
  'length',
  'level',
  'from_level',
  'rank',
  'index',
  // lists in the view and in the model, counts only in summary
  'practices',
  'recommendations',
  'deliverables',
]);

/** Files that only draw: they scale the figures they are handed to pixels (arithmetic allowed, sorting not). */
export const LAYOUT_FILES = [/^charts\//, /^office\/(png|images|common|zip|pptx-template)\.ts$/];

export interface Finding {
  file: string;
  line: number;
  kind: 'arithmetic' | 'comparison' | 'sort' | 'sum' | 'math';
  text: string;
}

const ARITHMETIC = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
]);
const COMPARISON = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** The figure an operand reads directly (through `!`, parentheses, `?? x` and casts), or null. */
function figureOf(node: ts.Node, figures: ReadonlySet<string>): string | null {
  let n = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n)) n = n.expression;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) n = n.left;
    else break;
  }
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Math') return null; // Math.max is no figure
  const name = ts.isPropertyAccessExpression(n)
    ? n.name.text
    : ts.isElementAccessExpression(n) && ts.isStringLiteral(n.argumentExpression)
      ? n.argumentExpression.text
      : null;
  return name !== null && figures.has(name) && !NOT_FIGURES.has(name) ? name : null;
}

/** Whether any property access inside `node` reads a figure. */
function readsFigure(node: ts.Node, figures: ReadonlySet<string>): boolean {
  if (figureOf(node, figures)) return true;
  return ts.forEachChild(node, (c) => (readsFigure(c, figures) ? true : undefined)) ?? false;
}

/** The findings in one source text; `file` is relative to src/render/ (it decides the layout allowance). */
export function scanRender(file: string, text: string, figures: ReadonlySet<string>): Finding[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const layout = LAYOUT_FILES.some((re) => re.test(file));
  const out: Finding[] = [];
  const add = (node: ts.Node, kind: Finding['kind']) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, kind, text: node.getText(sf).slice(0, 120) });
  const visit = (node: ts.Node) => {
    if (!layout && ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      const reads = figureOf(node.left, figures) ?? figureOf(node.right, figures);
      if (reads && ARITHMETIC.has(op)) add(node, 'arithmetic');
      // "x > 0" asks whether there is any, it ranks nothing: allowed.
      const zero = (n: ts.Expression) => ts.isNumericLiteral(n) && Number(n.text) === 0;
      if (reads && COMPARISON.has(op) && !zero(node.left) && !zero(node.right)) add(node, 'comparison');
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const target = node.expression.expression;
      const args = node.arguments;
      if ((method === 'sort' || method === 'toSorted') && args.some((a) => readsFigure(a, figures))) add(node, 'sort');
      if (!layout && (method === 'reduce' || method === 'reduceRight') && args[0] && readsFigure(args[0], figures)) add(node, 'sum');
      // Math.round of a figure is how it is printed, not a new figure.
      if (!layout && ts.isIdentifier(target) && target.text === 'Math' && method !== 'round' && args.some((a) => readsFigure(a, figures))) add(node, 'math');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every finding in src/render/. */
export function scanRenderDir(dir: string, figures: ReadonlySet<string>): Finding[] {
  return sources(dir).flatMap((f) => scanRender(relative(dir, f).split('\\').join('/'), readFileSync(f, 'utf8'), figures));
}
