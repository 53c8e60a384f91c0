import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A PNG whose header claims 100,000 × 100,000 pixels: a browser would decode 40 GB to show it.
export default function (dir) {
  mkdirSync(join(dir, 'assets'));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
  writeFileSync(join(dir, 'assets', 'logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]));
  appendFileSync(join(dir, 'relm.yaml'), 'branding:\n  logo: assets/logo.png\n');
}
