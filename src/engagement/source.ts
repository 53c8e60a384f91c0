import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { git, gitTopLevel } from '../io/git.js';

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/** Where the engagement's files come from: the working tree, or a git revision. */
export interface FileSource {
  /** A label for messages: the folder, or `REV:folder`. */
  readonly label: string;
  /** Reads a file by its path relative to the engagement root (forward slashes). */
  read(rel: string): ReadResult;
  /** The names of the files in a folder of the engagement ([] when there is none). */
  list(relDir: string): string[];
}

function leaves(rel: string): boolean {
  return isAbsolute(rel) || posix.normalize(rel.split(sep).join('/')).startsWith('../') || rel === '..';
}

/** The working tree. A path that leaves the folder (through `..` or a link) is refused. */
export function fsSource(root: string): FileSource {
  const realRoot = realpathSync(root);
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);
  return {
    label: root,
    read(rel) {
      if (leaves(rel) || !inside(resolve(realRoot, rel))) return { ok: false, reason: 'it is outside the engagement folder' };
      const abs = resolve(root, rel);
      if (!existsSync(abs)) return { ok: false, reason: 'it does not exist' };
      const real = realpathSync(abs);
      if (!inside(real)) return { ok: false, reason: 'it is a link to a file outside the engagement folder' };
      if (!lstatSync(real).isFile()) return { ok: false, reason: 'it is not a file' };
      return { ok: true, bytes: readFileSync(abs) };
    },
    list(relDir) {
      const dir = join(root, relDir);
      return existsSync(dir) ? readdirSync(dir).sort() : [];
    },
  };
}

function gitIn(cwd: string, args: string[]): Buffer {
  return git(args, { cwd, maxBuffer: 512 * 1024 * 1024 });
}

/**
 * The engagement as it is at a git revision: files are read with `git cat-file`, so the working tree is never
 * touched. `root` is the engagement folder in the working tree (to find the repository and the folder's path in it).
 */
export function gitSource(root: string, rev: string): FileSource {
  const top = gitTopLevel(root);
  if (!top) {
    throw new RelmError(
      `${root} is not inside a git repository, so revision "${rev}" cannot be read`,
      EXIT_USAGE,
      'Run relm diff and --baseline inside the engagement repository.',
    );
  }
  try {
    gitIn(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    throw new RelmError(
      `unknown git revision "${rev}"`,
      EXIT_USAGE,
      'Name a branch, tag or commit, e.g. main, origin/main or HEAD~1 (in CI, fetch it first: actions/checkout with fetch-depth: 0).',
    );
  }
  const prefix = relative(realpathSync(top), realpathSync(root)).split(sep).join('/');
  const path = (rel: string) => (prefix ? `${prefix}/${rel}` : rel);
  return {
    label: `${rev}:${prefix || '.'}`,
    read(rel) {
      if (leaves(rel)) return { ok: false, reason: 'it is outside the engagement folder' };
      try {
        const type = gitIn(top, ['cat-file', '-t', `${rev}:${path(rel)}`])
          .toString()
          .trim();
        if (type !== 'blob') return { ok: false, reason: 'it is not a file' };
        return { ok: true, bytes: gitIn(top, ['cat-file', 'blob', `${rev}:${path(rel)}`]) };
      } catch {
        return { ok: false, reason: 'it does not exist' };
      }
    },
    list(relDir) {
      try {
        return gitIn(top, ['ls-tree', '--name-only', `${rev}`, `${path(relDir)}/`])
          .toString()
          .split('\n')
          .filter(Boolean)
          .map((p) => p.slice(p.lastIndexOf('/') + 1))
          .sort();
      } catch {
        return [];
      }
    },
  };
}
