/**
 * The current-state scorecard: practices grouped by perspective, each with its score against the target
 * on the maturity scale, the level, the target, the gap and a red / amber / green status. The caller
 * decides the status; this only draws it, with a shape and a word besides the colour so it reads in
 * greyscale and for colour-blind readers.
 *
 * Sized for an A4 portrait page: 700 wide, and 28 practices in up to six perspectives stay within 950 px.
 */
import { PALETTE, clampOrNull, cleanLabel, el, escapeXml, fmt, legend, noDataChart, svgDocument, type Attrs, type LegendItem } from './svg.js';
import { wrapLines, wrappedText } from './wrap.js';

export type ScorecardStatus = 'red' | 'amber' | 'green' | 'none';

export interface ScorecardRow {
  perspective: string;
  practice: string;
  score: number | null;
  level: number | null;
  target: number | null;
  gap: number | null;
  status: ScorecardStatus;
}

export interface ScorecardOptions {
  title: string;
  /** The scale's end (default 5, the maturity scale). */
  max?: number;
  /** The word printed in each status cell (defaults: "Large gap", "Gap", "On target", "Not rated"). */
  statusLabels?: Partial<Record<ScorecardStatus, string>>;
  /** What each status means, for the legend (defaults to the labels), e.g. "gap of 1.5 levels or more". */
  statusNotes?: Partial<Record<ScorecardStatus, string>>;
  /** The tallest the chart may be before rows are tightened (default 950). */
  maxHeight?: number;
}

export const SCORECARD_STATUS_LABELS: Readonly<Record<ScorecardStatus, string>> = {
  red: 'Large gap',
  amber: 'Gap',
  green: 'On target',
  none: 'Not rated',
};

const STATUS_ORDER: readonly ScorecardStatus[] = ['red', 'amber', 'green', 'none'];

/** The status colours: a strong one for the shape and a tint for the cell (ink text on every tint). */
export const STATUS_COLORS: Readonly<Record<ScorecardStatus, { strong: string; tint: string }>> = {
  red: { strong: PALETTE.bad, tint: PALETTE.badTint },
  amber: { strong: '#a65c00', tint: '#fbe5c4' },
  green: { strong: PALETTE.good, tint: '#d9eeda' },
  none: { strong: PALETTE.muted, tint: PALETTE.white },
};

/** Columns (x of each, for a 700-wide chart), exported so tests and callers can reason about positions. */
export const SCORECARD_LAYOUT = {
  width: 700,
  pad: 16,
  practiceX: 28,
  practiceWidth: 230,
  barX: 276,
  barWidth: 120,
  levelX: 450,
  targetX: 498,
  gapX: 546,
  statusX: 580,
  statusWidth: 104,
} as const;

/**
 * The status shape, centred on (x, y): a cross in a circle (red), a triangle with a bar (amber), a tick
 * in a circle (green), a dash (none). Drawn as paths, so no font is needed for the symbol.
 */
export function statusIcon(status: ScorecardStatus, x: number, y: number): string {
  const c = STATUS_COLORS[status].strong;
  const p = (d: string, attrs: Record<string, string | number>): string => el('path', { d, ...attrs });
  const at = (dx: number, dy: number): string => `${fmt(x + dx)} ${fmt(y + dy)}`;
  if (status === 'red') {
    return el('g', { class: 'relm-status-icon' }, [
      el('circle', { cx: x, cy: y, r: 6, fill: c }),
      p(`M${at(-2.6, -2.6)}L${at(2.6, 2.6)}M${at(2.6, -2.6)}L${at(-2.6, 2.6)}`, { stroke: PALETTE.white, 'stroke-width': 1.6, 'stroke-linecap': 'round' }),
    ]);
  }
  if (status === 'amber') {
    return el('g', { class: 'relm-status-icon' }, [
      p(`M${at(0, -6.5)}L${at(7, 5.5)}L${at(-7, 5.5)}Z`, { fill: c, 'stroke-linejoin': 'round' }),
      p(`M${at(0, -2.2)}L${at(0, 1.6)}`, { stroke: PALETTE.white, 'stroke-width': 1.6, 'stroke-linecap': 'round' }),
      el('circle', { cx: x, cy: y + 3.7, r: 0.9, fill: PALETTE.white }),
    ]);
  }
  if (status === 'green') {
    return el('g', { class: 'relm-status-icon' }, [
      el('circle', { cx: x, cy: y, r: 6, fill: c }),
      p(`M${at(-3, 0.2)}L${at(-0.8, 2.4)}L${at(3.2, -2.2)}`, {
        fill: 'none',
        stroke: PALETTE.white,
        'stroke-width': 1.6,
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      }),
    ]);
  }
  return el('g', { class: 'relm-status-icon' }, p(`M${at(-4, 0)}L${at(4, 0)}`, { stroke: c, 'stroke-width': 2, 'stroke-linecap': 'round' }));
}

