/**
 * Reproducible Office files. The libraries stamp the time of writing into the zip entries and into
 * docProps/core.xml, and PowerPoint's and Word's writers draw some ids from Math.random: this module fixes
 * both, so the same inputs give byte-identical .pptx, .xlsx and .docx files.
 */
import JSZip from 'jszip';

/** The earliest date a zip entry can hold (MS-DOS time starts in 1980). */
const ZIP_EPOCH = Date.UTC(1980, 0, 1);

export interface NormaliseOptions {
  /** The date written into the document properties and every zip entry. */
  date: Date;
  /** Rewrites an XML part (path inside the package) before it is stored; returns the text unchanged by default. */
  editXml?: (path: string, xml: string) => string;
  /** Parts to add or replace (path → content); null removes a part. */
  parts?: Record<string, string | Uint8Array | null>;
}

/** An ISO date-time without milliseconds, as Office writes it (2026-03-31T00:00:00Z). */
export function w3cdtf(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function setCoreDates(xml: string, when: string): string {
  return xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${when}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${when}$2`)
    .replace(/(<cp:lastPrinted>)[^<]*(<\/cp:lastPrinted>)/, `$1${when}$2`);
}

const NESTED = /\.(xlsx|docx|pptx)$/i;
const TEXT = /\.(xml|rels|vml)$/i;

/**
 * Re-packs an Office (OPC) package: the parts in their original order with [Content_Types].xml first,
 * every entry dated `date`, the document properties' created/modified set to it, packages embedded in it
 * (a chart's workbook) normalised the same way, and no folder entries.
 */
export async function normalisePackage(bytes: Uint8Array, opts: NormaliseOptions): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const when = w3cdtf(opts.date);
  const entryDate = new Date(Math.max(ZIP_EPOCH, Math.floor(opts.date.getTime() / 2000) * 2000));
  const names: string[] = [];
  zip.forEach((path, file) => {
    if (!file.dir) names.push(path);
  });
  const parts = opts.parts ?? {};
  for (const p of Object.keys(parts)) if (!names.includes(p) && parts[p] !== null) names.push(p);
  names.sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  const out = new JSZip();
  for (const name of names) {
    const replaced = parts[name];
    if (replaced === null) continue;
    const edits = name === 'docProps/core.xml' || name === '[Content_Types].xml' || (opts.editXml !== undefined && TEXT.test(name));
    let content: string | Uint8Array = replaced ?? (edits ? await zip.file(name)!.async('string') : await zip.file(name)!.async('uint8array'));
    if (typeof content === 'string') {
      if (name === 'docProps/core.xml') content = setCoreDates(content, when);
      // An override for a part the package does not hold (pptxgenjs writes one per layout for masters).
      if (name === '[Content_Types].xml')
        content = content.replace(/<Override PartName="\/([^"]+)"[^>]*\/>/g, (o, part: string) => (names.includes(part) && parts[part] !== null ? o : ''));
      if (opts.editXml) content = opts.editXml(name, content);
    } else if (NESTED.test(name)) {
      content = await normalisePackage(content, { date: opts.date });
    }
    out.file(name, content, { date: entryDate, createFolders: false, binary: typeof content !== 'string' });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

/** The parts of a package as text or bytes, for reading a user's template. */
export async function readPackage(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  const names: string[] = [];
  zip.forEach((path, file) => {
    if (!file.dir) names.push(path);
  });
  for (const n of names) out.set(n, await zip.file(n)!.async('uint8array'));
  return out;
}

/**
 * Runs `fn` with Math.random replaced by a fixed-seed generator (mulberry32), so the ids a library draws
 * at random (chart ids, relationship ids) are the same on every run. Restored afterwards, even on error.
 */
export async function withFixedRandom<T>(fn: () => Promise<T>, seed = 0x52454c4d): Promise<T> {
  const original = Math.random;
  let s = seed >>> 0;
  Math.random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
