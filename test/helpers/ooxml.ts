/**
 * An independent reader of Office files for tests: fflate unzips, test/helpers/xml.ts parses (and checks
 * the well-formedness of) every part. Nothing here shares code with the writers.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { descendants, parseXml, textContent, type XmlElement } from './xml.js';

export interface Package {
  names: string[];
  bytes(name: string): Uint8Array;
  text(name: string): string;
  xml(name: string): XmlElement;
  has(name: string): boolean;
}

export function openPackage(pathOrBytes: string | Uint8Array): Package {
  const files = unzipSync(typeof pathOrBytes === 'string' ? new Uint8Array(readFileSync(pathOrBytes)) : pathOrBytes);
  const get = (n: string) => {
    const b = files[n];
    if (!b) throw new Error(`no part ${n} (parts: ${Object.keys(files).join(', ')})`);
    return b;
  };
  return {
    names: Object.keys(files),
    bytes: get,
    text: (n) => strFromU8(get(n)),
    xml: (n) => parseXml(strFromU8(get(n))),
    has: (n) => n in files,
  };
}

export function all(root: XmlElement, name: string): XmlElement[] {
  return descendants(root).filter((e) => e.name === name);
}

export function first(root: XmlElement, name: string): XmlElement | undefined {
  return descendants(root).find((e) => e.name === name);
}

/** The relationships of a part: id → target, resolved against the part's folder. */
export function relationships(pkg: Package, part: string): Map<string, { type: string; target: string }> {
  const slash = part.lastIndexOf('/');
  const rels = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const out = new Map<string, { type: string; target: string }>();
  if (!pkg.has(rels)) return out;
  for (const r of all(pkg.xml(rels), 'Relationship')) {
    const target = r.attrs.Target!;
    const parts = (target.startsWith('/') ? target.slice(1) : `${part.slice(0, slash + 1)}${target}`).split('/');
    const resolved: string[] = [];
    for (const p of parts) {
      if (p === '..') resolved.pop();
      else if (p !== '.') resolved.push(p);
    }
    out.set(r.attrs.Id!, { type: r.attrs.Type!.split('/').pop()!, target: resolved.join('/') });
  }
  return out;
}

/** A PowerPoint deck: its slides in presentation order, each with its title, texts, notes and parts. */
export function slides(pkg: Package) {
  const pres = pkg.xml('ppt/presentation.xml');
  const rels = relationships(pkg, 'ppt/presentation.xml');
  return all(pres, 'p:sldId').map((s) => {
    const part = rels.get(s.attrs['r:id']!)!.target;
    const xml = pkg.xml(part);
    const own = relationships(pkg, part);
    const shapes = all(xml, 'p:sp');
    const titleShape = shapes.find((sp) => all(sp, 'p:ph').some((ph) => ph.attrs.type === 'title' || ph.attrs.type === 'ctrTitle'));
    const notesPart = [...own.values()].find((r) => r.type === 'notesSlide')?.target;
    return {
      part,
      xml,
      rels: own,
      title: titleShape ? all(titleShape, 'a:t').map(textContent).join('') : null,
      text: all(xml, 'a:t').map(textContent).join(' '),
      notes: notesPart ? all(pkg.xml(notesPart), 'a:t').map(textContent).join('\n') : '',
    };
  });
}

export interface SheetCell {
  value: string | number | null;
  formula: string | null;
  type: string | null;
  style: number;
}

