/**
 * workbook.xlsx read back with the independent reader (test/helpers/ooxml.ts): every sheet prints one page
 * wide, totals and costs are formulas on the one day-rate cell, numbers are numbers, client-facing cells hold
 * names rather than ids, and a record sheet past its row cap says so and has every row in a CSV beside it.
 */
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import type { Engagement } from '../../src/engagement/types.js';
import { assess } from '../../src/engine/assess.js';
import type { Assessment } from '../../src/engine/types.js';
import { writeWorkbook } from '../../src/render/office/xlsx.js';
import { reportView } from '../../src/render/report-view.js';
import { ROOT } from '../helpers/cli.js';
import { all, first, openPackage, workbook } from '../helpers/ooxml.js';

const META = {
  title: 'Assessment data',
  author: 'Test',
  subject: 'Test',
  creator: 'relm test',
  date: new Date(Date.UTC(2026, 2, 31)),
  primaryColor: null,
  logo: null,
};

let a: Assessment;
let e: Engagement;
beforeAll(() => {
  const loaded = loadEngagement(join(ROOT, 'examples/acme-bank'));
  e = loaded.engagement!;
  a = assess(e);
});

async function written(rowCap?: number) {
  const out = await writeWorkbook(a, e, reportView(a, e), META, rowCap === undefined ? {} : { rowCap });
  return { wb: workbook(openPackage(out.bytes)), beside: out.beside };
}

/** The row number of the cell in column A that holds `text`. */
function rowOf(cells: Map<string, { value: unknown }>, text: string): number {
  const hit = [...cells].find(([ref, c]) => /^A\d+$/.test(ref) && c.value === text);
  if (!hit) throw new Error(`no row "${text}"`);
  return Number(hit[0].slice(1));
}

