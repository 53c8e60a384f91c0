import { PALETTE, cleanLabel, el, escapeXml, fittedText, fmt, legend, niceScale, noDataChart, svgDocument, type LegendItem } from './svg.js';
import { maxOf } from '../../util/arrays.js';

export interface BoxRow {
  label: string;
  /** null: no engagement has the figure (the row says so). */
  distribution: { min: number; q1: number; median: number; q3: number; max: number; n: number } | null;
  /** Each engagement's figure, drawn as a dot. */
  points: readonly (number | null)[];
  /** One figure to mark (the client against a benchmark). */
  highlight?: number | null;
}

export interface BoxPlotOptions {
  title: string;
  /** The scale's end (default 5, the maturity scale; otherwise a round number above the largest value). */
  max?: number;
  /** Names the marked figure in the legend. */
  highlightLabel?: string;
  format?: (v: number) => string;
}

export const BOX_LAYOUT = { width: 680, plotX: 232, plotWidth: 380, rowHeight: 30, boxHeight: 14 } as const;

/**
 * One row per figure: the range (min to max) as a whisker, the middle half (Q1 to Q3) as a box, the median
 * as a thick bar, and each engagement as a dot; a highlighted figure as a diamond. Vector only.
 */
export function boxPlot(rows: readonly BoxRow[], opts: BoxPlotOptions): string {
  const { width, plotX, plotWidth, rowHeight, boxHeight } = BOX_LAYOUT;
  if (!rows.some((r) => r.distribution)) return noDataChart(opts.title, width);
  const format = opts.format ?? ((v: number) => fmt(v, 1));
  const largest = maxOf(rows.flatMap((r) => [r.distribution?.max ?? 0, r.highlight ?? 0]));
  const { top: max, step } =
    opts.max !== undefined ? { top: opts.max, step: opts.max <= 10 ? 1 : niceScale(opts.max, 5, false).step } : niceScale(largest, 5, false);
  const xOf = (v: number) => plotX + (Math.min(Math.max(v, 0), max) / max) * plotWidth;

  const items: LegendItem[] = [
    { label: 'middle half (Q1 to Q3)', swatch: (x, y) => el('rect', { x, y: y + 1, width: 22, height: 10, fill: PALETTE.accentTint, stroke: PALETTE.accent }) },
    { label: 'median', swatch: (x, y) => el('rect', { x: x + 9.5, y: y - 1, width: 3, height: 14, fill: PALETTE.ink }) },
    { label: 'lowest to highest', swatch: (x, y) => el('line', { x1: x, y1: y + 6, x2: x + 22, y2: y + 6, stroke: PALETTE.muted, 'stroke-width': 1.5 }) },
    { label: 'one engagement', swatch: (x, y) => el('circle', { cx: x + 11, cy: y + 6, r: 3, fill: PALETTE.muted }) },
  ];
  if (rows.some((r) => r.highlight !== undefined && r.highlight !== null)) {
    items.push({
      label: opts.highlightLabel ?? 'this engagement',
      swatch: (x, y) => el('path', { d: `M${x + 11} ${y}L${x + 17} ${y + 6}L${x + 11} ${y + 12}L${x + 5} ${y + 6}Z`, fill: PALETTE.bad }),
    });
  }
  const leg = legend(items, 16, 34, width - 32);
  const axisY = 34 + leg.height + 14;
  const top = axisY + 8;
  const bottom = top + rows.length * rowHeight;

  const body: string[] = [leg.markup];
  const grid: string[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) {
    grid.push(el('line', { x1: xOf(v), y1: top, x2: xOf(v), y2: bottom, stroke: PALETTE.rule, 'stroke-width': 1 }));
    grid.push(el('text', { x: xOf(v), y: axisY, 'text-anchor': 'middle', 'font-size': 11, fill: PALETTE.muted }, escapeXml(format(v))));
  }
  body.push(el('g', { class: 'relm-grid' }, grid));

  rows.forEach((r, i) => {
    const mid = top + i * rowHeight + rowHeight / 2;
    const marks: string[] = [fittedText(r.label, plotX - 24, { x: plotX - 10, y: mid + 4, 'text-anchor': 'end', 'font-size': 12, fill: PALETTE.ink })];
    const d = r.distribution;
    if (!d) {
      marks.push(el('text', { x: plotX + 6, y: mid + 4, 'font-size': 11, 'font-style': 'italic', fill: PALETTE.muted }, 'no data'));
    } else {
      marks.push(
        el('line', { x1: xOf(d.min), y1: mid, x2: xOf(d.max), y2: mid, stroke: PALETTE.muted, 'stroke-width': 1.5 }),
        el('line', { x1: xOf(d.min), y1: mid - 5, x2: xOf(d.min), y2: mid + 5, stroke: PALETTE.muted, 'stroke-width': 1.5 }),
        el('line', { x1: xOf(d.max), y1: mid - 5, x2: xOf(d.max), y2: mid + 5, stroke: PALETTE.muted, 'stroke-width': 1.5 }),
        el('rect', {
          x: xOf(d.q1),
          y: mid - boxHeight / 2,
          width: Math.max(1, xOf(d.q3) - xOf(d.q1)),
          height: boxHeight,
          fill: PALETTE.accentTint,
          stroke: PALETTE.accent,
        }),
        el('rect', { x: xOf(d.median) - 1.5, y: mid - boxHeight / 2 - 2, width: 3, height: boxHeight + 4, fill: PALETTE.ink }),
      );
      // The dots sit in three lanes, so that equal figures stay visible.
      r.points.forEach((v, k) => {
        if (v === null || !Number.isFinite(v)) return;
        marks.push(el('circle', { cx: xOf(v), cy: mid + ((k % 3) - 1) * 4, r: 2.6, fill: PALETTE.muted, 'fill-opacity': 0.8 }));
      });
      marks.push(el('text', { x: plotX + plotWidth + 8, y: mid + 4, 'font-size': 11, fill: PALETTE.muted }, escapeXml(`median ${format(d.median)}`)));
    }
    if (r.highlight !== undefined && r.highlight !== null) {
      const x = xOf(r.highlight);
      marks.push(
        el('path', {
          class: 'relm-highlight',
          d: `M${fmt(x)} ${fmt(mid - 7)}L${fmt(x + 6)} ${fmt(mid)}L${fmt(x)} ${fmt(mid + 7)}L${fmt(x - 6)} ${fmt(mid)}Z`,
          fill: PALETTE.bad,
          stroke: PALETTE.white,
          'stroke-width': 1,
        }),
      );
    }
    body.push(el('g', { class: 'relm-row' }, marks));
  });

  const desc =
    `${cleanLabel(opts.title)}. ` +
    rows
      .map((r) => {
        const d = r.distribution;
        const mine = r.highlight !== undefined && r.highlight !== null ? `, ${opts.highlightLabel ?? 'this engagement'} ${format(r.highlight)}` : '';
        return d
          ? `${cleanLabel(r.label)}: ${d.n} figures, lowest ${format(d.min)}, Q1 ${format(d.q1)}, median ${format(d.median)}, Q3 ${format(d.q3)}, highest ${format(d.max)}${mine}.`
          : `${cleanLabel(r.label)}: no data.`;
      })
      .join(' ');
  return svgDocument({ width, height: bottom + 12, title: opts.title, desc, className: 'relm-box-plot', body });
}
