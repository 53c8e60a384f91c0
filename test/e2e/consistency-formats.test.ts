/**
 * One story in every format (docs/formulas.md: one plan, one price): the figures and lists the Markdown shows
 * (test/render/consistency.test.ts) read the same from the pptx and the xlsx, read back with an independent
 * reader (fflate and an XML parser, test/helpers/ooxml.ts), and from the thin fixture's PDFs read with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { reportView } from '../../src/render/report-view.js';
import { money } from '../../src/render/words.js';
import { CHILD_TIMEOUT_MS, copyFixture, relmChild } from '../helpers/cli.js';
import { pdfDescribe } from '../helpers/run.js';
import { openPackage, slides, workbook } from '../helpers/ooxml.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Positions of each string in the text, searching from where the previous one was found; -1 when missing. */
function inOrder(text: string, items: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const s of items) {
    const i = text.indexOf(s, at);
    out.push(i);
    if (i >= 0) at = i + s.length;
  }
  return out;
}

function engine(dir: string) {
  const loaded = loadEngagement(dir);
  const a = assess(loaded.engagement!);
  return { a, view: reportView(a, loaded.engagement!) };
}

describe.each(['examples/acme-bank', 'test/fixtures/thin'])('the pptx and the xlsx tell the Markdown’s story: %s', (path) => {
  const dir = copyFixture(path);
  dirs.push(dir);
  const out = join(dir, 'out');
  const { a, view } = engine(dir);
  beforeAll(async () => {
    const r = await relmChild(['report', '-C', dir, '--format', 'pptx,xlsx']);
    expect(r.status, r.stderr).toBe(0);
  }, 300_000);

  it('pptx: the first steps in order on the answer slide, and the decision’s figures, adding up', () => {
    const deck = slides(openPackage(join(out, 'presentation.pptx')));
    const answer = deck[1]!;
    const pos = inOrder(
      answer.text,
      view.first_steps.map((s) => s.title),
    );
    expect(
      pos.every((p) => p >= 0),
      JSON.stringify(pos),
    ).toBe(true);
    const d = a.decision!;
    const all = deck.map((s) => `${s.text}\n${s.notes}`).join('\n');
    const m = (v: number | null) => money(v, a.engagement.currency);
    for (const v of [d.approve_now.cost, d.total.cost, ...(d.later.phases ? [d.later.cost] : []), ...(d.extra ? [d.extra.cost] : [])])
      expect(all, m(v)).toContain(m(v));
    // One plan, one price: the roadmap's phase costs are the decision's (approve now is its first phase with work).
    const firstPhase = a.roadmap.phases.find((p) => p.id === d.approve_now.phase)!;
    expect([firstPhase.used_days, firstPhase.cost]).toEqual([d.approve_now.days, d.approve_now.cost]);
    expect([a.roadmap.total_days, a.roadmap.total_cost]).toEqual([d.total.days, d.total.cost]);
    expect(all).not.toMatch(/\ball [2-9] (requirements|strategic goals)\b|\bnull\b|\bundefined\b|\bNaN\b/);
  });

  it('pptx: every requirement with the same status as in the Markdown', () => {
    const deck = slides(openPackage(join(out, 'presentation.pptx')));
    const text = deck.map((s) => s.text).join('\n');
    for (const r of view.requirements) {
      const at = text.indexOf(r.title);
      expect(at, r.title).toBeGreaterThanOrEqual(0);
      expect(text.slice(at, at + r.title.length + 400), r.title).toContain(r.status_text);
    }
  });

  it('xlsx: the recommendations in the engine’s order, the roadmap priced as the decision, the requirements’ status', () => {
    const wb = workbook(openPackage(join(out, 'workbook.xlsx')));
    const cellsInOrder = (name: string) => {
      const sheet = wb.sheets.get(name)!;
      expect(sheet, name).toBeDefined();
      const ref = (r: string) => {
        const [, col, row] = /^([A-Z]+)(\d+)$/.exec(r)!;
        return Number(row) * 1000 + col!.split('').reduce((t, c) => t * 26 + c.charCodeAt(0) - 64, 0);
      };
      return [...sheet.cells].sort(([x], [y]) => ref(x) - ref(y)).map(([, c]) => c.value);
    };
    const recs = cellsInOrder('Recommendations').map(String).join('\n');
    const pos = inOrder(
      recs,
      a.recommendations.map((r) => r.title),
    );
    expect(
      pos.every((p) => p >= 0),
      JSON.stringify(pos),
    ).toBe(true);
    // The roadmap sheet's costs follow the decision's option: its total is among its values (formulas evaluated).
    if (a.roadmap.total_cost !== null) expect(cellsInOrder('Roadmap')).toContain(a.roadmap.total_cost);
    const reqs = cellsInOrder('Requirements').map(String);
    for (const r of view.requirements) {
      const at = reqs.indexOf(r.title);
      expect(at, r.title).toBeGreaterThanOrEqual(0);
      expect(reqs.slice(at, at + 12).join(' | '), r.title).toContain(r.status_text);
    }
  });
});

pdfDescribe('the thin fixture’s PDFs, read back with pdftotext', () => {
  const dir = copyFixture('test/fixtures/thin');
  dirs.push(dir);
  const out = join(dir, 'out');
  const { a, view } = engine(dir);
  const text = (name: string) =>
    execFileSync('pdftotext', ['-layout', join(out, `${name}.pdf`), '-'], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS }).replace(/\s+/g, ' ');
  beforeAll(async () => {
    const r = await relmChild(['report', '-C', dir, '--format', 'pdf', '--browser-timeout', '120']);
    expect(r.status, r.stderr).toBe(0);
  }, 300_000);

  it('states the same decision, first steps and requirement count in every PDF, and never "all 2" or "to meet both"', () => {
    const d = a.decision!;
    // As planned £24,000 meets both requirements; double the capacity adds the one recommendation left out: £3,600.
    expect([d.base!.cost, d.extra!.cost, d.total.cost]).toEqual([24_000, 3_600, 27_600]);
    for (const name of ['report', 'strategic-plan', 'presentation']) {
      const t = text(name);
      for (const v of [d.total.cost, d.extra!.cost]) expect(t, `${name}: ${money(v, 'GBP')}`).toContain(money(v, 'GBP'));
      expect(t, name).toContain('both requirements');
      expect(t, name).not.toMatch(/\ball 2\b|more to meet both|\bnull\b|\bundefined\b|\bNaN\b/);
    }
    for (const name of ['report', 'strategic-plan']) {
      const pos = inOrder(
        text(name),
        view.first_steps.map((s) => s.title),
      );
      expect(
        pos.every((p) => p >= 0),
        `${name}: ${JSON.stringify(pos)}`,
      ).toBe(true);
    }
  });
});
