import { escapeXml } from '../../util/xml.js';

export { escapeXml };
/**
 * Shared pieces of relm's hand-written SVG charts: XML escaping, number formatting, a tiny element
 * builder, text fitting, the palette and the frame every chart is drawn in.
 *
 * The charts are strings, not DOM: relm renders them in Node without a browser, and the same input
 * must give the same bytes (reports are diffed and kept in git).
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The page's font list (templates/style.css), spelled out: `inherit` is not honoured by every SVG renderer. */
export const FONT_FAMILY = 'Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif';

/** The report's colours (templates/style.css) and the tints the charts derive from them. */
export const PALETTE = {
  ink: '#1d2430',
  muted: '#5b6473',
  rule: '#d9dee6',
  accent: '#1f5fa8',
  bad: '#b3261e',
  good: '#2e7d32',
  panel: '#f2f5f9',
  accentTint: '#c9dbf2',
  badTint: '#f7dcd9',
  white: '#ffffff',
} as const;

/**
 * Category fills, alternating dark and light so neighbouring segments differ in greyscale too;
 * categoryTexture() adds a texture from the third category on, where lightness alone repeats.
 */
export const CATEGORY_FILLS = ['#1f5fa8', '#9dbde6', '#b3261e', '#f0b4ad', '#2e7d32', '#a5d6a7', '#5b6473', '#cfd5dd'] as const;

/** x rounded to `decimals` places, without trailing zeros; non-finite and -0 print as 0. */
export function fmt(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return '0';
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A coordinate or length: at most 2 decimals, so output stays small and stable across platforms. */
export function n(x: number): string {
  return fmt(x, 2);
}

export type AttrValue = string | number | null | undefined | false;
export type Attrs = Readonly<Record<string, AttrValue>>;

/**
 * One element. Attribute values are escaped (numbers go through n()); null, undefined and false omit
 * the attribute. Children are markup already built (escape text with escapeXml).
 */
export function el(name: string, attrs: Attrs = {}, children: string | readonly string[] = []): string {
  let open = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    open += ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v)}"`;
  }
  const inner = typeof children === 'string' ? children : children.join('');
  return inner === '' ? `${open}/>` : `${open}>${inner}</${name}>`;
}

