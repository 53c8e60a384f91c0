// A backlog item whose description is a mapping nested 3,000 levels deep by indentation: `relm import` must
// refuse it with its position, as `relm validate` does, instead of running out of stack.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  let text = 'applications:\n  - {id: core}\nitems:\n  - id: A-0\n    application: core\n    title: t\n    requested: 2026-01-01\n    description:\n';
  for (let i = 1; i <= 3000; i++) text += `${' '.repeat(5 + i)}k${i}:\n`;
  writeFileSync(join(dir, 'backlog.yaml'), text);
  writeFileSync(join(outside, 'x.csv'), 'Summary,Issue key,Status,Created\nOne,A-1,Open,2026-01-02\n');
}
