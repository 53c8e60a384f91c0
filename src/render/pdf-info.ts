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
 * Replaces a PDF's document information whole. Chromium writes its own Info dictionary with the wall-clock
 * time and its user agent; that object is deleted (not just unreferenced, so it does not stay in the file),
 * and a new one holds only what relm sets. XMP metadata and a file ID, which would repeat or vary, are dropped.
 * The same input and date therefore give the same bytes. pdf-lib loads only when PDFs are printed.
 */
export async function setPdfInfo(pdf: Uint8Array, info: PdfInfo): Promise<Uint8Array> {
  const { PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
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
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
