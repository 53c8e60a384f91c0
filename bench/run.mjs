// Runs every benchmark in bench/ (each a standalone script against the built dist/), one after another.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
let failed = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.mjs') && n !== 'run.mjs').sort()) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', dir + name], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
