import { PALETTE, cleanLabel, el, escapeXml, fittedText, fmt, legend, niceScale, noDataChart, svgDocument, type LegendItem } from './svg.js';
import { maxOf, minOf } from '../../util/arrays.js';

export interface LineSeries {
  name: string;
  /** One value per x position; null leaves a hole (the line breaks there). */
  values: readonly (number | null)[];
  /** Drawn thicker, in ink, with its values written at the points. */
  emphasis?: boolean;
}

export interface LineChartOptions {
  title: string;
  /** The label of each x position (a revision, a date). */
  xLabels: readonly string[];
  /** A second line under each label (a date). */
  xSubLabels?: readonly (string | null)[];
  /** Positions on a numeric axis (days since an epoch, say); default evenly spaced. */
  xValues?: readonly number[];
  /** x positions whose labels are placed first where labels would overlap (the others may be left out). */
  xPreferred?: readonly number[];
  /** The y axis: 0..max (default: a round number above the largest value). */
  yMax?: number;
  /** What the values are, written at the top of the y axis. */
  yLabel?: string;
  /** How a value is written (default: one decimal). */
  format?: (v: number) => string;
}

export const LINE_LAYOUT = { width: 680, plotX: 56, plotRight: 24, plotHeight: 220 } as const;

// Vector only, told apart in greyscale by the dash and the marker as well as the colour.
const STROKES = ['#1f5fa8', '#b3261e', '#2e7d32', '#8a5300', '#5b6473', '#6a3d9a', '#00838f', '#ad1457'] as const;
const DASHES = [null, '7 4', '2 3', '10 3 2 3', '4 2', '1 3', '12 4', '6 2 1 2'] as const;
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'down', 'cross', 'circle', 'square'] as const;

