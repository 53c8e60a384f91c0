import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Runs git and returns what it wrote on stdout; throws when it fails (the error keeps git's stderr, unless
 * `quiet`) or when git is not installed (code ENOENT). Every call of git goes through here.
 */
export function git(args: readonly string[], opts: { cwd?: string; maxBuffer?: number; quiet?: boolean; timeout?: number } = {}): Buffer {
  return execFileSync('git', args, {
    cwd: opts.cwd,
    maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', opts.quiet ? 'ignore' : 'pipe'],
    ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}),
  });
}

/** The top folder of the git repository holding `dir` (or its nearest existing parent); undefined outside one, or without git. */
export function gitTopLevel(dir: string): string | undefined {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  try {
    return git(['rev-parse', '--show-toplevel'], { cwd: d, quiet: true }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tags matching globs (e.g. `assessment-*`) in the repository holding `dir`, oldest first: by the date of
 * the tag (an annotated tag) or of its commit (a lightweight one), ties by name; each with its commit id.
 * [] outside a repository.
 */
export function gitTags(dir: string, patterns: string | readonly string[]): { name: string; commit: string }[] {
  try {
    const out = git(
      [
        'for-each-ref',
        '--sort=refname',
        '--sort=creatordate',
        '--format=%(refname:short)%09%(objectname)%09%(*objectname)',
        ...[patterns].flat().map((p) => `refs/tags/${p}`),
      ],
      {
        cwd: dir,
        quiet: true,
      },
    ).toString();
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, object, peeled] = line.split('\t');
        return { name: name!, commit: peeled || object! };
      });
  } catch {
    return [];
  }
}

/** The commit id a revision names, or undefined when it names none (or outside a repository). */
export function gitCommit(dir: string, rev: string): string | undefined {
  try {
    return (
      git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: dir, quiet: true })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** The committer date (YYYY-MM-DD) of the commit a revision names, or undefined. */
export function gitCommitDate(dir: string, rev: string): string | undefined {
  try {
    return (
      git(['log', '-1', '--format=%cs', `${rev}^{commit}`, '--'], { cwd: dir, quiet: true })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** `git init` in a folder; false when git is not available. */
export function gitInit(dir: string): boolean {
  try {
    git(['init', '--quiet'], { cwd: dir, quiet: true, timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}
