// templates/ is a link to a folder outside the engagement: \`relm templates eject\` must not write through it.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  symlinkSync(outside, join(dir, 'templates'));
}
