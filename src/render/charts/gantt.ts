/**
 * The roadmap as a Gantt chart: phases with their dates across the top, a month axis, one row per
 * recommendation (its bar spanning its phase), dependencies as connectors, milestones as diamonds with
 * their outcome written under the chart, and the work not scheduled listed at the foot.
 *
 * Sized for an A4 portrait page at the default width (700); GANTT_SLIDE gives options that stay legible
 * on a 16:9 slide. Vector only (no <pattern>): patterns rasterise in Chromium's PDF output.
 */
import { PALETTE, cleanLabel, el, escapeXml, legend, mixColor, n, noDataChart, svgDocument, textWidth, type LegendItem } from './svg.js';
import { wrapLines, wrappedLabel, wrappedText } from './wrap.js';
import { maxOf, minOf } from '../../util/arrays.js';

export interface GanttPhase {
  id: string;
  name: string;
  /** ISO dates (YYYY-MM-DD), both inclusive; a phase missing either is drawn after the dated ones as "no date". */
  start: string | null;
  end: string | null;
  /** Its number in the plan (phase 1, 2, …): a band too narrow for its name shows it, the legend names it. */
  number?: number;
}

export interface GanttBar {
  id: string;
  label: string;
  /** The id of the phase the bar spans; a bar naming no known phase is listed as not scheduled. */
  phase: string;
  /** A first step: drawn in the accent colour, kept first when a phase's bars are collapsed. */
  emphasis?: boolean;
  /** Its own dates inside the phase (ISO, both inclusive); without them the bar spans its phase. */
  start?: string | null;
  end?: string | null;
  /** It ends after its phase: drawn with a red outline. */
  late?: boolean;
}

export interface GanttInput {
  phases: readonly GanttPhase[];
  /** In display order, grouped by phase. */
  bars: readonly GanttBar[];
  /** Bar ids: `to` starts after `from` ends. Drawn only where both bars are drawn. */
  dependencies: readonly { from: string; to: string }[];
  /** Outcomes reached at a date, usually a phase end ("Requirement met: Fewer failed releases"). */
  milestones: readonly { date: string; label: string }[];
  unscheduled?: readonly { label: string }[];
  /** ISO date of a "today" line, drawn when it falls on the time axis. */
  today?: string | null;
}

export interface GanttOptions {
  title: string;
  /** Rows of bars at most (default 24); past it, the rest of each phase collapses into one "+ N more" row. */
  maxBars?: number;
  /** The viewBox width (default 700, A4 portrait; 480..1400). Text is 11–13 px in it whatever the width. */
  width?: number;
  /**
   * For a slide: no text under 12 px, no month axis (the phase bands carry the dates), milestone outcomes
   * without their date, a wider label column (default false).
   */
  compact?: boolean;
}

/**
 * Options for a 16:9 slide (1280 × 720 px, the chart at most 1184 px wide and 545 px tall): 640 units wide,
 * the phase bands hold their dates and the labels wrap less, so the chart stays short enough (up to about
 * 348 units) to be drawn at 1.56× or more: its 12 px text shows at 18.7 px or more, 14 pt.
 */
export const GANTT_SLIDE = { width: 640, maxBars: 4, compact: true } as const;

/** Horizontal layout for a width, exported so tests and callers can reason about positions. */
export function ganttLayout(width = 700, compact = false): { width: number; pad: number; labelWidth: number; plotX: number; plotWidth: number } {
  const w = Math.round(Math.min(1400, Math.max(480, Number.isFinite(width) ? width : 700)));
  const pad = 16;
  const labelWidth = Math.round(w * (compact ? 0.38 : 0.3));
  const plotX = pad + labelWidth + 12;
  return { width: w, pad, labelWidth, plotX, plotWidth: w - pad - 8 - plotX };
}

// ---------------------------------------------------------------------------------------------
// Dates, as whole days since 1970-01-01 (UTC): no time zone can shift a bar.

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The day number of an ISO date (a time part is ignored), or null when it is missing or no real date. */
export function isoDay(s: string | null | undefined): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayFrom(y, mo - 1, d);
  const [yy, mm, dd] = ymd(day);
  return yy === y && mm === mo - 1 && dd === d ? day : null;
}

function ymd(day: number): [number, number, number] {
  const t = new Date(day * DAY_MS);
  return [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()];
}

