// 10,000 nested flow lists.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  writeFileSync(join(dir, 'plan.yaml'), 'tasks: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n');
}
