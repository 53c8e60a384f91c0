/**
 * Word wrapping for chart labels: a label that does not fit goes onto more lines instead of being cut
 * ("Release policy and procedur…"). Widths come from svg.ts's textWidth estimate (there is no font engine).
 */
import { cleanLabel, el, escapeXml, textWidth, type Attrs } from './svg.js';

export interface WrapOptions {
  bold?: boolean;
  /** At most this many lines; the last one then ends with "…" (default: no limit). */
  maxLines?: number;
}

const ELLIPSIS = '…';
const HYPHEN = '-';
const LETTER = /^\p{L}$/u;

/** The longest prefix of chars (at least one code point) whose width with `suffix` fits maxWidth. */
function fitPrefix(chars: readonly string[], suffix: string, maxWidth: number, fontSize: number, bold: boolean): number {
  let k = chars.length;
  while (k > 1 && textWidth(chars.slice(0, k).join('') + suffix, fontSize, bold) > maxWidth) k--;
  return k;
}

/**
 * The label broken into lines no wider than maxWidth (estimated): words are kept whole where they fit,
 * a word longer than a line is broken between code points (hyphenated between letters), and past maxLines the last line shows what
 * fits followed by "…" (a word broken inside is hyphenated). Whitespace in the label collapses; an empty label gives no lines.
 */
export function wrapLines(text: string, maxWidth: number, fontSize: number, opts: WrapOptions = {}): string[] {
  const bold = opts.bold ?? false;
  const maxLines = opts.maxLines === undefined || !Number.isFinite(opts.maxLines) ? Infinity : Math.max(1, Math.floor(opts.maxLines));
  const words = cleanLabel(text)
    .split(' ')
    .filter((w) => w !== '');
  const fits = (s: string): boolean => textWidth(s, fontSize, bold) <= maxWidth;

  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    // A word wider than a whole line is broken into pieces that fill lines; a break between two letters is
    // hyphenated ("Stabili-" / "se"), never a bare split. Callers that must keep words whole check first.
    let chars = Array.from(word);
    while (!fits(chars.join(''))) {
      let k = fitPrefix(chars, HYPHEN, maxWidth, fontSize, bold);
      const hyphenated = k >= 2 && LETTER.test(chars[k - 1]!) && LETTER.test(chars[k] ?? '');
      if (!hyphenated) k = fitPrefix(chars, '', maxWidth, fontSize, bold);
      if (k >= chars.length) break;
      lines.push(chars.slice(0, k).join('') + (hyphenated ? HYPHEN : ''));
      chars = chars.slice(k);
    }
    line = chars.join('');
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;

  // Too many lines: keep maxLines, the last one ending in "…". Drop whole words from its end until the
  // ellipsis fits; a single word left is cut between code points instead.
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!.split(' ');
  while (last.length > 1 && !fits(last.join(' ') + ELLIPSIS)) last = last.slice(0, -1);
  let shown = last.join(' ');
  if (!fits(shown + ELLIPSIS)) {
    const chars = Array.from(shown);
    shown = chars.slice(0, fitPrefix(chars, ELLIPSIS, maxWidth, fontSize, bold)).join('');
  }
  kept[maxLines - 1] = shown.replace(/[\s,;:.–-]+$/u, '') + ELLIPSIS;
  return kept;
}

/**
 * A <text> with one <tspan> per line, each placed absolutely: the first baseline at y, the next ones
 * lineHeight lower. attrs go on the <text> (font-size, fill, text-anchor…); lines are escaped here.
 */
export function wrappedText(lines: readonly string[], x: number, y: number, attrs: Attrs, lineHeight: number): string {
  return el(
    'text',
    { x, y, ...attrs },
    lines.map((line, i) => el('tspan', { x, y: y + i * lineHeight }, escapeXml(line))),
  );
}

export interface WrappedLabel {
  markup: string;
  lines: string[];
  /** Number of lines × lineHeight: the height the label takes. */
  height: number;
}

/**
 * wrapLines + wrappedText in one step, reading font-size and weight from attrs; a label shortened with
 * "…" keeps its full text in a <title>, so it shows as a tooltip and stays in the accessible name.
 */
export function wrappedLabel(
  text: string,
  maxWidth: number,
  x: number,
  y: number,
  attrs: Attrs,
  opts: { maxLines?: number; lineHeight?: number } = {},
): WrappedLabel {
  const fontSize = typeof attrs['font-size'] === 'number' ? attrs['font-size'] : 12;
  const bold = attrs['font-weight'] === 'bold' || attrs['font-weight'] === 600 || attrs['font-weight'] === 700;
  const lineHeight = opts.lineHeight ?? Math.round(fontSize * 1.2);
  const full = cleanLabel(text);
  const lines = wrapLines(full, maxWidth, fontSize, { bold, maxLines: opts.maxLines });
  const t = wrappedText(lines, x, y, attrs, lineHeight);
  // Shortened, not merely broken: a word hyphenated over two lines loses nothing.
  const cut =
    lines
      .map((l, i) => (i < lines.length - 1 ? l.replace(/(\p{L})-$/u, '$1') : l))
      .join('')
      .replace(/ /g, '') !== full.replace(/ /g, '');
  return { markup: cut ? el('g', {}, [el('title', {}, escapeXml(full)), t]) : t, lines, height: lines.length * lineHeight };
}

/** Line height of a two-line row label at 12 px. */
const ROW_LABEL_LINE = 14;

/**
 * A bar chart's row label, right-aligned at x and centred on the row's middle: on one line when it fits,
 * else on two (the second ending in "…" only when even two do not hold it).
 */
export function rowLabel(text: string, maxWidth: number, x: number, mid: number, attrs: Attrs): string {
  const lines = wrapLines(text, maxWidth, 12, { maxLines: 2 }).length;
  return wrappedLabel(
    text,
    maxWidth,
    x,
    mid + 4 - ((lines - 1) * ROW_LABEL_LINE) / 2,
    { 'text-anchor': 'end', 'font-size': 12, ...attrs },
    { maxLines: 2, lineHeight: ROW_LABEL_LINE },
  ).markup;
}

/** The row height a bar chart needs: `base`, or room for two-line labels when any label needs them. */
export function rowHeightFor(labels: readonly string[], maxWidth: number, base: number): number {
  return labels.some((l) => wrapLines(l, maxWidth, 12).length > 1) ? Math.max(base, 2 * ROW_LABEL_LINE + 6) : base;
}
