// out/charts is a link to a folder outside the engagement: the charts would land there. Refused; out/ unchanged.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  mkdirSync(join(dir, 'out'), { recursive: true });
  writeFileSync(join(dir, 'out', 'report.md'), 'the previous report\n');
  symlinkSync(outside, join(dir, 'out', 'charts'));
}
