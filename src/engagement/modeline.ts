/** Where editors fetch relm's schemas: the package as the npm CDN serves it (the schemas' $id base too). */
export const SCHEMA_BASE = 'https://unpkg.com/relm/schemas/';

/** The first line of every YAML file relm writes, so that YAML-aware editors validate as the user types. */
export function modeline(schema: string): string {
  return `# yaml-language-server: $schema=${SCHEMA_BASE}${schema}.schema.json`;
}
