import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { SCHEMAS_DIR } from '../paths.js';
import { FORMATS } from './formats.js';
import { hint } from '../util/did-you-mean.js';
import { finding, type DocPath, type Finding } from '../diagnostics/finding.js';
import { unusable, usablePart, wholly, type Usable } from './usable.js';
import { clip } from '../util/text.js';
import { SCHEMA_DIR } from './modeline.js';

export const SCHEMA_NAMES = [
  'relm',
  'practices',
  'target',
  'backlog',
  'releases',
  'team',
  'plan',
  'progress',
  'model',
  'interview',
  'observation',
  'responses',
  'assessment',
  'portfolio',
] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();
const require = createRequire(import.meta.url);

export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

function getAjv(): Ajv {
  if (!ajv) {
    // Only when a schema was not precompiled by the build (running from source): ajv's compiler is slow to load.
    const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
    ajv = new AjvClass({ allErrors: true, verbose: true, strict: false, strictNumbers: true });
    for (const [name, def] of Object.entries(FORMATS)) ajv.addFormat(name, def);
    // Schemas that others reference are registered up front.
    ajv.addSchema(readSchema('model'));
  }
  return ajv;
}

/**
 * The validator of one schema, loaded when first used: the build compiles each schema into a file of its own
 * (scripts/compile-validators.mjs), so a command loads only the validators of the files it reads. Running
 * from source, the schema is compiled with ajv instead.
 */
function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const built = fileURLToPath(new URL(`./validators/${name}.cjs`, import.meta.url));
    if (existsSync(built)) v = (require(built) as (formats: typeof FORMATS) => ValidateFunction)(FORMATS);
    else {
      const a = getAjv();
      const schema = readSchema(name);
      v = (a.getSchema(schema.$id as string) as ValidateFunction | undefined) ?? a.compile(schema);
    }
    compiled.set(name, v);
  }
  return v;
}

/** At most this many schema findings per file: past that the rest are the same mistake repeated. */
export const MAX_FINDINGS_PER_FILE = 1000;

/** Validates data against one of relm's schemas; every violation is a finding at its position. */
export function validateSchema(name: SchemaName, file: string, data: unknown): Finding[] {
  return checkSchema(name, file, data).findings;
}

function schemaErrors(name: SchemaName, data: unknown): ErrorObject[] | null {
  const v = validator(name);
  return v(data) ? null : [...(v.errors ?? [])];
}

/**
 * The schema check of one file: its findings, and the part of the data that the cross-file checks can still
 * use (all of it when the file is valid; see usable.ts).
 */
export function checkSchema(name: SchemaName, file: string, data: unknown): { findings: Finding[]; usable: Usable } {
  const errors = schemaErrors(name, data);
  if (!errors) return { findings: [], usable: wholly(data) };
  // A file with more errors than are reported is not worth picking apart: the checks that need it wait.
  const usable = errors.length > MAX_FINDINGS_PER_FILE ? unusable() : usablePart(data, errors, (d) => schemaErrors(name, d));
  return { findings: toFindings(file, errors, data), usable };
}