/** The day number of a calendar date; months and days overflow into the next (month 12 is January after). */
function dayFrom(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m, d); // not Date.UTC, which maps years 0..99 to 1900..1999
  return Math.floor(t.getTime() / DAY_MS);
}

/** "1 Apr 2026". */
export function formatDay(day: number): string {
  const [y, m, d] = ymd(day);
  return `${d} ${MONTHS[m]} ${y}`;
}

/** "1 Apr – 30 Jun 2026", or with both years when they differ. */
function formatRange(a: number, b: number): string {
  const [ya, ma, da] = ymd(a);
  return ya === ymd(b)[0] ? `${da} ${MONTHS[ma]} – ${formatDay(b)}` : `${formatDay(a)} – ${formatDay(b)}`;
}

/** Path data with every number through n(): P`M${x} ${y}` gives at most two decimals. */
function P(parts: TemplateStringsArray, ...values: number[]): string {
  return parts.reduce((out, part, i) => out + part + (i < values.length ? n(values[i]!) : ''), '');
}

// ---------------------------------------------------------------------------------------------

interface Phase {
  id: string;
  name: string;
  /** First day and the day after the last (half-open), when dated. */
  from: number | null;
  until: number | null;
  x0: number;
  x1: number;
  /** Its number in the plan, else its place among the phases drawn. */
  number: number;
}

interface Row {
  kind: 'bar' | 'more';
  id: string | null;
  label: string;
  emphasis: boolean;
  phase: Phase;
  lines: string[];
  y: number;
  height: number;
  /** The bar's horizontal extent: its own dates, else its phase's. */
  x0: number;
  x1: number;
  late: boolean;
}

/**
 * How many bars of each phase to draw when rows are limited: the largest even cap k such that the
 * phases, each drawing min(count, k) bars plus one "+ N more" row when cut, fit maxRows; rows left over
 * go to the cut phases in order. A phase always keeps at least its "+ N more" row.
 */
export function allocateRows(counts: readonly number[], maxRows: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= maxRows) return [...counts];
  const rows = (k: number): number => counts.reduce((a, c) => a + (c <= k ? c : k + 1), 0);
  let k = 0;
  while (rows(k + 1) <= maxRows) k++;
  const shown = counts.map((c) => Math.min(c, k));
  let spare = maxRows - rows(k);
  for (let i = 0; i < counts.length && spare > 0; i++) {
    const missing = counts[i]! - shown[i]!;
    if (missing <= 0) continue;
    if (missing <= spare + 1) {
      // Showing all of them also frees the "+ N more" row.
      shown[i] = counts[i]!;
      spare -= missing - 1;
    } else {
      shown[i]! += spare;
      spare = 0;
    }
  }
  return shown;
}

function diamond(x: number, y: number, r: number, attrs: Record<string, string | number>): string {
  return el('path', { d: P`M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`, ...attrs });
}

/**
 * The phases' dates, in one format for every band: day dates ("1 Jul 2026 – 31 Oct 2026", on one line or a date
 * per line) when every band holds them, else months ("Jul – Oct 2026") for all; a band too narrow even for that
 * wraps the months between words. Nothing is cut.
 */
function phaseDateLines(phases: readonly Phase[], rooms: readonly number[], fontSize: number): string[][] {
  const fits = (lines: readonly string[], room: number) => lines.every((l) => textWidth(l, fontSize) <= room);
  const dated = (p: Phase): [number, number] | null => (p.from === null ? null : [p.from, p.until! - 1]);
  const days = phases.map((p, i) => {
    const d = dated(p);
    if (!d) return ['no date'];
    const one = [`${formatDay(d[0])} – ${formatDay(d[1])}`];
    return fits(one, rooms[i]!) ? one : [`${formatDay(d[0])} –`, formatDay(d[1])];
  });
  if (days.every((lines, i) => fits(lines, rooms[i]!))) return days;
  return phases.map((p, i) => {
    const d = dated(p);
    if (!d) return ['no date'];
    const [ya, ma] = ymd(d[0]);
    const [yb, mb] = ymd(d[1]);
    const text = ya === yb ? (ma === mb ? `${MONTHS[ma]} ${ya}` : `${MONTHS[ma]} – ${MONTHS[mb]} ${ya}`) : `${MONTHS[ma]} ${ya} – ${MONTHS[mb]} ${yb}`;
    // A word wider than the band: no dates in it (the legend gives them), never a word split over lines.
    if (text.split(' ').some((w) => textWidth(w, fontSize) > rooms[i]!)) return [];
    return wrapLines(text, rooms[i]!, fontSize);
  });
}

