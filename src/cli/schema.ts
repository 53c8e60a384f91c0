import { join, relative } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { readSchema, SCHEMA_NAMES, schemaCopies, type SchemaName } from '../engagement/schemas.js';
import { SCHEMA_DIR } from '../engagement/modeline.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { withEngagementLock } from '../io/lock.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr, writeOut } from './ui.js';
import type { RunContext } from './run-context.js';

/** Prints one of relm's JSON Schemas, or lists their names; with --write, refreshes the engagement's copies. */
export async function runSchema(ctx: RunContext, name: string | undefined, opts: CommonOptions & { write?: boolean } = {}): Promise<void> {
  if (opts.write) {
    if (name !== undefined) throw new RelmError('relm schema --write takes no schema name', EXIT_USAGE, 'Run `relm schema --write`: it writes every schema.');
    await writeSchemaCopies(ctx, findEngagementRoot(ctx.cwd, opts.dir));
    return;
  }
  if (name === undefined) {
    writeOut(ctx, SCHEMA_NAMES.map((n) => `${n.padEnd(12)} ${String(readSchema(n).title ?? '')}`).join('\n'));
    return;
  }
  const n = name.replace(/\.schema\.json$|\.ya?ml$/, '') as SchemaName;
  if (!SCHEMA_NAMES.includes(n)) throw new RelmError(`no schema "${name}"`, EXIT_USAGE, `Choose one of: ${SCHEMA_NAMES.join(', ')}.`);
  writeOut(ctx, JSON.stringify(readSchema(n), null, 2));
}

/** Writes this relm's schemas into the engagement's .relm/schemas/, where the files' modelines point. */
export async function writeSchemaCopies(ctx: RunContext, dir: string): Promise<void> {
  const files = Object.entries(schemaCopies());
  await withEngagementLock(dir, { command: 'schema --write' }, () => {
    for (const [path, text] of files) atomicWrite(join(dir, path), text, { within: dir });
  });
  const c = colorsFor(ctx, 'stderr');
  writeErr(ctx, `${c.green('✔')} ${files.length} schemas in ${relative(ctx.cwd, join(dir, SCHEMA_DIR)) || SCHEMA_DIR}`);
}
