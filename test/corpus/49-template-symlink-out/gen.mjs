// An engagement template that links to a file outside the folder: `relm report` stops (exit 2) naming it.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  writeFileSync(join(outside, 'secret.hbs'), 'SECRET-OUTSIDE-THE-ENGAGEMENT {{overall.score}}\n');
  mkdirSync(join(dir, 'templates'));
  symlinkSync(join(outside, 'secret.hbs'), join(dir, 'templates', 'report.md.hbs'));
}
