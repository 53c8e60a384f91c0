// Positions of findings in BOM + CRLF files are the same as in LF files: the BOM is no column, \r no character.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const crlf = (s) => '\ufeff' + s.replace(/\n/g, '\r\n');

export default function gen(dir) {
  writeFileSync(join(dir, 'target.yaml'), crlf('horizon: 2027-03-31\ntargets:\n  default: 9\n  alpha: 4\n'));
  writeFileSync(join(dir, 'relm.yaml'), crlf('relm: 1\nengagement:\n  clinet: Fixture Co\n  client: Fixture Co\n  as_of: 2026-03-31\nmodel: model.yaml\n'));
}
