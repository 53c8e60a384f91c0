import { describe, expect, it } from 'vitest';
import { allocateRows, formatDay, ganttChart, ganttLayout, isoDay, GANTT_SLIDE, type GanttInput } from '../../src/render/charts/gantt.js';
import { isNoDataChart, PALETTE, textWidth } from '../../src/render/charts/svg.js';
import { closest, descendants, find, fontSize, num, parseXml, textContent, type XmlElement } from '../helpers/xml.js';
import { REALISTIC_GANTT } from './roadmap-fixtures.js';

const HOSTILE = `<script>alert("x")</script> & 'y'`;

/** Parses the chart and checks what every chart must have; returns the root. */
function check(svg: string, title: string): XmlElement {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  expect(root.attrs.role).toBe('img');
  expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
  const [first, second] = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  expect(first!.name).toBe('title');
  expect(textContent(first!)).toBe(title);
  expect(second!.name).toBe('desc');
  expect(svg).not.toContain('<pattern');
  expect(svg).not.toMatch(/\d\.\d{3,}/);
  expect(svg).not.toMatch(/\n\s*\n/);
  return root;
}

const bars = (root: XmlElement): XmlElement[] => find(root, 'rect', 'relm-gantt-bar');
const rowLabels = (root: XmlElement): string[][] => find(find(root, 'g', 'relm-gantt-labels')[0]!, 'text').map((t) => find(t, 'tspan').map(textContent));

// Two phases inside April–May 2026: the axis runs from 1 Apr to 1 Jun (61 days) over the plot.
const TWO: GanttInput = {
  phases: [
    { id: 'b', name: 'Second', start: '2026-05-16', end: '2026-05-31' },
    { id: 'a', name: 'First', start: '2026-04-16', end: '2026-05-15' },
  ],
  bars: [
    { id: 'x1', label: 'Write the release policy', phase: 'a', emphasis: true },
    { id: 'x2', label: 'Publish the release calendar', phase: 'a' },
    { id: 'y1', label: 'Automate the regression suite', phase: 'b' },
  ],
  dependencies: [
    { from: 'x1', to: 'y1' },
    { from: 'x1', to: 'x2' },
    { from: 'x1', to: 'missing' },
  ],
  milestones: [{ date: '2026-05-15', label: 'Requirement met: Fewer failed releases' }],
  today: '2026-05-01',
};

describe('dates', () => {
  it('reads ISO dates as whole UTC days and rejects impossible ones', () => {
    expect(isoDay('1970-01-02')).toBe(1);
    expect(isoDay('2026-04-01')).toBe(20544);
    expect(isoDay('2026-04-01T23:59:00+14:00')).toBe(20544);
    for (const bad of ['2026-02-30', '2026-13-01', '26-04-01', '', 'soon', null, undefined]) expect(isoDay(bad), String(bad)).toBeNull();
    expect(formatDay(isoDay('2027-03-31')!)).toBe('31 Mar 2027');
  });
});

describe('allocateRows', () => {
  it('draws everything that fits', () => {
    expect(allocateRows([5, 5], 10)).toEqual([5, 5]);
  });
  it('caps every phase evenly, one row going to each "+ N more"', () => {
    // k = 7: 8 + 8 + 8 = 24 rows.
    expect(allocateRows([15, 16, 14], 24)).toEqual([7, 7, 7]);
    // A small phase is drawn whole; the big one gets the rest less its "+ N more" row.
    expect(allocateRows([2, 30], 10)).toEqual([2, 7]);
    expect(allocateRows([20], 5)).toEqual([4]);
  });
  it('gives rows left over to the first cut phases, showing a phase whole when that frees its "more" row', () => {
    // k = 2 takes 3 + 3 = 6 of 7 rows; the spare one goes to the first phase.
    expect(allocateRows([10, 10], 7)).toEqual([3, 2]);
    // k = 2 takes 3 + 3 of 7; showing the first phase's last two bars needs only its "more" row and the spare one.
    expect(allocateRows([4, 10], 7)).toEqual([4, 2]);
  });
  it('keeps at least the "+ N more" row of each phase', () => {
    expect(allocateRows([3, 3, 3], 2)).toEqual([0, 0, 0]);
  });
});

