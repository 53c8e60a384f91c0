/**
 * The lists relm keeps once (import kinds, report formats, findings formats) and the places that name them:
 * the JSON Schema, `--help`, and the docs. A kind or format added to its list and not to the docs fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORTERS, IMPORT_KINDS } from '../../src/import/types.js';
import { FORMAT_NAMES, REPORT_FORMATS } from '../../src/output/names.js';
import { relm, ROOT } from '../helpers/cli.js';

const commandsDoc = readFileSync(join(ROOT, 'docs', 'commands.md'), 'utf8');

/** The section of docs/commands.md under the heading that starts with `## \`relm <command>`. */
function section(command: string): string {
  const start = commandsDoc.indexOf(`## \`relm ${command}`);
  expect(start, `docs/commands.md has a section on relm ${command}`).toBeGreaterThanOrEqual(0);
  const end = commandsDoc.indexOf('\n## ', start + 1);
  return commandsDoc.slice(start, end < 0 ? undefined : end);
}

describe('registries and what names them', () => {
  it('import kinds: one entry each, listed by --help and by the table of docs/commands.md, in order', async () => {
    expect(new Set(IMPORT_KINDS).size).toBe(IMPORTERS.length);
    const help = (await relm(['import', '--help'])).stdout;
    const listed = [...help.slice(help.indexOf('Kinds:')).matchAll(/(?:Kinds: |,\s*)([a-z-]+) \(/g)].map((m) => m[1]);
    expect(listed).toEqual([...IMPORT_KINDS]);
    const table = [...section('import').matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(table).toEqual([...IMPORT_KINDS]);
  });

  it('report formats: the schema of relm.yaml output.formats, --help and docs/commands.md name exactly these', async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'relm.schema.json'), 'utf8'));
    expect(schema.properties.output.properties.formats.items.enum).toEqual([...REPORT_FORMATS]);
    const help = (await relm(['report', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`comma-separated formats: ${REPORT_FORMATS.join(', ')} `);
    for (const f of REPORT_FORMATS) expect(section('report'), f).toMatch(new RegExp(`\\b${f}\\b`));
  });

  it('findings formats: --help of validate and check, and the heading of docs/commands.md, name exactly these', async () => {
    for (const cmd of ['validate', 'check']) {
      const help = (await relm([cmd, '--help'])).stdout.replace(/\s+/g, ' ');
      expect(help).toContain(`output format: ${FORMAT_NAMES.join(', ')}; repeatable`);
    }
    expect(commandsDoc).toContain(`## \`relm validate [-f ${FORMAT_NAMES.join('|')}]`);
  });
});
