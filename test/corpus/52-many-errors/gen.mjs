// 150,000 backlog items of the wrong type (900 KB): the schema check stops after 1,000 findings in a file
// (it used to crash with "Maximum call stack size exceeded"), quickly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  writeFileSync(join(dir, 'backlog.yaml'), 'items:\n' + '  - x\n'.repeat(150000));
}
