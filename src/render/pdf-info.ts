/**
 * Sets a PDF's document information (Title, Author, ...) by appending an incremental update: a new Info
 * dictionary, an xref section for it and a trailer pointing back at the previous one. Chromium prints PDFs
 * with a classic xref table and no way to set the author, so this small edit saves a PDF library.
 */
export function setPdfInfo(pdf: Uint8Array, info: Record<string, string>): Uint8Array {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const trailer = tail.slice(tail.lastIndexOf('trailer'));
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  const prev = /startxref\s+(\d+)/.exec(trailer);
  if (!size || !root || !prev) throw new Error('unexpected PDF structure: no classic trailer to update');
  const n = Number(size[1]);
  const entries = Object.entries(info)
    .map(([k, v]) => `/${k} ${pdfString(v)}`)
    .join(' ');
  const start = pdf.length + 1; // after the newline below
  const obj = `\n${n} 0 obj\n<< ${entries} >>\nendobj\n`;
  const xrefAt = pdf.length + Buffer.byteLength(obj, 'latin1');
  const update =
    obj + `xref\n${n} 1\n${String(start).padStart(10, '0')} 00000 n \n` + `trailer\n<< /Size ${n + 1} /Root ${root[1]} /Info ${n} 0 R /Prev ${prev[1]} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(update, 'latin1')]);
}

/** A PDF text string: a literal for plain ASCII (dates need it), else UTF-16BE with a byte order mark, as hex. */
function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** A PDF date, D:YYYYMMDDHHmmSSZ. */
export function pdfDate(d: Date): string {
  return `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
