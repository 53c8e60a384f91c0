import Handlebars from 'handlebars';
import { readTemplate as readTemplateText } from './handlebars.js';
import { markdown } from './markdown.js';
import type { TemplateSource } from './handlebars.js';

export interface HtmlMeta {
  title: string;
  author: string;
  version: string;
}

/** A self-contained, print-friendly HTML page from Markdown: the CSS is inline and nothing is fetched. */
export function markdownToHtml(md: string, meta: HtmlMeta, src: TemplateSource = {}): string {
  const hb = Handlebars.create();
  const layout = hb.compile(readTemplateText('layout.html.hbs', src), { strict: true });
  return layout(
    { ...meta, style: readTemplateText('style.css', src), body: markdown().render(md) },
    { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false },
  );
}
