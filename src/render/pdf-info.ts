import type { TocStyle } from './print-pass.js';

export interface PdfInfo {
  Title: string;
  Author: string;
  Subject: string;
  Creator: string;
  Producer: string;
  /** Both CreationDate and ModDate: as_of or SOURCE_DATE_EPOCH, never the clock. */
  date: Date;
}

/**
 * The page (1-based) each bookmark of a PDF points at, by its title with all white space removed (a title
 * Chromium takes from a heading that wrapped loses its spaces at the line ends). Empty without bookmarks.
 */
export async function bookmarkPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (ref: unknown, depth: number) => {
    let node = ref instanceof PDFRef ? doc.context.lookupMaybe(ref, PDFDict) : undefined;
    for (let guard = 0; node && guard < 10_000 && depth < 16; guard++) {
      const title = node.lookup(PDFName.of('Title'));
      const dest = node.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const page = dest?.get(0);
      if ((title instanceof PDFString || title instanceof PDFHexString) && page instanceof PDFRef && pageOf.has(page.toString())) {
        const key = title.decodeText().replace(/\s+/g, '');
        if (!out.has(key)) out.set(key, pageOf.get(page.toString())!);
      }
      walk(node.get(PDFName.of('First')), depth + 1);
      const next = node.get(PDFName.of('Next'));
      node = next instanceof PDFRef ? doc.context.lookupMaybe(next, PDFDict) : undefined;
    }
  };
  walk(outlines?.get(PDFName.of('First')), 0);
  return out;
}

/**
 * Replaces a PDF's document information whole. Chromium writes its own Info dictionary with the wall-clock
 * time and its user agent; that object is deleted (not just unreferenced, so it does not stay in the file),
 * and a new one holds only what relm sets. XMP metadata and a file ID, which would repeat or vary, are dropped.
 * The same input and date therefore give the same bytes. pdf-lib loads only when PDFs are printed.
 */
export async function setPdfInfo(pdf: Uint8Array, info: PdfInfo, toc: TocStyle | null = null): Promise<Uint8Array> {
  const lib = await import('pdf-lib');
  const { PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } = lib;
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  if (toc) await numberContents(doc, lib, toc);
  const old = ctx.trailerInfo.Info;
  if (old instanceof PDFRef) ctx.delete(old);
  const date = PDFString.fromDate(info.date);
  const dict = ctx.obj({});
  for (const key of ['Title', 'Author', 'Subject', 'Creator', 'Producer'] as const) dict.set(PDFName.of(key), PDFHexString.fromText(info[key]));
  dict.set(PDFName.of('CreationDate'), date);
  dict.set(PDFName.of('ModDate'), date);
  ctx.trailerInfo.Info = ctx.register(dict);
  const metadata = doc.catalog.get(PDFName.of('Metadata'));
  if (metadata instanceof PDFRef) ctx.delete(metadata);
  doc.catalog.delete(PDFName.of('Metadata'));
  ctx.trailerInfo.ID = undefined;
  renumberStructureIds(doc, lib);
  // Object streams: the objects that are not streams, compressed together (PDF 1.5). A tagged PDF holds a small
  // dictionary for every paragraph and table cell (the structure screen readers follow): uncompressed, half a
  // long report's bytes; packed, a tenth of that.
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}

/**
 * The contents' page numbers, written into the single print: print-pass.ts made each entry's page-number slot a
 * link box to the entry's heading, so the PDF holds, per entry, a link annotation with the box's place and a
 * named destination with the heading's page. The number goes right-aligned into the box, on the entry's
 * baseline, in the slot's colour and the entry's size (Helvetica, which PDF readers always have).
 */
