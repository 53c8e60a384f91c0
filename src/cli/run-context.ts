/** A stream a run writes to: only `write` is used (and `isTTY`, which decides colour, progress lines and prompts). */
export interface RunStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A stream whose write returned false (a pipe whose reader is behind) says 'drain' when it takes more. */
  once?(event: 'drain', listener: () => void): unknown;
}

/** Resolves when a stream that refused more (write returned false) takes more; at once for one that cannot say. */
export function drained(stream: RunStream): Promise<void> {
  return new Promise((resolve) => (stream.once ? stream.once('drain', () => resolve()) : resolve()));
}

/**
 * What a caller hands `run(argv, io)`: the run's output streams, whether its stdin is a terminal, its working
 * folder and environment, and its clock. The binary (bin/relm) hands it the process's own; a test hands it
 * strings to collect and a folder of its own. stdin defaults to no terminal, the clock to the system's.
 */
export interface RunIO {
  stdout: RunStream;
  stderr: RunStream;
  stdin?: { isTTY?: boolean };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
}

/**
 * What every command receives in place of the process: the streams it prints to, its stdin's terminal flag,
 * its working folder and environment, today's clock, and the exit code it leaves (0 unless it sets one).
 * Nothing under src/ outside bin/ reads `process` (test/architecture/process-globals.test.ts).
 */
export interface RunContext {
  readonly stdout: RunStream;
  readonly stderr: RunStream;
  readonly stdin: { readonly isTTY: boolean };
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  now(): Date;
  exitCode: number;
}

export function runContext(io: RunIO): RunContext {
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: { isTTY: io.stdin?.isTTY === true },
    cwd: io.cwd,
    env: io.env,
    now: io.now ?? (() => new Date()),
    exitCode: 0,
  };
}
