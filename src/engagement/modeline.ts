/**
 * Where the engagement keeps copies of relm's JSON Schemas for editors (written by `relm init`, refreshed by
 * `relm schema --write`), relative to the engagement folder. See docs/ci.md, "In the editor".
 */
export const SCHEMA_DIR = '.relm/schemas';

/**
 * The first line of every YAML file relm writes, so that YAML-aware editors validate as the user types: the
 * schema in the engagement's SCHEMA_DIR, relative to the file (`depth` = the folders between the engagement
 * folder and the file: 1 for responses/<id>.yaml).
 */
export function modeline(schema: string, depth = 0): string {
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}${SCHEMA_DIR}/${schema}.schema.json`;
}
