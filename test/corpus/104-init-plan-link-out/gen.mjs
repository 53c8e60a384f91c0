// `relm init` in a folder where plan.yaml is a link to a file outside it (not there yet): init wrote the other
// files and then refused plan.yaml, leaving a half-made engagement. It must refuse before writing anything.
import { readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default function (dir, { outside }) {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  symlinkSync(join(outside, 'plan.yaml'), join(dir, 'plan.yaml'));
}
