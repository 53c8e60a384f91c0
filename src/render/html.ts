import Handlebars from 'handlebars';
import { readTemplate } from './handlebars.js';
import { markdown } from './markdown.js';
import type { TemplateSource } from './handlebars.js';

export interface HtmlMeta {
  title: string;
  author: string;
  version: string;
}

type PostProcess = (html: string) => string;

function layout(name: string, context: object, src: TemplateSource): string {
  const hb = Handlebars.create();
  return hb.compile(readTemplate(name, src), { strict: true })(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}

/** A self-contained, print-friendly HTML page from Markdown: the CSS is inline and nothing is fetched. */
export function markdownToHtml(md: string, meta: HtmlMeta, src: TemplateSource = {}, post: PostProcess = (h) => h): string {
  return layout('layout.html.hbs', { ...meta, style: readTemplate('style.css', src), body: post(markdown().render(md)) }, src);
}

/** A 16:9 slide deck: the Markdown is split into slides at its horizontal rules (`---`). */
export function slidesToHtml(md: string, meta: HtmlMeta, src: TemplateSource = {}, post: PostProcess = (h) => h): string {
  const body = post(markdown().render(md));
  const slides = body
    .split(/<hr>\n?/)
    .map((s) => s.trim())
    .filter(Boolean);
  return layout('slides.html.hbs', { ...meta, style: readTemplate('slides.css', src), slides: slides.map((html, i) => ({ html, number: i + 1, total: slides.length })) }, src);
}
