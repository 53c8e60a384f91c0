/**
 * Text widths in Arial, the font of the Office files: Arial ships with Windows and macOS, and LibreOffice
 * replaces it with Liberation Sans, which has the same advance widths. So a line measured here breaks where
 * PowerPoint and LibreOffice break it, with or without Calibri installed. The widths are Helvetica's (Arial is
 * metric-compatible with it), in thousandths of an em, for the printable ASCII range; other characters take
 * the width of a digit, which is about the widest lower-case letter.
 */

/** Advance widths of ' ' (32) to '~' (126), regular. */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];

/** Advance widths of ' ' (32) to '~' (126), bold. */
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584,
  611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333,
  584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280,
  389, 584,
];

/** A few characters outside ASCII that the deliverables use. */
const OTHER: Record<string, number> = {
  '€': 556,
  '–': 556,
  '—': 1000,
  '’': 222,
  '‘': 222,
  '“': 333,
  '”': 333,
  '·': 278,
  '×': 584,
  '→': 1000,
  '…': 1000,
  '≤': 549,
  '≥': 549,
};

/** The width of `text` in inches at `pt` points. */
export function textWidth(text: string, pt: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? table[code - 32]! : (OTHER[ch] ?? 556);
  }
  return (units / 1000) * (pt / 72);
}

/**
 * The lines `text` takes in a box `w` inches wide at `pt` points, breaking at spaces as PowerPoint does (a
 * word longer than the line breaks where it must). A hard line break starts a new line.
 */
export function wrapLines(text: string, w: number, pt: number, bold = false): number {
  const space = textWidth(' ', pt, bold);
  let count = 0;
  for (const para of text.split('\n')) {
    let line = 0;
    let n = 1;
    for (const word of para.split(' ')) {
      const ww = textWidth(word, pt, bold);
      if (line > 0 && line + space + ww > w) {
        n++;
        line = 0;
      }
      // A word wider than the line fills whole lines of its own.
      if (ww > w) {
        n += Math.ceil(ww / w) - 1;
        line = ww % w;
      } else line += (line > 0 ? space : 0) + ww;
    }
    count += n;
  }
  return count;
}
