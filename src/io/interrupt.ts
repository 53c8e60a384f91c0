import { writeSync } from 'node:fs';

/**
 * What happens when relm is interrupted (Ctrl-C, SIGTERM, SIGHUP) while it holds resources: a browser, a
 * staging folder. The cleanups are synchronous, run once, and ignore their own errors; then relm prints one
 * line and exits with 128 + the signal's number (130, 143, 129), as shells report an interrupted command.
 * A synchronous handler cannot be overtaken by a second signal, so a cleanup always runs to its end.
 */
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type Signal = keyof typeof SIGNALS;

const cleanups = new Map<number, () => void>();
let next = 0;
let note = '';

function handle(signal: Signal): void {
  for (const fn of [...cleanups.values()].reverse()) {
    try {
      fn();
    } catch {
      // A cleanup that fails must not stop the others, nor print a stack trace.
    }
  }
  cleanups.clear();
  try {
    writeSync(2, `\nrelm: interrupted by ${signal}${note ? `; ${note}` : ''}\n`);
  } catch {
    // stderr may be closed (the terminal went away): exit all the same.
  }
  process.exit(128 + SIGNALS[signal]);
}

const handlers = Object.fromEntries((Object.keys(SIGNALS) as Signal[]).map((s) => [s, () => handle(s)])) as Record<Signal, () => void>;

function install(): void {
  for (const s of Object.keys(SIGNALS) as Signal[]) if (!process.listeners(s).includes(handlers[s])) process.on(s, handlers[s]);
}

let scopes = 0;
let before: Map<Signal, NodeJS.SignalsListener[]> | null = null;

/**
 * Runs `fn` (one relm run) so that the signal handlers it installs (the cleanups above, atomic-write.ts's)
 * are its own: once the last of the runs in progress has ended they are removed, and the process handles
 * signals as it did before. The binary exits after its run anyway; a test suite that calls run() many times
 * in one process keeps its own handling of Ctrl-C.
 */
export async function withSignalHandlersScoped<T>(fn: () => Promise<T>): Promise<T> {
  if (scopes++ === 0) before = new Map((Object.keys(SIGNALS) as Signal[]).map((s) => [s, process.listeners(s)]));
  try {
    return await fn();
  } finally {
    if (--scopes === 0 && before) {
      for (const [s, had] of before) for (const l of process.listeners(s)) if (!had.includes(l)) process.removeListener(s, l);
      before = null;
      note = '';
    }
  }
}

/**
 * Runs `cleanup` if relm is interrupted before the returned function is called. `cleanup` must be synchronous.
 */
export function onInterrupt(cleanup: () => void): () => void {
  install();
  const id = next++;
  cleanups.set(id, cleanup);
  return () => void cleanups.delete(id);
}

/** Takes over Ctrl-C, SIGTERM and SIGHUP for the rest of the command; `message` is what the one line adds. */
export function exitCleanlyOnInterrupt(message: string): void {
  install();
  note = message;
}

/**
 * Lets a Ctrl-C, SIGTERM or SIGHUP that arrived during a long synchronous step be handled now. A signal
 * reaches JavaScript only when the event loop turns: a command that reads, parses and merges without
 * waiting would otherwise notice it only after writing. Call it between steps, and last before writing.
 */
export function checkpoint(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
