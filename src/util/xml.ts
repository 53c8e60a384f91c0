/**
 * Escaping for XML and HTML, one module for every output. Two policies for the characters XML 1.0 forbids
 * even as references (controls, U+FFFE/U+FFFF, lone surrogates): JUnit drops them (xmlText, xmlAttr); SVG
 * shows them as U+FFFD and writes line breaks and tabs as references, so a chart embedded in Markdown never
 * holds a raw blank line (escapeXml).
 */

/** Characters XML 1.0 does not allow anywhere (lone surrogates included, thanks to the u flag). */
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};
const entity = (c: string) => ENTITIES[c]!;

/** Text content (JUnit): forbidden characters dropped, CR as a reference so parsers keep it. */
export function xmlText(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>"'\r]/g, entity);
}

/** An attribute value (JUnit); line breaks and tabs as character references so parsers keep them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/[\n\t]/g, entity);
}

/** Text safe in XML content and in double- or single-quoted attributes (SVG); forbidden characters as U+FFFD. */
export function escapeXml(s: string): string {
  return String(s)
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/[&<>"'\n\r\t]/g, entity);
}

/** Text in HTML content or a double-quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, entity);
}
