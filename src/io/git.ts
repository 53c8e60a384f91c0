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