describe('ganttChart', () => {
  it("lays the time axis over whole months and each phase's bars over its dates", () => {
    const L = ganttLayout(700);
    expect(L).toEqual({ width: 700, pad: 16, labelWidth: 210, plotX: 238, plotWidth: 438 });
    const root = check(ganttChart(TWO, { title: 'Roadmap' }), 'Roadmap');
    const b = bars(root);
    expect(b).toHaveLength(3);
    // First: 16 Apr (day 15 of 61) to the end of 15 May (day 45): x = 238 + 15/61 × 438, width 30/61 × 438.
    expect(num(b[0], 'x')).toBeCloseTo(345.7, 2);
    expect(num(b[0], 'width')).toBeCloseTo(215.41, 2);
    // Bars of one phase share its span.
    expect([num(b[1], 'x'), num(b[1], 'width')]).toEqual([num(b[0], 'x'), num(b[0], 'width')]);
    // Second: 16 May (day 45) to the end of 31 May (day 61): x = 238 + 45/61 × 438, width 16/61 × 438.
    expect(num(b[2], 'x')).toBeCloseTo(561.11, 2);
    expect(num(b[2], 'width')).toBeCloseTo(114.89, 2);
    // Rows follow the phases in date order, whatever order they came in.
    expect(rowLabels(root).map((l) => l.join(' '))).toEqual(['Write the release policy', 'Publish the release calendar', 'Automate the regression suite']);
    expect(num(b[0], 'y')).toBeLessThan(num(b[1], 'y'));
    expect(num(b[1], 'y')).toBeLessThan(num(b[2], 'y'));
  });

  it('draws first steps in the accent colour and the others in its tint', () => {
    const b = bars(parseXml(ganttChart(TWO, { title: 'R' })));
    expect(b.map((e) => e.attrs.fill)).toEqual([PALETTE.accent, PALETTE.accentTint, PALETTE.accentTint]);
    expect(b[0]!.attrs.class).toContain('relm-gantt-first');
  });

  it('labels phase bands with name and dates, and months with "Apr 2026" without overlap', () => {
    const root = parseXml(ganttChart(REALISTIC_GANTT, { title: 'R' }));
    const bands = find(root, 'g', 'relm-gantt-phase').map((g) => find(g, 'tspan').map(textContent).join(' '));
    expect(bands).toEqual(['Stabilise 1 Apr 2026 – 30 Jun 2026', 'Standardise 1 Jul 2026 – 31 Oct 2026', 'Optimise 2 Nov 2026 – 31 Mar 2027']);
    const ticks = find(find(root, 'g', 'relm-gantt-axis')[0]!, 'text');
    expect(ticks.map(textContent)).toEqual(['Apr 2026', 'Jun 2026', 'Aug 2026', 'Oct 2026', 'Dec 2026', 'Feb 2027']);
    const xs = ticks.map((t) => num(t, 'x'));
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(textWidth('Sep 2026', 11));
  });

  it('draws a dependency only between drawn bars, from the end of one to the start of the other', () => {
    const root = parseXml(ganttChart(TWO, { title: 'R' }));
    const deps = find(root, 'g', 'relm-gantt-dependency');
    expect(deps).toHaveLength(2);
    const [d1, d2] = deps.map((g) => find(g, 'path')[0]!.attrs.d!);
    const b = bars(root);
    const end = num(b[0], 'x') + num(b[0], 'width');
    const mid = (e: XmlElement): number => num(e, 'y') + num(e, 'height') / 2;
    // x1 → y1 (a later phase): right from the end of x1, then down onto y1's bar just after its start.
    expect(d1).toMatch(new RegExp(`^M${end.toFixed(2).replace(/\.?0+$/, '')} ${mid(b[0]!)}H`));
    const tip1 = find(deps[0]!, 'path')[1]!.attrs.d!;
    const tipY = Number(/L[\d.]+ ([\d.]+)Z$/.exec(tip1)![1]);
    expect(tipY).toBeCloseTo(num(b[2], 'y'), 5);
    // x1 → x2 (same phase): back round into the start of x2, ending at its left edge.
    const tip2 = find(deps[1]!, 'path')[1]!.attrs.d!;
    expect(d2).toContain(`V${mid(b[1]!)}`);
    expect(tip2).toMatch(new RegExp(`L${num(b[1], 'x')} ${mid(b[1]!)}L`));
    // A dependency on a collapsed bar is not drawn.
    const collapsed = parseXml(ganttChart({ ...TWO, dependencies: [{ from: 'x1', to: 'x2' }] }, { title: 'R', maxBars: 1 }));
    expect(find(collapsed, 'g', 'relm-gantt-dependency')).toHaveLength(0);
  });

  it('puts milestones at the end of their day and today on its day', () => {
    const root = parseXml(ganttChart(TWO, { title: 'R' }));
    const m = find(root, 'g', 'relm-gantt-milestone');
    expect(m).toHaveLength(1);
    // End of 15 May = start of day 45 of the axis.
    expect(num(find(m[0]!, 'line')[0], 'x1')).toBeCloseTo(561.11, 2);
    expect(find(m[0]!, 'tspan').map(textContent)).toEqual(['15 May 2026', 'Requirement met: Fewer failed', 'releases']);
    // 1 May is day 30.
    const today = find(root, 'line', 'relm-gantt-today');
    expect(num(today[0], 'x1')).toBeCloseTo(238 + (30 / 61) * 438, 2);
    expect(textContent(root)).toContain('Today (1 May 2026)');
    const outside = parseXml(ganttChart({ ...TWO, today: '2030-01-01' }, { title: 'R' }));
    expect(find(outside, 'line', 'relm-gantt-today')).toHaveLength(0);
    expect(textContent(outside)).not.toContain('Today');
  });

  it('draws phases without dates after the dated ones, an equal slot each, labelled "no date"', () => {
    const input: GanttInput = {
      ...TWO,
      phases: [{ id: 'u1', name: 'Later', start: null, end: null }, ...TWO.phases, { id: 'u2', name: 'Someday', start: '2026-06-01', end: null }],
      bars: [...TWO.bars, { id: 'z1', label: 'Revisit the policy', phase: 'u1' }, { id: 'z2', label: 'Retire the old tool', phase: 'u2' }],
    };
    const root = check(ganttChart(input, { title: 'R' }), 'R');
    const bands = find(root, 'g', 'relm-gantt-phase').map((g) => find(g, 'tspan').map(textContent).join(' '));
    expect(bands.slice(2)).toEqual(['Later no date', 'Someday no date']);
    const b = bars(root);
    const [z1, z2] = [b[3]!, b[4]!];
    const lastDatedEnd = num(b[2], 'x') + num(b[2], 'width');
    expect(num(z1, 'x')).toBeGreaterThan(lastDatedEnd);
    expect(num(z2, 'x')).toBeGreaterThan(num(z1, 'x') + num(z1, 'width'));
    expect(num(z1, 'width') + 4).toBeCloseTo(num(z2, 'width'), 5);
    expect(z1.attrs['stroke-dasharray']).toBe('4 2');
    // Two of four phases undated: 40 % of the 438 px plot.
    expect(num(z2, 'x') + num(z2, 'width') - num(z1, 'x')).toBeCloseTo(Math.round(438 * 0.4), 5);
    // Only undated phases: they share the plot.
    const none = parseXml(ganttChart({ ...input, phases: [input.phases[0]!], bars: [input.bars[3]!] }, { title: 'R' }));
    expect([num(bars(none)[0], 'x'), num(bars(none)[0], 'width')]).toEqual([238, 438]);
  });

  it('collapses the rest of each phase past maxBars into "+ N more", keeping first steps', () => {
    const root = check(ganttChart(REALISTIC_GANTT, { title: 'R' }), 'R');
    const b = bars(root);
    const more = find(root, 'rect', 'relm-gantt-more');
    expect(b.length + more.length).toBe(24);
    expect(
      rowLabels(root)
        .filter((l) => l[0]!.startsWith('+'))
        .map((l) => l.join(' ')),
    ).toEqual(['+ 8 more in Stabilise', '+ 9 more in Standardise', '+ 7 more in Optimise']);
    // All five first steps of the first phase are drawn.
    expect(b.filter((e) => e.attrs.fill === PALETTE.accent)).toHaveLength(5);
    // Without a limit every bar is drawn.
    expect(bars(parseXml(ganttChart(REALISTIC_GANTT, { title: 'R', maxBars: 100 })))).toHaveLength(45);
  });

  it('first steps survive a tight limit ahead of the bars listed before them', () => {
    const input: GanttInput = {
      ...TWO,
      bars: [
        TWO.bars[1]!,
        { id: 'x3', label: 'Appoint a release manager', phase: 'a', emphasis: true },
        { id: 'x4', label: 'Measure', phase: 'a' },
        TWO.bars[2]!,
      ],
      dependencies: [],
    };
    // Three rows: one bar of the first phase and its "+ 2 more", and the second phase's only bar.
    const root = parseXml(ganttChart(input, { title: 'R', maxBars: 3 }));
    expect(rowLabels(root).map((l) => l.join(' '))).toEqual(['Appoint a release manager', '+ 2 more in First', 'Automate the regression suite']);
  });

  it('wraps long labels onto as many lines as they need, never cutting them', () => {
    const long = 'Document the maintenance life-cycle and baseline every release in version control across all the platforms';
    const root = parseXml(ganttChart({ ...TWO, bars: [{ id: 'l', label: long, phase: 'a' }] }, { title: 'R' }));
    const [lines] = rowLabels(root);
    expect(lines!.length).toBeGreaterThan(2);
    // Every word, whole and in order; no line wider than the label column; no "…".
    expect(lines!.join(' ')).toBe(long);
    for (const l of lines!) expect(textWidth(l, 12)).toBeLessThanOrEqual(210);
    expect(ganttChart({ ...TWO, bars: [{ id: 'l', label: long, phase: 'a' }] }, { title: 'R' })).not.toContain('…');
  });

  it('gives every phase its dates in one format, wrapping rather than cutting in narrow bands; never splits a word', () => {
    const phases = [
      { id: 'a', name: 'Stabilise the release process', start: '2026-04-01', end: '2026-06-30' },
      { id: 'b', name: 'Standardise', start: '2026-07-01', end: '2026-10-31' },
      { id: 'c', name: 'Optimise', start: '2026-11-02', end: '2027-03-31' },
    ];
    const bars = phases.map((p) => ({ id: p.id, label: p.name, phase: p.id }));
    const svg = ganttChart({ phases, bars, dependencies: [], milestones: [] }, { title: 'R', width: 480, compact: true });
    expect(svg).not.toContain('…');
    const bands = find(parseXml(svg), 'g', 'relm-gantt-phase').map((g) => find(g, 'text').map((t) => textContent(t)));
    // A band too narrow for a word of its name ("Stabilise", "Standardise" at 480 units) shows the phase's number,
    // and the legend names it in full; the wide band keeps its name. Month dates for all three (the day dates do
    // not fit every band); tspans joined without spaces.
    expect(bands.map((b) => b[0]!.replace(/\s/g, ''))).toEqual(['1', '2', 'Optimise']);
    expect(bands.map((b) => b[1]!.replace(/\s/g, ''))).toEqual(['Apr–Jun2026', 'Jul–Oct2026', 'Nov2026–Mar2027']);
    const key = find(parseXml(svg), 'g', 'relm-legend').map(textContent).join(' ');
    expect(key).toContain('1Stabilise the release process');
    expect(key).toContain('2Standardise');
    // No tspan anywhere ends inside a word (the old "Stabili" / "se").
    const lines = find(parseXml(svg), 'tspan').map(textContent);
    expect(lines.filter((l) => /\p{L}-?$/u.test(l) && phases.some((p) => p.name.split(' ').some((w) => w !== l && w.startsWith(l))))).toEqual([]);
  });

  it('moves the dates of a band too narrow for them into the legend, with its name (no letter per line)', () => {
    const phases = [
      { id: 'a', name: 'Stabilise', start: '2026-04-27', end: '2026-05-15', number: 1 },
      { id: 'b', name: 'Standardise', start: '2026-05-18', end: '2026-10-31', number: 2 },
      { id: 'c', name: 'Optimise', start: '2026-11-02', end: '2027-03-31', number: 3 },
    ];
    const bars = phases.map((p) => ({ id: p.id, label: p.name, phase: p.id }));
    const svg = ganttChart({ phases, bars, dependencies: [], milestones: [] }, { title: 'R', ...GANTT_SLIDE });
    const bands = find(parseXml(svg), 'g', 'relm-gantt-phase').map((g) => find(g, 'text').map((t) => textContent(t).replace(/\s/g, '')));
    expect(bands[0]).toEqual(['1', '']);
    expect(bands[1]![0]).toBe('Standardise');
    const key = find(parseXml(svg), 'g', 'relm-legend').map(textContent).join(' ');
    expect(key).toContain('1Stabilise, 27 Apr – 15 May 2026');
    expect(
      find(parseXml(svg), 'tspan')
        .map(textContent)
        .filter((l) => /^\p{L}$/u.test(l.trim())),
    ).toEqual([]);
  });

  it('lists the work not scheduled, with the count, and bars naming no phase among it', () => {
    const input: GanttInput = {
      ...TWO,
      bars: [...TWO.bars, { id: 'o', label: 'Orphan item', phase: 'nowhere' }],
      unscheduled: [{ label: 'Alpha' }, { label: 'Beta' }, { label: 'Gamma' }, { label: 'Delta' }],
    };
    const root = parseXml(ganttChart(input, { title: 'R' }));
    const text = find(root, 'text', 'relm-gantt-unscheduled').map(textContent).join(' ');
    expect(text).toBe('Not scheduled: 5 items — Alpha; Beta; Gamma; and 2 more');
  });

  it('is deterministic, escapes every text and uses no patterns', () => {
    expect(ganttChart(REALISTIC_GANTT, { title: 'R' })).toBe(ganttChart(REALISTIC_GANTT, { title: 'R' }));
    const hostile: GanttInput = {
      phases: [{ id: HOSTILE, name: HOSTILE, start: '2026-04-01', end: '2026-06-30' }],
      bars: [{ id: HOSTILE, label: HOSTILE, phase: HOSTILE, emphasis: true }],
      dependencies: [],
      milestones: [{ date: '2026-06-30', label: HOSTILE }],
      unscheduled: [{ label: HOSTILE }],
      today: HOSTILE,
    };
    const svg = ganttChart(hostile, { title: HOSTILE });
    const root = check(svg, HOSTILE);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    // The label text survives intact through the escaping.
    expect(find(root, 'g', 'relm-gantt-phase').map((g) => textContent(find(g, 'title')[0]!))).toEqual([`${HOSTILE}: 1 Apr – 30 Jun 2026`]);
  });

  it('gives a "no data" chart without phases', () => {
    const svg = ganttChart({ phases: [], bars: [], dependencies: [], milestones: [] }, { title: 'Roadmap' });
    check(svg, 'Roadmap');
    expect(isNoDataChart(svg)).toBe(true);
  });

  it('fits the realistic roadmap on an A4 page', () => {
    const root = parseXml(ganttChart(REALISTIC_GANTT, { title: 'R' }));
    expect(num(root, 'width')).toBe(700);
    // The text area of an A4 page is 180 × 263 mm: 700 units drawn 680 px wide leave 1,000 units of height.
    expect(num(root, 'height')).toBeLessThanOrEqual(1000);
    for (const e of descendants(root)) if (e.name === 'text' || e.name === 'tspan') expect(fontSize(e)).toBeGreaterThanOrEqual(11);
  });

  it('on a slide keeps every text at 12 px or more, and lists milestones that would be cut', () => {
    const svg = ganttChart(REALISTIC_GANTT, { title: 'Roadmap', ...GANTT_SLIDE });
    const root = check(svg, 'Roadmap');
    expect(num(root, 'width')).toBe(640);
    for (const e of descendants(root))
      if ((e.name === 'text' || e.name === 'tspan') && closest(e, 'relm-gantt') && textContent(e) !== 'Roadmap') expect(fontSize(e)).toBeGreaterThanOrEqual(12);
    expect(find(root, 'g', 'relm-gantt-milestones-listed')).toHaveLength(1);
    expect(find(root, 'g', 'relm-gantt-milestone').map((g) => find(g, 'tspan').map(textContent).join(' '))).toEqual([
      '30 Jun 2026: Requirement met: Fewer failed releases',
      '31 Oct 2026: Requirement met: Predictable release dates',
      '31 Mar 2027: Change failure rate below 10 %',
    ]);
    expect(find(root, 'rect', 'relm-gantt-bar').length + find(root, 'rect', 'relm-gantt-more').length).toBe(4);
  });
});
