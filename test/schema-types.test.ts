import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Generator {
  generateTypes(): Promise<Record<string, string>>;
  TYPES_DIR: string;
}

// The types in src/schema-types/ are generated from schemas/*.schema.json and committed: a schema changed without
// `npm run types` leaves them behind, and the code would compile against the old shapes.
describe('src/schema-types', () => {
  it('is what scripts/generate-types.mjs makes of the schemas as they stand (run `npm run types` after changing one)', async () => {
    const { generateTypes, TYPES_DIR } = (await import(new URL('../scripts/generate-types.mjs', import.meta.url).href)) as Generator;
    const generated = await generateTypes();
    const committed = Object.fromEntries(
      readdirSync(TYPES_DIR)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => [f.replace(/\.ts$/, ''), readFileSync(join(TYPES_DIR, f), 'utf8')]),
    );
    expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
    for (const [name, source] of Object.entries(generated)) expect(committed[name], `src/schema-types/${name}.ts`).toBe(source);
  });
});
