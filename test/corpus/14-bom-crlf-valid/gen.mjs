// Windows editors: a byte-order mark and CRLF line ends in every file, the interview's front matter too.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rewrite(path) {
  for (const name of readdirSync(path)) {
    const p = join(path, name);
    if (statSync(p).isDirectory()) rewrite(p);
    else if (/\.(yaml|md)$/.test(name)) writeFileSync(p, '\ufeff' + readFileSync(p, 'utf8').replace(/\r?\n/g, '\r\n'));
  }
}

export default function gen(dir) {
  rewrite(dir);
}
