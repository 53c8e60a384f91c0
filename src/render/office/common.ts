/** What the three Office writers share: the document's metadata, the brand colour, dates as Office wants them. */
import { maxOf } from '../../util/arrays.js';

/** The document properties and branding every Office file carries. */
export interface OfficeMeta {
  /** "Analysis report: Release Management Assessment — Northwind Mutual Insurance". */
  title: string;
  author: string;
  subject: string;
  /** "relm 0.1.0". */
  creator: string;
  /** Written into the document properties and the zip entries: SOURCE_DATE_EPOCH, else as_of. */
  date: Date;
  /** relm.yaml branding.primary_color (#rgb or #rrggbb), or null for the default. */
  primaryColor: string | null;
  /** relm.yaml branding.logo as a data URI, or null. */
  logo: string | null;
}

export const DEFAULT_PRIMARY = '1F5FA8';

/** A brand colour as six upper-case hex digits without '#' (#0b5 → 00BB55), or the default. */
export function hex6(c: string | null | undefined): string {
  if (!c || !/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(c)) return DEFAULT_PRIMARY;
  const h = c.slice(1);
  return (h.length === 3 ? [...h].map((x) => x + x).join('') : h).toUpperCase();
}

/** A data URI's media type and bytes, or null when it is not a base64 data URI. */
export function decodeDataUri(uri: string | null | undefined): { type: string; bytes: Buffer } | null {
  const m = uri ? /^data:([\w/+.-]+);base64,(.*)$/s.exec(uri) : null;
  return m ? { type: m[1]!, bytes: Buffer.from(m[2]!, 'base64') } : null;
}

/** An ISO date (YYYY-MM-DD) as a Date at UTC midnight, or null. */
export function utcDate(iso: string | null | undefined): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** An ISO date as a spreadsheet serial day (days since 1899-12-30), as chart axes take it. */
export function serialDay(iso: string): number {
  return Math.round(utcDate(iso)!.getTime() / 86_400_000) + 25_569;
}

/**
 * Table column widths filling `total` (any unit): each column gets at least its longest word (so "€12,750"
 * never breaks), the rest is shared by how much text each column holds. `char` is the width of an average
 * character and `pad` the cell's margins, in the same unit.
 */
export function fitColumns(texts: readonly string[][], total: number, char: number, pad: number): number[] {
  const n = texts[0]?.length ?? 1;
  const col = (c: number) => texts.map((r) => r[c] ?? '');
  const width = (chars: number) => chars * char + pad;
  const min = Array.from({ length: n }, (_, c) =>
    width(
      maxOf(
        col(c).flatMap((t) => t.split(/\s+/).map((w) => w.length)),
        3,
      ),
    ),
  );
  const want = Array.from({ length: n }, (_, c) => Math.max(min[c]!, width(Math.min(70, maxOf(col(c).map((t) => t.length))))));
  const minSum = min.reduce((x, y) => x + y, 0);
  if (minSum >= total) return min.map((m) => (m / minSum) * total);
  const extra = want.map((w, c) => w - min[c]!);
  const extraSum = extra.reduce((x, y) => x + y, 0);
  const spare = total - minSum;
  return min.map((m, c) => m + (extraSum > 0 ? (extra[c]! / extraSum) * spare : spare / n));
}
