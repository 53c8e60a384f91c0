// An interview file whose name holds a line break and a workflow command: the finding stays on one line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  mkdirSync(join(dir, 'interviews'));
  writeFileSync(join(dir, 'interviews', 'a\n::error::forged.md'), 'no front matter\n');
}
