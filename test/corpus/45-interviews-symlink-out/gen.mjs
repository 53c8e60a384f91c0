// The interviews folder is a link to a folder outside the engagement.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  mkdirSync(join(outside, 'notes'));
  writeFileSync(join(outside, 'notes', 'int-01.md'), '---\nid: int-01\ndate: 2026-02-23\n---\nSECRET-OUTSIDE-THE-ENGAGEMENT\n');
  symlinkSync(join(outside, 'notes'), join(dir, 'interviews'));
}
