// A 30 KB backlog whose 2,000 items are one aliased item listing 2,000 superseded ids: 4 million values
// once expanded, each an unknown item to report. Before the node budget this took seconds and crashed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  const n = 2000;
  const ids = Array.from({ length: n }, (_, k) => `Y${k}`).join(', ');
  const lines = ['applications: [{id: core}]', 'items:', `  - &item {id: X0, application: core, title: T, requested: 2026-01-10, supersedes: [${ids}]}`];
  for (let k = 1; k < n; k++) lines.push('  - *item');
  writeFileSync(join(dir, 'backlog.yaml'), lines.join('\n') + '\n');
}
