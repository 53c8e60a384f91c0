import MarkdownIt from 'markdown-it';

let md: MarkdownIt | undefined;

/** markdown-it with raw HTML off: HTML in user text shows as text, never as markup. */
export function markdown(): MarkdownIt {
  md ??= new MarkdownIt({ html: false, linkify: false, typographer: false });
  return md;
}

/** Escapes what would turn user text into HTML in a Markdown file (markdown-it decodes the entities back to text). */
export function escapeHtmlInMarkdown(s: string): string {
  return s.replace(/&(?![#a-zA-Z0-9]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** User text for one line of Markdown (a table cell, a heading, a list item): no markup, no line breaks. */
export function escapeInline(s: string): string {
  return escapeHtmlInMarkdown(s)
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}
