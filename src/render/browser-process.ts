import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';
import { environment } from '../io/run-scope.js';

/**
 * The browser as a child process that relm owns outright:
 * - it talks over a pipe (`--remote-debugging-pipe`), so when relm dies, even by `kill -9`, the browser reads
 *   the end of the pipe and quits: no port, no orphan;
 * - it leads its own process group, so `kill()` takes every renderer and helper with it;
 * - on POSIX a tiny `sh` parent creates the temporary folder (profile, HTML, the browser's own temp files),
 *   waits for the browser and then removes the folder: whenever relm is killed outright, before or after the
 *   browser started, the folder lives no longer than the browser.
 */
export interface BrowserProcess {
  readonly transport: ConnectionTransport;
  /** Resolves when the browser (and the folder's removal) is over; never rejects. */
  readonly exited: Promise<void>;
  /** The last lines the browser wrote to stderr (for an error message). */
  stderr(): string;
  /** SIGKILL to the whole process group, then removes the temporary folder. Synchronous, never throws. */
  kill(): void;
}

// $1: the folder to create (private; failing if anything is there) and to remove afterwards; the rest: the
// browser and its arguments. fds 3 and 4 (the pipe) are inherited by the browser; `exec` is not used, so that
// the shell outlives the browser to clean up. When the browser's main process is gone its helpers (zygote,
// renderers, crash handler) may still be writing into the profile, so that a single `rm -rf` can fail on a
// folder that is not empty yet: the shell asks the rest of its process group to stop (ignoring that signal
// itself) and retries the removal for up to 10 s.
const WRAPPER = [
  'dir="$1"; shift; mkdir -m 700 -- "$dir" || exit 97',
  '"$@"; code=$?',
  "trap '' TERM; kill -TERM 0 2>/dev/null",
  'i=0; while [ -e "$dir" ] && [ "$i" -lt 100 ]; do rm -rf -- "$dir" 2>/dev/null || sleep 0.1; i=$((i + 1)); done',
  'exit $code',
].join('; ');

class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #pending: Buffer[] = [];
  #closed = false;

  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.on('data', (b: Buffer) => this.#dispatch(b));
    input.on('close', () => this.onclose?.());
    input.on('error', () => undefined);
    out.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.#closed) return;
    this.out.write(message);
    this.out.write('\0');
  }

  #dispatch(buffer: Buffer): void {
    let start = 0;
    let end = buffer.indexOf(0);
    while (end !== -1) {
      this.#pending.push(buffer.subarray(start, end));
      const message = Buffer.concat(this.#pending).toString('utf8');
      this.#pending = [];
      // As puppeteer's own transport does: one message per tick, so handlers see them in order.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = buffer.indexOf(0, start);
    }
    if (start < buffer.length) this.#pending.push(buffer.subarray(start));
  }

  close(): void {
    this.#closed = true;
  }
}

/** Starts the browser; `tempDir` must not exist yet (an unguessable name): it is created for the browser's lifetime. */
export function spawnBrowser(executable: string, args: readonly string[], tempDir: string): BrowserProcess {
  const posix = process.platform !== 'win32';
  if (!posix) mkdirSync(tempDir, { mode: 0o700 });
  // The browser's own temporary files (sockets, print spools) go into the folder too, so nothing outlives it.
  const env = { ...environment(), TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir };
  const child: ChildProcess = posix
    ? spawn('/bin/sh', ['-c', WRAPPER, 'relm-browser', tempDir, executable, ...args], {
        detached: true,
        env,
        stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      })
    : spawn(executable, [...args], { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let tail = '';
  child.stderr!.on('data', (d: Buffer) => {
    tail = (tail + d.toString('utf8')).slice(-4000);
  });
  child.stderr!.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
  let killed = false;
  void exited.then(() => (killed = true)); // a process that is gone and reaped is never signalled: its pid may be reused
  return {
    transport,
    exited,
    stderr: () => tail,
    kill() {
      if (!killed) {
        killed = true;
        try {
          if (posix && child.pid) process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // Already gone.
        }
        // A killed process may still finish the system call it was in (a busy machine may not run it for a
        // while): one that creates a file in the profile after the folder is removed would leave it behind.
        // Wait until none of the group runs any more (reaped or a zombie), then remove the folder.
        if (posix && child.pid) waitUntilGone(child.pid, 5000);
      }
      removeQuietly(tempDir);
    },
  };
}

/** Sleeps synchronously (the interrupt handlers are synchronous). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Whether a process of the group `pgid` still runs (is not a zombie). On Linux, read from /proc; elsewhere a
 * zombie cannot be told from a live process, so the group counts as gone after a short wait.
 */
function groupRuns(pgid: number): boolean {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return false;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so read after the last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
    } catch {
      // Gone meanwhile.
    }
  }
  return false;
}

/** Waits (synchronously, at most `ms`) until no process of the group runs. */
function waitUntilGone(pgid: number, ms: number): void {
  if (process.platform !== 'linux') {
    sleepSync(50);
    return;
  }
  const end = Date.now() + ms;
  while (groupRuns(pgid) && Date.now() < end) sleepSync(10);
}

/** Removes a folder, retrying while a dying process may still write into it; ignores every error. */
export function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  } catch {
    // Left for the operating system's temp cleaning: never worth failing or a stack trace.
  }
}
