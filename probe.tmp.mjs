import { PDFDocument, PDFName, PDFArray, PDFDict, PDFRef } from 'pdf-lib';
import { readFileSync } from 'node:fs';
const doc = await PDFDocument.load(readFileSync(process.argv[2]));
const pages = doc.getPages();
console.log('catalog keys', doc.catalog.keys().map(String), 'Dests', String(doc.catalog.get(PDFName.of('Dests'))).slice(0,300));
for (const [i, p] of pages.slice(0, 3).entries()) {
  const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  console.log('page', i + 1, p.getSize(), 'annots', annots?.size());
  for (let k = 0; k < Math.min(annots?.size() ?? 0, 4); k++) console.log(String(annots.lookup(k)));
}