/** Collapses whitespace in a user label: SVG text is one line. */
export function cleanLabel(s: string | null | undefined): string {
  return String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Average advance of the page's sans-serif fonts, in em, slightly generous so estimates err on the safe side.
const AVG_CHAR_EM = 0.56;

/** Estimated width of a one-line text; there is no font engine here, so layout works from this estimate. */
export function textWidth(s: string, fontSize: number, bold = false): number {
  return Array.from(s).length * fontSize * AVG_CHAR_EM * (bold ? 1.07 : 1);
}

/** s, cut with an ellipsis when its estimated width exceeds maxWidth (cut on code points, never inside a pair). */
export function fitText(s: string, maxWidth: number, fontSize: number, bold = false): string {
  const chars = Array.from(cleanLabel(s));
  if (textWidth(chars.join(''), fontSize, bold) <= maxWidth) return chars.join('');
  const keep = Math.max(1, Math.floor(maxWidth / (fontSize * AVG_CHAR_EM * (bold ? 1.07 : 1))) - 1);
  return chars.slice(0, keep).join('').trimEnd() + '…';
}

/**
 * A <text> holding s fitted to maxWidth; a cut label keeps its full text in a <title> so it shows as a
 * tooltip on screen and stays in the accessible name.
 */
export function fittedText(s: string, maxWidth: number, attrs: Attrs): string {
  const fontSize = typeof attrs['font-size'] === 'number' ? attrs['font-size'] : 12;
  const bold = attrs['font-weight'] === 'bold' || attrs['font-weight'] === 600 || attrs['font-weight'] === 700;
  const full = cleanLabel(s);
  const shown = fitText(full, maxWidth, fontSize, bold);
  const t = el('text', attrs, escapeXml(shown));
  return shown === full ? t : el('g', {}, [el('title', {}, escapeXml(full)), t]);
}

function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** The colour t of the way from a to b (t in 0..1), as #rrggbb. */
export function mixColor(a: string, b: string, t: number): string {
  const k = Math.min(1, Math.max(0, t));
  const [ar, ag, ab] = rgb(a);
  const [br, bg, bb] = rgb(b);
  const c = [ar + (br - ar) * k, ag + (bg - ag) * k, ab + (bb - ab) * k].map((x) => Math.round(x));
  return '#' + c.map((x) => x.toString(16).padStart(2, '0')).join('');
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or ink, whichever contrasts more with the fill (WCAG contrast ratio). */
export function textOn(fill: string): string {
  const l = luminance(fill);
  const white = 1.05 / (l + 0.05);
  const ink = (l + 0.05) / (luminance(PALETTE.ink) + 0.05);
  return white >= ink ? PALETTE.white : PALETTE.ink;
}

/** A round axis top and tick step for 0..max, about `ticks` ticks; integer steps when counting. */
export function niceScale(max: number, ticks = 5, integer = true): { top: number; step: number } {
  if (!Number.isFinite(max) || max <= 0) return { top: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  if (integer) step = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

export type Texture = 'none' | 'diagonal' | 'dots' | 'cross';
const TEXTURES: Texture[] = ['none', 'diagonal', 'dots', 'cross'];

/**
 * The texture laid over category i: every pair of fills repeats lightness, so the pair gets its own
 * texture; past the eighth category the fills repeat, and the texture shifts so (fill, texture) stays unique
 * up to 32 categories.
 */
export function categoryTexture(i: number): Texture {
  return TEXTURES[(Math.floor(i / 2) + Math.floor(i / CATEGORY_FILLS.length)) % TEXTURES.length]!;
}

export function categoryFill(i: number): string {
  return CATEGORY_FILLS[i % CATEGORY_FILLS.length]!;
}

/**
 * Lines x + y = k·step (rising to the right) inside the rectangle, each cut exactly at its edges (less `inset`,
 * so a stroke does not spill over), as path data. The lines sit on a grid of the whole drawing, not of the
 * rectangle, so neighbouring shapes hatch as one. Drawn as plain vector lines rather than a <pattern> fill,
 * which Chromium turns into an image when it prints a PDF (slow to print, megabytes per chart).
 */
export function hatchLines(x: number, y: number, w: number, h: number, step: number, inset = 0): string {
  const x0 = x + inset;
  const y0 = y + inset;
  const x1 = x + w - inset;
  const y1 = y + h - inset;
  if (x1 <= x0 || y1 <= y0) return '';
  let d = '';
  for (let c = Math.ceil((x0 + y0) / step) * step; c < x1 + y1; c += step) {
    const xa = Math.max(x0, c - y1);
    const xb = Math.min(x1, c - y0);
    if (xb - xa < 0.01) continue;
    d += `M${n(xa)} ${n(c - xa)}L${n(xb)} ${n(c - xb)}`;
  }
  return d;
}

/** Horizontal and vertical lines on the drawing's grid of `step` (offset by half a step), inside the rectangle. */
function crossLines(x: number, y: number, w: number, h: number, step: number): string {
  let d = '';
  for (let v = Math.ceil((y - step / 2) / step) * step + step / 2; v <= y + h; v += step) if (v >= y) d += `M${n(x)} ${n(v)}H${n(x + w)}`;
  for (let v = Math.ceil((x - step / 2) / step) * step + step / 2; v <= x + w; v += step) if (v >= x) d += `M${n(v)} ${n(y)}V${n(y + h)}`;
  return d;
}

/** Dots on the drawing's grid of `step`, those wholly inside the rectangle, as zero-length round-capped lines. */
function dots(x: number, y: number, w: number, h: number, step: number, r: number): string {
  let d = '';
  for (let cy = Math.ceil((y + r - step / 2) / step) * step + step / 2; cy <= y + h - r; cy += step) {
    for (let cx = Math.ceil((x + r - step / 2) / step) * step + step / 2; cx <= x + w - r; cx += step) d += `M${n(cx)} ${n(cy)}h0`;
  }
  return d;
}

/**
 * The texture laid over a category's fill in the rectangle, drawn in `stroke`: vector marks, never a pattern
 * (see hatchLines). '' for no texture or no room.
 */
export function textureMarks(texture: Texture, x: number, y: number, w: number, h: number, stroke: string): string {
  if (texture === 'none') return '';
  if (texture === 'diagonal') {
    const d = hatchLines(x, y, w, h, 6, 0.4);
    return d ? el('path', { class: 'relm-texture', d, stroke, 'stroke-width': 1.2, 'stroke-opacity': 0.7, fill: 'none' }) : '';
  }
  if (texture === 'dots') {
    const d = dots(x, y, w, h, 6, 1.1);
    return d ? el('path', { class: 'relm-texture', d, stroke, 'stroke-width': 2.2, 'stroke-linecap': 'round', 'stroke-opacity': 0.75, fill: 'none' }) : '';
  }
  const d = crossLines(x, y, w, h, 6);
  return d ? el('path', { class: 'relm-texture', d, stroke, 'stroke-width': 1, 'stroke-opacity': 0.65, fill: 'none' }) : '';
}

export interface LegendItem {
  label: string;
  /** Draws the swatch with its top-left at (x, y), 22 × 12. */
  swatch: (x: number, y: number) => string;
}

/** A left-aligned legend that wraps onto more lines within maxWidth; returns its markup and height. */
export function legend(items: readonly LegendItem[], x: number, y: number, maxWidth: number): { markup: string; height: number } {
  const fontSize = 12;
  const lineHeight = 18;
  const parts: string[] = [];
  let cx = x;
  let cy = y;
  for (const item of items) {
    const label = fitText(item.label, maxWidth - 30, fontSize);
    const w = 22 + 6 + textWidth(label, fontSize) + 16;
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += lineHeight;
    }
    parts.push(item.swatch(cx, cy), el('text', { x: cx + 28, y: cy + 10, 'font-size': fontSize, fill: PALETTE.ink }, escapeXml(label)));
    cx += w;
  }
  return { markup: el('g', { class: 'relm-legend' }, parts), height: cy - y + lineHeight };
}

export interface Frame {
  width: number;
  height: number;
  title: string;
  desc: string;
  /** A class on the root, for callers and stylesheets to tell charts apart. */
  className?: string;
  defs?: readonly string[];
  body: readonly string[];
}

/** The outer <svg>: accessible name and description, the page's font, and the title drawn at the top left. */
export function svgDocument(f: Frame): string {
  const title = cleanLabel(f.title);
  const children = [
    el('title', {}, escapeXml(title)),
    el('desc', {}, escapeXml(cleanLabel(f.desc))),
    f.defs && f.defs.length > 0 ? el('defs', {}, f.defs) : '',
    el('rect', { width: f.width, height: f.height, fill: PALETTE.white }),
    fittedText(title, f.width - 32, { x: 16, y: 22, 'font-size': 13, 'font-weight': 'bold', fill: PALETTE.ink }),
    ...f.body,
  ].filter((c) => c !== '');
  const open = el('svg', {
    xmlns: SVG_NS,
    width: f.width,
    height: f.height,
    viewBox: `0 0 ${n(f.width)} ${n(f.height)}`,
    role: 'img',
    class: f.className ?? null,
    'font-family': FONT_FAMILY,
    'font-size': 12,
  }).replace(/\/>$/, '>');
  // One element per line, never a blank line (see XML_ENTITIES), and no trailing newline.
  return [open, ...children, '</svg>'].join('\n');
}

const NO_DATA_CLASS = 'relm-chart-no-data';

/** Whether svg is the "no data" placeholder, for a caller that would rather leave the chart out. */
export function isNoDataChart(svg: string): boolean {
  return /^<svg [^>]*class="relm-chart-no-data"/.test(svg);
}

/** The small chart drawn when there is nothing to plot: the title and "no data", at the chart's width. */
export function noDataChart(title: string, width = 600, message = 'no data'): string {
  const height = 96;
  return svgDocument({
    width,
    height,
    title,
    desc: `${cleanLabel(title)}: ${message}.`,
    className: NO_DATA_CLASS,
    body: [
      el('rect', { x: 16, y: 34, width: width - 32, height: 46, fill: PALETTE.panel, stroke: PALETTE.rule, 'stroke-dasharray': '4 3' }),
      el('text', { x: width / 2, y: 61, 'text-anchor': 'middle', 'font-size': 12, 'font-style': 'italic', fill: PALETTE.muted }, escapeXml(message)),
    ],
  });
}

/** A finite number in lo..hi, or null (null, NaN and ±Infinity are "no value"). */
export function clampOrNull(x: number | null | undefined, lo: number, hi: number): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return Math.min(hi, Math.max(lo, x));
}
