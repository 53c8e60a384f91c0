/**
 * A user's Office template (templates/presentation.pptx, templates/reference.docx), read with bounds: a zip
 * holds what it says it holds only up to the limits below, checked from the zip's directory before anything is
 * inflated and again while inflating (a directory can lie); only the parts reachable through the package's
 * relationships are kept (junk entries never reach a deliverable); a link to anything outside the package, other
 * than a web hyperlink, refuses the template (an image or OLE object at http://… or file:///etc/passwd would reach
 * every deck relm writes); an XML part with a DOCTYPE is refused (Office never writes one).
 */
import JSZip from 'jszip';

export const PACKAGE_LIMITS = { maxEntries: 2_000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

/** Why a template cannot be used: a sentence that follows "… cannot be used: ". */
export class PackageProblem extends Error {}

const HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';
const decoder = new TextDecoder();
const mb = (n: number) => `${Math.round(n / 1024 / 1024).toLocaleString('en-GB')} MB`;

/** The inflated bytes of an entry, stopping as soon as they pass `max`. */
function inflate(file: JSZip.JSZipObject, max: number, name: string): Promise<Uint8Array> {
  return new Promise((done, fail) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    // JSZip's stream helper: data, error and end events, started by resume().
    const stream = (file as unknown as { internalStream(t: 'uint8array'): JSZipStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        size += chunk.length;
        if (size > max) {
          stream.pause();
          fail(new PackageProblem(`its part ${name} inflates to more than ${mb(max)}`));
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (err: Error) => fail(err))
      .on('end', () => done(Buffer.concat(chunks)))
      .resume();
  });
}

interface JSZipStream {
  on(event: string, fn: (arg: never) => void): JSZipStream;
  resume(): JSZipStream;
  pause(): JSZipStream;
}

/** A relationship target resolved against the folder of the part that holds the relationships. */
function resolveTarget(source: string, target: string): string {
  const base = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.map((s) => decodeURIComponent(s)).join('/');
}

/** The relationships part of a part: ppt/slides/slide1.xml → ppt/slides/_rels/slide1.xml.rels; '' (the package) → _rels/.rels. */
const relsOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

/**
 * The parts of the package reachable from its root relationships, with their relationship parts and
 * [Content_Types].xml, as bytes.
 */
export async function readUserPackage(bytes: Uint8Array, limits = PACKAGE_LIMITS): Promise<Map<string, Uint8Array>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    throw new PackageProblem(`it is not a zip package (${(err as Error).message})`);
  }
  const files = new Map<string, JSZip.JSZipObject>();
  zip.forEach((path, file) => {
    if (!file.dir) files.set(path, file);
  });
  if (files.size > limits.maxEntries) throw new PackageProblem(`it holds ${files.size.toLocaleString('en-GB')} files, more than an Office file needs`);
  let declared = 0;
  for (const [name, file] of files) {
    // The sizes the zip's directory declares (JSZip keeps them from its read of the directory).
    const raw = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    // JSZip reads the 32-bit field as signed: past 2 GB it is negative.
    const size = raw < 0 ? raw + 2 ** 32 : raw;
    if (size > limits.maxEntryBytes) throw new PackageProblem(`its part ${name} is ${mb(size)} unpacked, more than ${mb(limits.maxEntryBytes)}`);
    declared += size;
  }
  if (declared > limits.maxTotalBytes) throw new PackageProblem(`it is ${mb(declared)} unpacked, more than ${mb(limits.maxTotalBytes)}`);

  const out = new Map<string, Uint8Array>();
  let total = 0;
  const read = async (name: string): Promise<Uint8Array | null> => {
    if (out.has(name)) return out.get(name)!;
    const file = files.get(name);
    if (!file) return null;
    const b = await inflate(file, Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total), name);
    total += b.length;
    if (/\.(xml|rels|vml)$/i.test(name) && /<!DOCTYPE|<!ENTITY/i.test(decoder.decode(b.subarray(0, 4096)))) {
      throw new PackageProblem(`its part ${name} declares a DOCTYPE, which Office files never hold`);
    }
    out.set(name, b);
    return b;
  };

  if (!(await read('[Content_Types].xml'))) throw new PackageProblem('it has no [Content_Types].xml (is it an Office file?)');
  const queue = [''];
  const seen = new Set(queue);
  while (queue.length) {
    const part = queue.shift()!;
    const relsName = part === '' ? '_rels/.rels' : relsOf(part);
    const rels = await read(relsName);
    if (!rels) continue;
    for (const m of decoder.decode(rels).matchAll(/<Relationship\b[^>]*>/g)) {
      const rel = m[0];
      const target = /\bTarget="([^"]*)"/.exec(rel)?.[1] ?? '';
      const type = /\bType="([^"]*)"/.exec(rel)?.[1] ?? '';
      if (/\bTargetMode="External"/.test(rel)) {
        if (type === HYPERLINK && /^(https?:|mailto:)/i.test(target)) continue;
        throw new PackageProblem(
          `${relsName} links to something outside the file (${target.slice(0, 120)}); remove the linked picture or object from the template and save it again`,
        );
      }
      const name = resolveTarget(part, target);
      if (seen.has(name)) continue;
      seen.add(name);
      if (await read(name)) queue.push(name);
    }
  }
  return out;
}
