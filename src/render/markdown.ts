import { createRequire } from 'node:module';
import type MarkdownItType from 'markdown-it';
import { maxOf } from '../util/arrays.js';

// markdown-it's CommonJS build is one file; its ES module build is some 75, which take three times as long to load.
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItType;
type MarkdownIt = MarkdownItType;

let md: MarkdownIt | undefined;

/**
 * markdown-it with raw HTML off: HTML in user text shows as text, never as markup. An image that is not
 * embedded (`![x](https://…)` in a note) becomes a link to it: a document never loads anything from
 * elsewhere when it is opened (the HTML's Content-Security-Policy forbids it as well).
 */
export function markdown(): MarkdownIt {
  if (md) return md;
  md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const src = token.attrGet('src') ?? '';
    if (/^data:image\//i.test(src)) return image(tokens, idx, options, env, self);
    const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
    const title = token.attrGet('title');
    const esc = md!.utils.escapeHtml;
    return `<a class="remote-image" href="${esc(src)}"${title ? ` title="${esc(title)}"` : ''}>${esc(alt)}</a>`;
  };
  return md;
}

/** A code span for user text: a fence longer than any run of backticks inside, so nothing breaks out. */
export function codeSpan(s: string): string {
  const text = s.replace(/\r?\n/g, ' ');
  if (!text.trim()) return '';
  const longest = maxOf(
    (text.match(/`+/g) ?? []).map((r) => r.length),
    0,
  );
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** `&` that would start an entity (`&amp;`, `&#38;`): escaped, the text shows as typed; a lone `&` needs nothing. */
const ENTITY = /&(?=#?[a-zA-Z0-9]+;)/g;

/** `<` that would open an HTML tag, comment or autolink. */
const TAG = /<(?=[A-Za-z/!?])/g;

/**
 * User text for one line of Markdown (a table cell, a heading, a list item): Markdown's own backslash escapes
 * for every character that would become markup or HTML, so the text reads as typed in the .md file itself
 * (`Track & Trace`, not `Track &amp; Trace`) and in every renderer; no line breaks.
 */
export function escapeInline(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]|#<>~])/g, '\\$1')
    .replace(ENTITY, '\\&');
}

/** Line by line, the parts of Markdown outside code (fenced blocks and `code spans`), where markup applies. */
function outsideCode(s: string, fn: (text: string) => string): string {
  let fence: string | null = null;
  return s
    .split('\n')
    .map((line) => {
      const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = null;
        return line;
      }
      if (f) {
        fence = f[1]!;
        return line;
      }
      // Code spans: a run of backticks up to the same run; what lies between is left as written.
      return line.replace(/(`+)([\s\S]*?)\1(?!`)|([^`]+|`+)/g, (whole, ticks: string | undefined, _code, text: string | undefined) =>
        ticks ? whole : fn(text ?? whole),
      );
    })
    .join('\n');
}

/**
 * User Markdown (notes, descriptions) for a Markdown document: its formatting is kept, but raw HTML is escaped
 * the Markdown way (`\<b>`), outside code, so it shows as text in every viewer of the .md file too.
 */
export function escapeMarkdownBlock(s: string): string {
  return outsideCode(s, (text) => text.replace(TAG, '\\<'));
}
