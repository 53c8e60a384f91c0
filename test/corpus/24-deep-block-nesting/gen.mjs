// 10,000 nested block lists on one line ("- - - … x"), and 1,000 nested block mappings by indentation.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  writeFileSync(join(dir, 'practices.yaml'), 'practices:\n  ' + '- '.repeat(10000) + 'x\n');
  let text = 'releases:\n';
  for (let i = 1; i <= 1000; i++) text += ' '.repeat(i) + `k${i}:\n`;
  writeFileSync(join(dir, 'releases.yaml'), text);
}
