// out is a file: one line naming it (exit 2), and the file is left alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  writeFileSync(join(dir, 'out'), 'not a folder\n');
}
