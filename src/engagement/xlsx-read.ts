/**
 * A bounded reader of the cells of an .xlsx workbook as other programs write it back (Excel, LibreOffice, Google
 * Sheets, Numbers, openpyxl): only the cells present in the sheet XML are read, never the range its dimension
 * claims (a sheet that says A1:XFD1048576, or a formatted cell at XFD1048576, costs what its cells cost), and a
 * workbook past the limits below is refused at once, with the reason. Shared and inline strings, formula
 * results, booleans, errors, and numbers with their style: a number formatted as a date (either date system,
 * 1900 or 1904) or an ISO date cell reads as YYYY-MM-DD, a percentage as "50%".
 */
import { ZipProblem, ZipReader, type ZipLimits } from '../io/zip-read.js';

export const WORKBOOK_LIMITS: ZipLimits & { maxCells: number } = {
  maxEntries: 10_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  /** Filled cells over all the sheets read: a questionnaire of the whole model has about 1,500. */
  maxCells: 100_000,
};

/** Why a workbook cannot be read: a sentence that follows "it cannot be read: ". */
export class WorkbookProblem extends Error {
  constructor(
    message: string,
    /** True when the workbook is larger than a questionnaire can be (not damaged, just too much). */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export type CellKind = 'string' | 'number' | 'date' | 'boolean' | 'error';

export interface SheetCell {
  /** `E14` */
  ref: string;
  /** The text the cell shows: a string as is, a date as YYYY-MM-DD, a number without its thousands separators. */
  text: string;
  kind: CellKind;
  /** A number cell's value, a date cell's serial. */
  value?: number;
  /** The web address of a hyperlink on the cell. */
  link?: string;
}

export interface Sheet {
  name: string;
  /** Row number -> column number (1 = A) -> cell: only the cells that hold something. */
  rows: Map<number, Map<number, SheetCell>>;
}

export interface Workbook {
  /** The sheets in the workbook's order, hidden ones included. */
  sheetNames: string[];
  /** True for the 1904 date system (old Mac Excel, Numbers). */
  date1904: boolean;
  /** A sheet's filled cells (null when there is no sheet of that name). */
  sheet(name: string): Sheet | null;
  /** Turns a serial number into YYYY-MM-DD in the workbook's date system (null when it is not a day). */
  serialDate(serial: number): string | null;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text as it reads: entities, then Excel's `_xHHHH_` escapes (`_x000D_` is a carriage return). */
export function xmlUnescape(s: string): string {
  return s
    .replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(\w+));/g, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name !== undefined) return ENTITIES[name] ?? m;
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The value of attribute `name` (any namespace prefix when `anyPrefix`) in a tag's attribute text. */
function attr(attrs: string, name: string, anyPrefix = false): string | undefined {
  const re = anyPrefix
    ? new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    : new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  const m = re.exec(attrs);
  return m ? xmlUnescape(m[1] ?? m[2] ?? '') : undefined;
}

/** The text of the `<t>` elements of a string item (`<si>`, `<is>`), phonetic runs (`<rPh>`) left out. */
function stringItemText(xml: string): string {
  const body = xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)) out += m[1];
  return xmlUnescape(out).replace(/\r\n?/g, '\n');
}

/** A part's path resolved against the folder of the part whose relationships name it. */
function resolvePart(from: string, target: string): string {
  const base = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const seg of target.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.map((s) => (s.includes('%') ? safeDecode(s) : s)).join('/');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface Rel {
  target: string;
  type: string;
  external: boolean;
}

function relationships(zip: ZipReader, part: string): Map<string, Rel> {
  const i = part.lastIndexOf('/');
  const xml = zip.text(`${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`) ?? '';
  const out = new Map<string, Rel>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id === undefined || target === undefined) continue;
    out.set(id, { target, type: attr(m[1]!, 'Type') ?? '', external: attr(m[1]!, 'TargetMode') === 'External' });
  }
  return out;
}

/** Built-in number formats that show a date (or a date and time), and those that show a time only. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);
const BUILTIN_TIMES = new Set([18, 19, 20, 21, 32, 33, 45, 46, 47, 55, 56]);
const BUILTIN_PERCENT = new Set([9, 10]);

type Style = 'date' | 'time' | 'percent' | 'number';

/** What a custom number format shows: its quoted text, escapes, colours and locales taken out first. */
export function formatStyle(code: string): Style {
  const bare = code
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '')
    .replace(/General/gi, '');
  const elapsed = /\[(?:h+|m+|s+)\]/i.test(bare);
  const b = bare.replace(/\[[^\]]*\]/g, '');
  const time = elapsed || /[hs]/i.test(b);
  // d or y is a date; m alone is a month (mmm yyyy), beside h or s a minute.
  if (/[dy]/i.test(b) || (/m/i.test(b) && !time)) return 'date';
  if (time) return 'time';
  if (/%/.test(b)) return 'percent';
  return 'number';
}

