import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { figureNames, scanRender, scanRenderDir } from './render-figures.js';

/**
 * No renderer sorts, sums, multiplies or compares figures (docs/formulas.md): costs per row, totals, status
 * colours and every order come from the engine, so that every deliverable and format shows the same numbers in
 * the same order. The scanner is in render-figures.ts.
 */
const RENDER = fileURLToPath(new URL('../../src/render/', import.meta.url));
const SCHEMA = fileURLToPath(new URL('../../schemas/assessment.schema.json', import.meta.url));
const figures = figureNames(JSON.parse(readFileSync(SCHEMA, 'utf8')));

describe('src/render/ presents figures, never computes them', () => {
  it('knows the figures from the assessment schema', () => {
    for (const name of ['effort_days', 'day_rate', 'gap', 'score', 'cost', 'change_failure_rate']) expect(figures.has(name), name).toBe(true);
  });

  it('finds no arithmetic, comparison, sum or sort on a figure in src/render/', () => {
    const found = scanRenderDir(RENDER, figures).map((f) => `${f.file}:${f.line} ${f.kind}: ${f.text.replace(/\s+/g, ' ')}`);
    expect(found).toEqual([]);
  });

  it('fails on a cost computed in a view (effort_days * day_rate) and on a renderer sorting the largest gaps', () => {
    const cost = scanRender('plan-view.ts', 'const c = money(r.effort_days * a.engagement.day_rate, cur);', figures);
    expect(cost.map((f) => [f.kind, f.line])).toEqual([['arithmetic', 1]]);
    const sorted = scanRender('report-view.ts', 'const top = a.practices.filter(ok).sort((x, y) => y.gap! - x.gap!);', figures);
    expect(sorted.map((f) => f.kind)).toEqual(['sort', 'arithmetic']);
    const sum = scanRender('report-view.ts', 'const t = rows.reduce((s, r) => s + r.effort_days, 0);', figures);
    expect(sum.map((f) => f.kind)).toEqual(['sum', 'arithmetic']);
    const rag = scanRender('report-view.ts', "const rag = p.gap! > 1 ? 'red' : 'amber';", figures);
    expect(rag.map((f) => f.kind)).toEqual(['comparison']);
    expect(scanRender('report-view.ts', 'const m = Math.max(...xs.map((x) => x.score!));', figures).map((f) => f.kind)).toEqual(['math']);
  });

  it('lets layout arithmetic, null checks and formulas written as text pass', () => {
    expect(scanRender('office/pptx.ts', 'const h = box.h - 0.4 * pt; const y = top + rows * lineH;', figures)).toEqual([]);
    expect(scanRender('report-view.ts', "const t = p.gap === null ? 'n/a' : score(p.gap);", figures)).toEqual([]);
    expect(scanRender('office/xlsx.ts', "const f = { formula: 'C' + row + '*$B$3' };", figures)).toEqual([]);
    // A chart drawer scales the figures it is handed to pixels: drawing, not computing a figure.
    expect(scanRender('charts/bars.ts', 'const x = left + (d.score / 5) * width;', figures)).toEqual([]);
    // But no file sorts figures, not even a chart.
    expect(scanRender('charts/bars.ts', 'rows.sort((a, b) => b.gap - a.gap);', figures).map((f) => f.kind)).toEqual(['sort']);
  });
});
