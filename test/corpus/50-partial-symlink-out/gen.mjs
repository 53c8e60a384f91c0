// The engagement's templates/partials folder is a link out of the engagement.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  mkdirSync(join(outside, 'partials'));
  writeFileSync(join(outside, 'partials', 'extra.hbs'), 'SECRET-OUTSIDE-THE-ENGAGEMENT\n');
  mkdirSync(join(dir, 'templates'));
  symlinkSync(join(outside, 'partials'), join(dir, 'templates', 'partials'));
}