/** A "did you mean" hint, for input short enough to be a typo of a candidate (and cheap to compare). */
function typoHint(input: string, candidates: readonly string[]): string {
  return input.length <= 100 ? hint(input, candidates) : '';
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A number as YAML writes it: `.inf`, `-.inf` and `.nan` included (JSON would print them as null). */
function showNumber(v: unknown): string {
  if (typeof v !== 'number' || Number.isFinite(v)) return JSON.stringify(v);
  return Number.isNaN(v) ? '.nan (not a number)' : v > 0 ? '.inf (infinity)' : '-.inf (minus infinity)';
}

function describeType(value: unknown): string {
  if (value === null) return 'empty';
  if (typeof value === 'number') return `number ${showNumber(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(clip(value, 40))}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value pairs)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => TYPE_WORDS[String(x)] ?? String(x)).join(' or ');
}

function label(path: DocPath): string {
  return path.length
    ? path
        .map((s) => (typeof s === 'number' ? `[${s}]` : clip(s)))
        .join('.')
        .replace(/\.\[/g, '[')
    : 'the file';
}

/**
 * A value that is neither of an if/then/else's two forms (an answer that is a number: neither a word of
 * `then`'s list nor `else`'s mapping) reads best naming both forms, rather than only the mapping.
 */
function describeEither(e: ErrorObject, branches: Map<string, ErrorObject>, path: DocPath): string | undefined {
  if (e.keyword !== 'type' || !e.schemaPath.endsWith('/else/type')) return undefined;
  const words = (branches.get(e.instancePath)?.parentSchema as { then?: { enum?: unknown[] } } | undefined)?.then?.enum;
  if (!words) return undefined;
  const allowed = words.filter((v) => v !== null).map(String);
  return `"${label(path)}" must be one of ${allowed.join(', ')}, or a mapping (key: value pairs), not ${describeType(e.data)}`;
}

function toFindings(file: string, errors: ErrorObject[], root: unknown): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const branches = new Map(errors.filter((e) => e.keyword === 'if').map((e) => [e.instancePath, e]));
  // An anyOf with an x-hint is reported as a whole, in its own words, not branch by branch.
  const wholes = errors.filter((e) => e.keyword === 'anyOf' && hintOf(e)).map((e) => `${e.schemaPath}/`);
  for (const e of errors) {
    // `if` only says which branch failed; the branch's own errors say why.
    if (e.keyword === 'if') continue;
    if (wholes.some((w) => e.schemaPath.startsWith(w))) continue;
    // A bad property name is reported once, by its propertyNames error.
    if ((e.params as { propertyName?: string }).propertyName !== undefined && e.keyword !== 'propertyNames') continue;
    const path = pointerToPath(e.instancePath);
    const either = describeEither(e, branches, path);
    const f = either ? finding('wrong-type', { file, path }, either) : describe(file, e, path, root);
    const key = `${JSON.stringify(f.path ?? [])}|${f.at}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length === MAX_FINDINGS_PER_FILE) {
      const more = errors.length - errors.indexOf(e);
      out.push(
        finding(
          'too-many-errors',
          { file, path: f.path, at: f.at },
          `the schema check stopped here, after ${MAX_FINDINGS_PER_FILE} findings in this file (up to ${more} more); fix these and run again`,
        ),
      );
      break;
    }
    out.push(f);
  }
  return out;
}

/** What a missing key's value must be, from its schema: the allowed values, or the type. */
function expected(e: ErrorObject, key: string): string {
  const prop = (e.parentSchema as { properties?: Record<string, { enum?: unknown[]; type?: unknown; format?: string } | undefined> } | undefined)?.properties?.[
    key
  ];
  if (!prop) return '';
  if (prop.enum)
    return ` (one of: ${prop.enum
      .filter((v) => v !== null)
      .map(String)
      .join(', ')})`;
  if (prop.format === 'date') return ' (a date, YYYY-MM-DD)';
  if (prop.type !== undefined) return ` (${typeWords(prop.type)})`;
  return '';
}

function hintOf(e: ErrorObject): string | undefined {
  return (e.parentSchema as { 'x-hint'?: string } | undefined)?.['x-hint'];
}

