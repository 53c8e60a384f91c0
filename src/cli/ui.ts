import { Chalk, type ChalkInstance } from 'chalk';
import { supportsColor, supportsColorStderr } from 'chalk';
import { terminalSafe } from '../output/printable.js';

/**
 * Colour for a stream: FORCE_COLOR wins, then NO_COLOR (no-color.org: set and not empty), then whether
 * the stream is a colour terminal.
 */
export function colorsFor(stream: 'stdout' | 'stderr'): ChalkInstance {
  const env = process.env;
  let level: 0 | 1 | 2 | 3;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== 'false' && env.FORCE_COLOR !== '0') {
    level = Math.min(Number.parseInt(env.FORCE_COLOR, 10) || 1, 3) as 1 | 2 | 3;
  } else if (env.FORCE_COLOR === 'false' || env.FORCE_COLOR === '0' || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) {
    level = 0;
  } else if (process[stream].isTTY !== true && env.FORCE_COLOR === undefined && !(env.TF_BUILD !== undefined && env.AGENT_NAME !== undefined)) {
    // What chalk decides for a stream that is not a terminal, asked of the stream as it is now (an
    // in-process run gives the process streams of its own; chalk looked once, at start-up).
    level = 0;
  } else {
    const s = stream === 'stdout' ? supportsColor : supportsColorStderr;
    level = s ? s.level : 0;
  }
  return new Chalk({ level });
}

/** Prints to stdout, a line break at the end, through the terminal sanitiser (output/printable.ts terminalSafe). */
export function writeOut(text: string): void {
  const safe = terminalSafe(text, colorsFor('stdout').level > 0);
  process.stdout.write(safe.endsWith('\n') || safe === '' ? safe : safe + '\n');
}

/** Prints to stderr, as writeOut does. */
export function writeErr(text: string): void {
  const safe = terminalSafe(text, colorsFor('stderr').level > 0);
  process.stderr.write(safe.endsWith('\n') || safe === '' ? safe : safe + '\n');
}
