import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { readInside } from '../engagement/load.js';
import { EXIT_FINDINGS, EXIT_USAGE, RelmError } from '../errors.js';
import { TEMPLATES_DIR } from '../paths.js';
import { formatMoney, formatRounded, percent } from '../util/format.js';
import { codeSpan, escapeInline, escapeMarkdownBlock } from './markdown.js';
import { Handlebars, precompiled, type PartialCall, type TemplateKind } from './precompiled.js';
import { CHART_TOKEN, limitTemplates } from './render-limits.js';
import { CHART_NAMES } from './chart-names.js';
import { clip } from '../util/text.js';
import { pluralFigure } from './words.js';

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

/** Whether the engagement overrides the built-in template `name` (a path under templates/). */
export function isOverridden(name: string, src: TemplateSource): boolean {
  return !!src.engagementRoot && present(src.engagementRoot, posix.join('templates', name.split(sep).join('/')));
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
      const text = read.bytes.toString('utf8');
      const problem = templateShapeProblem(text);
      if (problem) throw new TemplateError(rel, problem.line, problem.col, problem.detail);
      return text;
    }
  }
  return readFileSync(join(TEMPLATES_DIR, name), 'utf8');
}

/**
 * The size a template may have before Handlebars parses it. Its parser takes time that grows faster than the
 * number of blocks (10,000 blocks: 10 s; 30,000 nested: hours), in one synchronous call that no signal and no
 * render limit can interrupt; so a template is measured first. The largest built-in template is 16 KB with 124
 * blocks nested 5 deep and 524 expressions: these bounds leave room for any real report.
 */
export const TEMPLATE_LIMITS = { maxBytes: 512 * 1024, maxExpressions: 20_000, maxBlocks: 2_000, maxDepth: 40 };

/**
 * Where a template exceeds TEMPLATE_LIMITS, found by a linear scan of its `{{` expressions (comments left
 * out): the first one past a bound, with what is wrong. Null when it is within them.
 */
export function templateShapeProblem(text: string, limits = TEMPLATE_LIMITS): { line: number; col: number; detail: string } | null {
  const at = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, col: offset - before.lastIndexOf('\n') };
  };
  if (Buffer.byteLength(text, 'utf8') > limits.maxBytes)
    return { line: 1, col: 1, detail: `the template is larger than ${limits.maxBytes / 1024} KB; split it into partials (templates/partials/)` };
  let expressions = 0;
  let blocks = 0;
  let depth = 0;
  const re = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*([#^/]?)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].startsWith('{{!')) continue;
    expressions++;
    if (expressions > limits.maxExpressions)
      return {
        ...at(m.index),
        detail: `the template holds more than ${limits.maxExpressions.toLocaleString('en-GB')} {{…}} expressions; split it into partials`,
      };
    if (m[1] === '#' || m[1] === '^') {
      blocks++;
      depth++;
      if (blocks > limits.maxBlocks)
        return { ...at(m.index), detail: `the template opens more than ${limits.maxBlocks.toLocaleString('en-GB')} blocks ({{#…}}); split it into partials` };
      if (depth > limits.maxDepth)
        return { ...at(m.index), detail: `blocks are nested more than ${limits.maxDepth} deep here; close the blocks ({{/…}}) that should end before it` };
    } else if (m[1] === '/') depth = Math.max(0, depth - 1);
  }
  return null;
}

function partialNames(dir: string): string[] {
  const p = join(dir, 'partials');
  return existsSync(p) ? readdirSync(p).filter((n) => n.endsWith('.hbs')) : [];
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

type Options = { data?: { root?: Record<string, unknown> }; loc?: { start: { line: number; column: number } } };

/** A helper's arguments without Handlebars' options object, which always comes last. */
function argsOf(args: unknown[]): { values: unknown[]; options: Options } {
  return { values: args.slice(0, -1), options: (args[args.length - 1] ?? {}) as Options };
}

const fixed = (v: unknown, digits: unknown) => (typeof v === 'number' ? v.toFixed(typeof digits === 'number' ? digits : 2) : '–');

/** Both numbers, or both texts (dates written YYYY-MM-DD compare as text): what lt and gt compare. */
function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

/** True as {{#if}} sees it: an empty list is false too. */
function truthy(v: unknown): boolean {
  return !!v && !(Array.isArray(v) && v.length === 0);
}

const DATE_STYLES: Record<string, Intl.DateTimeFormatOptions | null> = {
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  month: { month: 'long', year: 'numeric' },
  iso: null,
};
/** A DateTimeFormat is costly to build (more than formatting a date with it): one per style, made when first used. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date (YYYY-MM-DD, or the date of a date-time) as the documents write it: long (31 March 2026), short, month or iso. */
export function formatDate(v: unknown, style: unknown = 'long'): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return '–';
  const day = v.slice(0, 10);
  const key = typeof style === 'string' && Object.hasOwn(DATE_STYLES, style) ? style : 'long';
  const opts = DATE_STYLES[key];
  if (!opts) return day;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return '–';
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' })));
  return f.format(d);
}

