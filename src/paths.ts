import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (dist/ and src/ both sit one level below it). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
export const BUILTIN_MODEL_PATH = join(PACKAGE_ROOT, 'src', 'model', 'release-management.yaml');
/** relm's version, from its package.json. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