function describe(file: string, e: ErrorObject, path: (string | number)[], _root: unknown): Finding {
  const where = label(path);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return finding(
        'missing-key',
        { file, path, at: 'key' },
        `${path.length ? `"${where}"` : 'the file'} is missing the required key "${missing}"; add it${expected(e, missing)}`,
      );
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {}).filter((k) => k !== '$schema');
      return finding(
        'unknown-key',
        { file, path: [...path, extra], at: 'key' },
        `unknown key "${clip(extra)}"${path.length ? ` in "${where}"` : ''}${typoHint(extra, allowed)}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
      );
    }
    case 'propertyNames': {
      const name = String(p.propertyName);
      return finding(
        'invalid-id',
        { file, path: [...path, name], at: 'key' },
        `"${clip(name)}" is not a valid id: use letters, digits, ".", "_" and "-", starting with a letter or digit`,
      );
    }
    case 'type': {
      const what = path.length ? `"${where}" must be` : 'the file must hold';
      if (typeof e.data === 'number' && !Number.isFinite(e.data))
        return finding('wrong-type', { file, path }, `${what} a finite number, not ${showNumber(e.data)}`);
      return finding('wrong-type', { file, path }, `${what} ${typeWords(p.type)}, not ${describeType(e.data)}`);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).filter((v) => v !== null).map(String);
      const got = String(e.data);
      return finding(
        'invalid-value',
        { file, path },
        `"${where}" must be one of ${allowed.join(', ')}, not ${describeType(e.data)}${typeof e.data === 'string' ? typoHint(got, allowed) : ''}`,
      );
    }
    case 'const':
      return finding('invalid-value', { file, path }, `"${where}" must be ${JSON.stringify(p.allowedValue)}, not ${describeType(e.data)}`);
    case 'format': {
      const fmt = String(p.format);
      const how =
        fmt === 'date'
          ? 'a real calendar date written YYYY-MM-DD, e.g. 2026-03-31'
          : fmt === 'date-time'
            ? 'an ISO 8601 date-time with offset, e.g. 2026-03-31T22:00:00Z'
            : 'a date (2026-03-31) or an ISO 8601 date-time with offset (2026-03-31T22:00:00Z)';
      return finding('invalid-date', { file, path }, `"${where}": ${describeType(e.data)} is not ${how}`);
    }
    case 'pattern':
      if (String(p.pattern).startsWith('^[A-Za-z0-9]')) {
        return finding(
          'invalid-id',
          { file, path },
          `"${where}": ${describeType(e.data)} is not a valid id: use letters, digits, ".", "_" and "-", starting with a letter or digit`,
        );
      }
      {
        const hintText = (e.parentSchema as { 'x-hint'?: string } | undefined)?.['x-hint'];
        return finding('invalid-value', { file, path }, `"${where}": ${describeType(e.data)} is not ${hintText ?? `of the form ${String(p.pattern)}`}`);
      }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' }[e.keyword];
      return finding('out-of-range', { file, path }, `"${where}" must be ${op} ${Number(p.limit).toLocaleString('en-GB')}, not ${showNumber(e.data)}`);
    }
    case 'minLength':
      return finding('empty-value', { file, path }, `"${where}" must not be empty`);
    case 'maxLength':
      return finding(
        'too-long',
        { file, path },
        `"${where}" is ${typeof e.data === 'string' ? e.data.length.toLocaleString('en-GB') : 'too many'} characters long; at most ${Number(p.limit).toLocaleString('en-GB')} are allowed`,
      );
    case 'anyOf':
      return finding('invalid-value', { file, path }, `"${where}": ${hintOf(e) ?? 'is not of any allowed form'}`);
    case 'minItems':
      return finding('too-few-items', { file, path }, `"${where}" needs at least ${String(p.limit)} entries`);
    case 'uniqueItems':
      return finding('duplicate-value', { file, path }, `"${where}" lists the same value twice (entries ${String(p.j)} and ${String(p.i)})`);
    default:
      return finding('schema', { file, path }, `"${where}" ${e.message ?? 'is invalid'}`);
  }
}

/**
 * The copies of relm's schemas an engagement keeps for editors, by path relative to the engagement folder
 * (SCHEMA_DIR). Without `$id`, so that an editor resolves the references between them (target → model) next
 * to each other on disk rather than at the `$id`, which names a schema but is no address.
 */
export function schemaCopies(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of SCHEMA_NAMES) {
    const { $id: _id, ...schema } = readSchema(name);
    files[`${SCHEMA_DIR}/${name}.schema.json`] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}
