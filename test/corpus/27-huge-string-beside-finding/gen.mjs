// A 5 MB requirement title (too long: a finding) in a file: the finding's position is looked up in the
// 5 MB file (the position-keeping parse runs only for files with findings), quickly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const huge = 'HUGE'.repeat((5 * 1024 * 1024) / 4);

export default function gen(dir) {
  writeFileSync(join(dir, 'target.yaml'), `targets: {default: 3}\nrequirements:\n  - {id: R1, title: "${huge}", practices: [gamma]}\n`);
}
