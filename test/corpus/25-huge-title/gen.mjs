// A 5 MB engagement title: refused quickly (names and titles are limited to 1,000 characters), and
// never echoed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  const title = 'Release Management Assessment '.repeat(Math.ceil((5 * 1024 * 1024) / 30));
  writeFileSync(join(dir, 'relm.yaml'), `relm: 1\nengagement:\n  client: Fixture Co\n  title: "${title}"\n  as_of: 2026-03-31\nmodel: model.yaml\nweights: {process: 2}\n`);
}
