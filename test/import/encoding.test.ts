import { describe, expect, it } from 'vitest';
import { RelmError } from '../../src/errors.js';
import { parseJira } from '../../src/import/jira.js';
import { decodeExport } from '../../src/import/source.js';

const CSV = 'Summary,Issue key,Created,Component/s\n“Quoted” fee of 5 € – café,ABC-1,2024-01-02,Core\n';

/** Windows-1252 bytes, as Excel saves "CSV": “ 0x93, ” 0x94, € 0x80, – 0x96, é 0xE9. */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '“': 0x93, '”': 0x94, '€': 0x80, '–': 0x96 };
  return Uint8Array.from([...text].map((ch) => special[ch] ?? ch.charCodeAt(0)));
}
const utf16le = (text: string) => Uint8Array.from(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Uint8Array.from(le);
};

describe('decoding exports', () => {
  it('reads Windows-1252 (what Excel saves): curly quotes, the euro sign and the en dash, not control characters', async () => {
    const { text, notes } = await decodeExport(cp1252(CSV));
    expect(text).toBe(CSV);
    expect(notes[0]).toMatch(/read as Windows-1252/);
    expect(parseJira(text).items![0]!.title).toBe('“Quoted” fee of 5 € – café');
  });

  it('reads UTF-16 with a BOM, and without one (little- and big-endian)', async () => {
    expect((await decodeExport(Uint8Array.from([0xff, 0xfe, ...utf16le(CSV)]))).text).toBe(CSV);
    expect((await decodeExport(Uint8Array.from([0xfe, 0xff, ...utf16be(CSV)]))).text).toBe(CSV);
    const le = await decodeExport(utf16le(CSV));
    expect(le.text).toBe(CSV);
    expect(le.notes[0]).toMatch(/UTF-16LE/);
    expect((await decodeExport(utf16be(CSV))).text).toBe(CSV);
  });

  it('reads UTF-8 with or without a BOM, and takes --encoding over the guess', async () => {
    const utf8 = Uint8Array.from(Buffer.from(CSV, 'utf8'));
    expect(await decodeExport(utf8)).toEqual({ text: CSV, notes: [] });
    expect((await decodeExport(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).text).toBe(CSV);
    // Latin-1 forced: 0xE9 is é; 0x80 is a C1 control there, not the euro sign.
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]);
    expect((await decodeExport(latin1, 'latin1')).text).toBe('café \u0080');
    expect((await decodeExport(latin1, 'windows-1252')).text).toBe('café €');
    await expect(decodeExport(latin1, 'klingon')).rejects.toThrow(RelmError);
  });
});
