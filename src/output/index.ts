import { EXIT_USAGE, RelmError } from '../errors.js';
import { json } from './json.js';
import { stylish } from './stylish.js';
import { text } from './text.js';
import type { Formatter } from './types.js';

export const FORMATTERS = { stylish, text, json } satisfies Record<string, Formatter>;
export type FormatName = keyof typeof FORMATTERS;

export function formatterFor(name: string): Formatter {
  const f = (FORMATTERS as Record<string, Formatter>)[name];
  if (!f) throw new RelmError(`unknown format "${name}"`, EXIT_USAGE, `Choose one of: ${Object.keys(FORMATTERS).join(', ')}.`);
  return f;
}
