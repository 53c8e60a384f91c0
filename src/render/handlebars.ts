import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import Handlebars from 'handlebars';
import { readInside } from '../engagement/load.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { TEMPLATES_DIR } from '../paths.js';
import { formatMoney } from '../util/format.js';
import { escapeHtmlInMarkdown, escapeInline } from './markdown.js';

export type TemplateEnv = typeof Handlebars;

/** Where templates come from: the engagement's templates/ first (by name), then the built-ins. */
export interface TemplateSource {
  engagementRoot?: string;
}

/** Whether the engagement has an entry at `rel`: a file, a folder or a link, even a broken one. */
function present(root: string, rel: string): boolean {
  try {
    lstatSync(join(root, rel));
    return true;
  } catch {
    return false;
  }
}

/**
 * A template's text: the engagement's templates/<name> when it exists, else the built-in one. An override
 * that cannot be used (a link out of the folder, a folder) is an error rather than silently skipped, and its
 * content is never read, so never shown.
 */
export function readTemplate(name: string, src: TemplateSource): string {
  if (src.engagementRoot) {
    const rel = posix.join('templates', name.split(sep).join('/'));
    if (present(src.engagementRoot, rel)) {
      const read = readInside(src.engagementRoot, rel);
      if (!read.ok) {
        const builtin = existsSync(join(TEMPLATES_DIR, name));
        throw new RelmError(
          `the engagement template ${rel} cannot be used: ${read.reason}`,
          EXIT_USAGE,
          builtin
            ? `Replace it with a file inside the engagement folder (\`relm templates eject --force ${name.split(sep).join('/')}\` puts a copy of the built-in one there), or delete it to use the built-in template.`
            : 'Replace it with a file inside the engagement folder, or delete it.',
        );
      }
      return read.bytes.toString('utf8');
    }
  }
  return readFileSync(join(TEMPLATES_DIR, name), 'utf8');
}

function partialNames(dir: string): string[] {
  const p = join(dir, 'partials');
  return existsSync(p) ? readdirSync(p).filter((n) => n.endsWith('.hbs')) : [];
}

const fixed = (v: unknown, digits: unknown) => (typeof v === 'number' ? v.toFixed(typeof digits === 'number' ? digits : 2) : '–');

/**
 * An isolated Handlebars environment for Markdown output: no HTML escaping (Markdown is not HTML),
 * user text passes through `text` (inline) or `md` (blocks), strict lookups, no prototype access.
 */
export function createEnvironment(src: TemplateSource = {}): { render: (name: string, context: object) => string } {
  const hb = Handlebars.create();
  hb.registerHelper({
    fixed,
    percent: (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : '–'),
    text: (v: unknown) => (v === null || v === undefined ? '' : escapeInline(String(v))),
    md: (v: unknown) => (v === null || v === undefined ? '' : escapeHtmlInMarkdown(String(v).trim())),
    money: (v: unknown, currency: unknown) =>
      typeof v === 'number' ? formatMoney(v, typeof currency === 'string' ? currency : 'EUR') : '–',
    round: (v: unknown) => (typeof v === 'number' ? new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(v) : '–'),
    // A chart goes in as a placeholder paragraph; the deliverable turns it into an image (Markdown) or inline SVG (HTML).
    chart: (name: unknown) => `\n\n@@chart:${String(name)}@@\n\n`,
    firstline: (v: unknown) => (typeof v === 'string' ? v.split('\n')[0]!.trim() : ''),
    eq: (a: unknown, b: unknown) => a === b,
    gt: (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && a > b,
    lt: (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && a < b,
    join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map((x) => escapeInline(String(x))).join(typeof sep === 'string' ? sep : ', ') : ''),
    inc: (v: unknown) => (typeof v === 'number' ? v + 1 : v),
    or: (...args: unknown[]) => args.slice(0, -1).find(Boolean) ?? args[args.length - 2],
  });
  const names = new Set([...partialNames(TEMPLATES_DIR), ...(src.engagementRoot ? partialNames(join(src.engagementRoot, 'templates')) : [])]);
  for (const n of names) hb.registerPartial(n.replace(/\.hbs$/, ''), readTemplate(join('partials', n), src));
  const cache = new Map<string, HandlebarsTemplateDelegate>();
  return {
    render(name, context) {
      let t = cache.get(name);
      if (!t) {
        t = hb.compile(readTemplate(name, src), { strict: true, noEscape: true });
        cache.set(name, t);
      }
      return t(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    },
  };
}
