import { readTemplate, renderPage } from './handlebars.js';
import { markdown } from './markdown.js';
import type { TemplateSource } from './handlebars.js';

export interface HtmlMeta {
  title: string;
  author: string;
  version: string;
  /** Which deliverable (report, plan, presentation, training): a class on the page for the stylesheet. */
  kind?: string;
  /** Branding: the logo as a data URI, and the primary colour (relm.yaml `branding`). */
  logo?: string | null;
  primaryColor?: string | null;
}

type PostProcess = (html: string) => string;

/**
 * What every HTML deliverable carries, whatever its layout template (an engagement's own included):
 * - a Content-Security-Policy that lets the page load nothing at all (no image, font, script or frame from
 *   anywhere; embedded `data:` images and the inline CSS only), so opening report.html never tells a server;
 * - CSS that breaks a word too long for the line (a 5,000-character URL) rather than let it run off the page.
 *   It comes first, so a template's own CSS can still override it.
 */
export const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
const HEAD = `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n<style>body{overflow-wrap:anywhere}pre,code{white-space:pre-wrap;overflow-wrap:anywhere}</style>\n`;

export function secureHead(html: string): string {
  const head = /<head(?:\s[^>]*)?>\n?/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + HEAD + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>\n?/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + HEAD + html.slice(at);
}

function layout(name: string, context: object, src: TemplateSource): string {
  return secureHead(renderPage(name, context, src));
}

/** An id for a heading: lower case, words joined by hyphens, unique within the document. */
function slugger() {
  const seen = new Map<string, number>();
  return (text: string) => {
    const base =
      text
        .replace(/<[^>]*>/g, '')
        .replace(/&[a-z#0-9]+;/gi, ' ')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'section';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}-${n + 1}` : base;
  };
}

/**
 * Gives a rendered document its print structure: the part before the first h2 becomes the cover, each h2
 * and h3 opens a section (so a heading stays with its content and a card can be kept on one page), headings
 * get ids, and a contents list of the h2 headings follows the cover. Works on any template's output.
 */
export function structure(body: string): { cover: string; toc: { id: string; text: string; plain: string }[]; body: string } {
  const slug = slugger();
  const first = body.search(/<h2[ >]/);
  const cover = first < 0 ? body : body.slice(0, first);
  const rest = first < 0 ? '' : body.slice(first);
  const toc: { id: string; text: string; plain: string }[] = [];
  const parts = rest.split(/(?=<h[23][ >])/);
  let out = '';
  let open2 = false;
  let open3 = false;
  for (const part of parts) {
    const m = /^<h([23])>([\s\S]*?)<\/h\1>/.exec(part);
    if (!m) {
      out += part;
      continue;
    }
    const level = m[1];
    const id = slug(m[2]!);
    const heading = `<h${level} id="${id}">${m[2]}</h${level}>`;
    if (level === '2') {
      if (open3) out += '</section>';
      if (open2) out += '</section>';
      open3 = false;
      open2 = true;
      toc.push({ id, text: m[2]!, plain: decodeEntities(m[2]!.replace(/<[^>]*>/g, '')) });
      const appendix = /^Appendix\b/.test(m[2]!.replace(/<[^>]*>/g, ''));
      out += `<section class="level2${appendix ? ' appendix' : ''}" aria-labelledby="${id}">${heading}${part.slice(m[0].length)}`;
    } else {
      if (open3) out += '</section>';
      open3 = true;
      out += `<section class="level3" aria-labelledby="${id}">${heading}${part.slice(m[0].length)}`;
    }
  }
  if (open3) out += '</section>';
  if (open2) out += '</section>';
  return { cover, toc, body: out };
}

/** The text of escaped HTML: the entities markdown-it writes, back to characters. */
export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);
}

/** The primary colour when it is a plain hex colour (#rgb or #rrggbb), else the default. */
function brandColor(c: string | null | undefined): string {
  return c && /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(c) ? c : '#1f5fa8';
}

/** A self-contained, print-friendly HTML page from Markdown: the CSS is inline and nothing is fetched. */
export function markdownToHtml(md: string, meta: HtmlMeta, src: TemplateSource = {}, post: PostProcess = (h) => h): string {
  const { cover, toc, body } = structure(post(markdown().render(md)));
  return layout(
    'layout.html.hbs',
    {
      ...meta,
      kind: meta.kind ?? 'document',
      logo: meta.logo ?? null,
      accent: brandColor(meta.primaryColor),
      style: readTemplate('style.css', src),
      cover,
      toc: toc.length >= 3 ? toc : [],
      body,
    },
    src,
  );
}

/** A 16:9 slide deck: the Markdown is split into slides at its horizontal rules (`---`). */
export function slidesToHtml(md: string, meta: HtmlMeta, src: TemplateSource = {}, post: PostProcess = (h) => h): string {
  const body = post(markdown().render(md));
  const slides = body
    .split(/<hr>\n?/)
    .map((s) => s.trim())
    .filter(Boolean);
  return layout(
    'slides.html.hbs',
    {
      ...meta,
      logo: meta.logo ?? null,
      accent: brandColor(meta.primaryColor),
      style: readTemplate('slides.css', src),
      slides: slides.map((html, i) => ({ html, number: i + 1, total: slides.length, title: i === 0 })),
    },
    src,
  );
}