/**
 * The helpers every template can use (the README lists them). User text goes through `text` (one line) or `md`
 * (Markdown blocks); the rest format numbers, dates and money, or compare.
 */
export const HELPERS: Record<string, (...args: unknown[]) => unknown> = {
  fixed,
  percent: (v: unknown) => (typeof v === 'number' ? percent(v) : '–'),
  text: (v: unknown) => (v === null || v === undefined ? '' : escapeInline(String(v))),
  md: (v: unknown) => (v === null || v === undefined ? '' : escapeMarkdownBlock(String(v).trim())),
  formatMoney: (...args: unknown[]) => {
    const { values, options } = argsOf(args);
    const [v, currency] = values;
    const fallback = options.data?.root?.currency;
    return typeof v === 'number' ? formatMoney(v, typeof currency === 'string' ? currency : typeof fallback === 'string' ? fallback : 'EUR') : '–';
  },
  formatDate: (...args: unknown[]) => {
    const { values } = argsOf(args);
    return formatDate(values[0], values[1]);
  },
  round: (v: unknown) => (typeof v === 'number' ? formatRounded(v) : '–'),
  // A chart goes in as a placeholder paragraph; the deliverable turns it into an image (Markdown) or inline SVG (HTML).
  chart: (...args: unknown[]) => {
    const { values, options } = argsOf(args);
    const name = values[0];
    if (typeof name !== 'string' || !CHART_NAMES.includes(name)) {
      // At the helper's place in the template (locate reads lineNumber and column, as Handlebars' own errors have them).
      const shown = typeof name === 'string' ? `"${clip(name, 60)}"` : String(name);
      const err = Object.assign(new Error(`there is no chart ${shown}; the charts are ${CHART_NAMES.join(', ')}`), {
        lineNumber: options.loc?.start.line ?? 1,
        column: options.loc?.start.column ?? 0,
      });
      throw err;
    }
    return `\n\n@@chart:${CHART_TOKEN}:${name}@@\n\n`;
  },
  code: (v: unknown) => (v === null || v === undefined ? '' : codeSpan(String(v))),
  firstline: (v: unknown) => (typeof v === 'string' ? v.split('\n')[0]!.trim() : ''),
  eq: (a: unknown, b: unknown) => a === b,
  lt: (a: unknown, b: unknown) => comparable(a, b) && (a as number) < (b as number),
  gt: (a: unknown, b: unknown) => comparable(a, b) && (a as number) > (b as number),
  and: (...args: unknown[]) => argsOf(args).values.every(truthy),
  or: (...args: unknown[]) => argsOf(args).values.some(truthy),
  not: (v: unknown) => !truthy(v),
  join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map((x) => escapeInline(String(x))).join(typeof sep === 'string' ? sep : ', ') : ''),
  inc: (v: unknown) => (typeof v === 'number' ? v + 1 : v),
  plural: (...args: unknown[]) => {
    const [n, noun, many] = argsOf(args).values;
    if (typeof noun !== 'string') return '';
    return pluralFigure(n, noun, typeof many === 'string' ? many : undefined);
  },
};
// The name the built-in templates have used for formatMoney.
HELPERS.money = HELPERS.formatMoney!;

// ---------------------------------------------------------------------------------------------------------
// Strict mode and template errors

interface PathNode {
  strict?: boolean;
}
interface CompilerClass {
  new (): unknown;
  prototype: Record<string, unknown> & { PathExpression(this: unknown, path: PathNode): unknown };
}

/**
 * Handlebars' strict mode checks `{{name}}` but lets a helper's arguments through: `{{#each nosuchlist}}` renders
 * nothing. This compiler checks every name a template uses, arguments included, so a misspelt field is an error
 * with its line rather than an empty section. (A field that may be missing is null in the data, never absent.)
 */
function useStrictCompiler(hb: TemplateEnv): void {
  const env = hb as unknown as { Compiler: CompilerClass };
  const Base = env.Compiler;
  function StrictCompiler(this: unknown) {}
  StrictCompiler.prototype = Object.create(Base.prototype) as CompilerClass['prototype'];
  StrictCompiler.prototype.compiler = StrictCompiler;
  StrictCompiler.prototype.PathExpression = function (this: unknown, path: PathNode) {
    path.strict = true;
    return Base.prototype.PathExpression.call(this, path);
  };
  env.Compiler = StrictCompiler as unknown as CompilerClass;
}

