// out/charts is a file: the run fails with one line naming it, before any deliverable is replaced.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  mkdirSync(join(dir, 'out'), { recursive: true });
  writeFileSync(join(dir, 'out', 'report.md'), 'the previous report\n');
  writeFileSync(join(dir, 'out', 'charts'), 'not a folder\n');
}
