// backlog.yaml nested 3,000 levels deep, by indentation under an item and by brackets in another: validate
// names the first place deeper than its limit, without running out of stack.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  let text = 'applications:\n  - {id: core}\nitems:\n  - id: A-0\n    application: core\n    title: t\n    requested: 2026-01-01\n    description:\n';
  for (let i = 1; i <= 3000; i++) text += `${' '.repeat(5 + i)}k${i}:\n`;
  text += `  - {id: A-1, application: core, title: u, requested: 2026-01-01, description: ${'['.repeat(3000)}1${']'.repeat(3000)}}\n`;
  writeFileSync(join(dir, 'backlog.yaml'), text);
}
