import {
  PALETTE,
  categoryFill,
  categoryTexture,
  clampOrNull,
  cleanLabel,
  el,
  escapeXml,
  fittedText,
  fmt,
  legend,
  niceScale,
  noDataChart,
  svgDocument,
  textOn,
  textWidth,
  hatchLines,
  textureMarks,
  type LegendItem,
} from './svg.js';
import { rowHeightFor, rowLabel } from './wrap.js';
import { OPEN_AGE_BINS } from '../../engine/backlog.js';
import { binCounts } from '../../engine/stats.js';
import { maxOf, pushAll } from '../../util/arrays.js';

export { binCounts };

const value1 = (v: number | null): string => (v === null ? '–' : fmt(v, 1));

// ---------------------------------------------------------------------------------------------
// Gap bars

export interface GapRow {
  label: string;
  current: number | null;
  target: number | null;
}

export interface GapBarsOptions {
  title: string;
  /** The scale's end (default 5, the maturity scale). */
  max?: number;
}

/** Layout of gapBars, exported so tests and callers can reason about positions. */
export const GAP_BARS_LAYOUT = { width: 680, plotX: 216, plotWidth: 360, rowHeight: 26, barHeight: 14 } as const;

/**
 * One horizontal bar per row on 0..max: the current level filled, the target as a dark marker, and the
 * gap between them hatched (vector lines, so it survives greyscale printing). The values are written at the end.
 */
export function gapBars(rows: readonly GapRow[], opts: GapBarsOptions): string {
  const { width, plotX, plotWidth, barHeight } = GAP_BARS_LAYOUT;
  const max = opts.max !== undefined && Number.isFinite(opts.max) && opts.max > 0 ? opts.max : 5;
  const data = rows.map((r) => ({ label: cleanLabel(r.label), current: clampOrNull(r.current, 0, max), target: clampOrNull(r.target, 0, max) }));
  if (!data.some((r) => r.current !== null || r.target !== null)) return noDataChart(opts.title, width);
  // Long practice names go onto two lines (the rows grow to hold them) rather than being cut.
  const rowHeight = rowHeightFor(
    data.map((r) => r.label),
    plotX - 24,
    GAP_BARS_LAYOUT.rowHeight,
  );

  const scale = plotWidth / max;
  // The gap: a light red ground, dark red hatching (lines 6 px apart) and outline.
  const gapMarks = (x: number, y: number, w: number, h: number, cls: string | null): string[] => {
    const d = hatchLines(x, y, w, h, 6 * Math.SQRT2, 0.7);
    return [
      el('rect', { class: cls, x, y, width: w, height: h, fill: PALETTE.badTint }),
      d ? el('path', { class: 'relm-hatch', d, stroke: PALETTE.bad, 'stroke-width': 2, fill: 'none' }) : '',
      el('rect', { x, y, width: w, height: h, fill: 'none', stroke: PALETTE.bad, 'stroke-width': 0.75 }),
    ].filter(Boolean);
  };

  const items: LegendItem[] = [
    { label: 'current', swatch: (x, y) => el('rect', { x, y: y + 1, width: 22, height: 10, fill: PALETTE.accent }) },
    { label: 'target', swatch: (x, y) => el('rect', { x: x + 9.5, y: y - 2, width: 3, height: 16, fill: PALETTE.ink }) },
    { label: 'gap to target', swatch: (x, y) => el('g', {}, gapMarks(x, y + 1, 22, 10, null)) },
  ];
  const leg = legend(items, plotX, 34, width - plotX - 16);
  const axisY = 34 + leg.height + 14;
  const top = axisY + 6;
  const bottom = top + data.length * rowHeight;

  const body: string[] = [leg.markup];
  // Scale: a gridline and label at every whole step.
  const grid: string[] = [];
  const step = max <= 10 ? 1 : niceScale(max, 5, false).step;
  for (let v = 0; v <= max + 1e-9; v += step) {
    const x = plotX + v * scale;
    grid.push(el('line', { x1: x, y1: top, x2: x, y2: bottom, stroke: PALETTE.rule, 'stroke-width': 1 }));
    grid.push(el('text', { x, y: axisY, 'text-anchor': 'middle', 'font-size': 11, fill: PALETTE.muted }, escapeXml(fmt(v, 1))));
  }
  body.push(el('g', { class: 'relm-grid' }, grid));

  const rowMarks: string[] = [];
  data.forEach((r, i) => {
    const y = top + i * rowHeight + (rowHeight - barHeight) / 2;
    const mid = y + barHeight / 2;
    const marks: string[] = [rowLabel(r.label, plotX - 24, plotX - 8, mid, { fill: PALETTE.ink })];
    if (r.current !== null && r.current > 0) {
      marks.push(el('rect', { class: 'relm-bar-current', x: plotX, y, width: r.current * scale, height: barHeight, fill: PALETTE.accent }));
    }
    if (r.current !== null && r.target !== null && r.target > r.current) {
      marks.push(el('g', { class: 'relm-gap' }, gapMarks(plotX + r.current * scale, y, (r.target - r.current) * scale, barHeight, 'relm-bar-gap')));
    }
    if (r.target !== null) {
      // A white casing keeps the marker visible where it falls inside the (dark) current bar.
      const x = plotX + r.target * scale;
      marks.push(
        el('g', { class: 'relm-bar-target' }, [
          el('rect', { x: x - 2.5, y: y - 4, width: 5, height: barHeight + 8, fill: PALETTE.white }),
          el('rect', { x: x - 1.5, y: y - 4, width: 3, height: barHeight + 8, fill: PALETTE.ink }),
        ]),
      );
    }
    const valueText = r.current === null ? 'not scored' : r.target === null ? value1(r.current) : `${value1(r.current)} → ${value1(r.target)}`;
    marks.push(
      el(
        'text',
        {
          x: plotX + plotWidth + 10,
          y: mid + 4,
          'font-size': 12,
          fill: r.current === null ? PALETTE.muted : PALETTE.ink,
          'font-style': r.current === null ? 'italic' : null,
        },
        escapeXml(valueText),
      ),
    );
    rowMarks.push(el('g', { class: 'relm-row' }, marks));
  });
  pushAll(body, rowMarks);

  const desc =
    `Horizontal bars on a 0–${fmt(max)} scale, current level against target. ` +
    data
      .map(
        (r) =>
          `${r.label}: current ${value1(r.current)}, target ${value1(r.target)}` +
          (r.current !== null && r.target !== null ? `, gap ${value1(Math.max(0, r.target - r.current))}` : '') +
          '.',
      )
      .join(' ');
  return svgDocument({ width, height: bottom + 14, title: opts.title, desc, body });
}

