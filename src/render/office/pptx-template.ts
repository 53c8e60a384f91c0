/**
 * A user's own PowerPoint template (templates/presentation.pptx in the engagement): relm's slides are moved
 * into it, so they take its slide masters, layouts, theme (colours, fonts), backgrounds and logos.
 *
 * - Every slide of relm's deck is placed on one of the template's layouts: the first (title) slide on the
 *   layout of type "Title Slide", the others on "Title Only" (else "Title and Content", else the first layout
 *   with a title). The slide titles are title placeholders, so they take the layout's position and style.
 * - The slide size is the template's; relm lays the body out under the content layout's title.
 * - The template's own slides, if any, are dropped; its masters, layouts, theme, media and notes master stay.
 */
import { EXIT_USAGE, RelmError } from '../../errors.js';
import { PackageProblem, readUserPackage } from './user-package.js';
import { normalisePackage, readPackage } from './zip.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where relm places things on a slide, in inches. */
export interface Geometry {
  width: number;
  height: number;
  title: Box;
  body: Box;
  footerY: number;
  /** Where the title slide's layout puts its title (a template's), when known. */
  cover?: Box;
}

const EMU = 914_400;
const decoder = new TextDecoder();
const text = (b: Uint8Array | undefined) => (b ? decoder.decode(b) : '');

function fail(why: string): never {
  throw new RelmError(
    `templates/presentation.pptx cannot be used: ${why}`,
    EXIT_USAGE,
    'Save the template from PowerPoint as a .pptx (File › Save As › PowerPoint Presentation), or delete it to use the built-in look.',
  );
}

/** The template's parts: bounded, only those its relationships reach, no external links (user-package.ts). */
async function open(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  try {
    return await readUserPackage(bytes);
  } catch (err) {
    if (err instanceof PackageProblem) fail(err.message);
    throw err;
  }
}

interface Layout {
  path: string;
  type: string | null;
  name: string;
  xml: string;
}

function layoutsOf(parts: Map<string, Uint8Array>): Layout[] {
  return [...parts.keys()]
    .filter((p) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(p))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1] ?? 0) - Number(/(\d+)\.xml$/.exec(b)?.[1] ?? 0))
    .map((path) => {
      const xml = text(parts.get(path));
      return { path, xml, type: /<p:sldLayout\b[^>]*\btype="([^"]+)"/.exec(xml)?.[1] ?? null, name: /<p:cSld\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1] ?? '' };
    });
}

const hasTitle = (l: Layout) => /<p:ph\b[^>]*type="(?:title|ctrTitle)"/.test(l.xml);

function chooseLayouts(layouts: readonly Layout[]): { title: Layout; content: Layout } {
  if (!layouts.length) fail('it has no slide layouts');
  const by = (pred: (l: Layout) => boolean) => layouts.find(pred);
  const title = by((l) => l.type === 'title') ?? by((l) => /title slide/i.test(l.name)) ?? by(hasTitle) ?? layouts[0]!;
  const content =
    by((l) => l.type === 'titleOnly') ?? by((l) => /title only/i.test(l.name)) ?? by((l) => l.type === 'obj') ?? by((l) => l !== title && hasTitle(l)) ?? title;
  return { title, content };
}

/** The position of the title placeholder in a layout or master part, in EMU, when it states one. */
function titleFrame(xml: string): { x: number; y: number; w: number; h: number } | null {
  const sps = xml.split(/<p:sp>/).slice(1);
  for (const sp of sps) {
    if (!/<p:ph\b[^>]*type="(?:title|ctrTitle)"/.test(sp)) continue;
    const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>/.exec(sp);
    const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(sp);
    if (off && ext) return { x: Number(off[1]), y: Number(off[2]), w: Number(ext[1]), h: Number(ext[2]) };
  }
  return null;
}

function relsOf(parts: Map<string, Uint8Array>, path: string): string {
  const i = path.lastIndexOf('/');
  return text(parts.get(`${path.slice(0, i)}/_rels/${path.slice(i + 1)}.rels`));
}

/** The template's slide size and where its content layout puts the title; the body goes under it. */
export async function templateGeometry(bytes: Uint8Array): Promise<Geometry> {
  const parts = await open(bytes);
  const pres = text(parts.get('ppt/presentation.xml'));
  if (!pres) fail('it has no ppt/presentation.xml (is it a PowerPoint file?)');
  const size = /<p:sldSz\b[^>]*\bcx="(\d+)"[^>]*\bcy="(\d+)"/.exec(pres);
  const width = size ? Number(size[1]) / EMU : 13.333;
  const height = size ? Number(size[2]) / EMU : 7.5;
  const { content, title: coverLayout } = chooseLayouts(layoutsOf(parts));
  const frameOf = (l: Layout) => {
    const masterPath = /Target="\.\.\/slideMasters\/([^"]+)"/.exec(relsOf(parts, l.path))?.[1];
    return titleFrame(l.xml) ?? (masterPath ? titleFrame(text(parts.get(`ppt/slideMasters/${masterPath}`))) : null);
  };
  const frame = frameOf(content);
  const coverFrame = frameOf(coverLayout);
  const margin = width * 0.045;
  const title = frame
    ? { x: frame.x / EMU, y: frame.y / EMU, w: frame.w / EMU, h: frame.h / EMU }
    : { x: margin, y: height * 0.05, w: width - 2 * margin, h: height * 0.13 };
  const top = title.y + title.h + 0.15;
  const footerY = height - 0.5;
  const cover = coverFrame ? { x: coverFrame.x / EMU, y: coverFrame.y / EMU, w: coverFrame.w / EMU, h: coverFrame.h / EMU } : undefined;
  return { width, height, title, body: { x: title.x, y: top, w: title.w, h: Math.max(1, footerY - 0.1 - top) }, footerY, ...(cover ? { cover } : {}) };
}

