#!/usr/bin/env node
// Runs `relm import` from the built dist/ until src/cli/main.ts registers the command:
//   node test/import/run-import.mjs <kind> <source> [-C dir] [--application ID] [--map column=field]... [--dry-run]
// Errors are reported as main.ts reports them: `relm: message`, the hint, and the error's exit code.
const dist = new URL('../../dist/', import.meta.url);
const { runImport } = await import(new URL('cli/import.js', dist).href);
const { RelmError } = await import(new URL('errors.js', dist).href);

const args = process.argv.slice(2);
const positional = [];
const opts = { map: [] };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-C' || a === '--dir') opts.dir = args[++i];
  else if (a === '--application') opts.application = args[++i];
  else if (a === '--map') opts.map.push(args[++i]);
  else if (a === '--dry-run') opts.dryRun = true;
  else if (a === '--debug') opts.debug = true;
  else positional.push(a);
}
try {
  await runImport(positional[0] ?? '', positional[1] ?? '', opts);
} catch (err) {
  if (err instanceof RelmError) {
    process.stderr.write(`relm: ${err.message}\n${err.hint ? `  ${err.hint}\n` : ''}`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`relm: unexpected error: ${err?.stack ?? String(err)}\n`);
    process.exitCode = 2;
  }
}