/** A template file as the user sees it: the engagement's override, or the built-in one. */
function shownName(name: string, src: TemplateSource): string {
  const rel = `templates/${name.split(sep).join('/')}`;
  return isOverridden(name, src) ? rel : `${rel} (built-in)`;
}

interface Located {
  line: number;
  col: number;
  message: string;
}

/** The line, column (1-based) and a readable message of an error Handlebars threw while compiling or running. */
function locate(err: unknown): Located {
  const e = err as { message?: string; lineNumber?: number; column?: number };
  const raw = String(e.message ?? err);
  const parse = /^(?:Parse|Lexical) error on line (\d+)[:.]/.exec(raw);
  if (parse) {
    // The parser says the line in its message, and keeps the offending token's position in its lexer.
    const loc = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer?.yylloc;
    const expecting = /\n(Expecting .*)$/.exec(raw)?.[1] ?? raw.split('\n')[0]!;
    const eof = /got 'EOF'$/.test(expecting) ? ' (a block {{#…}} or a mustache {{ is not closed)' : '';
    return { line: loc?.first_line ?? Number(parse[1]), col: (loc?.first_column ?? 0) + 1, message: `the template does not parse: ${expecting}${eof}` };
  }
  const text = raw.replace(/ - \d+:\d+$/, '');
  const missing = /^"(.+)" not defined in .*$/s.exec(text);
  const message = missing
    ? `"${missing[1]}" is neither in the data here nor a helper (inside {{#each}} or {{#with}} the data is the current entry: reach the fields around it with ../${missing[1]}; \`relm templates context\` lists the data)`
    : text;
  return { line: typeof e.lineNumber === 'number' ? e.lineNumber : 1, col: typeof e.column === 'number' ? e.column + 1 : 1, message };
}

/** An error in a template, at its file, line and column: exit 1, like any other finding in the user's files. */
export class TemplateError extends RelmError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly detail: string,
  ) {
    super(
      `${file}:${line}:${col} ${detail}`,
      EXIT_FINDINGS,
      file.endsWith('(built-in)')
        ? 'This is a fault in a built-in template: please report it, with the engagement if you can.'
        : 'Fix the template (`relm templates context` shows the data it receives; the README lists the helpers), or delete it to use the built-in one. Nothing was written.',
    );
  }
}

function templateError(file: string, err: unknown): TemplateError {
  if (err instanceof TemplateError) return err;
  if (err instanceof RelmError) throw err;
  if (err instanceof RangeError) return new TemplateError(file, 1, 1, `the template recurses without end (${err.message})`);
  const at = locate(err);
  return new TemplateError(file, at.line, at.col, at.message);
}

interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  name?: { type: string; original?: unknown };
  path?: { original?: unknown };
  params?: { value?: unknown }[];
  body?: AstNode[];
  program?: { body?: AstNode[] } | null;
  inverse?: { body?: AstNode[] } | null;
}

/** The partials a template names by a fixed name (`{{> name}}`), with where, and the inline partials it defines. */
function partialCalls(ast: AstNode): { calls: { name: string; line: number; col: number }[]; inline: Set<string> } {
  const calls: { name: string; line: number; col: number }[] = [];
  const inline = new Set<string>();
  const stack: AstNode[] = [ast];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'PartialStatement' && node.name?.type === 'PathExpression') {
      calls.push({ name: String(node.name.original), line: node.loc?.start.line ?? 1, col: (node.loc?.start.column ?? 0) + 1 });
    }
    if (node.type === 'DecoratorBlock' && node.path?.original === 'inline' && typeof node.params?.[0]?.value === 'string') inline.add(node.params[0].value);
    for (const child of [...(node.body ?? []), ...(node.program?.body ?? []), ...(node.inverse?.body ?? [])]) stack.push(child);
  }
  return { calls, inline };
}

/** How deep partials may include partials: deeper is a partial that includes itself. */
const MAX_PARTIAL_DEPTH = 32;

const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;
/** The HTML page templates: HTML-escaped, strict. */
const PAGE_OPTIONS = { strict: true } as const;
const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/**
 * An isolated Handlebars environment for Markdown output: no HTML escaping (Markdown is not HTML),
 * user text passes through `text` (inline) or `md` (blocks), strict lookups of every name, no prototype
 * access. Any error in a template (it does not parse, names a field or partial that does not exist, a partial
 * includes itself) is a TemplateError at the template's file, line and column.
 */