/** An Excel workbook's sheets by name, each cell by reference (A1), values resolved through the shared strings. */
export function workbook(pkg: Package) {
  const wb = pkg.xml('xl/workbook.xml');
  const rels = relationships(pkg, 'xl/workbook.xml');
  const shared = pkg.has('xl/sharedStrings.xml') ? all(pkg.xml('xl/sharedStrings.xml'), 'si').map((si) => all(si, 't').map(textContent).join('')) : [];
  const definedNames = new Map(all(wb, 'definedName').map((d) => [d.attrs.name!, textContent(d)]));
  const sheets = new Map<string, { part: string; xml: XmlElement; cells: Map<string, SheetCell> }>();
  for (const s of all(wb, 'sheet')) {
    const part = rels.get(s.attrs['r:id']!)!.target;
    const xml = pkg.xml(part);
    const cells = new Map<string, SheetCell>();
    for (const c of all(xml, 'c')) {
      const v = first(c, 'v');
      const f = first(c, 'f');
      const t = c.attrs.t ?? null;
      const raw = v ? textContent(v) : null;
      const value =
        raw === null
          ? t === 'inlineStr'
            ? all(c, 't').map(textContent).join('')
            : null
          : t === 's'
            ? shared[Number(raw)]!
            : t === 'str' || t === 'inlineStr' || t === 'e'
              ? raw
              : t === 'b'
                ? raw
                : Number(raw);
      cells.set(c.attrs.r!, { value, formula: f ? textContent(f) : null, type: t, style: Number(c.attrs.s ?? 0) });
    }
    sheets.set(s.attrs.name!, { part, xml, cells });
  }
  return { names: [...sheets.keys()], sheets, definedNames, styles: pkg.xml('xl/styles.xml') };
}

/** The number format code of a cell's style. */
export function numberFormat(styles: XmlElement, style: number): string {
  const xf = all(first(styles, 'cellXfs')!, 'xf')[style];
  const id = Number(xf?.attrs.numFmtId ?? 0);
  const custom = all(styles, 'numFmt').find((n) => Number(n.attrs.numFmtId) === id);
  const builtin: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%' };
  return custom?.attrs.formatCode ?? builtin[id] ?? `builtin:${id}`;
}

/** The body paragraphs of a Word document: style id and text. */
export function paragraphs(pkg: Package): { style: string | null; text: string }[] {
  const body = first(pkg.xml('word/document.xml'), 'w:body')!;
  return all(body, 'w:p').map((p) => ({ style: first(p, 'w:pStyle')?.attrs['w:val'] ?? null, text: all(p, 'w:t').map(textContent).join('') }));
}

/**
 * What makes Office offer to repair a file: a part that is not well-formed XML, a part without a content
 * type, or a relationship to a part that is not there. Returns the problems found (none: an empty list).
 */
export function packageProblems(pkg: Package): string[] {
  const problems: string[] = [];
  const types = pkg.xml('[Content_Types].xml');
  const defaults = new Set(all(types, 'Default').map((d) => d.attrs.Extension!.toLowerCase()));
  const overrides = new Set(all(types, 'Override').map((o) => o.attrs.PartName!.slice(1)));
  for (const n of pkg.names) {
    if (/\.(xml|rels)$/.test(n)) {
      try {
        pkg.xml(n);
      } catch (err) {
        problems.push(`${n}: ${(err as Error).message}`);
      }
    }
    if (n === '[Content_Types].xml') continue;
    const ext = n.split('.').pop()!.toLowerCase();
    if (!overrides.has(n) && !defaults.has(ext)) problems.push(`${n}: no content type`);
  }
  for (const o of overrides) if (!pkg.has(o)) problems.push(`[Content_Types].xml names a missing part ${o}`);
  for (const n of pkg.names.filter((x) => x.endsWith('.rels'))) {
    const source = n === '_rels/.rels' ? '' : n.replace(/_rels\/([^/]+)\.rels$/, '$1');
    const rels = all(pkg.xml(n), 'Relationship');
    for (const r of rels) {
      if (r.attrs.TargetMode === 'External') continue;
      const target = relationships(pkg, source || '_').get(r.attrs.Id!)?.target ?? r.attrs.Target!;
      const resolved = source ? target : r.attrs.Target!.replace(/^\//, '');
      if (!pkg.has(resolved)) problems.push(`${n}: ${r.attrs.Id} points to a missing part ${resolved}`);
    }
  }
  return problems;
}
