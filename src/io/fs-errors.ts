import { lstatSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { workingFolder } from './run-scope.js';

/** A Node file-system error: it has an errno code (EACCES, ENOSPC, …) and usually the path it concerns. */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return (
    err instanceof Error &&
    typeof (err as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!) &&
    typeof (err as NodeJS.ErrnoException).syscall === 'string'
  );
}

/** A path for a message: relative to the working folder when that is shorter. */
export function shown(path: string): string {
  const rel = relative(workingFolder(), path);
  return rel && rel.length < path.length ? rel : path;
}

/** The nearest existing ancestor of `path` that is not a folder: what ENOTDIR is about. */
function fileInTheWay(path: string): string | undefined {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    try {
      if (!lstatSync(p).isDirectory()) return p;
    } catch {
      // does not exist (yet): look further up
    }
  }
  return undefined;
}

/** Whether anything is at `path`: a file, a folder, or a link (even a broken one). */
export function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

const WHAT: Record<string, [string, string]> = {
  EACCES: ['permission denied', 'Give yourself write access to it (e.g. chmod u+w), or choose another folder.'],
  EPERM: ['the operation is not permitted', 'Check its permissions and attributes (a read-only or immutable file), or choose another folder.'],
  EROFS: ['the file system is read-only', 'Choose a folder on a writable file system.'],
  ENOSPC: ['the disk is full', 'Free some space and run again.'],
  EDQUOT: ['the disk quota is exceeded', 'Free some space and run again.'],
  EISDIR: ['it is a folder, where a file is needed', 'Move or delete that folder and run again.'],
  EEXIST: ['something is already there', 'Move or delete it and run again.'],
  ENOENT: ['it does not exist', 'Check the path and run again.'],
  ELOOP: ['it is a loop of links', 'Replace the link with a real file or folder.'],
  ENAMETOOLONG: ['the path is too long', 'Choose a shorter path.'],
  EMFILE: ['too many files are open', 'Close other programs, or raise the limit (ulimit -n), and run again.'],
  ENFILE: ['too many files are open on this system', 'Close other programs and run again.'],
  EIO: ['an input/output error occurred', 'The disk may be failing or disconnected: check it and run again.'],
  EBUSY: ['it is busy', 'Close the program that holds it and run again.'],
  ETXTBSY: ['it is busy', 'Close the program that holds it and run again.'],
};

/**
 * One line for a file-system error: what relm was doing, the path, what is wrong and what to do (exit 2).
 * `doing` is a verb phrase such as "write" or "read"; `after` is added to the hint (e.g. what was left as it was).
 */
export function fsError(err: NodeJS.ErrnoException, doing: string, after = ''): RelmError {
  const code = err.code ?? 'EIO';
  let path = err.path ?? (err as { dest?: string }).dest ?? '';
  let [what, hint] = WHAT[code] ?? [
    String(err.message)
      .replace(/^[A-Z]+: /, '')
      .split(',')[0] ?? 'it failed',
    'Check the path and run again.',
  ];
  if (code === 'EEXIST' && err.syscall === 'mkdir' && path && !isFolder(path)) {
    [what, hint] = ['it is a file, where a folder is needed', 'Move or delete that file and run again.'];
  } else if (code === 'ENOTDIR') {
    const file = path ? fileInTheWay(path) : undefined;
    if (file) path = file;
    [what, hint] = ['it is a file, where a folder is needed', 'Move or delete that file and run again.'];
  }
  return new RelmError(`cannot ${doing} ${path ? shown(path) : 'a file'}: ${what} (${code})`, EXIT_USAGE, after ? `${hint} ${after}` : hint);
}
