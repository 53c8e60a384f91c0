// A backlog item whose description is a list nested 3,000 levels deep ("[[[…1…]]]"): `relm import` edits
// backlog.yaml with a YAML library that parses recursively, and ran out of stack on it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  const deep = '['.repeat(3000) + '1' + ']'.repeat(3000);
  writeFileSync(
    join(dir, 'backlog.yaml'),
    `applications:\n  - {id: core}\nitems:\n  - id: A-0\n    application: core\n    title: t\n    requested: 2026-01-01\n    description: ${deep}\n`,
  );
  writeFileSync(join(outside, 'x.csv'), 'Summary,Issue key,Status,Created\nOne,A-1,Open,2026-01-02\n');
}
