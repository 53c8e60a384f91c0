import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { FormatContext } from './types.js';

function inside(base: string, path: string): string | undefined {
  const rel = relative(base, path);
  return rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel) ? undefined : rel;
}

function real(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

const slashes = (p: string) => p.split(sep).join('/');

/**
 * The engagement folder relative to the repository root, with forward slashes ('' when they are the
 * same or the engagement is not inside the repository). git reports the root with symlinks resolved,
 * so a root reached through a symlink is compared by its real path.
 */
export function engagementPrefix(root: string, repoRoot: string | undefined): string {
  if (!repoRoot) return '';
  return slashes(inside(repoRoot, root) ?? inside(real(repoRoot), real(root)) ?? '');
}

/** A finding's file (relative to the engagement root) relative to the repository root, forward slashes. */
export function repositoryPath(file: string, prefix: string): string {
  return prefix ? `${prefix}/${file}` : file;
}

/**
 * A finding's file as a person reads it: relative to the folder relm runs in (as eslint and tsc print
 * paths), so that `relm validate -C eng/a` prints eng/a/practices.yaml, a path the shell can open.
 */
export function shownPath(file: string, ctx: Pick<FormatContext, 'root' | 'cwd'>): string {
  if (ctx.cwd === undefined) return file;
  const rel = relative(ctx.cwd, join(ctx.root, file));
  return rel === '' ? file : slashes(rel);
}
