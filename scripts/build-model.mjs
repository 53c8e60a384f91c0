// Build step: the built-in model (src/model/release-management.yaml) as JSON in dist/model/, so that relm does not
// parse the YAML at every run. The JSON carries a hash of the YAML it came from: should the YAML change after the
// build, relm reads the YAML instead (src/model/builtin.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const { modelHash } = await import(join(root, 'dist', 'model', 'builtin.js'));
const text = readFileSync(join(root, 'src', 'model', 'release-management.yaml'), 'utf8');
const model = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
writeFileSync(join(root, 'dist', 'model', 'release-management.json'), JSON.stringify({ source: modelHash(text), model }));
console.log('wrote the built-in model as dist/model/release-management.json');
