// Invalid UTF-8 cannot live in a checked-in text file: written here, byte by byte.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

export default function gen(dir) {
  // A Latin-1 "é" (0xE9) at the end of line 2.
  writeFileSync(join(dir, 'target.yaml'), bytes('horizon: 2027-03-31\ntargets: {default: 3} # caf', [0xe9], '\n'));
  // A BOM (not a column) and a valid "ü" before a stray 0xFF on line 1.
  writeFileSync(join(dir, 'practices.yaml'), bytes('\ufeffassessed: 2026-03-15 # ü', [0xff], '\npractices: {}\n'));
  // A valid U+FFFD (the replacement character itself) before a truncated sequence (0xC3 then "(").
  writeFileSync(join(dir, 'backlog.yaml'), bytes('applications: [] # \ufffd\nitems: [] # ', [0xc3, 0x28], '\n'));
}
