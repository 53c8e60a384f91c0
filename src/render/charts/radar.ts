import { PALETTE, clampOrNull, cleanLabel, el, escapeXml, fitText, fmt, legend, n, noDataChart, svgDocument, textWidth, type LegendItem } from './svg.js';

export type RadarStyle = 'current' | 'target' | 'phase';

export interface RadarSeries {
  name: string;
  /** One value per axis, in 0..max; null where there is none (missing values count as null). */
  values: readonly (number | null)[];
  /** Defaults by position: the first series is 'current', the second 'target', the rest 'phase'. */
  style?: RadarStyle;
}

export interface RadarOptions {
  title: string;
  /** The outer ring (default 5, the maturity scale). */
  max?: number;
  /** Width in px, 420..760 (default 600); the height follows. */
  size?: number;
}

interface Look {
  stroke: string;
  width: number;
  dash: string | null;
  fill: string | null;
  marker: (x: number, y: number) => string;
}

// Phases are told apart by dash pattern and grey, so they stay distinct in greyscale and behind current/target.
const PHASE_LOOKS = [
  { stroke: '#7a8597', dash: '1.5 3' },
  { stroke: '#4f5866', dash: '6 3 1.5 3' },
  { stroke: '#9aa3b0', dash: '3 2' },
];

function lookOf(style: RadarStyle, phaseIndex: number): Look {
  if (style === 'current') {
    return {
      stroke: PALETTE.accent,
      width: 2.5,
      dash: null,
      fill: PALETTE.accent,
      marker: (x, y) => el('circle', { cx: x, cy: y, r: 4, fill: PALETTE.accent, stroke: PALETTE.white, 'stroke-width': 1.5 }),
    };
  }
  if (style === 'target') {
    return {
      stroke: PALETTE.ink,
      width: 2,
      dash: '7 4',
      fill: null,
      marker: (x, y) => el('rect', { x: x - 3.5, y: y - 3.5, width: 7, height: 7, fill: PALETTE.white, stroke: PALETTE.ink, 'stroke-width': 1.5 }),
    };
  }
  const p = PHASE_LOOKS[phaseIndex % PHASE_LOOKS.length]!;
  return {
    stroke: p.stroke,
    width: 1.6,
    dash: p.dash,
    fill: null,
    marker: (x, y) => el('circle', { cx: x, cy: y, r: 2.5, fill: p.stroke }),
  };
}

const value1 = (v: number | null): string => (v === null ? '–' : fmt(v, 1));

/**
 * A radar (spider) chart: one axis per label, starting at the top and going clockwise, rings at each
 * whole step of the scale, one polygon per series (an open path where a series has gaps), and a legend.
 */