const one = (v: number | null): string =>
  v === null
    ? '–'
    : v
        .toFixed(1)
        .replace(/^-/, '−')
        .replace(/^−0\.0$/, '0.0');
const level = (v: number | null): string => (v === null ? '–' : Number.isInteger(v) ? String(v) : one(v));
const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** The scorecard; see the file comment. The same input gives the same bytes. */
export function scorecard(rows: readonly ScorecardRow[], opts: ScorecardOptions): string {
  const L = SCORECARD_LAYOUT;
  const max = opts.max !== undefined && Number.isFinite(opts.max) && opts.max > 0 ? opts.max : 5;
  const labels = { ...SCORECARD_STATUS_LABELS, ...opts.statusLabels };
  const maxHeight = opts.maxHeight ?? 950;
  const data = rows.map((r) => ({
    perspective: cleanLabel(r.perspective),
    practice: cleanLabel(r.practice),
    score: finite(r.score),
    level: finite(r.level),
    target: finite(r.target),
    gap: finite(r.gap),
    status: (STATUS_ORDER as readonly string[]).includes(r.status) ? r.status : ('none' as const),
  }));
  if (data.length === 0) return noDataChart(opts.title, L.width);

  // Perspectives in order of first appearance, each with its practices in input order.
  const groups: { name: string; rows: typeof data }[] = [];
  for (const r of data) {
    const g = groups.find((x) => x.name === r.perspective);
    if (g) g.rows.push(r);
    else groups.push({ name: r.perspective, rows: [r] });
  }

  const headY = 34;
  const headH = 22;
  let groupH = 22;
  const legendH = 40;
  // Two-line practice names take 30 px at 12 px; when that makes the chart taller than maxHeight they take
  // 26 px at 11 px, and perspective headers 20 px.
  const linesOf = (fontSize: number): string[][] => data.map((r) => wrapLines(r.practice, L.practiceWidth, fontSize, { maxLines: 2 }));
  const heightOf = (lines: string[][], twoLine: number): number =>
    headY + headH + groups.length * groupH + lines.reduce((a, l) => a + (l.length > 1 ? twoLine : 22), 0) + legendH;
  let fontSize = 12;
  let lh = 13;
  let twoLine = 30;
  let lines = linesOf(12);
  if (heightOf(lines, twoLine) > maxHeight) {
    fontSize = 11;
    lh = 12;
    twoLine = 26;
    groupH = 20;
    lines = linesOf(11);
  }
  const lineOf = new Map(data.map((r, i) => [r, lines[i]!]));

  const body: string[] = [];
  const center = (x: number, yy: number, text: string, attrs: Attrs = {}): string =>
    el('text', { x, y: yy, 'text-anchor': 'middle', ...attrs }, escapeXml(text));

  // Column headings.
  const hy = headY + 15;
  body.push(
    el('g', { class: 'relm-scorecard-head', 'font-size': 11, 'font-weight': 'bold', fill: PALETTE.muted }, [
      el('text', { x: L.pad, y: hy }, 'Practice'),
      el('text', { x: L.barX, y: hy }, escapeXml(`Score vs target (0–${fmt(max, 1)})`)),
      center(L.levelX, hy, 'Level'),
      center(L.targetX, hy, 'Target'),
      center(L.gapX, hy, 'Gap'),
      el('text', { x: L.statusX + 6, y: hy }, 'Status'),
      el('line', { x1: L.pad, y1: headY + headH - 0.5, x2: L.width - L.pad, y2: headY + headH - 0.5, stroke: PALETTE.ink, 'stroke-width': 1 }),
    ]),
  );

  const scale = L.barWidth / max;
  let y = headY + headH;
  for (const g of groups) {
    body.push(
      el('g', { class: 'relm-scorecard-perspective' }, [
        el('rect', { x: L.pad, y: y + 1, width: L.width - 2 * L.pad, height: groupH - 2, fill: PALETTE.panel }),
        el('text', { x: L.pad + 6, y: y + 15, 'font-size': 12, 'font-weight': 'bold', fill: PALETTE.ink }, escapeXml(g.name || 'Other')),
      ]),
    );
    y += groupH;
    g.rows.forEach((r, i) => {
      const ls = lineOf.get(r)!;
      const h = ls.length > 1 ? twoLine : 22;
      const mid = y + h / 2;
      const base = mid + 4;
      const marks: string[] = [];
      if (i > 0) marks.push(el('line', { x1: L.practiceX, y1: y, x2: L.width - L.pad, y2: y, stroke: PALETTE.rule, 'stroke-width': 0.5 }));
      const nameTop = mid - ((ls.length - 1) * lh) / 2 + 4;
      const name = wrappedText(ls, L.practiceX, nameTop, { 'font-size': fontSize, fill: PALETTE.ink }, lh);
      marks.push(ls.join('').replace(/ /g, '') === r.practice.replace(/ /g, '') ? name : el('g', {}, [el('title', {}, escapeXml(r.practice)), name]));

      // Score against target: the track, the score filled, the target as a dark tick across it.
      const score = clampOrNull(r.score, 0, max);
      const target = clampOrNull(r.target, 0, max);
      const barY = mid - 5;
      marks.push(
        el('rect', {
          class: 'relm-scorecard-track',
          x: L.barX,
          y: barY,
          width: L.barWidth,
          height: 10,
          fill: PALETTE.panel,
          stroke: PALETTE.rule,
          'stroke-width': 0.5,
        }),
      );
      if (score !== null && score > 0)
        marks.push(el('rect', { class: 'relm-scorecard-score', x: L.barX, y: barY, width: score * scale, height: 10, fill: PALETTE.accent }));
      // A white notch at each whole step of the scale, so a bar reads as levels.
      for (let v = 1; v < max && max <= 10; v++)
        marks.push(el('line', { x1: L.barX + v * scale, y1: barY, x2: L.barX + v * scale, y2: barY + 10, stroke: PALETTE.white, 'stroke-width': 1 }));
      if (score !== null) {
        marks.push(el('text', { x: L.barX + L.barWidth + 8, y: base, 'font-size': 12, fill: PALETTE.ink }, one(r.score)));
      } else {
        marks.push(el('text', { x: L.barX + L.barWidth + 8, y: base, 'font-size': 11, 'font-style': 'italic', fill: PALETTE.muted }, 'none'));
      }
      if (target !== null) {
        const tx = L.barX + target * scale;
        marks.push(el('line', { class: 'relm-scorecard-target', x1: tx, y1: barY - 4, x2: tx, y2: barY + 14, stroke: PALETTE.ink, 'stroke-width': 2 }));
      }

      marks.push(
        center(L.levelX, base, level(r.level), { 'font-size': 12, fill: PALETTE.ink }),
        center(L.targetX, base, one(r.target), { 'font-size': 12, fill: PALETTE.ink }),
        center(L.gapX, base, one(r.gap), { 'font-size': 12, fill: PALETTE.ink, 'font-weight': r.status === 'red' ? 'bold' : null }),
      );

      // Status: tinted cell, the shape and the word.
      const c = STATUS_COLORS[r.status];
      marks.push(
        el('g', { class: `relm-scorecard-status relm-status-${r.status}` }, [
          el('rect', { x: L.statusX, y: y + 2, width: L.statusWidth, height: h - 4, rx: 3, fill: c.tint, stroke: r.status === 'none' ? PALETTE.rule : null }),
          statusIcon(r.status, L.statusX + 13, mid),
          el('text', { x: L.statusX + 25, y: base, 'font-size': 11, fill: PALETTE.ink }, escapeXml(cleanLabel(labels[r.status]))),
        ]),
      );
      body.push(el('g', { class: 'relm-scorecard-row' }, marks));
      y += h;
    });
  }
  body.push(el('line', { x1: L.pad, y1: y + 0.5, x2: L.width - L.pad, y2: y + 0.5, stroke: PALETTE.ink, 'stroke-width': 1 }));

  // Legend: the bar and tick, then each status present, with what it means.
  const notes = { ...labels, ...opts.statusNotes };
  const items: LegendItem[] = [
    { label: 'Score', swatch: (x, yy) => el('rect', { x, y: yy + 1, width: 22, height: 10, fill: PALETTE.accent }) },
    { label: 'Target', swatch: (x, yy) => el('line', { x1: x + 11, y1: yy - 2, x2: x + 11, y2: yy + 14, stroke: PALETTE.ink, 'stroke-width': 2 }) },
    ...STATUS_ORDER.filter((st) => data.some((r) => r.status === st)).map((st) => ({
      label: cleanLabel(notes[st]),
      swatch: (x: number, yy: number) =>
        el('g', {}, [
          el('rect', { x, y: yy - 2, width: 22, height: 16, rx: 3, fill: STATUS_COLORS[st].tint, stroke: st === 'none' ? PALETTE.rule : null }),
          statusIcon(st, x + 11, yy + 6),
        ]),
    })),
  ];
  const leg = legend(items, L.pad, y + 16, L.width - 2 * L.pad);
  body.push(leg.markup);

  const desc =
    `Scorecard of ${data.length} practices in ${groups.length} perspectives: score against target on a 0–${fmt(max, 1)} scale, level, target, gap and status. ` +
    groups
      .map(
        (g) =>
          `${g.name || 'Other'}: ` +
          g.rows
            .map(
              (r) =>
                `${r.practice} score ${one(r.score)}, level ${level(r.level)}, target ${one(r.target)}, gap ${one(r.gap)}, ${cleanLabel(labels[r.status])}`,
            )
            .join('; ') +
          '.',
      )
      .join(' ');
  return svgDocument({ width: L.width, height: Math.ceil(y + 16 + leg.height + 6), title: opts.title, desc, className: 'relm-scorecard', body });
}
