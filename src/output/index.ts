import { EXIT_USAGE, RelmError } from '../errors.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { text } from './text.js';
import type { Formatter } from './types.js';

/** One formatter per file; adding a format is adding a file and a line here. */
export const FORMATTERS = { stylish, text, json, github, junit, sarif } satisfies Record<string, Formatter>;
export type FormatName = keyof typeof FORMATTERS;

export function formatterFor(name: string): Formatter {
  const f = (FORMATTERS as Record<string, Formatter>)[name];
  if (!f) throw new RelmError(`unknown format "${name}"`, EXIT_USAGE, `Choose one of: ${Object.keys(FORMATTERS).join(', ')}.`);
  return f;
}
