import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { BUILTIN_MODEL_PATH } from '../paths.js';
import type { Model } from './types.js';

let cached: Model | undefined;

/** The built-in release-management model. It is validated by the test suite, not on every run. */
export function loadBuiltinModel(): Model {
  cached ??= jsyaml.load(readFileSync(BUILTIN_MODEL_PATH, 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Model;
  return cached;
}
