import { Chalk, type ChalkInstance } from 'chalk';
import { supportsColor, supportsColorStderr } from 'chalk';
import { terminalSafe } from '../output/printable.js';
import type { RunContext } from './run-context.js';

/**
 * Colour for a stream of the run: FORCE_COLOR wins, then NO_COLOR (no-color.org: set and not empty), then
 * whether the stream is a colour terminal.
 */
export function colorsFor(ctx: RunContext, stream: 'stdout' | 'stderr'): ChalkInstance {
  const env = ctx.env;
  let level: 0 | 1 | 2 | 3;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== 'false' && env.FORCE_COLOR !== '0') {
    level = Math.min(Number.parseInt(env.FORCE_COLOR, 10) || 1, 3) as 1 | 2 | 3;
  } else if (env.FORCE_COLOR === 'false' || env.FORCE_COLOR === '0' || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) {
    level = 0;
  } else if (ctx[stream].isTTY !== true && env.FORCE_COLOR === undefined && !(env.TF_BUILD !== undefined && env.AGENT_NAME !== undefined)) {
    // What chalk decides for a stream that is not a terminal, asked of the run's stream (chalk looked once,
    // at start-up, at the process's).
    level = 0;
  } else {
    const s = stream === 'stdout' ? supportsColor : supportsColorStderr;
    level = s ? s.level : 0;
  }
  return new Chalk({ level });
}

/** Prints to the run's stdout, a line break at the end, through the terminal sanitiser (output/printable.ts terminalSafe). */
export function writeOut(ctx: RunContext, text: string): void {
  const safe = terminalSafe(text, colorsFor(ctx, 'stdout').level > 0);
  ctx.stdout.write(safe.endsWith('\n') || safe === '' ? safe : safe + '\n');
}

/** Prints to the run's stderr, as writeOut does. */
export function writeErr(ctx: RunContext, text: string): void {
  const safe = terminalSafe(text, colorsFor(ctx, 'stderr').level > 0);
  ctx.stderr.write(safe.endsWith('\n') || safe === '' ? safe : safe + '\n');
}