export function createEnvironment(src: TemplateSource = {}): { render: (name: string, context: object) => string } {
  const hb = Handlebars.create();
  useStrictCompiler(hb);
  hb.registerHelper(HELPERS);
  const names = new Set([...partialNames(TEMPLATES_DIR), ...(src.engagementRoot ? partialNames(join(src.engagementRoot, 'templates')) : [])]);
  const partials = new Set([...names].map((n) => n.replace(/\.hbs$/, '')));

  // Every partial is read now, used or not: one that cannot be used (a link out of the folder) is refused at once.
  const texts = new Map([...names].map((n) => [join('partials', n), readTemplate(join('partials', n), src)]));

  /** Parses and compiles a template, checking that the partials it names exist. */
  const compile = (name: string): { template: HandlebarsTemplateDelegate; calls: PartialCall[] } => {
    const file = shownName(name, src);
    const text = texts.get(name) ?? readTemplate(name, src);
    // A built-in template was compiled when relm was built, and its partials are built in.
    const built = precompiled(text, 'markdown');
    if (built) return { template: hb.template(built.spec), calls: built.calls };
    try {
      const ast = (hb as unknown as { parseWithoutProcessing(t: string): AstNode }).parseWithoutProcessing(text);
      const { calls, inline } = partialCalls(ast);
      for (const c of calls) {
        if (!partials.has(c.name) && !inline.has(c.name)) {
          throw new TemplateError(
            file,
            c.line,
            c.col,
            `the partial "${c.name}" does not exist${partials.size ? ` (partials: ${[...partials].sort().join(', ')})` : ''}; add templates/partials/${c.name}.hbs, or fix the name`,
          );
        }
      }
      return { template: hb.compile(text, { ...COMPILE_OPTIONS }), calls };
    } catch (err) {
      throw templateError(file, err);
    }
  };

  let depth = 0;
  for (const n of names) {
    const name = join('partials', n);
    const pname = n.replace(/\.hbs$/, '');
    let compiled: ReturnType<typeof compile> | undefined;
    // A partial runs as a function of ours, so that an error inside it names the partial's file.
    hb.registerPartial(pname, ((context: unknown, options: unknown) => {
      compiled ??= compile(name);
      if (++depth > MAX_PARTIAL_DEPTH) {
        depth = 0;
        // At the include that leads back: the partial itself if it names itself, else its first include.
        const call = compiled.calls.find((c) => c.name === pname) ?? compiled.calls[0];
        throw new TemplateError(
          shownName(name, src),
          call?.line ?? 1,
          call?.col ?? 1,
          `the partial "${pname}" includes itself${call && call.name !== pname ? ` through "${call.name}"` : ''} (partials nest more than ${MAX_PARTIAL_DEPTH} deep); remove the include that leads back to it`,
        );
      }
      try {
        return compiled.template(context, options as RuntimeOptions);
      } catch (err) {
        throw templateError(shownName(name, src), err);
      } finally {
        depth = Math.max(0, depth - 1);
      }
    }) as unknown as HandlebarsTemplateDelegate);
  }

  const cache = new Map<string, HandlebarsTemplateDelegate>();
  const limits = limitTemplates(hb, src.engagementRoot);
  return {
    render(name, context) {
      let t = cache.get(name);
      if (!t) {
        t = compile(name).template;
        cache.set(name, t);
      }
      try {
        limits.start(name);
        return limits.finish(t(context, RUNTIME_OPTIONS));
      } catch (err) {
        throw templateError(shownName(name, src), err);
      }
    },
  };
}

/**
 * An HTML page template (layout.html.hbs, slides.html.hbs): HTML-escaped, strict, in its own environment,
 * its errors at the template's file, line and column like the others'.
 */
export function renderPage(name: string, context: object, src: TemplateSource): string {
  const hb = Handlebars.create();
  useStrictCompiler(hb);
  const file = shownName(name, src);
  try {
    const text = readTemplate(name, src);
    const built = precompiled(text, 'page');
    return (built ? hb.template(built.spec) : hb.compile(text, { ...PAGE_OPTIONS }))(context, RUNTIME_OPTIONS);
  } catch (err) {
    throw templateError(file, err);
  }
}

/**
 * A template compiled as relm compiles it (the strict compiler, the kind's options), as the JavaScript source of
 * Handlebars' template specification, with the partials it calls: what the build keeps (scripts/precompile-templates.mjs).
 */
export function precompileSource(text: string, kind: TemplateKind): { source: string; calls: PartialCall[] } {
  const hb = Handlebars.create();
  useStrictCompiler(hb);
  const ast = (hb as unknown as { parseWithoutProcessing(t: string): AstNode }).parseWithoutProcessing(text);
  return { source: hb.precompile(text, { ...(kind === 'page' ? PAGE_OPTIONS : COMPILE_OPTIONS) }) as string, calls: partialCalls(ast).calls };
}
