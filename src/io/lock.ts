import { mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { isProcessAlive, realExisting, removeStaleTemps } from './atomic-write.js';
import { onInterrupt } from './interrupt.js';
import { environment, workingFolder } from './run-scope.js';

/** relm's own folder in an engagement: the import records (committed) and the write lock (not). */
export const RELM_DIR = '.relm';
/** The lock (a folder, made atomically by proper-lockfile) and the note of who holds it. */
export const LOCK = `${RELM_DIR}/lock`;
const OWNER = `${RELM_DIR}/lock.owner`;

/** The folders of an engagement relm writes files into, where a killed write may have left a temporary file. */
export const WRITTEN_FOLDERS = ['.', 'interviews', 'responses', 'templates', 'templates/partials', `${RELM_DIR}/imports`];

export interface LockOptions {
  /** How long a second writer waits for the first before giving up (ms); default 10 s, `RELM_LOCK_WAIT_MS` overrides. */
  waitMs?: number;
  /** What the holder is doing, for the message a waiting writer prints. */
  command: string;
}

interface Owner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function readOwner(root: string): Owner | null {
  try {
    return JSON.parse(readFileSync(join(root, OWNER), 'utf8')) as Owner;
  } catch {
    return null;
  }
}

function waitDefault(): number {
  const env = Number(environment().RELM_LOCK_WAIT_MS);
  return Number.isFinite(env) && env >= 0 ? env : 10_000;
}

/**
 * Runs `fn` holding the engagement's write lock: one lock per engagement, for every command that writes
 * its files, so that two writers never lose each other's changes. A second writer waits up to `waitMs`
 * for the first, then fails with a message naming it. The lock is `.relm/lock`, made with proper-lockfile
 * (an atomic mkdir, kept fresh while held and taken over once stale); a lock left by a relm process that
 * no longer runs on this machine is taken over at once. Holding the lock, relm also removes the temporary
 * files that killed writes left in the engagement folder.
 */
export async function withEngagementLock<T>(root: string, opts: LockOptions, fn: () => T | Promise<T>): Promise<T> {
  const { lock } = await import('proper-lockfile');
  confineRelmDir(root);
  try {
    mkdirSync(join(root, RELM_DIR), { recursive: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new RelmError(
      `cannot write in the engagement folder ${relative(workingFolder(), root) || '.'} (${e.code ?? e.message})`,
      EXIT_USAGE,
      'Check that the folder is writable by you (and that .relm is a folder); nothing was written.',
    );
  }
  const waitMs = opts.waitMs ?? waitDefault();
  const lockfilePath = join(root, LOCK);
  let compromised: Error | null = null;
  const settings = {
    realpath: false,
    lockfilePath,
    // Held locks are touched every 5 s; one untouched for 30 s belongs to a process that hung or died.
    stale: 30_000,
    update: 5_000,
    onCompromised: (err: Error) => {
      compromised = err;
    },
  };
  const started = Date.now();
  let release: (() => Promise<void>) | undefined;
  for (let attempt = 0; !release; attempt++) {
    try {
      release = await lock(root, { ...settings, retries: 0 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      const owner = readOwner(root);
      const local = owner !== null && owner.host === hostname();
      if (local && owner.pid !== process.pid && !isProcessAlive(owner.pid)) {
        // The holder was killed: its lock will never be released. Take it over now rather than in 30 s.
        await takeOver(root, (now) => now !== null && now.pid === owner.pid && now.host === owner.host && now.since === owner.since);
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      // A lock dated in the future is never stale to proper-lockfile (it compares that date with now): it would
      // stop every writer until then. Unless its holder runs here, it is judged by when it was last touched.
      const future = futureDated(lockfilePath);
      if (future && !(local && isProcessAlive(owner.pid)) && future.untouchedMs > settings.stale) {
        await takeOver(root, (now) => (now?.pid ?? null) === (owner?.pid ?? null) && (futureDated(lockfilePath)?.untouchedMs ?? 0) > settings.stale);
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (Date.now() - started >= waitMs) {
        const who = owner
          ? `relm ${owner.command} (process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, since ${owner.since})`
          : 'another relm command';
        const shown = relative(workingFolder(), lockfilePath) || LOCK;
        throw new RelmError(
          `the engagement is being changed by ${who}; waited ${Math.round(waitMs / 1000)} s, nothing was written`,
          EXIT_USAGE,
          future
            ? `${shown} is dated in the future (${future.date}), as a wrong clock or a restored copy leaves it; relm takes it over once no one has touched it for ${settings.stale / 1000} s (or remove it if no relm is running). Run the command again then.`
            : `Run the command again when it has finished. If no relm is running, remove ${shown}.`,
        );
      }
      await new Promise((r) => setTimeout(r, Math.min(100 + attempt * 50, 500)));
    }
  }
  // Interrupted (Ctrl-C, SIGTERM, SIGHUP: see interrupt.ts), relm exits at once: the lock goes with it.
  const forget = onInterrupt(() => {
    rmSync(join(root, OWNER), { force: true });
    rmSync(lockfilePath, { recursive: true, force: true });
  });
  try {
    writeFileSync(join(root, OWNER), JSON.stringify({ pid: process.pid, host: hostname(), command: opts.command, since: new Date().toISOString() }) + '\n');
    for (const folder of WRITTEN_FOLDERS) removeStaleTemps(join(root, folder));
    const result = await fn();
    if (compromised) throw compromisedError(compromised);
    return result;
  } finally {
    forget();
    rmSync(join(root, OWNER), { force: true });
    await release().catch(() => undefined);
  }
}

/** `.relm` (the lock, the import records) stays inside the engagement: a link leading elsewhere is refused. */
function confineRelmDir(root: string): void {
  const real = realExisting(join(root, RELM_DIR));
  const rel = relative(realpathSync(root), real);
  if (rel === RELM_DIR || (!rel.startsWith('..') && !isAbsolute(rel))) return;
  throw new RelmError(
    `${RELM_DIR} leads outside the engagement folder (to ${real}); relm keeps its lock and import records only inside it`,
    EXIT_USAGE,
    `Remove the link ${RELM_DIR} (relm makes the folder again), or point it at a folder inside the engagement; nothing was written.`,
  );
}

function compromisedError(err: Error): RelmError {
  return new RelmError(
    `the engagement's write lock was lost while writing (${err.message})`,
    EXIT_USAGE,
    'Check the files with `relm validate` and run the command again.',
  );
}

/**
 * The lock's date when it is in the future (beyond a second of clock granularity), and how long ago it was last
 * touched: its change time, which a holder's refresh (every 5 s) moves to now and which no one can set to a
 * date of their choosing. Null for a lock dated now or earlier (proper-lockfile judges those), or none.
 */
function futureDated(lockfilePath: string): { date: string; untouchedMs: number } | null {
  try {
    const st = statSync(lockfilePath);
    const now = Date.now();
    if (st.mtimeMs <= now + 1000) return null;
    return { date: st.mtime.toISOString(), untouchedMs: now - st.ctimeMs };
  } catch {
    return null;
  }
}

/**
 * Removes a lock that no process holds any more. Two writers may find the same one at once: the removal is
 * serialised by a second short-lived lock, and done only while `still(owner note)` holds (the note still names
 * the dead process, or the lock is still the one judged stale).
 */
async function takeOver(root: string, still: (owner: Owner | null) => boolean): Promise<void> {
  const { lock } = await import('proper-lockfile');
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lock(root, {
      realpath: false,
      lockfilePath: join(root, `${LOCK}.takeover`),
      stale: 5_000,
      retries: { retries: 20, minTimeout: 20, maxTimeout: 100 },
    });
  } catch {
    return; // someone else is taking it over: try the main lock again
  }
  try {
    if (still(readOwner(root))) {
      rmSync(join(root, OWNER), { force: true });
      rmSync(join(root, LOCK), { recursive: true, force: true });
    }
  } finally {
    await release().catch(() => undefined);
  }
}
