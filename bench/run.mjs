// Runs every benchmark in bench/ (each a standalone script against the built dist/), one after another, and
// fails when any of them misses a target. `npm run bench -- scale pdf` runs only those whose name matches.
// Not part of `npm test`: the figures need a quiet machine and minutes, not seconds.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const failed = [];
for (const name of readdirSync(dir)
  .filter((n) => n.endsWith('.mjs') && n !== 'run.mjs')
  .sort()) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', dir + name], { stdio: 'inherit' });
  if (r.status !== 0) failed.push(name);
}
console.log(failed.length ? `\nbench: targets missed in ${failed.join(', ')}` : '\nbench: every target met');
process.exitCode = failed.length ? 1 : 0;
