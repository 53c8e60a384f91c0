import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type HandlebarsType from 'handlebars';

/**
 * Handlebars templates compiled at build time. scripts/precompile-templates.mjs compiles every built-in
 * template (templates/*.hbs, templates/partials/*.hbs) the way handlebars.ts compiles it (precompileSource) into
 * a file of its own, dist/render/templates/<key>.cjs, named by a hash of its kind and text. At run time a
 * template whose text is that of a built-in one is loaded from there, when first used (a run loads only the
 * templates of the deliverables it writes); any other text (a user's own template in the engagement's
 * templates/, or a built-in edited since the build) is compiled as before.
 */

const require = createRequire(import.meta.url);

/** Handlebars, from its one-file build: the package's entry point loads some 30 files, three times slower. */
export const Handlebars = require('handlebars/dist/handlebars.js') as typeof HandlebarsType;

/** How a template is compiled: a Markdown deliverable or partial, or an HTML page (layout.html.hbs, slides.html.hbs). */
export type TemplateKind = 'markdown' | 'page';

/** The kind of a built-in template, by its file name. */
export function kindOf(file: string): TemplateKind {
  return file.endsWith('.html.hbs') ? 'page' : 'markdown';
}

/** A partial call in a template, where it is (for error messages). */
export interface PartialCall {
  name: string;
  line: number;
  col: number;
}

/** A template compiled at build time: Handlebars' template specification, and the partials it calls. */
export interface Precompiled {
  spec: TemplateSpecification;
  calls: PartialCall[];
}

/** The key of a template: its kind and text, hashed. */
export function templateKey(text: string, kind: TemplateKind): string {
  return createHash('sha256').update(kind).update('\u0000').update(text).digest('base64url');
}

/** The build's compilation of this text, if it is a built-in template's (none when running from source). */
export function precompiled(text: string, kind: TemplateKind): Precompiled | undefined {
  const file = fileURLToPath(new URL(`./templates/${templateKey(text, kind)}.cjs`, import.meta.url));
  return existsSync(file) ? (require(file) as Precompiled) : undefined;
}
