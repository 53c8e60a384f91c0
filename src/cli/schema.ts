import { readSchema, SCHEMA_NAMES, type SchemaName } from '../engagement/schemas.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { writeOut } from './ui.js';

/** Prints one of relm's JSON Schemas, or lists their names. */
export function runSchema(name: string | undefined): void {
  if (name === undefined) {
    writeOut(SCHEMA_NAMES.map((n) => `${n.padEnd(12)} ${String(readSchema(n).title ?? '')}`).join('\n'));
    return;
  }
  const n = name.replace(/\.schema\.json$|\.ya?ml$/, '') as SchemaName;
  if (!SCHEMA_NAMES.includes(n)) throw new RelmError(`no schema "${name}"`, EXIT_USAGE, `Choose one of: ${SCHEMA_NAMES.join(', ')}.`);
  writeOut(JSON.stringify(readSchema(n), null, 2));
}
