import { EXIT_USAGE, RelmError } from '../errors.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import { text } from './text.js';
import type { Formatter } from './types.js';

import type { FormatName } from './names.js';

export type { FormatName } from './names.js';

/** One formatter per file; adding a format is adding a file, its name in names.ts and a line here. */
export const FORMATTERS: Record<FormatName, Formatter> = { stylish, text, json, github, junit, sarif };

export function formatterFor(name: string): Formatter {
  const f = (FORMATTERS as Record<string, Formatter>)[name];
  if (!f) throw new RelmError(`unknown format "${name}"`, EXIT_USAGE, `Choose one of: ${Object.keys(FORMATTERS).join(', ')}.`);
  return f;
}