function marker(kind: (typeof MARKERS)[number], x: number, y: number, color: string, r = 3.5): string {
  switch (kind) {
    case 'circle':
      return el('circle', { cx: x, cy: y, r, fill: PALETTE.white, stroke: color, 'stroke-width': 1.6 });
    case 'square':
      return el('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: color });
    case 'triangle':
      return el('path', { d: `M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 0.5)} ${fmt(y + r)}L${fmt(x - r - 0.5)} ${fmt(y + r)}Z`, fill: color });
    case 'diamond':
      return el('path', {
        d: `M${fmt(x)} ${fmt(y - r - 1)}L${fmt(x + r + 1)} ${fmt(y)}L${fmt(x)} ${fmt(y + r + 1)}L${fmt(x - r - 1)} ${fmt(y)}Z`,
        fill: PALETTE.white,
        stroke: color,
        'stroke-width': 1.6,
      });
    case 'down':
      return el('path', { d: `M${fmt(x)} ${fmt(y + r + 1)}L${fmt(x + r + 0.5)} ${fmt(y - r)}L${fmt(x - r - 0.5)} ${fmt(y - r)}Z`, fill: color });
    default:
      return el('path', {
        d: `M${fmt(x - r)} ${fmt(y - r)}L${fmt(x + r)} ${fmt(y + r)}M${fmt(x - r)} ${fmt(y + r)}L${fmt(x + r)} ${fmt(y - r)}`,
        stroke: color,
        'stroke-width': 2,
      });
  }
}

/**
 * Lines across x positions (revisions, dates): one per series, each with its own colour, dash and marker so
 * that the chart reads in greyscale; an emphasised series (the overall figure) is thicker and carries its
 * values. Vector only: no patterns, no images.
 */
export function lineChart(series: readonly LineSeries[], opts: LineChartOptions): string {
  const { width, plotX, plotRight, plotHeight } = LINE_LAYOUT;
  const n = opts.xLabels.length;
  const finite = series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  if (!n || !finite.length) return noDataChart(opts.title, width);
  const format = opts.format ?? ((v: number) => fmt(v, 1));
  const { top: yTop, step } =
    opts.yMax !== undefined && opts.yMax > 0
      ? { top: opts.yMax, step: opts.yMax <= 10 ? 1 : niceScale(opts.yMax, 5, false).step }
      : niceScale(maxOf(finite, 0), 5, false);

  let otherStyle = 0;
  const styled = series.map((s) => {
    if (s.emphasis) return { ...s, name: cleanLabel(s.name), color: PALETTE.ink, dash: null, mark: 'circle' as const, width: 3 };
    const k = otherStyle++;
    return {
      ...s,
      name: cleanLabel(s.name),
      color: STROKES[k % STROKES.length]!,
      dash: DASHES[k % DASHES.length]!,
      mark: MARKERS[k % MARKERS.length]!,
      width: 1.8,
    };
  });
  const items: LegendItem[] = styled.map((s) => ({
    label: s.name,
    swatch: (x, y) =>
      el('g', {}, [
        el('line', { x1: x, y1: y + 6, x2: x + 22, y2: y + 6, stroke: s.color, 'stroke-width': s.width, 'stroke-dasharray': s.dash }),
        marker(s.mark, x + 11, y + 6, s.color, 3),
      ]),
  }));
  const leg = legend(items, plotX, 34, width - plotX - plotRight);
  const top = 34 + leg.height + 18;
  const bottom = top + plotHeight;
  const plotW = width - plotX - plotRight;
  const xs = opts.xValues && opts.xValues.length === n ? opts.xValues : opts.xLabels.map((_, i) => i);
  const [x0, x1] = [minOf(xs), maxOf(xs)];
  const pad = n === 1 ? 0 : 24;
  const xOf = (i: number) => (x1 === x0 ? plotX + plotW / 2 : plotX + pad + ((xs[i]! - x0) / (x1 - x0)) * (plotW - 2 * pad));
  const yOf = (v: number) => bottom - (Math.min(Math.max(v, 0), yTop) / yTop) * plotHeight;

  const body: string[] = [leg.markup];
  const grid: string[] = [];
  for (let v = 0; v <= yTop + 1e-9; v += step) {
    grid.push(el('line', { x1: plotX, y1: yOf(v), x2: plotX + plotW, y2: yOf(v), stroke: PALETTE.rule, 'stroke-width': 1 }));
    grid.push(el('text', { x: plotX - 8, y: yOf(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: PALETTE.muted }, escapeXml(format(v))));
  }
  if (opts.yLabel) grid.push(el('text', { x: plotX, y: top - 8, 'font-size': 11, fill: PALETTE.muted }, escapeXml(cleanLabel(opts.yLabel))));
  body.push(el('g', { class: 'relm-grid' }, grid));

  // x labels: those that would overlap a label already placed are left out; the preferred ones, the first and
  // the last are placed first.
  const minGap = 112;
  const order = [...new Set([...(opts.xPreferred ?? []), 0, n - 1, ...opts.xLabels.map((_, i) => i)])].filter((i) => i >= 0 && i < n);
  const placed: number[] = [];
  for (const i of order) if (placed.every((j) => Math.abs(xOf(i) - xOf(j)) >= minGap)) placed.push(i);
  const labels: string[] = [];
  opts.xLabels.forEach((label, i) => {
    const x = xOf(i);
    labels.push(el('line', { x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: PALETTE.muted }));
    if (!placed.includes(i)) return;
    const anchor = x - plotX < 50 ? 'start' : plotX + plotW - x < 50 ? 'end' : 'middle';
    const dx = anchor === 'start' ? -Math.min(pad, x - plotX) + 2 : anchor === 'end' ? Math.min(pad, plotX + plotW - x) - 2 : 0;
    labels.push(fittedText(label, 120, { x: x + dx, y: bottom + 17, 'text-anchor': anchor, 'font-size': 11, fill: PALETTE.ink }));
    const sub = opts.xSubLabels?.[i];
    if (sub) labels.push(fittedText(sub, 120, { x: x + dx, y: bottom + 31, 'text-anchor': anchor, 'font-size': 10, fill: PALETTE.muted }));
  });
  body.push(el('g', { class: 'relm-x-axis' }, labels));

  // Emphasised series last, so they lie on top.
  for (const s of [...styled.filter((x) => !x.emphasis), ...styled.filter((x) => x.emphasis)]) {
    const marks: string[] = [];
    let d = '';
    let open = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v) || i >= n) {
        open = false;
        return;
      }
      d += `${open ? 'L' : 'M'}${fmt(xOf(i))} ${fmt(yOf(v))}`;
      open = true;
      marks.push(marker(s.mark, xOf(i), yOf(v), s.color, s.emphasis ? 4 : 3.5));
      if (s.emphasis)
        marks.push(
          el('text', { x: xOf(i), y: yOf(v) - 9, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 'bold', fill: PALETTE.ink }, escapeXml(format(v))),
        );
    });
    body.push(
      el(
        'g',
        { class: 'relm-series' },
        [
          d ? el('path', { d, fill: 'none', stroke: s.color, 'stroke-width': s.width, 'stroke-dasharray': s.dash, 'stroke-linejoin': 'round' }) : '',
          ...marks,
        ].filter(Boolean),
      ),
    );
  }

  const desc =
    `${cleanLabel(opts.title)}. ` +
    styled
      .map((s) => `${s.name}: ${s.values.map((v, i) => `${cleanLabel(opts.xLabels[i] ?? '')} ${v === null ? 'no data' : format(v)}`).join(', ')}.`)
      .join(' ');
  const height = bottom + (opts.xSubLabels?.some(Boolean) ? 42 : 28);
  return svgDocument({ width, height, title: opts.title, desc, className: 'relm-line-chart', body });
}
