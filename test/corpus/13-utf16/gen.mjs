// A file saved as UTF-16 (with its BOM) by an editor.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir) {
  writeFileSync(join(dir, 'team.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('roles: []\n', 'utf16le')]));
}