const REL_SLIDE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide';
const REL_NOTES_MASTER = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster';

/**
 * A slide's title placeholder without relm's own position, font, size and colour, so the template's layout
 * decides how titles look; a title longer than the layout's box shrinks to fit it.
 */
export function inheritTitle(xml: string): string {
  return xml.replace(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<p:ph\b[^>]*type="title"[\s\S]*?<\/p:sp>/g, (sp) =>
    sp
      .replace(/<p:ph\b[^>]*\/>/, '<p:ph type="title"/>')
      .replace(/<p:spPr>[\s\S]*?<\/p:spPr>/, '<p:spPr/>')
      .replace(/<a:bodyPr\b[^>]*>[\s\S]*?<\/a:bodyPr>|<a:bodyPr\b[^>]*\/>/, '<a:bodyPr><a:normAutofit/></a:bodyPr>')
      .replace(/<a:pPr\b[^>]*>[\s\S]*?<\/a:pPr>|<a:pPr\b[^>]*\/>/g, '')
      .replace(/<a:rPr\b[^>]*>[\s\S]*?<\/a:rPr>|<a:rPr\b[^>]*\/>/g, '<a:rPr lang="en-GB" dirty="0"/>')
      .replace(/<a:endParaRPr\b[^>]*\/>/g, ''),
  );
}

const ownedByDeck = (p: string) => /^ppt\/(slides|notesSlides|charts|embeddings)\//.test(p);

/**
 * Moves the slides of `deck` (relm's own .pptx) into `template`: the template's layouts, masters and theme,
 * relm's slides, notes, charts and media, relm's document properties. Returns the new package.
 */
