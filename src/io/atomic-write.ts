import { chmodSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { fsError, isFsError, shown } from './fs-errors.js';

/** Temporary files and folders in use: removed if the process is interrupted. */
const inFlight = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const handlers = Object.fromEntries(
  SIGNALS.map((signal) => [
    signal,
    function removeInFlight() {
      process.removeListener(signal, handlers[signal]);
      for (const p of inFlight) rmSync(p, { recursive: true, force: true });
      // Die of the same signal, as the caller expects.
      process.kill(process.pid, signal);
    },
  ]),
) as Record<(typeof SIGNALS)[number], () => void>;

/** Once per signal (again after a run removed them, interrupt.ts withSignalHandlersScoped). */
function installHandlers(): void {
  for (const signal of SIGNALS) if (!process.listeners(signal).includes(handlers[signal])) process.on(signal, handlers[signal]);
}

/** Marks a temporary path to be removed if the process is interrupted; returns the function that unmarks it. */
export function cleanupOnInterrupt(path: string): () => void {
  installHandlers();
  inFlight.add(path);
  return () => inFlight.delete(path);
}

/** relm's temporary files: `.<name>.<pid>.<random>.tmp`, beside the file being written. */
const TEMP = /^\..+\.(\d+)\.[a-z0-9]+\.tmp$/;

export interface WriteOptions {
  /**
   * The engagement folder the file belongs to. A symlink at the path is then written through to its
   * target when that target lies inside this folder, and refused when it leaves it. Without it a link
   * is replaced by a plain file (as for generated output).
   */
  within?: string;
}

const inside = (root: string, p: string) => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** The nearest existing ancestor of `p` (or `p` itself), with every link on the way resolved, and the rest of `p` after it. */
export function realExisting(p: string): string {
  let q = p;
  for (;;) {
    try {
      return join(realpathSync(q), relative(q, p));
    } catch {
      const up = dirname(q);
      if (up === q) return p;
      q = up;
    }
  }
}

/**
 * Where a write to `path` must go: the path itself, or the end of its symlink chain when `within` is
 * given and the chain stays inside that folder (the folders on the way are resolved too).
 */
export function writeTarget(path: string, within?: string): string {
  if (within === undefined) return path;
  const root = realpathSync(within);
  let p = resolve(path);
  for (let hops = 0; ; hops++) {
    // A folder that does not exist yet is made where its nearest existing ancestor leads (checked below):
    // `.relm` a link to elsewhere would take `.relm/imports/` with it.
    p = join(realExisting(dirname(p)), basename(p));
    const shown = relative(root, resolve(path)) || basename(path);
    if (!inside(root, p)) {
      throw new RelmError(
        `${shown} leads outside the engagement folder (to ${p}); relm does not write there`,
        EXIT_USAGE,
        `Replace the link ${shown} by the file itself, or point it at a file inside the engagement.`,
      );
    }
    let isLink = false;
    try {
      isLink = lstatSync(p).isSymbolicLink();
    } catch {
      return p; // a new file
    }
    if (!isLink) return p;
    if (hops > 40) throw new RelmError(`${shown}: too many levels of symbolic links`, EXIT_USAGE, 'Replace the link by the file itself.');
    p = resolve(dirname(p), readlinkSync(p));
  }
}

/**
 * Writes a file so that readers see either the old or the new content, never a partial one: the data
 * goes to a temporary file in the same folder, which is then renamed over the target. An existing
 * file keeps its permissions (a file the user made private stays private).
 */
export function atomicWrite(path: string, data: string | Uint8Array, opts: WriteOptions = {}): void {
  atomicWriteAll([{ path, data }], opts);
}

/**
 * Writes several files all or nothing: every new content goes to a temporary file beside its target
 * first, and only when all are written are they renamed into place (a rename needs no space). A failure
 * while writing (a full disk) removes the temporary files and leaves every target as it was; the error
 * names the target, not the temporary file, and says that nothing was written.
 */
export function atomicWriteAll(files: readonly { path: string; data: string | Uint8Array }[], opts: WriteOptions = {}): void {
  const staged: { tmp: string; target: string; path: string }[] = [];
  const done: (() => void)[] = [];
  try {
    for (const { path, data } of files) {
      const target = writeTarget(path, opts.within);
      const dir = dirname(target);
      let mode: number | undefined;
      try {
        mode = statSync(target).mode & 0o7777;
      } catch {
        mode = undefined;
      }
      const tmp = join(dir, `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
      done.push(cleanupOnInterrupt(tmp));
      try {
        mkdirSync(dir, { recursive: true });
        staged.push({ tmp, target, path });
        writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
        // The umask may have narrowed the mode given at creation: set it exactly.
        if (mode !== undefined) chmodSync(tmp, mode);
      } catch (err) {
        throw namedError(err, target, files.length > 1 ? files.map((f) => (opts.within ? relative(opts.within, f.path) : shown(f.path))) : []);
      }
    }
    for (const { tmp, target } of staged) renameSync(tmp, target);
  } catch (err) {
    for (const { tmp } of staged) rmSync(tmp, { force: true });
    throw err;
  } finally {
    for (const d of done) d();
  }
}

/** A write error about a temporary file, told of the file it stands for (and of the others left as they were). */
function namedError(err: unknown, target: string, all: readonly string[]): unknown {
  if (!isFsError(err)) return err;
  const names = all;
  const kept =
    names.length > 1 ? `Nothing was written: ${names.slice(0, -1).join(', ')} and ${names.at(-1)} are as they were.` : `${basename(target)} is as it was.`;
  return fsError({ ...err, message: err.message, code: err.code, syscall: err.syscall, path: target }, 'write', kept);
}

/** Whether a process of this machine runs (a process of another user counts as running). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files that a killed run (kill -9) left in a folder: relm's own names only, and not
 * those of a relm process still running. Returns the names removed.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const m = TEMP.exec(n);
    if (!m || isProcessAlive(Number(m[1]))) continue;
    rmSync(join(dir, n), { force: true });
    removed.push(n);
  }
  return removed;
}