export function radarChart(series: readonly RadarSeries[], axes: readonly string[], opts: RadarOptions): string {
  const max = opts.max !== undefined && Number.isFinite(opts.max) && opts.max > 0 ? opts.max : 5;
  const width = Math.round(Math.min(760, Math.max(420, opts.size ?? 600)));
  const labels = axes.map(cleanLabel);
  const count = labels.length;
  const data = series.map((s, i) => ({
    name: cleanLabel(s.name),
    style: s.style ?? (i === 0 ? 'current' : i === 1 ? 'target' : 'phase'),
    values: labels.map((_, k) => clampOrNull(s.values[k], 0, max)),
  }));
  // Fewer than three axes make no polygon; a chart without a single value says so.
  if (count < 3 || !data.some((s) => s.values.some((v) => v !== null))) return noDataChart(opts.title, width);

  // Room around the web for two-line axis labels (name, then values).
  const r = Math.round(width / 2 - 125);
  const cx = width / 2;
  const cy = 40 + 36 + r;
  const angle = (k: number): number => -Math.PI / 2 + (k * 2 * Math.PI) / count;
  const point = (k: number, v: number): [number, number] => [cx + ((r * v) / max) * Math.cos(angle(k)), cy + ((r * v) / max) * Math.sin(angle(k))];
  const pts = (xs: [number, number][]): string => xs.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');

  const body: string[] = [];

  // The web: rings at every whole step (a tenth of the scale when the scale is long), spokes, ring labels.
  const step = max <= 10 ? 1 : max / 10;
  const rings: number[] = [];
  for (let v = step; v < max + 1e-9; v += step) rings.push(v);
  if (rings.length === 0 || rings[rings.length - 1]! < max - 1e-9) rings.push(max);
  const web: string[] = rings.map((v) =>
    el('polygon', { points: pts(labels.map((_, k) => point(k, v))), fill: 'none', stroke: PALETTE.rule, 'stroke-width': v === max ? 1.5 : 1 }),
  );
  for (let k = 0; k < count; k++) {
    const [x, y] = point(k, max);
    web.push(el('line', { x1: cx, y1: cy, x2: x, y2: y, stroke: PALETTE.rule, 'stroke-width': 1 }));
  }
  body.push(el('g', { class: 'relm-radar-web' }, web));

  // Series, back to front: phases, then current (filled), then target, so the target outline stays visible.
  const order: RadarStyle[] = ['phase', 'current', 'target'];
  let phaseIndex = 0;
  const looks = data.map((s) => lookOf(s.style, s.style === 'phase' ? phaseIndex++ : 0));
  const drawn = data.map((s, i) => ({ s, look: looks[i]! })).sort((a, b) => order.indexOf(a.s.style) - order.indexOf(b.s.style));
  const markers: string[] = [];
  for (const { s, look } of drawn) {
    const stroke = { stroke: look.stroke, 'stroke-width': look.width, 'stroke-dasharray': look.dash, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' };
    const at = s.values.map((v, k) => (v === null ? null : point(k, v)));
    const cls = `relm-radar-${s.style}`;
    if (at.every((p) => p !== null)) {
      body.push(
        el('polygon', { class: cls, points: pts(at as [number, number][]), fill: look.fill ?? 'none', 'fill-opacity': look.fill ? 0.16 : null, ...stroke }),
      );
    } else {
      // A gap in the series: join only neighbouring values, rather than pretending the missing one is 0.
      const segs: string[] = [];
      for (let k = 0; k < count; k++) {
        const a = at[k];
        const b = at[(k + 1) % count];
        if (a && b) segs.push(`M${n(a[0])} ${n(a[1])}L${n(b[0])} ${n(b[1])}`);
      }
      if (segs.length > 0) body.push(el('path', { class: cls, d: segs.join(''), fill: 'none', ...stroke }));
    }
    for (const p of at) if (p) markers.push(look.marker(p[0], p[1]));
  }
  body.push(el('g', { class: 'relm-radar-markers' }, markers));

  // Ring labels beside the top spoke, on a white patch over the data so they stay legible.
  body.push(
    el(
      'g',
      { class: 'relm-radar-rings', 'font-size': 11, fill: PALETTE.muted },
      rings.flatMap((v) => {
        const label = fmt(v, 1);
        const y = cy - (r * v) / max;
        return [
          el('rect', { x: cx + 6, y: y - 6, width: textWidth(label, 11) + 4, height: 12, fill: PALETTE.white, 'fill-opacity': 0.85 }),
          el('text', { x: cx + 8, y: y + 4 }, escapeXml(label)),
        ];
      }),
    ),
  );

  // Axis labels: the name, and under it "current → target" so the values read without the web.
  const current = data.find((s) => s.style === 'current');
  const target = data.find((s) => s.style === 'target');
  const axisLabels: string[] = [];
  // The lowest ink on the web or its labels: the legend goes under it (a triangle ends higher than a pentagon).
  let lowest = cy;
  for (let k = 0; k < count; k++) {
    const a = angle(k);
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    const x = cx + (r + 14) * cos;
    const y = cy + (r + 14) * sin;
    const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
    const room = anchor === 'middle' ? 2 * Math.min(x, width - x) - 8 : anchor === 'start' ? width - x - 8 : x - 8;
    const y1 = sin < -0.5 ? y - 18 : sin > 0.5 ? y + 10 : y - 3;
    const valueLine =
      current && target
        ? `${value1(current.values[k]!)} → ${value1(target.values[k]!)}`
        : current
          ? value1(current.values[k]!)
          : target
            ? value1(target.values[k]!)
            : null;
    const name = labels[k]!;
    const shown = fitText(name, room, 12, true);
    const lines = [el('text', { x, y: y1, 'text-anchor': anchor, 'font-weight': 'bold', fill: PALETTE.ink }, escapeXml(shown))];
    if (valueLine !== null) lines.push(el('text', { x, y: y1 + 15, 'text-anchor': anchor, fill: PALETTE.muted }, escapeXml(valueLine)));
    lowest = Math.max(lowest, cy + r * sin + 4, y1 + (valueLine === null ? 4 : 19));
    axisLabels.push(el('g', {}, shown === name ? lines : [el('title', {}, escapeXml(name)), ...lines]));
  }
  body.push(el('g', { class: 'relm-radar-axes', 'font-size': 12 }, axisLabels));

  const items: LegendItem[] = data.map((s, i) => {
    const look = looks[i]!;
    return {
      label: s.name,
      swatch: (x, y) =>
        el('g', {}, [
          el('line', { x1: x, y1: y + 6, x2: x + 22, y2: y + 6, stroke: look.stroke, 'stroke-width': look.width, 'stroke-dasharray': look.dash }),
          look.marker(x + 11, y + 6),
        ]),
    };
  });
  const legendY = Math.round(lowest + 18);
  const leg = legend(items, 16, legendY, width - 32);
  body.push(leg.markup);

  const desc =
    `Radar chart on a 0–${fmt(max)} scale over ${count} axes. ` +
    data.map((s) => `${s.name} (${s.style}): ` + labels.map((l, k) => `${l} ${value1(s.values[k]!)}`).join(', ') + '.').join(' ');
  return svgDocument({ width, height: legendY + leg.height + 10, title: opts.title, desc, body });
}
