import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { BUILTIN_MODEL_PATH } from '../paths.js';
import type { Model } from './types.js';

let cached: Model | undefined;

/** The hash of the model's YAML text, which the build's JSON copy records (scripts/build-model.mjs). */
export function modelHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The build's JSON copy of the model, when it was made from this very YAML text. */
function fromBuild(text: string): Model | undefined {
  try {
    const built = JSON.parse(readFileSync(new URL('./release-management.json', import.meta.url), 'utf8')) as { source: string; model: Model };
    return built.source === modelHash(text) ? built.model : undefined;
  } catch {
    return undefined; // running from source, or no build yet
  }
}

/**
 * The built-in release-management model. It is validated by the test suite, not on every run. The build keeps
 * it as JSON (parsed some 40 times faster than the YAML); the YAML is read when the JSON is missing or stale.
 */
export function loadBuiltinModel(): Model {
  if (!cached) {
    const text = readFileSync(BUILTIN_MODEL_PATH, 'utf8');
    cached = fromBuild(text) ?? (jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) as Model);
  }
  return cached;
}
