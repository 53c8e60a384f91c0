// `relm init` in a folder whose .github is a link to a folder outside it: the CI workflow would be written
// there, after the engagement files. init must refuse before writing anything.
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default function (dir, { outside }) {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  mkdirSync(join(outside, 'github'));
  symlinkSync(join(outside, 'github'), join(dir, '.github'));
}
