import { PALETTE, clampOrNull, cleanLabel, el, fittedText, mixColor, noDataChart, svgDocument, textOn } from './svg.js';
import { percent } from '../../util/format.js';

export interface HeatmapRow {
  label: string;
  /** m_1..m_5, each in 0..1; null (or an empty array) for a practice not scored from answers. */
  levels: readonly (number | null)[] | null;
}

export interface HeatmapOptions {
  title: string;
}

export const HEATMAP_LAYOUT = { width: 640, gridX: 216, cellWidth: 80, cellGap: 2, rowHeight: 26, levels: 5 } as const;

/** The cell fill for a share in 0..1: from the page's panel grey to the accent blue, lightness falling steadily (reads in greyscale). */
export function heatColor(v: number): string {
  return mixColor(PALETTE.panel, PALETTE.accent, v);
}

/**
 * Practices by maturity level 1..5: each cell shaded by the share of the level's criteria met, and the
 * share printed in it. A row with no level scores is greyed and says "not scored".
 */
export function levelHeatmap(rows: readonly HeatmapRow[], opts: HeatmapOptions): string {
  const { width, gridX, cellWidth, cellGap, rowHeight, levels } = HEATMAP_LAYOUT;
  const data = rows.map((r) => {
    const values = r.levels ? Array.from({ length: levels }, (_, i) => clampOrNull(r.levels![i], 0, 1)) : null;
    return { label: cleanLabel(r.label), values: values?.some((v) => v !== null) ? values : null };
  });
  if (!data.some((r) => r.values !== null)) return noDataChart(opts.title, width);

  const headY = 48;
  const top = 56;
  const cellH = rowHeight - cellGap;
  const gridW = levels * cellWidth - cellGap;
  const body: string[] = [];

  body.push(
    el(
      'g',
      { class: 'relm-heatmap-head', 'font-size': 12, 'font-weight': 'bold', fill: PALETTE.muted, 'text-anchor': 'middle' },
      Array.from({ length: levels }, (_, i) => el('text', { x: gridX + i * cellWidth + (cellWidth - cellGap) / 2, y: headY }, `Level ${i + 1}`)),
    ),
  );

  data.forEach((r, row) => {
    const y = top + row * rowHeight;
    const mid = y + cellH / 2;
    const marks: string[] = [
      fittedText(r.label, gridX - 24, { x: gridX - 8, y: mid + 4, 'text-anchor': 'end', 'font-size': 12, fill: r.values ? PALETTE.ink : PALETTE.muted }),
    ];
    if (r.values === null) {
      marks.push(
        el('rect', { class: 'relm-heat-none', x: gridX, y, width: gridW, height: cellH, fill: '#e9ecf0' }),
        el('text', { x: gridX + gridW / 2, y: mid + 4, 'text-anchor': 'middle', 'font-size': 12, 'font-style': 'italic', fill: PALETTE.muted }, 'not scored'),
      );
    } else {
      r.values.forEach((v, i) => {
        const x = gridX + i * cellWidth;
        const cx = x + (cellWidth - cellGap) / 2;
        if (v === null) {
          // One missing level in a scored practice: an outlined empty cell, so it is not read as 0%.
          marks.push(
            el('rect', {
              class: 'relm-heat-cell',
              x: x + 0.5,
              y: y + 0.5,
              width: cellWidth - cellGap - 1,
              height: cellH - 1,
              fill: PALETTE.white,
              stroke: PALETTE.rule,
            }),
            el('text', { x: cx, y: mid + 4, 'text-anchor': 'middle', 'font-size': 12, fill: PALETTE.muted }, '–'),
          );
          return;
        }
        const fill = heatColor(v);
        marks.push(
          el('rect', { class: 'relm-heat-cell', x, y, width: cellWidth - cellGap, height: cellH, fill }),
          el('text', { x: cx, y: mid + 4, 'text-anchor': 'middle', 'font-size': 12, fill: textOn(fill) }, percent(v)),
        );
      });
    }
    body.push(el('g', { class: 'relm-row' }, marks));
  });

  // Key: five steps of the ramp, labelled.
  const keyY = top + data.length * rowHeight + 14;
  const key: string[] = [el('text', { x: gridX - 8, y: keyY + 12, 'text-anchor': 'end', 'font-size': 11, fill: PALETTE.muted }, 'criteria met')];
  [0, 0.25, 0.5, 0.75, 1].forEach((v, i) => {
    const x = gridX + i * 56;
    key.push(
      el('rect', { x, y: keyY + 2, width: 16, height: 12, fill: heatColor(v), stroke: PALETTE.rule, 'stroke-width': 0.5 }),
      el('text', { x: x + 20, y: keyY + 12, 'font-size': 11, fill: PALETTE.muted }, percent(v)),
    );
  });
  body.push(el('g', { class: 'relm-legend' }, key));

  const desc =
    `Share of criteria met at each maturity level 1 to ${levels}, by practice. ` +
    data
      .map((r) => `${r.label}: ` + (r.values ? r.values.map((v, i) => `level ${i + 1} ${v === null ? '–' : percent(v)}`).join(', ') : 'not scored') + '.')
      .join(' ');
  return svgDocument({ width, height: keyY + 26, title: opts.title, desc, body });
}
