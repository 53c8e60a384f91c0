// `relm init` in a folder whose .git is a link to an empty folder outside it: `git init` went through the link
// and made a repository there. init must refuse before writing anything.
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default function (dir, { outside }) {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  mkdirSync(join(outside, 'elsewhere'));
  symlinkSync(join(outside, 'elsewhere'), join(dir, '.git'));
}
