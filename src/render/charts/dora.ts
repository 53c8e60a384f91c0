import { PALETTE, cleanLabel, el, escapeXml, fittedText, noDataChart, svgDocument } from './svg.js';
import { rowLabel } from './wrap.js';

import { DORA_BANDS, type DoraBand } from '../../model/dora.js';

export { DORA_BANDS, type DoraBand };

export interface DoraMetric {
  name: string;
  /** The measured value as the reader should see it, already formatted (e.g. "2.5 / week"). */
  value: string;
  band: DoraBand | null;
}

export interface DoraOptions {
  title: string;
}

export const DORA_LAYOUT = { width: 680, bandX: 216, bandWidth: 112, bandGap: 4, rowHeight: 34 } as const;

// Dark enough for white text (contrast ≥ 4.5) in every band; the column position carries the meaning in greyscale.
const BAND_FILLS: Record<DoraBand, string> = { low: PALETTE.bad, medium: '#8a5300', high: PALETTE.accent, elite: PALETTE.good };
const BAND_NAMES: Record<DoraBand, string> = { low: 'Low', medium: 'Medium', high: 'High', elite: 'Elite' };

/**
 * One row per metric across the four bands low → elite: the measured band filled dark with the value
 * in it, the other bands pale. A metric without a band says so across the row.
 */
export function doraBands(metrics: readonly DoraMetric[], opts: DoraOptions): string {
  const { width, bandX, bandWidth, bandGap, rowHeight } = DORA_LAYOUT;
  const data = metrics.map((m) => ({
    name: cleanLabel(m.name),
    value: cleanLabel(m.value),
    band: m.band !== null && DORA_BANDS.includes(m.band) ? m.band : null,
  }));
  if (data.length === 0) return noDataChart(opts.title, width);

  const headY = 50;
  const top = 58;
  const cellH = rowHeight - 4;
  const rowW = DORA_BANDS.length * (bandWidth + bandGap) - bandGap;
  const body: string[] = [];

  const head = DORA_BANDS.map((b, i) => el('text', { x: bandX + i * (bandWidth + bandGap) + bandWidth / 2, y: headY }, escapeXml(BAND_NAMES[b])));
  // "better →" over the header: the order of the bands is the point of the chart.
  head.push(el('text', { x: bandX + rowW, y: headY - 16, 'text-anchor': 'end', 'font-weight': 'normal', 'font-size': 11 }, 'better →'));
  body.push(el('g', { class: 'relm-dora-head', 'font-size': 12, 'font-weight': 'bold', fill: PALETTE.muted, 'text-anchor': 'middle' }, head));

  data.forEach((m, row) => {
    const y = top + row * rowHeight;
    const mid = y + cellH / 2;
    const marks: string[] = [rowLabel(m.name, bandX - 24, bandX - 8, mid, { fill: PALETTE.ink })];
    if (m.band === null) {
      // Without a band there is nothing to place: one pale bar across the row, so the note reads as one.
      const text = m.value === '' ? 'not measured' : `${m.value} (no band)`;
      marks.push(
        el('rect', { class: 'relm-dora-none', x: bandX, y, width: rowW, height: cellH, rx: 3, fill: PALETTE.panel }),
        fittedText(text, rowW - 16, { x: bandX + rowW / 2, y: mid + 4, 'text-anchor': 'middle', 'font-size': 12, 'font-style': 'italic', fill: PALETTE.muted }),
      );
    } else {
      DORA_BANDS.forEach((b, i) => {
        const x = bandX + i * (bandWidth + bandGap);
        const hit = m.band === b;
        marks.push(
          el('rect', {
            class: hit ? `relm-dora-hit relm-dora-${b}` : null,
            x,
            y,
            width: bandWidth,
            height: cellH,
            rx: 3,
            fill: hit ? BAND_FILLS[b] : PALETTE.panel,
          }),
        );
        if (hit) {
          const text = m.value === '' ? BAND_NAMES[b] : m.value;
          marks.push(
            fittedText(text, bandWidth - 10, {
              x: x + bandWidth / 2,
              y: mid + 4.5,
              'text-anchor': 'middle',
              'font-size': 13,
              'font-weight': 'bold',
              fill: PALETTE.white,
            }),
          );
        }
      });
    }
    body.push(el('g', { class: 'relm-row' }, marks));
  });

  const desc =
    'DORA performance bands, low to elite. ' +
    data.map((m) => `${m.name}: ${m.value === '' ? 'not measured' : m.value}, ${m.band === null ? 'no band' : `${m.band} band`}.`).join(' ');
  return svgDocument({ width, height: top + data.length * rowHeight + 10, title: opts.title, desc, body });
}
