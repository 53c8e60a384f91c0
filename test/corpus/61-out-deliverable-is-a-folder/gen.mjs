// out/report.md is a folder: refused before any file is replaced, so out/assessment.json keeps its old content.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  mkdirSync(join(dir, 'out', 'report.md'), { recursive: true });
  writeFileSync(join(dir, 'out', 'assessment.json'), '{"previous": true}\n');
}
