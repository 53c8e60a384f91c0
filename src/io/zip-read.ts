/**
 * A bounded zip reader for files people send back (a returned questionnaire): the directory is read first, and
 * each entry is inflated only when asked for, never past a limit, whatever sizes the directory declares (a zip
 * bomb of a few kilobytes that inflates to gigabytes stops at the limit, at once). Stored and deflated entries;
 * no encryption, no ZIP64 (an Office file that needs either is not one a person edited by hand).
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** The most entries the directory may list. */
  maxEntries: number;
  /** The most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** The most bytes all the entries read may inflate to together. */
  maxTotalBytes: number;
}

/** Why a zip cannot be read: a sentence that follows "it cannot be read: ". */
export class ZipProblem extends Error {}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  local: number;
}

const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

export class ZipReader {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits,
  ) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEnd(buf);
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipProblem('it is a ZIP64 archive, far larger than a questionnaire');
    if (count > limits.maxEntries) throw new ZipProblem(`it holds ${count.toLocaleString('en-GB')} files, more than an Office file needs`);
    if (cdOffset + cdSize > buf.length) throw new ZipProblem('its zip directory points past the end of the file (the file is cut short)');
    let at = cdOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new ZipProblem('its zip directory is damaged');
      const flags = buf.readUInt16LE(at + 8);
      const method = buf.readUInt16LE(at + 10);
      const compressed = buf.readUInt32LE(at + 20);
      const size = buf.readUInt32LE(at + 24);
      const nameLen = buf.readUInt16LE(at + 28);
      const extraLen = buf.readUInt16LE(at + 30);
      const commentLen = buf.readUInt16LE(at + 32);
      const local = buf.readUInt32LE(at + 42);
      const name = buf
        .toString('utf8', at + 46, at + 46 + nameLen)
        .replace(/\\/g, '/')
        .replace(/^\/+/, '');
      at += 46 + nameLen + extraLen + commentLen;
      if (name.endsWith('/')) continue;
      if (size === 0xffffffff || compressed === 0xffffffff || local === 0xffffffff)
        throw new ZipProblem('it is a ZIP64 archive, far larger than a questionnaire');
      this.entries.set(name, { name, method, flags, compressed, size, local });
    }
  }

  /** The entries' names, as the directory lists them. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of an entry (null when there is none), checked against the limits before and while inflating. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.flags & 1) throw new ZipProblem(`its part ${name} is encrypted: save the workbook without a password`);
    const room = Math.min(this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.total);
    if (e.size > room) throw new ZipProblem(`its part ${name} is ${mb(e.size)} unpacked, more than the ${mb(room)} a questionnaire can need`);
    const buf = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== 0x04034b50) throw new ZipProblem(`its part ${name} is damaged`);
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    if (start + e.compressed > buf.length) throw new ZipProblem(`its part ${name} is cut short`);
    const data = buf.subarray(start, start + e.compressed);
    let out: Buffer;
    if (e.method === 0) out = Buffer.from(data);
    else if (e.method === 8) {
      try {
        // maxOutputLength stops inflating as soon as the output passes the room left: the declared size may lie.
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, room) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
          throw new ZipProblem(`its part ${name} inflates to more than the ${mb(room)} a questionnaire can need`);
        throw new ZipProblem(`its part ${name} is damaged (${(err as Error).message})`);
      }
    } else throw new ZipProblem(`its part ${name} is compressed with method ${e.method}, which Office does not use`);
    this.total += out.length;
    return out;
  }

  /** An entry as UTF-8 text (a UTF-8 byte order mark dropped), or null. */
  text(name: string): string | null {
    const b = this.read(name);
    return b === null ? null : b.toString('utf8').replace(/^\uFEFF/, '');
  }
}

/** The offset of the end-of-central-directory record, searched from the end (after it only a comment of up to 64 KB). */
function findEnd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  throw new ZipProblem('it is not a zip package (an .xlsx file is one)');
}