// ---------------------------------------------------------------------------------------------
// Stacked bars

export interface StackedRow {
  label: string;
  parts: readonly { key: string; value: number }[];
}

export interface StackedBarsOptions {
  title: string;
}

export const STACKED_BARS_LAYOUT = { width: 680, plotX: 196, plotWidth: 400, rowHeight: 26, barHeight: 16 } as const;

/**
 * One horizontal bar per row, split into the parts in the order of `keys` (keys found only in the
 * parts follow, in order of appearance). Each key has a fill and, from the third on, a texture; each
 * segment wide enough shows its value, and the row total is written at the end.
 */
export function stackedBars(rows: readonly StackedRow[], keys: readonly string[], opts: StackedBarsOptions): string {
  const { width, plotX, plotWidth, barHeight } = STACKED_BARS_LAYOUT;
  const allKeys: string[] = [];
  for (const k of [...keys, ...rows.flatMap((r) => r.parts.map((p) => p.key))]) if (!allKeys.includes(k)) allKeys.push(k);
  const data = rows.map((r) => {
    const byKey = new Map<string, number>();
    for (const p of r.parts) {
      const v = Number.isFinite(p.value) && p.value > 0 ? p.value : 0;
      byKey.set(p.key, (byKey.get(p.key) ?? 0) + v);
    }
    const values = allKeys.map((k) => byKey.get(k) ?? 0);
    return { label: cleanLabel(r.label), values, total: values.reduce((a, b) => a + b, 0) };
  });
  const maxTotal = maxOf(
    data.map((r) => r.total),
    0,
  );
  if (maxTotal <= 0) return noDataChart(opts.title, width);
  const rowHeight = rowHeightFor(
    data.map((r) => r.label),
    plotX - 24,
    STACKED_BARS_LAYOUT.rowHeight,
  );

  const integer = data.every((r) => r.values.every((v) => Number.isInteger(v)));
  const { top: scaleTop, step } = niceScale(maxTotal, 5, integer);
  const scale = plotWidth / scaleTop;
  // Textures (vector marks), drawn light on dark fills and dark on light ones.
  const segment = (i: number, x: number, y: number, w: number, h: number, cls?: string): string => {
    const base = el('rect', { class: cls ?? null, x, y, width: w, height: h, fill: categoryFill(i) });
    const tex = textureMarks(categoryTexture(i), x, y, w, h, textOn(categoryFill(i)));
    return tex ? el('g', {}, [base, tex]) : base;
  };

  const items: LegendItem[] = allKeys.map((k, i) => ({ label: k, swatch: (x, y) => segment(i, x, y, 22, 12) }));
  const leg = legend(items, 16, 34, width - 32);
  const axisY = 34 + leg.height + 14;
  const top = axisY + 6;
  const bottom = top + data.length * rowHeight;

  const body: string[] = [leg.markup];
  const grid: string[] = [];
  for (let v = 0; v <= scaleTop + 1e-9; v += step) {
    const x = plotX + v * scale;
    grid.push(el('line', { x1: x, y1: top, x2: x, y2: bottom, stroke: PALETTE.rule, 'stroke-width': 1 }));
    grid.push(el('text', { x, y: axisY, 'text-anchor': 'middle', 'font-size': 11, fill: PALETTE.muted }, escapeXml(fmt(v))));
  }
  body.push(el('g', { class: 'relm-grid' }, grid));

  data.forEach((r, row) => {
    const y = top + row * rowHeight + (rowHeight - barHeight) / 2;
    const mid = y + barHeight / 2;
    const marks: string[] = [rowLabel(r.label, plotX - 24, plotX - 8, mid, { fill: PALETTE.ink })];
    let x = plotX;
    r.values.forEach((v, i) => {
      if (v <= 0) return;
      const w = v * scale;
      marks.push(segment(i, x, y, w, barHeight, 'relm-bar-segment'));
      const label = fmt(v, 1);
      // The value goes inside when it fits with a little air; the legend and total carry the rest.
      if (textWidth(label, 11) + 6 <= w) {
        // A plain patch of the fill under the number keeps the texture from running through it.
        const fill = categoryFill(i);
        const tw = textWidth(label, 11);
        marks.push(
          el('rect', { x: x + w / 2 - tw / 2 - 2, y: mid - 6.5, width: tw + 4, height: 13, fill }),
          el('text', { x: x + w / 2, y: mid + 4, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 'bold', fill: textOn(fill) }, escapeXml(label)),
        );
      }
      x += w;
    });
    marks.push(el('text', { x: x + 6, y: mid + 4, 'font-size': 12, fill: PALETTE.ink }, escapeXml(fmt(r.total, 1))));
    body.push(el('g', { class: 'relm-row' }, marks));
  });

  const desc =
    `Stacked horizontal bars by ${allKeys.join(', ')}. ` +
    data.map((r) => `${r.label}: total ${fmt(r.total, 1)} (` + allKeys.map((k, i) => `${k} ${fmt(r.values[i]!, 1)}`).join(', ') + ').').join(' ');
  return svgDocument({ width, height: bottom + 14, title: opts.title, desc, body });
}

