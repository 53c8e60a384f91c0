/**
 * A small XML parser for tests of the SVG charts: Node has no DOMParser. It checks well-formedness
 * (balanced tags, one root, quoted unique attributes, no bare `<` or `&`) and returns the element tree
 * with unescaped text, so tests can find elements and read their text and attributes.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
  parent: XmlElement | null;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTR = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
  });
}

/** The root element; throws on the first well-formedness error. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const text = (s: string): void => {
    if (BAD_AMP.test(s)) throw new Error(`bare & in text: ${s}`);
    const top = stack[stack.length - 1];
    if (!top) {
      if (s.trim() !== '') throw new Error(`text outside the root: ${s}`);
      return;
    }
    if (s !== '') top.children.push(unescapeXml(s));
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      text(xml.slice(i));
      break;
    }
    text(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt) || xml.startsWith('<?', lt)) {
      const close = xml.startsWith('<!--', lt) ? '-->' : '?>';
      const end = xml.indexOf(close, lt);
      if (end === -1) throw new Error(`unclosed ${close}`);
      i = end + close.length;
      continue;
    }
    if (xml[lt + 1] === '/') {
      NAME.lastIndex = lt + 2;
      const m = NAME.exec(xml);
      if (!m) throw new Error(`bad end tag at ${lt}`);
      const gt = xml.indexOf('>', lt);
      if (gt === -1 || xml.slice(lt + 2 + m[0].length, gt).trim() !== '') throw new Error(`junk in end tag at ${lt}`);
      const open = stack.pop();
      if (open?.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name ?? 'nothing'}> at ${lt}`);
      i = gt + 1;
      continue;
    }
    NAME.lastIndex = lt + 1;
    const m = NAME.exec(xml);
    if (!m) throw new Error(`bad start tag at ${lt}: ${xml.slice(lt, lt + 20)}`);
    let p = lt + 1 + m[0].length;
    const attrs: Record<string, string> = {};
    for (;;) {
      ATTR.lastIndex = p;
      const a = ATTR.exec(xml);
      if (!a) break;
      const [, key, , dq, sq] = a;
      const value = dq ?? sq ?? '';
      if (key! in attrs) throw new Error(`duplicate attribute ${key} on <${m[0]}>`);
      if (BAD_AMP.test(value)) throw new Error(`bare & in attribute ${key}`);
      attrs[key!] = unescapeXml(value);
      p = ATTR.lastIndex;
    }
    const rest = /^\s*(\/?)>/.exec(xml.slice(p));
    if (!rest) throw new Error(`malformed tag <${m[0]}> at ${lt}: ${xml.slice(p, p + 30)}`);
    const parent = stack[stack.length - 1] ?? null;
    const node: XmlElement = { name: m[0], attrs, children: [], parent };
    if (parent) parent.children.push(node);
    else if (root) throw new Error('more than one root element');
    else root = node;
    if (rest[1] !== '/') stack.push(node);
    i = p + rest[0].length;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.map((e) => e.name).join('>, <')}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** The element and all its descendants, in document order. */
export function descendants(e: XmlElement): XmlElement[] {
  const out: XmlElement[] = [e];
  for (const c of e.children) if (typeof c !== 'string') out.push(...descendants(c));
  return out;
}

/** The text inside an element, all descendants' text joined. */
export function textContent(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

export function hasClass(e: XmlElement, cls: string): boolean {
  return (e.attrs.class ?? '').split(' ').includes(cls);
}

/** Elements of a name (and class) under root. */
export function find(root: XmlElement, name: string, cls?: string): XmlElement[] {
  return descendants(root).filter((e) => e.name === name && (cls === undefined || hasClass(e, cls)));
}

/** The nearest ancestor (or the element itself) with the class. */
export function closest(e: XmlElement, cls: string): XmlElement | null {
  for (let c: XmlElement | null = e; c; c = c.parent) if (hasClass(c, cls)) return c;
  return null;
}

/** An attribute as a number (NaN when absent). */
export function num(e: XmlElement | undefined, key: string): number {
  return Number(e?.attrs[key]);
}

/** The font size in effect on an element: its own or the nearest ancestor's. */
export function fontSize(e: XmlElement): number {
  for (let c: XmlElement | null = e; c; c = c.parent) if (c.attrs['font-size'] !== undefined) return Number(c.attrs['font-size']);
  return NaN;
}
