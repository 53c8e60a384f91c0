import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** The top folder of the git repository holding `dir` (or its nearest existing parent); undefined outside one, or without git. */
export function gitTopLevel(dir: string): string | undefined {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: d, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
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
    const out = execFileSync('git', ['for-each-ref', '--sort=refname', '--sort=creatordate', '--format=%(refname:short)%09%(objectname)%09%(*objectname)', ...[patterns].flat().map((p) => `refs/tags/${p}`)], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
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
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The committer date (YYYY-MM-DD) of the commit a revision names, or undefined. */
export function gitCommitDate(dir: string, rev: string): string | undefined {
  try {
    return execFileSync('git', ['log', '-1', '--format=%cs', `${rev}^{commit}`, '--'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/** `git init` in a folder; false when git is not available. */
export function gitInit(dir: string): boolean {
  try {
    execFileSync('git', ['init', '--quiet'], { cwd: dir, stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}
