/**
 * Fills a questionnaire workbook the way another program would: by editing the sheet XML inside the xlsx zip
 * (jszip), never through exceljs, which relm writes and reads with. Cells get inline strings, as many other
 * writers produce, where exceljs writes shared strings.
 */
import JSZip from 'jszip';

export interface Fill {
  answer?: string;
  notes?: string;
  evidence?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The workbook's sheets: name -> path of its XML in the zip. */
async function sheets(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const t = target.get(m[2]!)!;
    out.set(unescapeXml(m[1]!), t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  return out;
}

async function sharedStrings(zip: JSZip): Promise<string[]> {
  const f = zip.file('xl/sharedStrings.xml');
  if (!f) return [];
  const xml = await f.async('string');
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescapeXml([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
}

function cellText(cell: string, strings: string[]): string {
  const v = /<v>([\s\S]*?)<\/v>/.exec(cell)?.[1];
  if (/t="s"/.test(cell) && v !== undefined) return strings[Number(v)]!;
  const is = /<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/.exec(cell)?.[1];
  return unescapeXml(is ?? v ?? '');
}

/** Sets a cell of a sheet's XML to an inline string (the cell must exist, as relm writes every input cell). */
function setCell(xml: string, ref: string, text: string): string {
  const re = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const m = re.exec(xml);
  if (!m) throw new Error(`no cell ${ref}`);
  const attrs = m[1]!.replace(/\s*t="[^"]*"/, '');
  return (
    xml.slice(0, m.index) + `<c r="${ref}"${attrs} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>` + xml.slice(m.index + m[0].length)
  );
}

/** Where each criterion's row is: criterion id -> {sheet, row}. */
export async function criterionRows(bytes: Uint8Array): Promise<Map<string, { sheet: string; row: number }>> {
  const zip = await JSZip.loadAsync(bytes);
  const strings = await sharedStrings(zip);
  const out = new Map<string, { sheet: string; row: number }>();
  for (const [name, path] of await sheets(zip)) {
    const xml = await zip.file(path)!.async('string');
    for (const m of xml.matchAll(/<c r="B(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) {
      const text = cellText(m[0], strings);
      if (/-\d[a-z]$/.test(text)) out.set(text, { sheet: name, row: Number(m[1]) });
    }
  }
  return out;
}

/**
 * Answers criteria (columns E, F, G) and fills the instructions sheet's name, role and date cells (B4..B6),
 * editing the XML; `cells` sets any other cell: {sheet, ref, text}.
 */
export async function fillWorkbook(
  bytes: Uint8Array,
  answers: Record<string, Fill>,
  who: { name?: string; role?: string; date?: string } = {},
  cells: { sheet: string; ref: string; text: string }[] = [],
): Promise<Buffer> {
  const rows = await criterionRows(bytes);
  const zip = await JSZip.loadAsync(bytes);
  const paths = await sheets(zip);
  const edits = new Map<string, string>();
  const xmlOf = async (sheet: string) => edits.get(sheet) ?? (await zip.file(paths.get(sheet)!)!.async('string'));
  for (const [cid, fill] of Object.entries(answers)) {
    const at = rows.get(cid);
    if (!at) throw new Error(`no row for ${cid}`);
    let xml = await xmlOf(at.sheet);
    if (fill.answer !== undefined) xml = setCell(xml, `E${at.row}`, fill.answer);
    if (fill.notes !== undefined) xml = setCell(xml, `F${at.row}`, fill.notes);
    if (fill.evidence !== undefined) xml = setCell(xml, `G${at.row}`, fill.evidence);
    edits.set(at.sheet, xml);
  }
  const instructions: [string, string | undefined][] = [
    ['B4', who.name],
    ['B5', who.role],
    ['B6', who.date],
  ];
  for (const [ref, text] of instructions) if (text !== undefined) edits.set('Instructions', setCell(await xmlOf('Instructions'), ref, text));
  for (const c of cells) edits.set(c.sheet, setCell(await xmlOf(c.sheet), c.ref, c.text));
  for (const [sheet, xml] of edits) zip.file(paths.get(sheet)!, xml);
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** Moves a sheet's rows around (reverses the criterion rows' order), as a respondent sorting the sheet would. */
export async function reverseRows(bytes: Uint8Array, sheet: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const path = (await sheets(zip)).get(sheet)!;
  const xml = await zip.file(path)!.async('string');
  const rows = [...xml.matchAll(/<row r="(\d+)"[\s\S]*?<\/row>/g)].filter((m) => Number(m[1]) > 1);
  const n = rows.length;
  let out = xml;
  const renumber = (row: string, to: number) => row.replace(/<row r="\d+"/, `<row r="${to}"`).replace(/(<c r="[A-Z]+)\d+"/g, `$1${to}"`);
  const reversed = rows.map((m, i) => renumber(rows[n - 1 - i]![0], Number(m[1])));
  const start = rows[0]!.index!;
  const last = rows[n - 1]!;
  out = xml.slice(0, start) + reversed.join('') + xml.slice(last.index! + last[0].length);
  // Data validations and protection refer to ranges; they stay as they are (the answers moved with their rows).
  zip.file(path, out);
  return zip.generateAsync({ type: 'nodebuffer' });
}
