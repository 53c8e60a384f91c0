import { readFileSync } from 'node:fs';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { stdinIsTTY } from './run-scope.js';

/** `-` in place of a file name: standard input, as in cat, eslint --stdin and jq. */
export const STDIN = '-';

/** Reads all of standard input; refuses a terminal, where a read would wait for typing. */
export function readStdin(what: string, example: string): Buffer {
  if (stdinIsTTY())
    throw new RelmError(`${what} "-" is standard input, which is a terminal here`, EXIT_USAGE, `Pipe the file in, e.g. ${example}, or name the file.`);
  try {
    return readFileSync(0);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // EAGAIN: a non-blocking stdin with nothing written yet; EOF: none at all.
    if (code === 'EAGAIN' || code === 'EOF') return Buffer.alloc(0);
    throw err;
  }
}