// ---------------------------------------------------------------------------------------------
// Histogram

export interface HistogramOptions {
  title: string;
  /** Ascending bin edges; the last may be Infinity (default [0, 30, 90, 180, 365, Infinity]). */
  bins?: readonly number[];
  /** The values' unit, written under the axis (e.g. "days"). */
  unit?: string;
}

export const HISTOGRAM_LAYOUT = { width: 600, plotX: 56, plotWidth: 520, plotTop: 56, plotHeight: 180 } as const;

export const DEFAULT_AGE_BINS: readonly number[] = OPEN_AGE_BINS;

// 1000 → "1k", 1500000 → "1.5M": bin labels must fit under narrow bars.
function compact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e6) return `${fmt(x / 1e6, 1)}M`;
  if (a >= 1e3) return `${fmt(x / 1e3, 1)}k`;
  return fmt(x);
}

/** "0–30", "365+", "1k–10k": the bin [lo, hi) as a reader would say it. */
export function binLabel(lo: number, hi: number): string {
  return hi === Infinity ? `${compact(lo)}+` : `${compact(lo)}–${compact(hi)}`;
}

/**
 * Vertical bars of how many values fall in each bin, the count written on every bar.
 * Throws a RangeError when the edges are not at least two, ascending (a caller's mistake, not data).
 */