export async function numberContents(doc: import('pdf-lib').PDFDocument, lib: typeof import('pdf-lib'), toc: TocStyle): Promise<number> {
  const { PDFArray, PDFDict, PDFName, PDFNumber, StandardFonts, rgb } = lib;
  const pages = doc.getPages();
  const pageOf = new Map(pages.map((p, i) => [p.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return 0;
  const targetPage = (name: import('pdf-lib').PDFName): number | undefined => {
    let d = dests.lookup(name);
    if (d instanceof PDFDict) d = d.lookup(PDFName.of('D'));
    const ref = d instanceof PDFArray ? d.get(0) : undefined;
    return ref ? pageOf.get(ref.toString()) : undefined;
  };
  const pt = 0.75; // CSS px to PDF points: Chromium prints at 96 px to the inch
  const size = toc.fontPx * pt;
  const [r, g, b] = (/rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(toc.color)?.slice(1) ?? ['0', '0', '0']).map((v) => Number(v) / 255) as [number, number, number];
  let font: import('pdf-lib').PDFFont | undefined;
  let written = 0;
  // The contents come first: only the first pages are looked at.
  for (const page of pages.slice(0, 6)) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    // Per destination, the box: the link of the slot's width, the rightmost if several.
    const boxes = new Map<string, { dest: import('pdf-lib').PDFName; rect: number[] }>();
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookupMaybe(i, PDFDict);
      const dest = a?.lookup(PDFName.of('Dest'));
      const rect = a?.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!(dest instanceof PDFName) || !rect) continue;
      const [x1, y1, x2, y2] = rect.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : Number.NaN)) as [number, number, number, number];
      if (![x1, y1, x2, y2].every(Number.isFinite) || Math.abs(x2 - x1 - toc.widthPx * pt) > 1.5) continue;
      const prior = boxes.get(dest.toString());
      if (!prior || prior.rect[0]! < x1) boxes.set(dest.toString(), { dest, rect: [x1, y1, x2, y2] });
    }
    for (const { dest, rect } of [...boxes.values()].sort((p, q) => q.rect[3]! - p.rect[3]!)) {
      const [, , x2, y2] = rect as [number, number, number, number];
      const n = targetPage(dest);
      if (n === undefined) continue;
      font ??= await doc.embedFont(StandardFonts.Helvetica);
      const text = String(n);
      page.drawText(text, { x: x2 - font.widthOfTextAtSize(text, size), y: y2 - toc.baselinePx * pt, size, font, color: rgb(r, g, b) });
      written++;
    }
  }
  return written;
}

/** The ids Chromium gives the elements of a tagged PDF's structure (`/ID (node00000417)`, their `/Headers` and the IDTree). */
const STRUCTURE_ID = /^node(\d+)$/;

/**
 * Chromium numbers the structure elements of a tagged PDF from a counter its renderer shares between pages, so
 * the same document printed beside another (two at a time) can get other numbers. Each id is replaced by its
 * rank among the document's ids, zero-padded as Chromium pads them: the order (which the IDTree's sorted keys
 * rely on) is kept, and the same document gives the same bytes however it was printed.
 */
function renumberStructureIds(doc: import('pdf-lib').PDFDocument, lib: typeof import('pdf-lib')): void {
  const { PDFArray, PDFDict, PDFHexString, PDFString } = lib;
  type Obj = import('pdf-lib').PDFObject;
  const idOf = (o: Obj): string | null => {
    if (!(o instanceof PDFString || o instanceof PDFHexString)) return null;
    const text = o.decodeText();
    return STRUCTURE_ID.test(text) ? text : null;
  };
  const roots = doc.context.enumerateIndirectObjects().map(([, o]) => o);
  // Every container once (indirect references are not followed: every indirect object is a root).
  const walk = (visit: (o: Obj, replace: (v: Obj) => void) => void) => {
    const stack: Obj[] = [...roots];
    while (stack.length) {
      const o = stack.pop()!;
      if (o instanceof PDFDict) {
        for (const [k, v] of o.entries()) {
          visit(v, (n) => o.set(k, n));
          stack.push(v);
        }
      } else if (o instanceof PDFArray) {
        for (let i = 0; i < o.size(); i++) {
          const v = o.get(i);
          visit(v, (n) => o.set(i, n));
          stack.push(v);
        }
      }
    }
  };
  const ids = new Set<string>();
  walk((o) => {
    const id = idOf(o);
    if (id) ids.add(id);
  });
  if (!ids.size) return;
  const ranked = [...ids].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  const width = Math.max(8, String(ranked.length).length);
  const renamed = new Map(ranked.map((id, i) => [id, `node${String(i + 1).padStart(width, '0')}`]));
  walk((o, replace) => {
    const id = idOf(o);
    if (id) replace(o instanceof PDFHexString ? PDFHexString.fromText(renamed.get(id)!) : PDFString.of(renamed.get(id)!));
  });
}
