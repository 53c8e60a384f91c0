import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temporary files and folders in use: removed if the process is interrupted. */
const inFlight = new Set<string>();
let handlersInstalled = false;

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const p of inFlight) rmSync(p, { recursive: true, force: true });
      // Die of the same signal, as the caller expects.
      process.kill(process.pid, signal);
    });
  }
}

/** Marks a temporary path to be removed if the process is interrupted; returns the function that unmarks it. */
export function cleanupOnInterrupt(path: string): () => void {
  installHandlers();
  inFlight.add(path);
  return () => inFlight.delete(path);
}

const TEMP = /^\..+\.\d+\.[a-z0-9]+\.tmp$/;

/**
 * Writes a file so that readers see either the old or the new content, never a partial one:
 * the data goes to a temporary file in the same folder, which is then renamed over the target.
 */
export function atomicWrite(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  const done = cleanupOnInterrupt(tmp);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    done();
  }
}

/** Removes temporary files that a killed run (kill -9) left in a folder. */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (TEMP.test(n)) rmSync(join(dir, n), { force: true });
}
