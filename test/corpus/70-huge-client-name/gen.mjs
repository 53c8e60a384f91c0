// A 2 MB client name: refused by validate (names are limited to 1,000 characters), so no report is ever
// rendered from it (a 50 MB one needed 2.9 GB).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  const client = 'ACME'.repeat(512 * 1024);
  writeFileSync(join(dir, 'relm.yaml'), `relm: 1\nengagement:\n  client: ${client}\n  as_of: 2026-03-31\nmodel: model.yaml\n`);
}