describe('workbook.xlsx of the example', () => {
  it('prints every sheet one page wide (as many pages down as it takes), with the header row on each page', async () => {
    const { wb } = await written();
    for (const [name, s] of wb.sheets) {
      expect(first(first(s.xml, 'sheetPr')!, 'pageSetUpPr')?.attrs.fitToPage, name).toBe('1');
      const setup = first(s.xml, 'pageSetup')!;
      expect(setup.attrs.fitToWidth, name).toBe('1');
      expect(setup.attrs.fitToHeight, name).toBe('0');
      // Legible: the columns fit a landscape page at half size or more (146 characters at 100 %; the widest, the
      // 20 columns of Recommendations, 276 characters: 53 %, was 460: 32 %), long text wrapped instead;
      // landscape exactly when wider than a portrait page (100 characters).
      const width = all(s.xml, 'col').reduce((t, c) => t + Number(c.attrs.width) * (Number(c.attrs.max) - Number(c.attrs.min) + 1), 0);
      expect(width, name).toBeLessThanOrEqual(146 / 0.5);
      expect(setup.attrs.orientation, name).toBe(width > 100 ? 'landscape' : 'portrait');
      expect(first(s.xml, 'oddFooter')?.children.join(''), name).toContain('Northwind Mutual Insurance · Confidential');
    }
    const titles = all(openPackage((await writeWorkbook(a, e, reportView(a, e), META)).bytes).xml('xl/workbook.xml'), 'definedName').filter(
      (d) => d.attrs.name === '_xlnm.Print_Titles',
    );
    expect(titles).toHaveLength(wb.names.length);
  });

  it('totals the recommendations, the roadmap, the backlog and the training with SUM formulas whose values add up', async () => {
    const { wb } = await written();
    const recs = wb.sheets.get('Recommendations')!;
    const n = a.recommendations.length;
    const total = n + 2;
    expect(recs.cells.get(`A${total}`)!.value).toBe('Total');
    expect(recs.cells.get(`J${total}`)!.formula).toBe(`SUM(J2:J${n + 1})`);
    expect(recs.cells.get(`K${total}`)!.formula).toBe(`SUM(K2:K${n + 1})`);
    const effort = a.recommendations.reduce((t, r) => t + r.effort_days, 0);
    expect(recs.cells.get(`J${total}`)!.value).toBe(effort);
    expect(recs.cells.get(`K${total}`)!.value).toBe(effort * 850);

    const roadmap = wb.sheets.get('Roadmap')!;
    const rows = a.roadmap.phases.length + (a.roadmap.unscheduled.length ? 1 : 0);
    expect(roadmap.cells.get(`A${rows + 2}`)!.value).toBe('Total');
    expect(roadmap.cells.get(`G${rows + 2}`)!.formula).toBe(`SUM(G2:G${rows + 1})`);
    // Placed and unplaced work together: every recommendation's effort.
    expect(roadmap.cells.get(`F${rows + 2}`)!.value).toBe(effort);
    // Capacity is a number (it was text), and its total the phases' sum.
    a.roadmap.phases.forEach((p, k) => {
      expect(roadmap.cells.get(`E${k + 2}`)!.type).toBeNull();
      expect(roadmap.cells.get(`E${k + 2}`)!.value).toBe(p.capacity_days);
    });
    expect(roadmap.cells.get(`E${rows + 2}`)!.value).toBe(a.roadmap.phases.reduce((t, p) => t + (p.capacity_days ?? 0), 0));

    const apps = wb.sheets.get('Backlog by application')!;
    const m = a.backlog!.applications.length;
    expect(apps.cells.get(`E${m + 2}`)!.formula).toBe(`SUM(E2:E${m + 1})`);
    expect(apps.cells.get(`E${m + 2}`)!.value).toBe(a.backlog!.open_count);

    const training = wb.sheets.get('Training')!;
    const t = a.training!.schedule.length;
    expect(training.cells.get(`K${t + 2}`)!.value).toBe(a.training!.total_cost);
  });

  it('makes every cost a formula: effort × DayRate, or participants × the price of a course', async () => {
    const { wb } = await written();
    const costColumns: [string, string][] = [
      ['Recommendations', 'K'],
      ['Roadmap', 'G'],
      ['Backlog by application', 'G'],
      ['Backlog items', 'K'],
    ];
    for (const [sheet, col] of costColumns) {
      const s = wb.sheets.get(sheet)!;
      const cells = [...s.cells].filter(([ref, c]) => new RegExp(`^${col}\\d+$`).test(ref) && ref !== `${col}1` && c.value !== null);
      expect(cells.length, sheet).toBeGreaterThan(0);
      for (const [ref, c] of cells) expect(c.formula, `${sheet}!${ref}`).toMatch(/DayRate|^SUM\(/);
    }
    const training = wb.sheets.get('Training')!;
    expect(training.cells.get('J1')!.value).toBe('Price per participant');
    a.training!.schedule.forEach((s, k) => {
      const cost = training.cells.get(`K${k + 2}`)!;
      expect(training.cells.get(`G${k + 2}`)!.value).toBe(s.people.length);
      expect(cost.formula).toBe(`G${k + 2}*J${k + 2}`);
      expect(cost.value).toBe((training.cells.get(`G${k + 2}`)!.value as number) * (training.cells.get(`J${k + 2}`)!.value as number));
    });
    // The plan's cost on the Summary sheet follows the day rate too.
    const summary = wb.sheets.get('Summary')!;
    expect(summary.cells.get(`B${rowOf(summary.cells, 'Plan cost')}`)!.formula).toMatch(/DayRate/);
  });

  it('shows names, not ids: no criterion id, no interview file id in any cell', async () => {
    const { wb } = await written();
    const criterionIds = new Set(e.model.practices.flatMap((p) => p.criteria.map((c) => c.id)));
    const interviewIds = new Set(e.interviews.map((i) => i.id));
    for (const [name, s] of wb.sheets)
      for (const [ref, c] of s.cells) {
        if (typeof c.value !== 'string') continue;
        for (const part of c.value.split(/[\n,;] ?/)) {
          expect(criterionIds.has(part.trim()), `${name}!${ref}: ${c.value}`).toBe(false);
          expect(interviewIds.has(part.trim()), `${name}!${ref}: ${c.value}`).toBe(false);
        }
      }
    const practices = wb.sheets.get('Practices')!;
    expect([...practices.cells.values()].some((c) => typeof c.value === 'string' && c.value.startsWith('Interview '))).toBe(true);
  });
});

describe('a record sheet past its row cap', () => {
  it('keeps the first rows, says so above the table, and writes every row to a CSV beside the workbook', async () => {
    const items = e.backlog?.items ?? [];
    expect(items.length).toBeGreaterThan(10);
    const { wb, beside } = await written(10);
    const sheet = wb.sheets.get('Backlog items')!;
    expect(sheet.cells.get('A1')!.value).toBe(`The first 10 of ${items.length} backlog items; every one is in backlog-items.csv, beside this workbook.`);
    expect(sheet.cells.get('A3')!.value).toBe('ID');
    expect(sheet.cells.get('A4')!.value).toBe(items[0]!.id);
    expect(sheet.cells.get('A13')!.value).toBe(items[9]!.id);
    expect(sheet.cells.has('A14')).toBe(false);
    // The cost formulas point at their own row below the note.
    expect(sheet.cells.get('K4')!.formula ?? null).toBe(items[0]!.effort_days === undefined ? null : 'IF(DayRate="","",J4*DayRate)');
    const files = Object.fromEntries(beside.map(([n, b]) => [n, strFromU8(b)]));
    expect(Object.keys(files).sort()).toEqual(['backlog-items.csv', 'releases.csv']);
    const lines = files['backlog-items.csv']!.split('\r\n');
    expect(lines[0]).toBe(
      'ID,Application,Title,Type,Priority,Status,Emergency,Requested,Closed,Effort (person-days),Cost,Benefit,Change,Platforms,Release,"Close, do not build"',
    );
    expect(lines).toHaveLength(items.length + 2);
    expect(lines[items.length + 1]).toBe('');
    const last = items[items.length - 1]!;
    expect(lines[items.length]!.startsWith(`${last.id},`)).toBe(true);
    expect(lines[items.length]).toContain(last.requested);
    // The release record keeps its DORA block, moved below the note.
    const releases = wb.sheets.get('Release record')!;
    expect(String(releases.cells.get('A1')!.value)).toMatch(/^The first 10 of \d+ releases; every one is in releases\.csv/);
    expect(releases.cells.get('A3')!.value).toBe('DORA metric');
  });

  it('writes no CSV while every record fits', async () => {
    expect((await written()).beside).toEqual([]);
  });
});
