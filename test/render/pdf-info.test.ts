/**
 * setPdfInfo on a PDF made here with pdf-lib: the document information relm sets, and the structure ids of a
 * tagged PDF renumbered by rank (Chromium's depend on what else its renderer laid out at the same time).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { setPdfInfo } from '../../src/render/pdf-info.js';

/** A one-page PDF whose structure elements carry the given ids, with an IDTree keyed by them and a table header reference. */
async function tagged(ids: number[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const ctx = doc.context;
  const name = (n: number) => PDFString.of(`node${String(n).padStart(8, '0')}`);
  const elems = ids.map((n) => ctx.register(ctx.obj({ Type: 'StructElem', S: 'TH', ID: name(n) })));
  const cell = ctx.register(ctx.obj({ Type: 'StructElem', S: 'TD', Headers: [name(ids[0]!)] }));
  const names = ctx.obj([]);
  [...ids]
    .sort((a, b) => a - b)
    .forEach((n) => {
      names.push(name(n));
      names.push(elems[ids.indexOf(n)]!);
    });
  const root = ctx.obj({ Type: 'StructTreeRoot', K: [...elems, cell], IDTree: ctx.obj({ Names: names }) });
  doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.register(root));
  return doc.save({ useObjectStreams: false });
}

const info = { Title: 'T', Author: 'A', Subject: 'S', Creator: 'relm test', Producer: 'relm test', date: new Date(Date.UTC(2026, 0, 1)) };

async function structure(pdf: Uint8Array): Promise<{ ids: string[]; keys: string[]; headers: string[] }> {
  const doc = await PDFDocument.load(pdf);
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const kids = root.lookup(PDFName.of('K'), PDFArray);
  const text = (o: unknown) => (o as PDFString).decodeText();
  const elems = Array.from({ length: kids.size() }, (_, i) => kids.lookup(i, PDFDict));
  const names = root.lookup(PDFName.of('IDTree'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  return {
    ids: elems.filter((e) => e.has(PDFName.of('ID'))).map((e) => text(e.get(PDFName.of('ID')))),
    keys: Array.from({ length: names.size() / 2 }, (_, i) => text(names.get(2 * i))),
    headers: elems.filter((e) => e.has(PDFName.of('Headers'))).map((e) => text(e.lookup(PDFName.of('Headers'), PDFArray).get(0))),
  };
}

describe('setPdfInfo', () => {
  it('renumbers the structure ids by rank, keeping their order, the IDTree sorted and the references matched', async () => {
    const out = await structure(await setPdfInfo(await tagged([418, 417, 1203]), info));
    expect(out.ids).toEqual(['node00000002', 'node00000001', 'node00000003']);
    expect(out.keys).toEqual(['node00000001', 'node00000002', 'node00000003']);
    expect(out.headers).toEqual(['node00000002']);
  });

  it('gives the same bytes for the same document whatever the counter started at', async () => {
    const a = await setPdfInfo(await tagged([417, 418, 419]), info);
    const b = await setPdfInfo(await tagged([903, 904, 905]), info);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    const c = await setPdfInfo(await tagged([417, 419, 418]), info);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(c))).not.toBe(0);
  });
});