export function histogram(values: readonly number[], opts: HistogramOptions): string {
  const edges = opts.bins ?? DEFAULT_AGE_BINS;
  if (edges.length < 2 || edges.some((e, i) => Number.isNaN(e) || (i > 0 && !(e > edges[i - 1]!)))) {
    throw new RangeError(`histogram: bin edges must be at least two ascending numbers, got [${edges.join(', ')}]`);
  }
  const counts = binCounts(values, edges);
  return binnedHistogram(
    counts.map((count, i) => ({ from: edges[i]!, to: edges[i + 1] === Infinity ? null : edges[i + 1]!, count })),
    opts,
  );
}

/** One bin of a histogram: how many values fall in [from, to); `to` null for "and above". */
export interface Bin {
  from: number;
  to: number | null;
  count: number;
}

/** The histogram of values already counted into bins (assessment.json `backlog.open_age_bins`). */
export function binnedHistogram(bins: readonly Bin[], opts: Omit<HistogramOptions, 'bins'>): string {
  const { width, plotX, plotWidth, plotTop, plotHeight } = HISTOGRAM_LAYOUT;
  const counts = bins.map((b) => b.count);
  const total = counts.reduce((t, c) => t + c, 0);
  if (total === 0) return noDataChart(opts.title, width);
  const labels = bins.map((b) => binLabel(b.from, b.to ?? Infinity));
  const { top: scaleTop, step } = niceScale(maxOf(counts), 4, true);
  const bottom = plotTop + plotHeight;
  const slot = plotWidth / counts.length;
  const barWidth = Math.min(90, slot * 0.72);
  const unit = cleanLabel(opts.unit);

  const body: string[] = [];
  const grid: string[] = [];
  for (let v = 0; v <= scaleTop; v += step) {
    const y = bottom - (v / scaleTop) * plotHeight;
    grid.push(el('line', { x1: plotX, y1: y, x2: plotX + plotWidth, y2: y, stroke: v === 0 ? PALETTE.muted : PALETTE.rule, 'stroke-width': 1 }));
    grid.push(el('text', { x: plotX - 8, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: PALETTE.muted }, escapeXml(fmt(v))));
  }
  body.push(el('g', { class: 'relm-grid' }, grid));

  counts.forEach((c, i) => {
    const cx = plotX + slot * (i + 0.5);
    const h = (c / scaleTop) * plotHeight;
    const marks: string[] = [];
    if (c > 0) marks.push(el('rect', { class: 'relm-bar', x: cx - barWidth / 2, y: bottom - h, width: barWidth, height: h, fill: PALETTE.accent }));
    marks.push(
      el('text', { x: cx, y: bottom - h - 5, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold', fill: PALETTE.ink }, escapeXml(String(c))),
    );
    marks.push(fittedText(labels[i]!, slot - 4, { x: cx, y: bottom + 16, 'text-anchor': 'middle', 'font-size': 12, fill: PALETTE.ink }));
    body.push(el('g', { class: 'relm-bin' }, marks));
  });
  if (unit !== '') {
    body.push(fittedText(unit, plotWidth, { x: plotX + plotWidth / 2, y: bottom + 36, 'text-anchor': 'middle', 'font-size': 12, fill: PALETTE.muted }));
  }

  const desc = `Histogram of ${total} values${unit ? ` in ${unit}` : ''}. ` + counts.map((c, i) => `${labels[i]!}: ${c}`).join(', ') + '.';
  return svgDocument({ width, height: bottom + (unit ? 48 : 30), title: opts.title, desc, body });
}
