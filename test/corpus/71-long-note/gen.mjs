// A note one character over the 100,000 that notes and descriptions may hold.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  const file = join(dir, 'practices.yaml');
  const text = readFileSync(file, 'utf8').replace(/notes: ".*"/, `notes: ${'n'.repeat(100_001)}`);
  writeFileSync(file, text);
}
