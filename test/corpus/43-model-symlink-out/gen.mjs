// model.yaml inside the folder is a link to a file outside it.
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  writeFileSync(join(outside, 'model.yaml'), 'SECRET-OUTSIDE-THE-ENGAGEMENT: [\n');
  rmSync(join(dir, 'model.yaml'));
  symlinkSync(join(outside, 'model.yaml'), join(dir, 'model.yaml'));
}
