// Generates src/schema-types/*.ts, the TypeScript types of the engagement files, the model and assessment.json,
// from schemas/*.schema.json (the schemas are the source of truth; the types are derived, never written by hand).
// Run `npm run types` after changing a schema; test/schema-types.test.ts fails while the two differ.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMAS_DIR = join(root, 'schemas');
export const TYPES_DIR = join(root, 'src', 'schema-types');

/** The name of each schema's root type (what the file holds). */
const ROOT_NAMES = {
  assessment: 'AssessmentDocument',
  backlog: 'BacklogFile',
  interview: 'InterviewFrontMatter',
  model: 'Model',
  observation: 'ObservationFrontMatter',
  plan: 'PlanFile',
  portfolio: 'PortfolioDocument',
  practices: 'PracticesFile',
  progress: 'ProgressFile',
  relm: 'Manifest',
  releases: 'ReleasesFile',
  responses: 'ResponsesFile',
  target: 'TargetFile',
  team: 'TeamFile',
};

const pascal = (s) => s.replace(/(^|[^A-Za-z0-9])([a-z0-9])/g, (_m, _sep, c) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');

const SHAPES = ['type', '$ref', 'enum', 'const', 'items', 'tsType', 'anyOf', 'oneOf', 'allOf'];
/** Whether a subschema says what the data is (rather than only which values are valid). */
const shapes = (branch) => SHAPES.some((k) => k in branch) || Object.values(branch.properties ?? {}).some(shapes);

/**
 * The keywords that only validate (a weight above 0 somewhere, `done` needed when the status is done) say nothing
 * about the shape of the data: left out. if/then/else on the shape is the union of then and else.
 */
function simplify(node) {
  let n = node;
  if (n.if && n.then && n.else && !('type' in n)) {
    const { if: _if, then, else: otherwise, ...rest } = n;
    n = { ...rest, anyOf: [then, otherwise] };
  } else if (n.if) {
    const { if: _if, then: _then, else: _else, ...rest } = n;
    n = rest;
  }
  for (const k of ['anyOf', 'oneOf']) {
    if (n[k] && 'type' in n && !n[k].some(shapes)) {
      n = { ...n };
      delete n[k];
    }
  }
  if (n.allOf) {
    // allOf [a reference, {required: [...]}]: the referenced type with those properties required.
    const refs = n.allOf.filter(shapes);
    const required = n.allOf.filter((b) => !shapes(b)).flatMap((b) => b.required ?? []);
    if (
      refs.length === 1 &&
      refs[0].$ref &&
      !refs[0].$ref.startsWith('#') &&
      n.allOf.every((b) => shapes(b) || Object.keys(b).every((k) => k === 'required'))
    ) {
      const { allOf: _allOf, ...rest } = n;
      n = { ...rest, $ref: refs[0].$ref, required };
    }
  }
  return n;
}

/**
 * A copy of the schema ready for the generator: the root named, titles (prose for editors) dropped so that the
 * definitions' keys name the types, and a reference into another schema turned into an import of that schema's
 * generated type, so that each type is declared once.
 */
function prepare(schema, name, imports) {
  const walk = (original, isRoot) => {
    if (Array.isArray(original)) return original.map((n) => walk(n, false));
    if (!original || typeof original !== 'object') return original;
    const node = simplify(original);
    if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) {
      const [file, pointer] = node.$ref.split('#');
      const from = file.replace('.schema.json', '');
      const def = pointer.split('/').pop();
      const type = pascal(def);
      (imports[from] ??= new Set()).add(type);
      const required = node.required?.length ? ` & Required<Pick<${type}, ${node.required.map((r) => `'${r}'`).join(' | ')}>>` : '';
      return { ...(node.description ? { description: node.description } : {}), tsType: required ? `(${type}${required})` : type };
    }
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$id' || (k === '$schema' && isRoot)) continue;
      if (k === 'title' && typeof v === 'string') continue;
      // Lengths are for the validator ("at least one", "five levels"), except a pair, which stays a tuple.
      if ((k === 'minItems' || k === 'maxItems') && node.maxItems !== 2) continue;
      // Property names are data, not schema keywords: do not treat them as nodes to rename.
      if (k === 'properties' || k === 'definitions') out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, walk(s, false)]));
      else out[k] = walk(v, false);
    }
    if (isRoot) out.title = ROOT_NAMES[name];
    return out;
  };
  return walk(schema, true);
}

/** The generated source of every schema, by schema name. */
export async function generateTypes() {
  const { compile } = await import('json-schema-to-typescript');
  // Formatted in the style of biome.json (a Prettier configuration, should the project get one, wins): `biome check` accepts the files.
  const prettier = await import('prettier');
  const projectStyle = (await prettier.resolveConfig(join(TYPES_DIR, 'index.ts'), { editorconfig: false })) ?? {};
  const style = { bracketSpacing: true, printWidth: 160, semi: true, singleQuote: true, tabWidth: 2, trailingComma: 'all', useTabs: false, ...projectStyle };
  const result = {};
  for (const file of readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    const name = file.replace('.schema.json', '');
    if (!ROOT_NAMES[name]) throw new Error(`scripts/generate-types.mjs: name the root type of ${file} in ROOT_NAMES`);
    const imports = {};
    const schema = prepare(JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')), name, imports);
    const header = [
      `// Generated by scripts/generate-types.mjs from schemas/${file}: do not edit; run \`npm run types\`.`,
      ...Object.entries(imports).map(([from, types]) => `import type { ${[...types].sort().join(', ')} } from './${from}.js';`),
    ].join('\n');
    result[name] = await compile(schema, ROOT_NAMES[name], {
      bannerComment: header,
      cwd: SCHEMAS_DIR,
      // What relm writes and reads has exactly the properties its schema lists.
      additionalProperties: false,
      unknownAny: true,
      declareExternallyReferenced: true,
      style,
    });
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(TYPES_DIR, { recursive: true });
  const types = await generateTypes();
  for (const [name, source] of Object.entries(types)) writeFileSync(join(TYPES_DIR, `${name}.ts`), source);
  console.log(`wrote ${Object.keys(types).length} files of types into src/schema-types/`);
}
