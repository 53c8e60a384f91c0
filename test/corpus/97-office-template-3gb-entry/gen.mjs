import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';

// A template whose zip directory declares a 3 GB entry (its bytes patched: making a real one would take 3 GB here too).
export default async function (dir) {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('ppt/media/image1.png', new Uint8Array(1000));
  const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  const name = Buffer.from('ppt/media/image1.png');
  for (let i = bytes.indexOf(name); i !== -1; i = bytes.indexOf(name, i + 1)) {
    if (bytes.readUInt32LE(i - 30) === 0x04034b50) bytes.writeUInt32LE(3_000_000_000, i - 30 + 22);
    if (bytes.readUInt32LE(i - 46) === 0x02014b50) bytes.writeUInt32LE(3_000_000_000, i - 46 + 24);
  }
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'templates', 'presentation.pptx'), bytes);
}