function styles(zip: ZipReader, part: string | undefined): Style[] {
  const xml = part ? (zip.text(part) ?? '') : '';
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: Style[] = [];
  for (const m of xfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(
      code !== undefined ? formatStyle(code) : BUILTIN_DATES.has(id) ? 'date' : BUILTIN_TIMES.has(id) ? 'time' : BUILTIN_PERCENT.has(id) ? 'percent' : 'number',
    );
  }
  return out;
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a serial number, in the 1900 date system (with Lotus's 29 February 1900) or the 1904 one. */
export function serialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const day = Math.floor(serial + 1e-9);
  let ms: number;
  if (date1904) ms = Date.UTC(1904, 0, 1) + day * DAY_MS;
  else {
    if (day < 1 || day === 60) return null; // day 0 is 0 January 1900, day 60 the 29 February 1900 that never was
    ms = Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * DAY_MS;
  }
  if (ms > Date.UTC(9999, 11, 31)) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

function timeOf(serial: number): string {
  const minutes = Math.round((serial - Math.floor(serial)) * 24 * 60) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `E` -> 5. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 5 -> `E`. */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** The largest row and column Excel has (XFD1048576). */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** Opens a workbook; throws WorkbookProblem (or reads nothing) when it is not one relm can read within its limits. */
export function openWorkbook(bytes: Uint8Array, limits = WORKBOOK_LIMITS): Workbook {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new WorkbookProblem(
      'it is password-protected or an old-style Excel file (.xls); open it in Excel, remove the password to open (File > Info > Protect Workbook) and save it as "Excel Workbook (.xlsx)"',
    );
  let zip: ZipReader;
  try {
    zip = new ZipReader(bytes, limits);
  } catch (err) {
    if (err instanceof ZipProblem) throw new WorkbookProblem(err.message, /more than|larger/.test(err.message));
    throw err;
  }
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof ZipProblem) throw new WorkbookProblem(err.message, /more than|larger/.test(err.message));
      throw err;
    }
  };
  return guard(() => {
    const root = relationships(zip, '');
    const doc = [...root.values()].find((r) => /\/officeDocument$/.test(r.type) && !r.external);
    const wbPart = doc ? resolvePart('', doc.target) : 'xl/workbook.xml';
    const wbXml = zip.text(wbPart);
    if (wbXml === null) throw new WorkbookProblem('it has no workbook part (xl/workbook.xml): it is a zip, but not an Excel workbook');
    if (/<!DOCTYPE|<!ENTITY/i.test(wbXml.slice(0, 4096))) throw new WorkbookProblem('its workbook part declares a DOCTYPE, which Excel files never hold');
    const wbRels = relationships(zip, wbPart);
    const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)\/?>/.exec(wbXml)?.[1] ?? '';
    const date1904 = ['1', 'true'].includes((attr(pr, 'date1904') ?? '').toLowerCase());
    const sheets = new Map<string, string>();
    for (const m of wbXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*?)\/?>/g)) {
      const name = attr(m[1]!, 'name');
      const rid = attr(m[1]!, 'id', true);
      const rel = rid === undefined ? undefined : wbRels.get(rid);
      if (name !== undefined && rel && !rel.external) sheets.set(name, resolvePart(wbPart, rel.target));
    }
    const relOf = (kind: string) => [...wbRels.values()].find((r) => r.type.endsWith(`/${kind}`) && !r.external);
    const ssRel = relOf('sharedStrings');
    const ssXml = ssRel ? (zip.text(resolvePart(wbPart, ssRel.target)) ?? '') : '';
    const shared = [...ssXml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g)].map((m) => stringItemText(m[1] ?? ''));
    const stRel = relOf('styles');
    const cellStyles = styles(zip, stRel ? resolvePart(wbPart, stRel.target) : undefined);
    let cells = 0;
    const serialDate = (serial: number) => serialToDate(serial, date1904);

    const readSheet = (name: string): Sheet | null => {
      const part = sheets.get(name);
      if (part === undefined) return null;
      const xml = guard(() => zip.text(part));
      if (xml === null) throw new WorkbookProblem(`its sheet "${name}" is missing (${part})`);
      const links = new Map<string, string>();
      const hyperlinks = /<(?:[\w.-]+:)?hyperlinks\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?hyperlinks>/.exec(xml)?.[1];
      if (hyperlinks) {
        const rels = guard(() => relationships(zip, part));
        for (const m of hyperlinks.matchAll(/<(?:[\w.-]+:)?hyperlink\b([^>]*?)\/?>/g)) {
          const ref = attr(m[1]!, 'ref')?.split(':')[0]?.toUpperCase();
          const rid = attr(m[1]!, 'id', true);
          const rel = rid === undefined ? undefined : rels.get(rid);
          if (ref && rel?.external) links.set(ref, rel.target);
        }
      }
      const start = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
      const end = xml.search(/<\/(?:[\w.-]+:)?sheetData>/);
      const data = start < 0 ? '' : xml.slice(start, end < 0 ? xml.length : end);
      const rows = new Map<number, Map<number, SheetCell>>();
      let row = 0;
      let col = 0;
      const TOKEN = /<(?:[\w.-]+:)?row\b([^>]*?)\/?>|<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
      for (const m of data.matchAll(TOKEN)) {
        if (m[1] !== undefined) {
          const r = Number(attr(m[1], 'r'));
          row = Number.isInteger(r) && r >= 1 ? r : row + 1;
          col = 0;
          continue;
        }
        const attrs = m[2]!;
        const ref = attr(attrs, 'r');
        const at = ref === undefined ? null : /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
        if (at) {
          col = columnNumber(at[1]!);
          row = Number(at[2]);
        } else col++;
        if (row < 1) row = 1;
        if (row > MAX_ROW || col > MAX_COL) throw new WorkbookProblem(`its sheet "${name}" has a cell outside the grid Excel allows (${ref ?? `row ${row}`})`);
        const body = m[3];
        if (body === undefined) continue; // a formatted cell without a value
        const t = attr(attrs, 't') ?? 'n';
        const v = /<(?:[\w.-]+:)?v\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(body)?.[1];
        let cell: Omit<SheetCell, 'ref'> | null = null;
        if (t === 'inlineStr') {
          const is = /<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/.exec(body)?.[1];
          if (is !== undefined) cell = { text: stringItemText(is), kind: 'string' };
          else if (v !== undefined) cell = { text: xmlUnescape(v), kind: 'string' };
        } else if (v === undefined) cell = null;
        else if (t === 's') {
          const k = Number(v.trim());
          const s = shared[k];
          if (s === undefined) throw new WorkbookProblem(`its cell ${name}!${ref ?? ''} names shared string ${v.trim()}, which the workbook does not hold`);
          cell = { text: s, kind: 'string' };
        } else if (t === 'str') cell = { text: xmlUnescape(v).replace(/\r\n?/g, '\n'), kind: 'string' };
        else if (t === 'b') cell = { text: v.trim() === '1' || v.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE', kind: 'boolean' };
        else if (t === 'e') cell = { text: xmlUnescape(v).trim(), kind: 'error' };
        else if (t === 'd') {
          const iso = /^(\d{4}-\d{2}-\d{2})/.exec(v.trim());
          cell = iso ? { text: iso[1]!, kind: 'date' } : { text: xmlUnescape(v).trim(), kind: 'string' };
        } else {
          const n = Number(v.trim());
          if (v.trim() === '' || !Number.isFinite(n)) cell = { text: xmlUnescape(v).trim(), kind: 'string' };
          else {
            const style = cellStyles[Number(attr(attrs, 's') ?? 0)] ?? 'number';
            const day = style === 'date' ? serialDate(n) : null;
            if (day !== null) cell = { text: day, kind: 'date', value: n };
            else if (style === 'time') cell = { text: timeOf(n), kind: 'number', value: n };
            else if (style === 'percent') cell = { text: `${Number((n * 100).toPrecision(12))}%`, kind: 'number', value: n };
            else cell = { text: String(Number(n.toPrecision(15))), kind: 'number', value: n };
          }
        }
        if (!cell) continue;
        if (++cells > limits.maxCells)
          throw new WorkbookProblem(
            `it holds more than ${limits.maxCells.toLocaleString('en-GB')} filled cells (sheet "${name}" is past that by row ${row}); a questionnaire holds a few thousand at most, so this is not the questionnaire relm exported, or a sheet was pasted into it`,
            true,
          );
        const address = `${columnLetters(col)}${row}`;
        const link = links.get(address);
        let line = rows.get(row);
        if (!line) rows.set(row, (line = new Map()));
        line.set(col, { ref: address, ...cell, ...(link ? { link } : {}) });
      }
      return { name, rows };
    };
    const cache = new Map<string, Sheet | null>();
    return {
      sheetNames: [...sheets.keys()],
      date1904,
      serialDate,
      sheet: (name: string) => {
        if (!cache.has(name)) cache.set(name, readSheet(name));
        return cache.get(name)!;
      },
    };
  });
}