const LINE_COLOR = '#4f5866';
const TINT_STROKE = mixColor(PALETTE.accentTint, PALETTE.accent, 0.45);
const ZEBRA = '#f7f9fb';
const ROW_1 = 22;
const ROW_2 = 30;
const BAR_H = 12;

/** A roadmap Gantt chart; see the file comment. The same input gives the same bytes. */
export function ganttChart(input: GanttInput, opts: GanttOptions): string {
  const compact = opts.compact === true;
  const { width, pad, labelWidth, plotX, plotWidth } = ganttLayout(opts.width, compact);
  const fs = 12;
  const lh = 13;
  const small = compact ? 12 : 11;
  const slh = compact ? 14 : 13;
  if (input.phases.length === 0) return noDataChart(opts.title, width);

  // Phases: dated ones by start date, then the undated ones, each in input order; the first of a repeated id wins.
  const seen = new Set<string>();
  const all: Phase[] = [];
  for (const p of input.phases) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    const a = isoDay(p.start);
    const b = isoDay(p.end);
    const ok = a !== null && b !== null && b >= a;
    const number = p.number !== undefined && Number.isInteger(p.number) && p.number > 0 ? p.number : all.length + 1;
    all.push({ id: p.id, name: cleanLabel(p.name) || cleanLabel(p.id), from: ok ? a : null, until: ok ? b! + 1 : null, x0: 0, x1: 0, number });
  }
  const dated = all.filter((p) => p.from !== null).sort((p, q) => p.from! - q.from!);
  const undated = all.filter((p) => p.from === null);
  const phases = [...dated, ...undated];

  // The time axis: whole months around the dated phases and the milestones. Undated phases share the
  // right end, a slot each as wide as a phase would be on average (at most 40 % of the plot together).
  const milestoneDays = input.milestones.map((m) => ({ day: isoDay(m.date), label: cleanLabel(m.label) }));
  const undatedWidth = undated.length === 0 ? 0 : dated.length === 0 ? plotWidth : Math.round(plotWidth * Math.min(0.4, undated.length / phases.length));
  let axis: { start: number; end: number; width: number } | null = null;
  if (dated.length > 0) {
    const barDays = input.bars.flatMap((b) => [isoDay(b.start), isoDay(b.end)]).filter((d): d is number => d !== null);
    const days = [...dated.flatMap((p) => [p.from!, p.until! - 1]), ...barDays, ...milestoneDays.flatMap((m) => (m.day === null ? [] : [m.day]))];
    const [y0, m0] = ymd(minOf(days));
    const [y1, m1] = ymd(maxOf(days));
    axis = { start: dayFrom(y0, m0, 1), end: dayFrom(y1, m1 + 1, 1), width: plotWidth - undatedWidth - (undated.length > 0 ? 10 : 0) };
  }
  const xOf = (day: number): number => (axis ? plotX + ((day - axis.start) / (axis.end - axis.start)) * axis.width : plotX);
  for (const p of dated) {
    p.x0 = xOf(p.from!);
    p.x1 = xOf(p.until!);
  }
  const slot = undated.length > 0 ? undatedWidth / undated.length : 0;
  undated.forEach((p, i) => {
    p.x0 = plotX + plotWidth - undatedWidth + i * slot;
    p.x1 = p.x0 + slot - (i < undated.length - 1 ? 4 : 0);
  });

  // A bar's extent: its own dates when it has them (a phase with dates), else its phase.
  const barExtent = (b: GanttBar, p: Phase): { x0: number; x1: number; late: boolean } => {
    const a = isoDay(b.start);
    const e = isoDay(b.end);
    if (p.from === null || a === null || e === null || e < a) return { x0: p.x0, x1: p.x1, late: b.late === true };
    return { x0: xOf(a), x1: Math.max(xOf(e + 1), xOf(a) + 2), late: b.late === true };
  };

  // Rows: each phase's bars in input order; past maxBars the rest of a phase collapses into "+ N more".
  const barsOf = new Map(phases.map((p) => [p.id, [] as GanttBar[]]));
  const orphans: string[] = [];
  for (const b of input.bars) {
    const list = barsOf.get(b.phase);
    if (list) list.push(b);
    else orphans.push(cleanLabel(b.label));
  }
  const maxBars = opts.maxBars !== undefined && Number.isFinite(opts.maxBars) ? Math.max(1, Math.floor(opts.maxBars)) : 24;
  const groups = phases.map((p) => ({ phase: p, bars: barsOf.get(p.id)! })).filter((g) => g.bars.length > 0);
  const quota = allocateRows(
    groups.map((g) => g.bars.length),
    maxBars,
  );
  const rows: Row[] = [];
  groups.forEach((g, gi) => {
    const k = quota[gi]!;
    // First steps are kept first, then the others in order; the kept ones keep their display order.
    const keep = new Set([...g.bars.filter((b) => b.emphasis), ...g.bars.filter((b) => !b.emphasis)].slice(0, k));
    for (const b of g.bars) {
      if (!keep.has(b)) continue;
      const label = cleanLabel(b.label) || cleanLabel(b.id);
      const emphasis = b.emphasis === true;
      // Bold faces run wider than textWidth's estimate in some fonts (DejaVu Sans Bold): a margin keeps them off the bars.
      rows.push({
        kind: 'bar',
        id: b.id,
        label,
        emphasis,
        phase: g.phase,
        lines: wrapLines(label, emphasis ? labelWidth - 8 : labelWidth, fs, { bold: emphasis }),
        y: 0,
        height: 0,
        ...barExtent(b, g.phase),
      });
    }
    const more = g.bars.length - k;
    if (more > 0) {
      const label = `+ ${more} more in ${g.phase.name}`;
      rows.push({
        kind: 'more',
        id: null,
        label,
        emphasis: false,
        phase: g.phase,
        lines: wrapLines(label, labelWidth, fs),
        y: 0,
        height: 0,
        x0: g.phase.x0,
        x1: g.phase.x1,
        late: false,
      });
    }
  });

  const body: string[] = [];

  // Phase bands: name (bold) and dates, wrapped between words inside the band. A band too narrow for a word of
  // its name shows the phase's number instead ("1"), and the legend names it ("1 Stabilise"); dates that would
  // need a word broken go to that legend entry too. No word is ever split across lines.
  const headTop = 34;
  const rooms = phases.map((p) => Math.max(8, p.x1 - p.x0 - 8));
  const dates = phaseDateLines(phases, rooms, small);
  const wordsFit = (lines: readonly string[], room: number, bold: boolean): boolean =>
    lines.every((l) =>
      cleanLabel(l)
        .split(' ')
        .every((w) => textWidth(w, small, bold) <= room),
    );
  const bandText = phases.map((p, i) => {
    const dated = dates[i]!.length > 0 && wordsFit(dates[i]!, rooms[i]!, false);
    // A band that cannot show its dates shows its number too, so the legend entry carries both.
    const named = dated && wordsFit([p.name], rooms[i]!, true);
    return {
      name: named ? wrapLines(p.name, rooms[i]!, small, { bold: true }) : [String(p.number)],
      dates: dated ? dates[i]! : [],
      key: named ? null : `${p.number} ${p.name}${dated ? '' : `, ${p.from === null ? 'no date' : formatRange(p.from, p.until! - 1)}`}`,
    };
  });
  const headH = maxOf(bandText.map((t) => t.name.length + t.dates.length)) * slh + 8;
  body.push(
    el(
      'g',
      { class: 'relm-gantt-phases' },
      phases.map((p, i) => {
        const t = bandText[i]!;
        const cx = (p.x0 + p.x1) / 2;
        const top = headTop + 3 + small;
        return el('g', { class: 'relm-gantt-phase' }, [
          el('title', {}, escapeXml(`${p.name}: ${p.from === null ? 'no date' : formatRange(p.from, p.until! - 1)}`)),
          el('rect', {
            x: p.x0,
            y: headTop,
            width: p.x1 - p.x0,
            height: headH,
            fill: p.from === null ? PALETTE.white : PALETTE.panel,
            stroke: p.from === null ? PALETTE.muted : PALETTE.rule,
            'stroke-dasharray': p.from === null ? '4 3' : null,
          }),
          wrappedText(t.name, cx, top, { 'text-anchor': 'middle', 'font-size': small, 'font-weight': 'bold', fill: PALETTE.ink }, slh),
          wrappedText(t.dates, cx, top + t.name.length * slh, { 'text-anchor': 'middle', 'font-size': small, fill: PALETTE.muted }, slh),
        ]);
      }),
    ),
  );

  // Row positions, under the month axis (none in compact mode: the phase bands carry the dates).
  const axisTop = headTop + headH + 3;
  const axisH = axis && !compact ? small + 7 : 0;
  const rowsTop = axisTop + axisH + 2;
  let y = rowsTop;
  for (const r of rows) {
    r.y = y;
    r.height = r.lines.length > 1 ? ROW_2 + (r.lines.length - 2) * lh : ROW_1;
    y += r.height;
  }
  const rowsBottom = y;

  // Zebra rows and phase-group separators first, so everything else draws over them.
  const ground: string[] = [];
  rows.forEach((r, i) => {
    if (i % 2 === 1) ground.push(el('rect', { x: pad, y: r.y, width: width - 2 * pad, height: r.height, fill: ZEBRA }));
    if (i > 0 && rows[i - 1]!.phase !== r.phase)
      ground.push(el('line', { x1: pad, y1: r.y, x2: width - pad, y2: r.y, stroke: PALETTE.rule, 'stroke-width': 1 }));
  });
  body.push(el('g', { class: 'relm-gantt-rows' }, ground));

  // Month grid, and the axis: a tick at each month start (short under a label running past its month),
  // "Apr 2026" every 1, 2, 3, 6 or 12 months as room allows.
  if (axis) {
    const months: number[] = [];
    for (let [yy, mm] = ymd(axis.start); ; mm++) {
      const d = dayFrom(yy, mm, 1);
      if (d >= axis.end) break;
      months.push(d);
    }
    const labelW = textWidth('Sep 2026', small) + 8;
    const step = [1, 2, 3, 6, 12].find((k) => (k * axis.width) / months.length >= labelW) ?? 12;
    const ticks: string[] = [];
    const grid: string[] = [];
    months.forEach((d, i) => {
      const x = xOf(d);
      if (i > 0) grid.push(el('line', { x1: x, y1: rowsTop, x2: x, y2: rowsBottom, stroke: PALETTE.rule, 'stroke-width': 0.5 }));
      if (axisH === 0) return;
      const [yy, mm] = ymd(d);
      const labelled = i % step === 0 && x + labelW <= plotX + axis.width + 12;
      ticks.push(el('line', { x1: x, y1: axisTop + (labelled ? 0 : axisH - 4), x2: x, y2: axisTop + axisH, stroke: PALETTE.muted, 'stroke-width': 0.75 }));
      if (labelled) ticks.push(el('text', { x: x + 3, y: axisTop + small, 'font-size': small, fill: PALETTE.muted }, `${MONTHS[mm]} ${yy}`));
    });
    if (axisH > 0) ticks.unshift(el('line', { x1: plotX, y1: axisTop + axisH, x2: plotX + axis.width, y2: axisTop + axisH, stroke: PALETTE.rule }));
    body.push(el('g', { class: 'relm-gantt-grid' }, grid));
    if (ticks.length > 0) body.push(el('g', { class: 'relm-gantt-axis' }, ticks));
  }

  // Dependencies, under the bars. When `to` starts at or after the end of `from`: right from the end of
  // `from`, then down (or up) into `to` near its start, each into a phase a little further right so the
  // lines stay apart. Otherwise back round the row boundary into the start of `to`.
  const at = new Map<string, Row>();
  for (const r of rows) if (r.kind === 'bar' && r.id !== null && !at.has(r.id)) at.set(r.id, r);
  const arrows: string[] = [];
  const head = 3.5;
  const intoPhase = new Map<Phase, number>();
  const drawn = new Set<string>();
  for (const d of input.dependencies) {
    const a = at.get(d.from);
    const b = at.get(d.to);
    const key = JSON.stringify([d.from, d.to]);
    if (!a || !b || a === b || drawn.has(key)) continue;
    drawn.add(key);
    const x1 = a.x1;
    const y1 = a.y + a.height / 2;
    const by = b.y + b.height / 2;
    const down = b.y > a.y;
    let line: string;
    let tip: string;
    if (b.x0 >= x1 - 0.5 && b.x1 - b.x0 > 16) {
      const k = intoPhase.get(b.phase) ?? 0;
      intoPhase.set(b.phase, k + 1);
      const xv = Math.min(Math.max(x1, b.x0) + 8 + 5 * (k % 6), b.x1 - 4);
      const yEnd = down ? by - BAR_H / 2 : by + BAR_H / 2;
      const yTip = down ? yEnd - head : yEnd + head;
      line = P`M${x1} ${y1}H${xv}V${yTip}`;
      tip = P`M${xv - head} ${yTip}L${xv + head} ${yTip}L${xv} ${yEnd}Z`;
    } else {
      const x2 = b.x0;
      const yLane = down ? b.y : b.y + b.height;
      line = P`M${x1} ${y1}H${x1 + 6}V${yLane}H${x2 - 6}V${by}H${x2 - head}`;
      tip = P`M${x2 - head} ${by - head}L${x2} ${by}L${x2 - head} ${by + head}Z`;
    }
    arrows.push(
      el('g', { class: 'relm-gantt-dependency' }, [
        el('title', {}, escapeXml(`${b.label} depends on ${a.label}`)),
        el('path', { d: line, fill: 'none', stroke: LINE_COLOR, 'stroke-width': 1, 'stroke-linejoin': 'round' }),
        el('path', { d: tip, fill: LINE_COLOR }),
      ]),
    );
  }

  // Bars and their labels.
  const barMarks: string[] = [];
  const labels: string[] = [];
  for (const r of rows) {
    const mid = r.y + r.height / 2;
    const p = r.phase;
    const box = { x: r.x0, y: mid - BAR_H / 2, width: r.x1 - r.x0, height: BAR_H, rx: 2 };
    if (r.kind === 'more') {
      barMarks.push(el('rect', { class: 'relm-gantt-more', ...box, fill: PALETTE.white, stroke: PALETTE.muted, 'stroke-dasharray': '3 2' }));
    } else {
      barMarks.push(
        el('rect', {
          class: r.emphasis ? 'relm-gantt-bar relm-gantt-first' : 'relm-gantt-bar',
          ...box,
          fill: r.emphasis ? PALETTE.accent : PALETTE.accentTint,
          stroke: r.late ? PALETTE.bad : r.emphasis ? PALETTE.accent : TINT_STROKE,
          'stroke-width': r.late ? 1.5 : 0.75,
          'stroke-dasharray': p.from === null ? '4 2' : null,
        }),
      );
    }
    const t = wrappedText(
      r.lines,
      pad,
      mid - ((r.lines.length - 1) * lh) / 2 + 4,
      {
        'font-size': fs,
        fill: r.kind === 'more' ? PALETTE.muted : PALETTE.ink,
        'font-weight': r.emphasis ? 'bold' : null,
        'font-style': r.kind === 'more' ? 'italic' : null,
      },
      lh,
    );
    const cut = r.lines.join('').replace(/ /g, '') !== r.label.replace(/ /g, '');
    labels.push(cut ? el('g', {}, [el('title', {}, escapeXml(r.label)), t]) : t);
  }
  body.push(
    el('g', { class: 'relm-gantt-dependencies' }, arrows),
    el('g', { class: 'relm-gantt-bars' }, barMarks),
    el('g', { class: 'relm-gantt-labels' }, labels),
  );

  // Today, when it falls on the axis (named in the legend).
  const todayDay = isoDay(input.today ?? null);
  const showToday = axis !== null && todayDay !== null && todayDay >= axis.start && todayDay < axis.end;
  if (showToday) {
    const x = xOf(todayDay!);
    body.push(
      el('line', {
        class: 'relm-gantt-today',
        x1: x,
        y1: rowsTop - 2,
        x2: x,
        y2: rowsBottom,
        stroke: PALETTE.bad,
        'stroke-width': 1.5,
        'stroke-dasharray': '5 3',
      }),
    );
  }

  // Milestones: a diamond on a line under the rows at the end of their day, a guide up through the rows,
  // and the date and outcome(s) below, wrapped in the room between neighbouring milestones.
  let bottom = rowsBottom;
  let milestonesListed = false;
  const byDay = new Map<number, string[]>();
  if (axis) {
    for (const m of milestoneDays) {
      if (m.day === null || m.label === '') continue;
      byDay.set(m.day, [...(byDay.get(m.day) ?? []), m.label]);
    }
  }
  const mGroups = [...byDay.entries()].sort((p, q) => p[0] - q[0]).map(([day, ls]) => ({ day, labels: ls, x: xOf(day + 1) }));
  if (axis && mGroups.length > 0) {
    const dy = rowsBottom + 10;
    const r = 6;
    const marks: string[] = [el('line', { x1: plotX, y1: dy, x2: plotX + axis.width, y2: dy, stroke: PALETTE.rule })];
    const textTop = dy + r + 4 + small;
    const maxW = Math.max(120, Math.min(220, width / 3));
    const placed = mGroups.map((g, i) => {
      const lo = i === 0 ? pad : (mGroups[i - 1]!.x + g.x) / 2 + 4;
      const hi = i === mGroups.length - 1 ? width - pad : (g.x + mGroups[i + 1]!.x) / 2 - 4;
      const w = Math.max(40, Math.min(maxW, hi - lo));
      const shown = g.labels;
      const wrapped = shown.map((l) => wrapLines(l, w, small, { maxLines: 3 }));
      // Cut, or a word broken between lines: then the outcomes are listed under the chart instead.
      const cut = wrapped.some((ls, k) => ls.join(' ') !== cleanLabel(shown[k]!));
      const lines = [...(compact ? [] : [formatDay(g.day)]), ...wrapped.flat()];
      return { cx: Math.min(Math.max(g.x - w / 2, lo), hi - w) + w / 2, lines, cut };
    });
    // Outcomes that would be cut under their diamonds are listed instead, a line each with the date.
    const listed = placed.some((p) => p.cut);
    milestonesListed = listed;
    let lowest = dy + r;
    mGroups.forEach((g, i) => {
      const parts = [
        el('title', {}, escapeXml(`${formatDay(g.day)}: ${g.labels.join('; ')}`)),
        el('line', { x1: g.x, y1: rowsTop, x2: g.x, y2: dy, stroke: PALETTE.ink, 'stroke-width': 0.75, 'stroke-dasharray': '2 3' }),
        diamond(g.x, dy, r, { fill: PALETTE.ink, stroke: PALETTE.white, 'stroke-width': 1 }),
      ];
      if (listed) {
        const label = wrappedLabel(
          `${formatDay(g.day)}: ${g.labels.join('; ')}`,
          width - 2 * pad - 18,
          pad + 18,
          lowest + 6 + small,
          { 'font-size': small, fill: PALETTE.ink },
          { lineHeight: slh },
        );
        parts.push(diamond(pad + 6, lowest + 6 + small - 4, 5, { fill: PALETTE.ink }), label.markup);
        lowest += 6 + label.height - slh + small + 2;
      } else {
        const { cx, lines } = placed[i]!;
        parts.push(
          el(
            'text',
            { x: cx, y: textTop, 'text-anchor': 'middle', 'font-size': small, fill: PALETTE.ink },
            lines.map((line, k) => el('tspan', { x: cx, y: textTop + k * slh, 'font-weight': k === 0 && !compact ? 'bold' : null }, escapeXml(line))),
          ),
        );
        lowest = Math.max(lowest, textTop + (lines.length - 1) * slh + 4);
      }
      marks.push(el('g', { class: 'relm-gantt-milestone' }, parts));
    });
    body.push(el('g', { class: listed ? 'relm-gantt-milestones relm-gantt-milestones-listed' : 'relm-gantt-milestones' }, marks));
    bottom = lowest + (listed ? 4 : 0);
  }

  // Not scheduled: the count, then the first few labels.
  const notScheduled = [...(input.unscheduled ?? []).map((u) => cleanLabel(u.label)), ...orphans].filter((l) => l !== '');
  if (notScheduled.length > 0) {
    const first = notScheduled.slice(0, 3);
    const rest = notScheduled.length - first.length;
    const text = `Not scheduled: ${notScheduled.length} ${notScheduled.length === 1 ? 'item' : 'items'} — ${first.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
    const label = wrappedLabel(
      text,
      width - 2 * pad - 16,
      pad + 8,
      bottom + 14 + small,
      { class: 'relm-gantt-unscheduled', 'font-size': small, 'font-style': 'italic', fill: PALETTE.muted },
      { lineHeight: slh },
    );
    body.push(el('rect', { x: pad, y: bottom + 8, width: width - 2 * pad, height: label.height + 8, fill: PALETTE.panel }), label.markup);
    bottom += 8 + label.height + 8;
  }

  // Legend.
  const items: LegendItem[] = [];
  const swatch =
    (fill: string, stroke: string, dash: string | null = null) =>
    (x: number, yy: number): string =>
      el('rect', { x, y: yy + 1, width: 22, height: 10, rx: 2, fill, stroke, 'stroke-width': 0.75, 'stroke-dasharray': dash });
  for (const t of bandText) {
    if (t.key === null) continue;
    const digit = t.name[0]!;
    items.push({
      label: t.key.slice(digit.length + 1),
      swatch: (x, yy) =>
        el('g', {}, [
          el('rect', { x, y: yy - 1, width: 22, height: 14, fill: PALETTE.panel, stroke: PALETTE.rule }),
          el('text', { x: x + 11, y: yy + 10, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold', fill: PALETTE.ink }, escapeXml(digit)),
        ]),
    });
  }
  if (rows.some((r) => r.emphasis)) items.push({ label: 'First step', swatch: swatch(PALETTE.accent, PALETTE.accent) });
  if (rows.some((r) => r.kind === 'bar' && !r.emphasis)) items.push({ label: 'Recommendation', swatch: swatch(PALETTE.accentTint, TINT_STROKE) });
  if (rows.some((r) => r.late)) items.push({ label: 'Ends after its phase', swatch: swatch(PALETTE.accentTint, PALETTE.bad) });
  if (rows.some((r) => r.kind === 'bar' && r.phase.from === null))
    items.push({ label: 'Phase without dates', swatch: swatch(PALETTE.accentTint, TINT_STROKE, '4 2') });
  if (arrows.length > 0) {
    items.push({
      label: 'Depends on',
      swatch: (x, yy) =>
        el('g', {}, [
          el('path', { d: P`M${x} ${yy + 6}H${x + 18}`, stroke: LINE_COLOR, fill: 'none' }),
          el('path', { d: P`M${x + 18} ${yy + 2.5}L${x + 22} ${yy + 6}L${x + 18} ${yy + 9.5}Z`, fill: LINE_COLOR }),
        ]),
    });
  }
  if (mGroups.length > 0 && !milestonesListed) items.push({ label: 'Milestone', swatch: (x, yy) => diamond(x + 11, yy + 6, 6, { fill: PALETTE.ink }) });
  if (showToday) {
    items.push({
      label: `Today (${formatDay(todayDay!)})`,
      swatch: (x, yy) => el('line', { x1: x + 11, y1: yy - 1, x2: x + 11, y2: yy + 13, stroke: PALETTE.bad, 'stroke-width': 1.5, 'stroke-dasharray': '5 3' }),
    });
  }
  // In the empty corner left of the phase bands when it fits there, else under the chart.
  let height = bottom + 10;
  if (items.length > 0) {
    const corner = legend(items, pad, headTop + 4, labelWidth);
    // The corner only when it holds every label whole (a phase named in the legend is never cut).
    const whole = items.every((it) => textWidth(it.label, 12) <= labelWidth - 30);
    if (whole && corner.height <= rowsTop - headTop - 6) {
      body.push(corner.markup);
    } else {
      const leg = legend(items, pad, bottom + 12, width - 2 * pad);
      body.push(leg.markup);
      height = bottom + 12 + leg.height + 4;
    }
  }

  const desc =
    'Roadmap Gantt chart. ' +
    phases
      .map((p) => {
        const bars = barsOf.get(p.id)!;
        const dates = p.from === null ? 'no date' : formatRange(p.from, p.until! - 1);
        return `${p.name} (${dates}): ${bars.length === 0 ? 'nothing planned' : bars.map((b) => cleanLabel(b.label) + (b.emphasis ? ' (first step)' : '')).join('; ')}.`;
      })
      .join(' ') +
    (mGroups.length > 0 ? ` Milestones: ${mGroups.map((g) => `${formatDay(g.day)}: ${g.labels.join('; ')}`).join('. ')}.` : '') +
    (arrows.length > 0 ? ` ${arrows.length} ${arrows.length === 1 ? 'dependency' : 'dependencies'} drawn.` : '') +
    (notScheduled.length > 0 ? ` Not scheduled: ${notScheduled.join('; ')}.` : '');
  return svgDocument({ width, height: Math.ceil(height), title: opts.title, desc, className: 'relm-gantt', body });
}
