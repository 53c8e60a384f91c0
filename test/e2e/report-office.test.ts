import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, relmChild, ROOT } from '../helpers/cli.js';
import { all, first, numberFormat, openPackage, packageProblems, paragraphs, relationships, slides, workbook } from '../helpers/ooxml.js';
import { textContent } from '../helpers/xml.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function example(path = 'examples/acme-bank'): string {
  const d = copyFixture(path);
  dirs.push(d);
  return d;
}

/**
 * relm in a child process (from the repository root), its output as written. Rendering the Office formats
 * computes for seconds without waiting (tens of seconds on a busy machine): in this process it would hold the
 * worker past the 60 s vitest gives each of its reports to the main process ("Timeout calling onTaskUpdate").
 */
const run = (args: string[], env: Record<string, string> = {}) => relmChild(args, { cwd: ROOT, env });

/** The `## ` headings of a Markdown file, in order. */
function headings(md: string, level: number): string[] {
  const mark = `${'#'.repeat(level)} `;
  return md
    .split('\n')
    .filter((l) => l.startsWith(mark))
    .map((l) => l.slice(mark.length).trim());
}
/** Markdown inline text as a reader sees it (no emphasis marks, no escapes). */
const unmark = (s: string) => s.replace(/\*\*|\\(?=[\\`*_[\]|#])/g, '').replace(/&amp;/g, '&');

describe('relm report --format pptx,xlsx,docx on the example', () => {
  let dir: string;
  let out: string;
  let assessment: ReturnType<typeof JSON.parse>;
  beforeAll(async () => {
    dir = example();
    const r = await run(['report', '-C', dir, '--format', 'md,pptx,xlsx,docx']);
    expect(r.status, r.stderr).toBe(0);
    out = join(dir, 'out');
    assessment = JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8'));
  });

  it('writes the deck, the workbook and a Word file of each document', () => {
    const files = readdirSync(out);
    for (const f of ['presentation.pptx', 'workbook.xlsx', 'report.docx', 'strategic-plan.docx', 'training-plan.docx']) expect(files).toContain(f);
    expect(files.filter((f) => f.endsWith('.pptx'))).toEqual(['presentation.pptx']);
  });

  it('writes complete packages: every part well-formed, typed, and every relationship resolved', () => {
    for (const f of ['presentation.pptx', 'workbook.xlsx', 'report.docx', 'strategic-plan.docx', 'training-plan.docx'])
      expect(packageProblems(openPackage(join(out, f))), f).toEqual([]);
  });

  describe('presentation.pptx', () => {
    it('has the HTML deck’s slides with the same titles, in order', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      const deck = slides(pkg);
      const md = readFileSync(join(out, 'presentation.md'), 'utf8');
      const expected = [headings(md, 1)[0]!, ...headings(md, 2)].map(unmark);
      // The roadmap's 60 bars (the recommended option, double the capacity) continue on three slides ("… (3 of 3)"),
      // the seven risks on two; every other slide is the HTML deck's.
      expect(deck).toHaveLength(16);
      const titles = deck.map((s) => s.title!);
      expect(titles.slice(8, 11).map((t) => t.slice(-8))).toEqual(['(1 of 3)', '(2 of 3)', '(3 of 3)']);
      expect(titles.slice(11, 13).map((t) => t.slice(-8))).toEqual(['(1 of 2)', '(2 of 2)']);
      expect(titles.filter((t) => !/ \([2-9] of \d\)$/.test(t)).map((t) => t.replace(/ \(1 of \d\)$/, ''))).toEqual(expected);
      expect(deck[1]!.title).toMatch(/^Fund €128,350 more to meet all six requirements and all three strategic goals by March 2027$/);
      // The business case before the ask: the value at stake as a table, its assumptions on the slide and in the notes.
      // Saving: €149,650 on failed releases + €412,131 on outages (2.9 failed releases at the 10% target, each down
      // today's average 86.75 ÷ 7 = 12.39 hours, within the 24-hour target: 72.9 hours a year instead of 175.9) +
      // €396,000 on waiting = €957,781 a year. The plan runs 27 April 2026 – 31 March 2027 (11.1 months); the saving
      // ramps up to €79,815 a month over it (€444,779 by its end), and the other €105,171 of €549,950 takes 1.3
      // months more: 12.5 months, May 2027.
      expect(deck[14]!.title).toBe('Meeting the release targets saves €957,781 a year, paid back by May 2027');
      expect(first(deck[14]!.xml, 'a:tbl')).toBeDefined();
      expect(deck[14]!.text).toContain('€1,715,139');
      expect(deck[14]!.text).toContain('Assumptions: €18,000 a failed release');
      expect(deck[14]!.notes).toContain('The release record covers the 180 days to 31 March 2026');
    });

    it('draws the perspectives, the gaps and the roadmap as native, editable bar charts', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      const deck = slides(pkg);
      const chartsOf = (i: number) => [...deck[i]!.rels.values()].filter((r) => r.type === 'chart').map((r) => pkg.xml(r.target));
      const types = pkg.text('[Content_Types].xml');
      // Slide 3: where they stand (current and target by perspective); 4: the largest gaps; 9 and 10: the roadmap (after the future direction).
      const perspectives = chartsOf(2);
      expect(perspectives).toHaveLength(1);
      expect(first(perspectives[0]!, 'c:barChart')).toBeDefined();
      const series = all(perspectives[0]!, 'c:ser').map((s) => all(first(s, 'c:tx')!, 'c:v').map(textContent).join(''));
      expect(series).toEqual(['Current', 'Target']);
      const values = all(all(perspectives[0]!, 'c:ser')[0]!, 'c:val').flatMap((v) => all(v, 'c:v').map((x) => Number(textContent(x))));
      expect(values).toEqual(['people', 'process', 'technology', 'organization', 'integration'].map((k) => assessment.perspectives[k].score));
      expect(first(chartsOf(3)[0]!, 'c:barChart')).toBeDefined();
      const gantt = chartsOf(8)[0]!;
      expect(first(gantt, 'c:grouping')!.attrs.val).toBe('stacked');
      // The offset series is invisible: the bars float from their start dates. The legend is drawn as shapes
      // naming the phases (no chart legend that could list the offset series).
      expect(first(all(gantt, 'c:ser')[0]!, 'a:noFill')).toBeDefined();
      expect(first(gantt, 'c:legend')).toBeUndefined();
      expect(deck[8]!.text).toContain('Phase 1: Stabilise');
      // Each chart part is declared, with its embedded workbook so PowerPoint can edit the data.
      for (const r of deck.flatMap((d) => [...d.rels.values()]).filter((x) => x.type === 'chart')) {
        expect(types).toContain(`PartName="/${r.target}"`);
        const embedded = [...relationships(pkg, r.target).values()].find((x) => x.type === 'package');
        expect(embedded && pkg.has(embedded.target)).toBe(true);
      }
    });

    it('shows the DORA figures as a table and carries the supporting figures in the speaker notes', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      const deck = slides(pkg);
      const release = deck[4]!;
      expect(first(release.xml, 'a:tbl')).toBeDefined();
      expect(release.text).toContain('Change failure rate');
      expect(release.text).toContain('24%');
      expect(deck[2]!.notes).toContain('Overall: 1.4 of 5 against 3.2');
      expect(deck[2]!.notes).toContain('Process: 1.4 against 3.4');
      expect(deck[8]!.notes).toContain('Phase 1: Stabilise (27 April 2026 – 30 June 2026)');
      expect(deck[9]!.notes).toContain(', continued:');
      // The future direction: the future state per perspective as a table.
      expect(deck[7]!.title).toMatch(/^The future state: /);
      expect(first(deck[7]!.xml, 'a:tbl')).toBeDefined();
      expect(deck[7]!.text).toContain('Every release follows a written policy');
      expect(deck[11]!.notes).toMatch(/Mitigation: /);
      for (const s of deck) expect(s.notes.length, s.title ?? '').toBeGreaterThan(0);
    });

    it('keeps one set of paragraph properties per paragraph (no repair prompt)', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      for (const s of slides(pkg)) {
        for (const p of all(s.xml, 'a:p')) {
          const names = p.children.filter((c) => typeof c !== 'string').map((c) => (c as { name: string }).name);
          expect(names.filter((n) => n === 'a:pPr').length).toBeLessThanOrEqual(1);
          if (names.includes('a:pPr')) expect(names[0]).toBe('a:pPr');
        }
      }
    });

    it('draws the roadmap at initiative level: one bar per scheduled recommendation, from its start to its end, a series per phase', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      const deck = slides(pkg);
      const charts = deck
        .filter((s) => /^Three phases/.test(s.title ?? ''))
        .flatMap((s) => [...s.rels.values()].filter((r) => r.type === 'chart').map((r) => pkg.xml(r.target)));
      expect(charts).toHaveLength(3);
      const recs = assessment.recommendations as { id: string; title: string; phase: string | null }[];
      const phases = assessment.roadmap.phases as { id: string; name: string; start: string; end: string; recommendations: string[] }[];
      const title = new Map(recs.map((r) => [r.id, r.title]));
      const scheduled = phases.flatMap((p) => p.recommendations.map((id) => title.get(id)!));
      const categories = charts.flatMap((c) => all(first(all(c, 'c:ser')[0]!, 'c:cat')!, 'c:v').map(textContent));
      expect(categories).toEqual(scheduled);
      // Each bar: the invisible offset is its start day, and exactly one phase series holds its length.
      const serial = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25_569;
      let k = 0;
      for (const c of charts) {
        const series = all(c, 'c:ser').map((ser) => ({
          name: all(first(ser, 'c:tx')!, 'c:v').map(textContent).join(''),
          values: all(first(ser, 'c:val')!, 'c:v').map((x) => Number(textContent(x))),
        }));
        expect(series[0]!.name).toBe('Start');
        series[0]!.values.forEach((start, i) => {
          const id = phases.flatMap((p) => p.recommendations)[k + i]!;
          const phase = phases.find((p) => p.recommendations.includes(id))!;
          const rec = recs.find((r) => r.id === id) as { start?: string; end?: string };
          expect(start).toBe(serial(rec.start ?? phase.start));
          const lengths = series.slice(1).map((s) => s.values[i]!);
          expect(lengths.filter((x) => x > 0)).toEqual([serial(rec.end ?? phase.end) + 1 - serial(rec.start ?? phase.start)]);
          expect(series[1 + lengths.findIndex((x) => x > 0)]!.name).toBe(`Phase ${phases.indexOf(phase) + 1}: ${phase.name}`);
        });
        k += series[0]!.values.length;
      }
    });

    it('marks the roadmap’s milestones natively: a diamond on the time axis at each phase end on the slide, its outcome listed under the chart', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      const deck = slides(pkg).filter((s) => /^Three phases/.test(s.title ?? ''));
      const phases = assessment.roadmap.phases as { name: string; end: string }[];
      const serial = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25_569;
      const listed: string[] = [];
      for (const s of deck) {
        const chart = pkg.xml([...s.rels.values()].find((r) => r.type === 'chart')!.target);
        // Where a date sits: the chart frame's place on the slide, the plot area's manual layout inside it, the axis bounds.
        const frame = first(first(s.xml, 'p:graphicFrame')!, 'p:xfrm')!;
        const fx = Number(first(frame, 'a:off')!.attrs.x);
        const fw = Number(first(frame, 'a:ext')!.attrs.cx);
        const layout = first(first(chart, 'c:plotArea')!, 'c:manualLayout')!;
        const lx = Number(first(layout, 'c:x')!.attrs.val);
        const lw = Number(first(layout, 'c:w')!.attrs.val);
        const scaling = first(first(chart, 'c:valAx')!, 'c:scaling')!;
        const [min, max] = ['c:min', 'c:max'].map((n) => Number(first(scaling, n)!.attrs.val)) as [number, number];
        const diamonds = all(s.xml, 'p:sp')
          .filter((sp) => first(sp, 'a:prstGeom')?.attrs.prst === 'diamond')
          .map((sp) => {
            const off = first(first(sp, 'a:xfrm')!, 'a:off')!;
            const ext = first(first(sp, 'a:xfrm')!, 'a:ext')!;
            return Number(off.attrs.x) + Number(ext.attrs.cx) / 2;
          });
        const here = all(s.xml, 'a:t')
          .map(textContent)
          .filter((t) => /^\d{1,2} \w{3} \d{4}: /.test(t));
        // A slide whose phases reach nothing (phase 1 of the recommended option) marks no milestone.
        for (const line of here) {
          // The milestone marks the end of its day, a phase's last day: the axis place of the next day.
          const day = serial(new Date(`${line.split(':')[0]} UTC`).toISOString().slice(0, 10)) + 1;
          expect(phases.some((p) => serial(p.end) + 1 === day)).toBe(true);
          expect(day >= min && day <= max).toBe(true);
          const x = fx + (lx + (lw * (day - min)) / (max - min)) * fw;
          // A diamond centred on the date (within 0.02 in); another one before its line in the list.
          expect(diamonds.filter((d) => Math.abs(d - x) < 0.02 * 914_400)).toHaveLength(1);
        }
        expect(diamonds).toHaveLength(2 * here.length);
        listed.push(...here);
        // The legend names the slide's phases only (no hidden offset series).
        expect(s.text).not.toMatch(/\bStart\b/);
      }
      // Every phase end that reaches something is listed with its outcomes, as the PDF deck's roadmap lists them (a
      // phase whose bars continue on the next slide is marked there too).
      expect([...new Set(listed)]).toEqual([
        '31 Oct 2026: 8 metric targets reached; 5 requirements met',
        '31 Mar 2027: Share of role places without a qualified person at most 20%; Requirement met: A skilled release team with clear roles',
      ]);
    });

    it('keeps the backlog chart’s split by type of maintenance', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      const slide = slides(pkg).find((s) => /^A new request waits/.test(s.title ?? ''))!;
      const chart = pkg.xml([...slide.rels.values()].find((r) => r.type === 'chart')!.target);
      expect(first(chart, 'c:grouping')!.attrs.val).toBe('stacked');
      const names = all(chart, 'c:ser').map((s) => all(first(s, 'c:tx')!, 'c:v').map(textContent).join(''));
      expect(names).toEqual(['Corrective', 'Adaptive', 'Perfective', 'Preventive']);
      const apps = assessment.backlog.applications as { open_by_type: Record<string, number> }[];
      all(chart, 'c:ser').forEach((s, i) => {
        const type = names[i]!.toLowerCase();
        expect(all(first(s, 'c:val')!, 'c:v').map((x) => Number(textContent(x)))).toEqual(apps.map((x) => x.open_by_type[type] ?? 0));
      });
    });

    it('has the PDF deck’s footer with "Confidential", Arial rather than Calibri, and counts in the notes that agree in number', () => {
      const pkg = openPackage(join(out, 'presentation.pptx'));
      const deck = slides(pkg);
      for (const s of deck.slice(1))
        expect(s.text, s.title ?? '').toContain('Management presentation: Release Management Assessment — Northwind Mutual Insurance · Confidential');
      for (const n of pkg.names.filter((x) => /^ppt\/(slides|slideLayouts|slideMasters|charts)\/[^/]+\.xml$/.test(x)))
        expect(pkg.text(n), n).not.toContain('Calibri');
      const notes = deck.map((s) => s.notes).join('\n');
      expect(notes).not.toMatch(/\b1 (participants|releases|recommendations)\b/);
      expect(notes).toMatch(/\b1 participant\b/);
    });
  });

  describe('workbook.xlsx', () => {
    it('has the sheets a PMO expects', () => {
      const wb = workbook(openPackage(join(out, 'workbook.xlsx')));
      expect(wb.names).toEqual([
        'Summary',
        'Practices',
        'Gaps',
        'Recommendations',
        'Roadmap',
        'Business case',
        'Requirements',
        'Goals',
        'Alignment',
        'Backlog by application',
        'Backlog items',
        'Release record',
        'Training',
      ]);
    });

    it('has the alignment matrix of assessment.json: the goals with their status, and every goal × requirement × recommendation × phase line', () => {
      const wb = workbook(openPackage(join(out, 'workbook.xlsx')));
      const t = assessment.traceability as {
        goals: { title: string; status: string }[];
        rows: { goal: string | null; requirement: string | null; recommendation: string; via: string; phase: string | null }[];
      };
      const goals = wb.sheets.get('Goals')!;
      expect(t.goals.length).toBeGreaterThan(0);
      t.goals.forEach((g, i) => {
        expect(goals.cells.get(`B${i + 2}`)!.value).toBe(g.title);
        expect(goals.cells.get(`F${i + 2}`)!.value).toBe(g.status);
      });
      const sheet = wb.sheets.get('Alignment')!;
      expect(['A', 'B', 'C', 'D', 'E'].map((c) => sheet.cells.get(`${c}1`)!.value)).toEqual(['Goal', 'Requirement', 'Recommendation', 'How', 'Phase']);
      const recTitle = new Map((assessment.recommendations as { id: string; title: string }[]).map((r) => [r.id, r.title]));
      t.rows.forEach((r, i) => {
        expect(sheet.cells.get(`C${i + 2}`)!.value).toBe(recTitle.get(r.recommendation));
        expect(String(sheet.cells.get(`D${i + 2}`)!.value)).toMatch(r.via === 'hygiene' ? /^hygiene/ : r.via === 'direct' ? /^serves it$/ : /^prerequisite/);
        if (r.requirement === null) expect(sheet.cells.has(`B${i + 2}`)).toBe(false);
      });
      expect(sheet.cells.has(`C${t.rows.length + 2}`)).toBe(false);
      expect(t.rows.some((r) => r.via === 'hygiene')).toBe(true);
    });

    it('gives the value at stake as formulas on the unit costs, the payback on the day rate, and every assumption', () => {
      const wb = workbook(openPackage(join(out, 'workbook.xlsx')));
      const sheet = wb.sheets.get('Business case')!;
      const b = assessment.business_case as {
        value_at_stake_per_year: number;
        saving_per_year: number;
        payback_months: number;
        parts: { unit_cost: number; quantity_per_year: number; cost_per_year: number; saving_per_year: number }[];
      };
      expect(['A', 'B', 'C', 'D', 'E', 'F'].map((c) => sheet.cells.get(`${c}1`)!.value)).toEqual([
        'Cost of',
        'Unit cost',
        'A year today',
        'Cost a year',
        'A year, targets met',
        'Saving a year',
      ]);
      b.parts.forEach((p, k) => {
        const r = k + 2;
        expect(sheet.cells.get(`B${r}`)!.value).toBe(p.unit_cost);
        expect(sheet.cells.get(`C${r}`)!.value).toBe(p.quantity_per_year);
        expect(sheet.cells.get(`D${r}`)!.formula).toBe(`B${r}*C${r}`);
        expect(sheet.cells.get(`D${r}`)!.value).toBeCloseTo(p.cost_per_year, 6);
        expect(sheet.cells.get(`F${r}`)!.formula).toBe(`(C${r}-E${r})*B${r}`);
      });
      expect(sheet.cells.get('A5')!.value).toBe('In all');
      expect(sheet.cells.get('D5')!.formula).toBe('SUM(D2:D4)');
      expect(sheet.cells.get('D5')!.value).toBeCloseTo(b.value_at_stake_per_year, 6);
      expect(sheet.cells.get('F5')!.value).toBeCloseTo(b.saving_per_year, 6);
      const rowOf = (label: string) => [...sheet.cells].find(([ref, c]) => ref.startsWith('A') && c.value === label)![0].slice(1);
      expect(sheet.cells.get(`B${rowOf('Cost to pay back')}`)!.formula).toMatch(/\*DayRate\)$/);
      const payback = sheet.cells.get(`B${rowOf('Payback (months)')}`)!;
      expect(payback.formula).toContain('SQRT(');
      expect(payback.value).toBeCloseTo(b.payback_months, 6);
      const text = [...sheet.cells.values()].map((c) => String(c.value));
      expect(text).toContain('Assumptions');
      expect(text.some((t) => t.startsWith('The release record covers the 180 days to 31 March 2026'))).toBe(true);
    });

    it('gives the overall score of assessment.json as a number, formatted to one decimal', () => {
      const wb = workbook(openPackage(join(out, 'workbook.xlsx')));
      const sheet = wb.sheets.get('Summary')!;
      const row = [...sheet.cells].find(([ref, c]) => ref.startsWith('A') && c.value === 'Overall score')![0].slice(1);
      const cell = sheet.cells.get(`B${row}`)!;
      expect(cell.type).toBeNull();
      expect(cell.value).toBe(assessment.overall.score);
      expect(numberFormat(wb.styles, cell.style)).toBe('0.0');
    });

    it('lists the recommendations in the customer’s order with numeric effort and cost formulas on one day rate', () => {
      const wb = workbook(openPackage(join(out, 'workbook.xlsx')));
      const sheet = wb.sheets.get('Recommendations')!;
      const header = ['A', 'B', 'G', 'J', 'K', 'L', 'N', 'O'].map((c) => sheet.cells.get(`${c}1`)!.value);
      expect(header).toEqual(['#', 'Recommendation', 'Phase', 'Effort (person-days)', 'Cost', 'Priority', 'Requirement #', 'Requirement']);
      const recs = assessment.recommendations as { title: string; effort_days: number; priority: number; rank: number | null }[];
      recs.forEach((r, i) => {
        const row = i + 2;
        expect(sheet.cells.get(`A${row}`)!.value).toBe(i + 1);
        expect(sheet.cells.get(`B${row}`)!.value).toBe(r.title);
        expect(sheet.cells.get(`J${row}`)!.value).toBe(r.effort_days);
        expect(sheet.cells.get(`L${row}`)!.value).toBe(r.priority);
        const cost = sheet.cells.get(`K${row}`)!;
        expect(cost.formula).toBe(`IF(DayRate="","",J${row}*DayRate)`);
        expect(cost.value).toBe(r.effort_days * assessment.engagement.day_rate);
        expect(numberFormat(wb.styles, cost.style)).toBe('"€"#,##0;-"€"#,##0');
      });
      expect(sheet.cells.has(`B${recs.length + 2}`)).toBe(false);
      // The day rate is one named input cell on the Summary sheet.
      const ref = wb.definedNames.get('DayRate')!;
      expect(ref).toMatch(/^Summary!\$B\$\d+$/);
      expect(wb.sheets.get('Summary')!.cells.get(ref.replace(/^Summary!|\$/g, ''))!.value).toBe(850);
      // Frozen header and a filter over the table.
      expect(first(sheet.xml, 'pane')!.attrs).toMatchObject({ state: 'frozen', ySplit: '1' });
      expect(first(sheet.xml, 'autoFilter')!.attrs.ref).toBe(`A1:T${recs.length + 1}`);
    });

    it('writes dates as dates and shares as percentages', () => {
      const wb = workbook(openPackage(join(out, 'workbook.xlsx')));
      const roadmap = wb.sheets.get('Roadmap')!;
      expect(roadmap.cells.get('C2')!.value).toBe(46139); // 2026-04-27 as a serial day: the first working day after the decision (24 April)
      expect(numberFormat(wb.styles, roadmap.cells.get('C2')!.style)).toBe('yyyy-mm-dd');
      const gaps = wb.sheets.get('Gaps')!;
      expect(numberFormat(wb.styles, gaps.cells.get('J2')!.style)).toBe('0%');
      const practices = wb.sheets.get('Practices')!;
      const rows = [...practices.cells.keys()].filter((r) => r.startsWith('H') && r !== 'H1').length;
      const criteria = Number(/, (\d+) criteria\)/.exec(readFileSync(join(out, 'report.md'), 'utf8'))![1]);
      expect(rows).toBe(criteria);
    });
  });

  describe('report.docx', () => {
    it('has Word headings for the sections, in the report’s order, under a title and a table of contents', () => {
      const pkg = openPackage(join(out, 'report.docx'));
      const paras = paragraphs(pkg);
      const md = readFileSync(join(out, 'report.md'), 'utf8');
      expect(paras.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(headings(md, 2).map(unmark));
      expect(paras.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(headings(md, 3).map(unmark));
      expect(paras.find((p) => p.style === 'Title')!.text).toBe('Release Management Assessment: analysis report');
      const doc = pkg.text('word/document.xml');
      expect(doc).toMatch(/TOC \\h \\o &quot;1-1&quot;/);
      // The contents carry their page numbers on first opening (no field update needed): one per section, rising.
      const sdt = all(pkg.xml('word/document.xml'), 'w:sdtContent')[0]!;
      const entries = all(sdt, 'w:p')
        .map((p) => all(p, 'w:t').map(textContent).join(''))
        .filter(Boolean);
      const sections = headings(md, 2).map(unmark);
      expect(entries).toHaveLength(sections.length);
      const pages = entries.map((e, i) => {
        expect(e.startsWith(sections[i]!), e).toBe(true);
        return Number(e.slice(sections[i]!.length));
      });
      for (const [i, p] of pages.entries()) {
        expect(Number.isInteger(p) && p >= 3, entries[i]).toBe(true);
        if (i) expect(p).toBeGreaterThanOrEqual(pages[i - 1]!);
      }
      expect(pages[0]).toBe(3);
      // The styles the headings use exist, with outline levels, so Word's own contents and navigation work.
      const styles = pkg.xml('word/styles.xml');
      const h1 = all(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Heading1')!;
      expect(first(h1, 'w:outlineLvl')!.attrs['w:val']).toBe('0');
    });

    it('opens with the executive summary’s answer, tables as Word tables, charts as SVG with a PNG fallback, page numbers', () => {
      const pkg = openPackage(join(out, 'report.docx'));
      const paras = paragraphs(pkg);
      const k = paras.findIndex((p) => p.style === 'Heading1' && p.text === 'Executive summary');
      const md = readFileSync(join(out, 'report.md'), 'utf8');
      const answer = /## Executive summary\n\n\*\*(.+)\*\*/.exec(md)![1]!;
      expect(paras[k + 1]!.text).toBe(unmark(answer));
      expect(paras[k + 1]!.text).toMatch(/^Double the capacity: fund €128,350 more than planned \(€549,950 in all\)/);
      const doc = pkg.xml('word/document.xml');
      expect(all(doc, 'w:tbl').length).toBeGreaterThan(10);
      const firstTable = all(doc, 'w:tbl')[0]!;
      expect(all(firstTable, 'w:tr')[1]!.children.length).toBeGreaterThan(0);
      expect(all(all(firstTable, 'w:tr')[1]!, 'w:t').map(textContent)).toContain('People');
      const svgs = all(doc, 'asvg:svgBlip');
      expect(svgs.length).toBeGreaterThanOrEqual(3);
      const rels = relationships(pkg, 'word/document.xml');
      for (const s of svgs) {
        expect(rels.get(s.attrs['r:embed']!)!.target).toMatch(/\.svg$/);
        const blip = s.parent!.parent!.parent!;
        expect(blip.name).toBe('a:blip');
        const png = pkg.bytes(rels.get(blip.attrs['r:embed']!)!.target);
        expect([...png.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      }
      const footers = [...rels.values()].filter((r) => r.type === 'footer').map((r) => pkg.text(r.target));
      expect(footers.some((f) => /PAGE/.test(f) && /NUMPAGES/.test(f))).toBe(true);
    });
  });

  it('is reproducible: the same inputs give the same bytes, dated SOURCE_DATE_EPOCH', async () => {
    const again = join(dir, 'again');
    const epoch = join(dir, 'epoch');
    // Each in a process of its own, as a user runs it: pptxgenjs numbers charts with a counter of the process.
    // The deliverables of three kinds, not all five: each kind's writer is what could differ. Both at once: on a
    // busy machine two processes get twice the share of the processors that one gets.
    const args = ['report', '-C', dir, '--only', 'report,presentation', '--format', 'pptx,xlsx,docx', '--out'];
    const [r, dated] = await Promise.all([run([...args, again]), run([...args, epoch], { SOURCE_DATE_EPOCH: '1767225600' })]);
    expect(r.status, r.stderr).toBe(0);
    expect(dated.status, dated.stderr).toBe(0);
    for (const f of ['presentation.pptx', 'workbook.xlsx', 'report.docx'])
      expect(Buffer.compare(readFileSync(join(out, f)), readFileSync(join(again, f))), f).toBe(0);
    for (const f of ['presentation.pptx', 'workbook.xlsx', 'report.docx']) {
      const core = openPackage(join(epoch, f)).text('docProps/core.xml');
      expect(core, f).toContain('>2026-01-01T00:00:00Z</dcterms:created>');
      expect(core, f).toContain('>2026-01-01T00:00:00Z</dcterms:modified>');
      // Without SOURCE_DATE_EPOCH the date is as_of.
      expect(openPackage(join(out, f)).text('docProps/core.xml'), f).toContain('>2026-03-31T00:00:00Z</dcterms:created>');
    }
  });
});

describe('relm report: Office formats from relm.yaml, branding and templates', () => {
  it('takes pptx, xlsx and docx from output.formats', async () => {
    const dir = example();
    const manifest = readFileSync(join(dir, 'relm.yaml'), 'utf8').replace('formats: [md, html]', 'formats: [xlsx, docx]');
    writeFileSync(join(dir, 'relm.yaml'), manifest);
    const r = await run(['report', '-C', dir, '--only', 'report']);
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(join(dir, 'out'))
      .filter((f) => f !== 'charts')
      .sort();
    expect(files).toEqual(['assessment.json', 'report.docx', 'workbook.xlsx']);
  });

  it('brands the deck and the documents with the logo and the primary colour', async () => {
    const dir = example();
    mkdirSync(join(dir, 'assets'));
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><rect width="200" height="60" fill="#7a1f5c"/></svg>';
    writeFileSync(join(dir, 'assets', 'logo.svg'), svg);
    writeFileSync(join(dir, 'relm.yaml'), readFileSync(join(dir, 'relm.yaml'), 'utf8') + 'branding: {logo: assets/logo.svg, primary_color: "#7a1f5c"}\n');
    const r = await run(['report', '-C', dir, '--format', 'pptx,docx', '--only', 'presentation,report']);
    expect(r.status, r.stderr).toBe(0);
    const deck = openPackage(join(dir, 'out', 'presentation.pptx'));
    const title = slides(deck)[0]!;
    expect([...title.rels.values()].some((x) => x.type === 'image')).toBe(true);
    const layouts = deck.names.filter((n) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(n)).map((n) => deck.text(n));
    expect(layouts.some((l) => l.includes('7A1F5C'))).toBe(true);
    const doc = openPackage(join(dir, 'out', 'report.docx'));
    expect(doc.text('word/styles.xml')).toContain('7A1F5C');
    expect(doc.names.some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
  });

  it('uses a PowerPoint template in templates/: its layouts, master and theme, none of its slides', async () => {
    const dir = example();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'presentation.pptx'), await makeTemplate());
    const r = await run(['report', '-C', dir, '--format', 'pptx', '--only', 'presentation']);
    expect(r.status, r.stderr).toBe(0);
    const pkg = openPackage(join(dir, 'out', 'presentation.pptx'));
    const deck = slides(pkg);
    // The example's 15 slides (13 of the HTML deck, the roadmap on three), none of the template's; on its 4:3
    // slides a table that does not fit continues on the next ("… (2 of 2)").
    const continued = deck.filter((s) => !/^Three phases/.test(s.title ?? '') && /\(([2-9]) of \d\)$/.test(s.title ?? ''));
    expect(continued.length).toBeLessThanOrEqual(4);
    expect(deck).toHaveLength(15 + continued.length);
    expect(deck.some((s) => s.text.includes('TEMPLATE SAMPLE SLIDE'))).toBe(false);
    const layoutOf = (s: (typeof deck)[number]) => pkg.text([...s.rels.values()].find((x) => x.type === 'slideLayout')!.target);
    expect(layoutOf(deck[0]!)).toContain('name="Title Slide"');
    for (const s of deck.slice(1)) expect(layoutOf(s)).toContain('name="Title Only"');
    expect(layoutOf(deck[1]!)).toContain('ABCDEF');
    // The slide size is the template's (4:3 here), and every part the slides use is in the package.
    expect(first(pkg.xml('ppt/presentation.xml'), 'p:sldSz')!.attrs).toMatchObject({ cx: '9144000', cy: '6858000' });
    for (const s of deck) for (const rel of s.rels.values()) expect(pkg.has(rel.target), rel.target).toBe(true);
    expect(packageProblems(pkg)).toEqual([]);
    // The titles take the layout's position and style.
    for (const s of deck) expect(first(all(s.xml, 'p:sp').find((sp) => first(sp, 'p:ph')?.attrs.type === 'title')!, 'a:xfrm')).toBeUndefined();
  });

  it('follows a presentation template of the user’s: a radar is a native radar chart, a chart PowerPoint has no type for a picture', async () => {
    const dir = example();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(
      join(dir, 'templates', 'presentation.md.hbs'),
      '# {{text title}}\n\n---\n\n## Where we stand\n\n{{chart "radar"}}\n\n---\n\n## Level by level\n\n{{chart "heatmap"}}\n',
    );
    const r = await run(['report', '-C', dir, '--format', 'pptx', '--only', 'presentation']);
    expect(r.status, r.stderr).toBe(0);
    const pkg = openPackage(join(dir, 'out', 'presentation.pptx'));
    const deck = slides(pkg);
    expect(deck.map((s) => s.title)).toEqual(['Release Management Assessment', 'Where we stand', 'Level by level']);
    const radar = [...deck[1]!.rels.values()].find((x) => x.type === 'chart')!;
    expect(first(pkg.xml(radar.target), 'c:radarChart')).toBeDefined();
    expect([...deck[2]!.rels.values()].map((x) => x.type)).toContain('image');
    expect([...deck[2]!.rels.values()].map((x) => x.type)).not.toContain('chart');
    expect(packageProblems(pkg)).toEqual([]);
  });

  it('uses a Word reference document’s styles', async () => {
    const dir = example();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'reference.docx'), await makeReference());
    const r = await run(['report', '-C', dir, '--format', 'docx', '--only', 'report']);
    expect(r.status, r.stderr).toBe(0);
    const pkg = openPackage(join(dir, 'out', 'report.docx'));
    const h1 = all(pkg.xml('word/styles.xml'), 'w:style').find((s) => s.attrs['w:styleId'] === 'Heading1')!;
    expect(first(h1, 'w:color')!.attrs['w:val']).toBe('0B6E4F');
    expect(first(h1, 'w:rFonts')!.attrs['w:ascii']).toBe('Georgia');
    expect(paragraphs(pkg).filter((p) => p.style === 'Heading1').length).toBeGreaterThan(10);
    expect(packageProblems(pkg)).toEqual([]);
  });

  it('refuses a template that is not an Office file, and writes nothing', async () => {
    const dir = example();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'presentation.pptx'), 'not a zip');
    const r = await run(['report', '-C', dir, '--format', 'md,pptx']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('templates/presentation.pptx cannot be used');
    expect(readdirSync(dir)).not.toContain('out');
  });
});

/** A small PowerPoint template made with pptxgenjs: a 4:3 deck with "Title Slide" and "Title Only" layouts and a sample slide. */
async function makeTemplate(): Promise<Buffer> {
  const mod = (await import('pptxgenjs')) as unknown as { default: new () => any };
  const pptx = new mod.default();
  pptx.layout = 'LAYOUT_4x3';
  const title = { placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.4, w: 9, h: 1 }, text: '' } };
  pptx.defineSlideMaster({ title: 'Title Slide', background: { color: '123456' }, objects: [title] });
  pptx.defineSlideMaster({ title: 'Title Only', background: { color: 'ABCDEF' }, objects: [title] });
  pptx.addSlide({ masterName: 'Title Only' }).addText('TEMPLATE SAMPLE SLIDE', { x: 1, y: 2, w: 6, h: 1 });
  const bytes = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  // pptxgenjs names a layout after its master's title; mark the title layout's type as PowerPoint does.
  const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
  const files = unzipSync(new Uint8Array(bytes));
  for (const [name, data] of Object.entries(files)) {
    if (!/^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(data);
    if (xml.includes('name="Title Slide"')) files[name] = strToU8(xml.replace('<p:sldLayout ', '<p:sldLayout type="title" '));
  }
  return Buffer.from(zipSync(files));
}

/** A Word reference document made with docx: Heading 1 in Georgia, green. */
async function makeReference(): Promise<Buffer> {
  const docx = await import('docx');
  const doc = new docx.Document({
    styles: {
      paragraphStyles: [
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: 'Georgia', color: '0B6E4F', size: 36 },
          paragraph: { outlineLevel: 0 },
        },
      ],
    },
    sections: [{ children: [new docx.Paragraph({ heading: docx.HeadingLevel.HEADING_1, children: [new docx.TextRun('Sample')] })] }],
  });
  return docx.Packer.toBuffer(doc);
}

void ROOT;
