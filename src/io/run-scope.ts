import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The working folder and environment of the relm run in progress, for the few library functions below the
 * commands that need them without being handed them: a path in an error message is shown relative to the
 * run's working folder (fs-errors.ts `shown`), the lock's wait comes from RELM_LOCK_WAIT_MS. A command
 * gets both from its RunContext (cli/run-context.ts); `run(argv, io)` opens this scope around the command,
 * so runs in one process (the test suite's) each see their own, at the same time, without touching the
 * process's. Outside any run (a library call, a unit test) it is the process's own.
 */
export interface RunScope {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard input is a terminal (io/stdin.ts refuses to wait for typing). */
  readonly stdinIsTTY: boolean;
}

const scope = new AsyncLocalStorage<RunScope>();

/** Runs `fn` with `s` as the run scope of everything it calls, awaited work included. */
export function withRunScope<T>(s: RunScope, fn: () => T): T {
  return scope.run(s, fn);
}

/** The working folder of the run in progress (the process's outside a run). */
export function workingFolder(): string {
  return scope.getStore()?.cwd ?? process.cwd();
}

/** Whether the run's standard input is a terminal (the process's outside a run). */
export function stdinIsTTY(): boolean {
  const s = scope.getStore();
  return s ? s.stdinIsTTY : process.stdin.isTTY === true;
}

/** The environment of the run in progress (the process's outside a run). */
export function environment(): Readonly<Record<string, string | undefined>> {
  return scope.getStore()?.env ?? process.env;
}