export async function applyTemplate(deck: Uint8Array, template: Uint8Array, date: Date): Promise<Uint8Array> {
  const d = await readPackage(deck);
  const t = await open(template);
  const { title, content } = chooseLayouts(layoutsOf(t));
  const out = new Map<string, Uint8Array | string>();
  for (const [p, b] of t) if (!ownedByDeck(p)) out.set(p, b);

  // relm's media under names of their own, so they never overwrite the template's.
  const rename = new Map<string, string>();
  for (const p of d.keys()) if (p.startsWith('ppt/media/')) rename.set(p, `ppt/media/relm-${p.slice('ppt/media/'.length)}`);
  const retarget = (rels: string) => rels.replace(/Target="\.\.\/media\/([^"]+)"/g, (_, f: string) => `Target="../media/relm-${f}"`);

  // The notes master: the template's when it has one, else relm's with its theme under a free name.
  const tNotes = [...t.keys()].find((p) => /^ppt\/notesMasters\/[^/]+\.xml$/.test(p)) ?? null;
  let notesMaster = tNotes;
  const contentTypes: string[] = [];
  if (!tNotes && d.has('ppt/notesMasters/notesMaster1.xml')) {
    notesMaster = 'ppt/notesMasters/notesMaster1.xml';
    let n = 1;
    while (t.has(`ppt/theme/theme${n}.xml`)) n++;
    const rels = text(d.get('ppt/notesMasters/_rels/notesMaster1.xml.rels'));
    const themeRef = /Target="\.\.\/theme\/([^"]+)"/.exec(rels)?.[1];
    if (themeRef) out.set(`ppt/theme/theme${n}.xml`, d.get(`ppt/theme/${themeRef}`)!);
    out.set('ppt/notesMasters/notesMaster1.xml', d.get('ppt/notesMasters/notesMaster1.xml')!);
    out.set('ppt/notesMasters/_rels/notesMaster1.xml.rels', rels.replace(/Target="\.\.\/theme\/[^"]+"/, `Target="../theme/theme${n}.xml"`));
    contentTypes.push(`<Override PartName="/ppt/theme/theme${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>`);
    contentTypes.push(
      '<Override PartName="/ppt/notesMasters/notesMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"/>',
    );
  }
  const notesTarget = notesMaster ? `../notesMasters/${notesMaster.split('/').pop()}` : null;

  const slides = [...d.keys()]
    .filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const layoutTarget = (l: { path: string }) => `../slideLayouts/${l.path.split('/').pop()}`;
  for (const [p, b] of d) {
    if (rename.has(p)) {
      out.set(rename.get(p)!, b);
      continue;
    }
    if (!ownedByDeck(p)) continue;
    if (/^ppt\/slides\/slide\d+\.xml$/.test(p)) {
      out.set(p, inheritTitle(text(b)));
      continue;
    }
    let s = /\.rels$/.test(p) ? text(b) : null;
    if (s !== null) {
      s = retarget(s);
      const slide = /^ppt\/slides\/_rels\/(slide\d+\.xml)\.rels$/.exec(p)?.[1];
      if (slide) s = s.replace(/Target="\.\.\/slideLayouts\/[^"]+"/, `Target="${layoutTarget(slide === slides[0]!.split('/').pop() ? title : content)}"`);
      if (notesTarget) s = s.replace(/Target="\.\.\/notesMasters\/[^"]+"/, `Target="${notesTarget}"`);
      out.set(p, s);
    } else out.set(p, b);
  }
  // relm's slides keep no layout-specific shapes of relm's: their title placeholder follows the template.

  // presentation.xml and its relationships: relm's slides in order; no stale sections or custom shows.
  let pres = text(t.get('ppt/presentation.xml'));
  let presRels = text(t.get('ppt/_rels/presentation.xml.rels'));
  presRels = presRels.replace(new RegExp(`<Relationship\\b[^>]*Type="${REL_SLIDE}"[^>]*/>`, 'g'), '');
  const ids = slides.map((s, i) => ({ rid: `rIdRelm${i + 1}`, target: s.slice('ppt/'.length) }));
  const add = ids.map((x) => `<Relationship Id="${x.rid}" Type="${REL_SLIDE}" Target="${x.target}"/>`);
  if (notesMaster && !tNotes) add.push(`<Relationship Id="rIdRelmNotes" Type="${REL_NOTES_MASTER}" Target="notesMasters/notesMaster1.xml"/>`);
  presRels = presRels.replace('</Relationships>', `${add.join('')}</Relationships>`);
  const sldIdLst = `<p:sldIdLst>${ids.map((x, i) => `<p:sldId id="${256 + i}" r:id="${x.rid}"/>`).join('')}</p:sldIdLst>`;
  pres = pres.replace(/<p:sldIdLst>[\s\S]*?<\/p:sldIdLst>|<p:sldIdLst\/>/, '');
  pres = pres.replace(/<p:custShowLst>[\s\S]*?<\/p:custShowLst>/, '');
  pres = pres.replace(/<p:ext uri="\{521415D9-36F7-43E2-AB2F-B90AF26B5E84\}">[\s\S]*?<\/p:ext>/, '');
  if (notesMaster && !tNotes)
    pres = pres.replace(/(<\/p:sldMasterIdLst>)/, '$1<p:notesMasterIdLst><p:notesMasterId r:id="rIdRelmNotes"/></p:notesMasterIdLst>');
  pres = /<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/.test(pres)
    ? pres.replace(/(<\/p:notesMasterIdLst>)/, `$1${sldIdLst}`)
    : pres.replace(/(<\/p:sldMasterIdLst>)/, `$1${sldIdLst}`);
  if (!pres.includes('<p:sldIdLst>')) fail('its ppt/presentation.xml has no slide master list');
  out.set('ppt/presentation.xml', pres);
  out.set('ppt/_rels/presentation.xml.rels', presRels);

  // Content types: the template's, without its slides', with relm's parts and image types.
  let types = text(t.get('[Content_Types].xml'));
  types = types.replace(/<Override PartName="\/ppt\/(?:slides|notesSlides|charts|embeddings)\/[^"]*"[^>]*\/>/g, '');
  const dTypes = text(d.get('[Content_Types].xml'));
  for (const m of dTypes.matchAll(/<Override PartName="\/(ppt\/(?:slides|notesSlides|charts|embeddings)\/[^"]*)"[^>]*\/>/g)) contentTypes.push(m[0]);
  for (const m of dTypes.matchAll(/<Default Extension="([^"]+)"[^>]*\/>/g))
    if (!new RegExp(`<Default Extension="${m[1]}"`, 'i').test(types)) contentTypes.push(m[0]);
  types = types.replace('</Types>', `${contentTypes.join('')}</Types>`);
  out.set('[Content_Types].xml', types);
  // relm's document properties (title, author, date); the template's thumbnail would show the wrong deck.
  for (const p of ['docProps/core.xml', 'docProps/app.xml']) if (d.has(p)) out.set(p, d.get(p)!);

  const parts: Record<string, string | Uint8Array | null> = {};
  for (const [p, b] of out) parts[p] = b;
  // Start from relm's package (its order), then replace every part with the merged set.
  const names = new Set([...d.keys(), ...out.keys()]);
  for (const p of names) if (!out.has(p)) parts[p] = null;
  return normalisePackage(deck, { date, parts });
}
