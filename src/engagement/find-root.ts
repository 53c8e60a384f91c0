import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';

export const MANIFEST = 'relm.yaml';

/**
 * The engagement root: the folder given with -C/--dir (which must hold relm.yaml), else the nearest
 * folder upward from `cwd` that holds relm.yaml.
 */
export function findEngagementRoot(cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const dir = resolve(cwd, explicit);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new RelmError(`no such folder: ${explicit}`, EXIT_USAGE, 'Pass the engagement folder with -C <dir>.');
    }
    if (!existsSync(join(dir, MANIFEST))) {
      throw new RelmError(`no ${MANIFEST} in ${explicit}`, EXIT_USAGE, `An engagement folder holds ${MANIFEST}; create one with \`relm init ${explicit}\`.`);
    }
    return dir;
  }
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, MANIFEST))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new RelmError(
    `no engagement found: no ${MANIFEST} in ${resolve(cwd)} or any folder above it`,
    EXIT_USAGE,
    `Run relm inside an engagement folder, pass one with -C <dir>, or create one with \`relm init\`.`,
  );
}
