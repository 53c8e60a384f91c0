import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { EXIT_FINDINGS, RelmError } from '../errors.js';
import { present } from '../io/fs-errors.js';

/**
 * Marks a chart's place in the Markdown a template renders. It is random for each run, so no text from the
 * engagement (a note holding a `@@chart:…@@` line) can ever stand for a chart.
 */
export const CHART_TOKEN = randomBytes(8).toString('hex');

/**
 * How much one template may produce and for how long it may run. A real report is well under a megabyte and
 * renders in milliseconds; a loop inside a loop inside a loop over large lists can ask for gigabytes and hours.
 */
export const RENDER_LIMITS = { maxChars: 32 * 1024 * 1024, maxMs: 20_000 };

type HelperOptions = { fn?: (...a: unknown[]) => string; inverse?: (...a: unknown[]) => string };

/**
 * Watches every helper call and block of a Handlebars environment (`each`, `if`, `with`, sections, custom
 * helpers): the text the blocks produce is counted, and the clock checked, as they run, so a runaway template
 * is stopped long before it exhausts memory, with an error naming the template. Returns the start and finish
 * of one render.
 */
export function limitTemplates(
  hb: typeof Handlebars,
  engagementRoot: string | undefined,
  limits = RENDER_LIMITS,
): { start(name: string): void; finish(output: string): string } {
  let name = '';
  let deadline = Infinity;
  let produced = 0;
  const label = () => {
    const own = engagementRoot && present(join(engagementRoot, 'templates', name));
    return own ? `templates/${name}` : `the built-in template ${name}`;
  };
  const stop = (why: string) =>
    new RelmError(
      `${label()} was stopped: ${why}`,
      EXIT_FINDINGS,
      'A loop inside a loop over long lists multiplies the output: check its {{#each}} blocks and the partials they include. Nothing was written.',
    );
  const tick = () => {
    if (performance.now() > deadline) throw stop(`it ran for more than ${limits.maxMs / 1000} s`);
  };
  const count = (s: unknown) => {
    if (typeof s === 'string') produced += s.length;
    if (produced > limits.maxChars)
      throw stop(`it produced more than ${(limits.maxChars / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB of text`);
  };
  const guard = <F extends (...a: unknown[]) => string>(fn: F): F =>
    Object.assign((...a: unknown[]) => {
      tick();
      const out = fn(...a);
      count(out);
      return out;
    }, fn);
  for (const [helperName, helper] of Object.entries(hb.helpers)) {
    const original = helper as (...a: unknown[]) => unknown;
    hb.registerHelper(helperName, function (this: unknown, ...args: unknown[]) {
      tick();
      const options = args[args.length - 1] as HelperOptions | undefined;
      if (options && typeof options === 'object' && (options.fn || options.inverse)) {
        args[args.length - 1] = { ...options, fn: options.fn && guard(options.fn), inverse: options.inverse && guard(options.inverse) };
      }
      return original.apply(this, args);
    });
  }
  return {
    start(template) {
      name = template;
      produced = 0;
      deadline = performance.now() + limits.maxMs;
    },
    finish(output) {
      produced = 0;
      count(output);
      deadline = Infinity;
      return output;
    },
  };
}
