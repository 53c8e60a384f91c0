/**
 * Excel as it comes back: a questionnaire relm exported, filled in and saved by other programs (the fixtures in
 * test/fixtures/returned-xlsx, made by its make.sh with openpyxl and LibreOffice), and workbooks far larger than
 * a questionnaire (a sheet claiming XFD1048576, a zip bomb, a pasted data dump), refused at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/engagement/responses-read.js';
import { formatStyle, openWorkbook, serialToDate, xmlUnescape } from '../../src/engagement/xlsx-read.js';
import { loadBuiltinModel } from '../../src/model/builtin.js';
import { ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'test', 'fixtures', 'returned-xlsx');
const fixture = (name: string) => readFileSync(join(DIR, name));
const model = loadBuiltinModel();

/** What make.py typed into every fixture, as relm reads it back. */
const EXPECTED = [
  'knowledge-training-1a=most',
  'knowledge-training-2a=some notes:4000',
  'knowledge-training-3a=none notes:TRUE',
  'knowledge-training-5a=na notes:No training metrics at all.\nNot even a list.',
  'release-policy-1a=half evidence:Release calendar 2026 | https://intranet.example/release/calendar-2026.xlsx',
  'release-policy-2b=most notes:2026-02-01',
];
const shown = (q: Awaited<ReturnType<typeof readWorkbook>>) =>
  q.answers.map(
    (a) =>
      `${a.criterion}=${a.answer}${a.notes ? ` notes:${a.notes}` : ''}${a.evidence ? ` evidence:${a.evidence.map((e) => [e.title, e.ref].filter(Boolean).join(' | ')).join('; ')}` : ''}`,
  );

describe('a questionnaire saved by another program', () => {
  it.each([
    ['openpyxl.xlsx', 'openpyxl (exceljs failed on it: "Cannot read properties of undefined (reading \'comments\')")'],
    ['openpyxl-1904.xlsx', 'openpyxl in the 1904 date system (the date cell holds 44624)'],
    ['libreoffice.xlsx', 'LibreOffice, through .ods and back'],
  ])('%s: %s — every answer, the date cell as a date, numbers, booleans and dates in notes as they show', async (file) => {
    const q = await readWorkbook(fixture(file), model);
    expect(q.findings).toEqual([]);
    expect(q.respondent).toEqual({ name: 'Hendrik Voss', role: 'Release manager' });
    expect(q.date).toBe('2026-03-05');
    expect(shown(q)).toEqual(EXPECTED);
    expect(q.blank).toBe(6);
  });

  it('reads a bare serial number in the date cell (46119, General format) as the day it is: 7 April 2026', async () => {
    const q = await readWorkbook(fixture('serial-date.xlsx'), model);
    expect(q.findings).toEqual([]);
    expect(q.date).toBe('2026-04-07');
  });

  it('reads what a minimal writer leaves: inline strings, no styles, cells without references, prefixed elements, t="d" and t="b" cells, a stray cell at XFD1048576', async () => {
    const q = await readWorkbook(fixture('minimal-writer.xlsx'), model);
    expect(q.findings).toEqual([]);
    expect(q.date).toBe('2026-03-05');
    // The evidence cell has no hyperlink here: its title alone.
    expect(shown(q)).toEqual([...EXPECTED.slice(0, 4), 'release-policy-1a=half evidence:Release calendar 2026', EXPECTED[5]]);
    const people = openWorkbook(fixture('minimal-writer.xlsx')).sheet('People')!;
    expect(people.rows.get(1_048_576)?.get(16_384)).toEqual({ ref: 'XFD1048576', text: 'stray', kind: 'string' });
    // Only the cells present: the formatted empty cell at XFC1048576 is not one.
    expect([...people.rows.get(1_048_576)!.keys()]).toEqual([16_384]);
  });
});

describe('a workbook larger than a questionnaire can be', () => {
  it('refuses a part that unpacks past the limit from the size its directory declares, before inflating it', async () => {
    const q = await readWorkbook(fixture('bomb.xlsx'), model);
    expect(q.findings).toEqual([
      {
        where: 'the file',
        severity: 'error',
        code: 'workbook-too-large',
        cells: 0,
        message: 'it cannot be read: its part xl/worksheets/sheet2.xml is 40 MB unpacked, more than the 32 MB a questionnaire can need',
      },
    ]);
  });

  it('stops inflating at the limit when the directory lies about the size (2 KB declared, 40 MB inside)', async () => {
    const q = await readWorkbook(fixture('bomb-lying.xlsx'), model);
    expect(q.findings.map((f) => [f.code, f.message])).toEqual([
      ['workbook-too-large', 'it cannot be read: its part xl/worksheets/sheet2.xml inflates to more than the 32 MB a questionnaire can need'],
    ]);
  });

  /** The openpyxl fixture with its People sheet's data replaced. */
  async function withPeople(sheetData: string, dimension = 'A1:G7'): Promise<Buffer> {
    const zip = await JSZip.loadAsync(fixture('openpyxl.xlsx'));
    const xml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    const out = xml
      .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${dimension}"/>`)
      .replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${sheetData}</sheetData>`);
    zip.file('xl/worksheets/sheet2.xml', out);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }
  const header = '<row r="1"><c r="B1" t="inlineStr"><is><t>criterion</t></is></c><c r="E1" t="inlineStr"><is><t>answer</t></is></c></row>';
  const answer = (r: number, cid: string, a: string) =>
    `<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>${cid}</t></is></c><c r="E${r}" t="inlineStr"><is><t>${a}</t></is></c></row>`;

  it('reads only the cells present when the dimension claims A1:XFD1048576 and formatting reaches the last cell', async () => {
    const far = '<row r="1048576" s="3" customFormat="1"><c r="XFD1048576" s="3"/></row>';
    const bytes = await withPeople(header + answer(2, 'knowledge-training-1a', 'half') + far, 'A1:XFD1048576');
    const q = await readWorkbook(bytes, model);
    expect(q.findings).toEqual([]);
    expect(q.answers.find((a) => a.criterion === 'knowledge-training-1a')?.answer).toBe('half');
  });

  it('names a criterion typed at the last row of the grid by its cell, like any other', async () => {
    const bytes = await withPeople(header + answer(1_048_576, 'nonsense', 'most'));
    const q = await readWorkbook(bytes, model);
    expect(q.findings.map((f) => `${f.where}: ${f.code}`)).toEqual(['People!B1048576: unknown-criterion']);
  });

  it('refuses more than 100,000 filled cells at once, naming the sheet and the limit', async () => {
    const rows: string[] = [header];
    for (let r = 2; r <= 50_002; r++) rows.push(`<row r="${r}"><c r="H${r}"><v>${r}</v></c><c r="I${r}"><v>1</v></c></row>`);
    const q = await readWorkbook(await withPeople(rows.join('')), model);
    expect(q.findings.map((f) => f.code)).toEqual(['workbook-too-large']);
    expect(q.findings[0]!.message).toMatch(/^it cannot be read: it holds more than 100,000 filled cells \(sheet "People" is past that by row \d+\)/);
    expect(q.answers).toEqual([]);
  });

  it('refuses a password-protected workbook (an OLE file, not a zip) with how to save it without one', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const q = await readWorkbook(ole, model);
    expect(q.findings.map((f) => f.code)).toEqual(['not-a-workbook']);
    expect(q.findings[0]!.message).toMatch(/password-protected or an old-style Excel file/);
  });
});

describe('cell values', () => {
  it('turns serial numbers into days in both date systems, without the 29 February 1900 that never was', () => {
    expect(serialToDate(46119, false)).toBe('2026-04-07');
    expect(serialToDate(46086.75, false)).toBe('2026-03-05');
    expect(serialToDate(44624, true)).toBe('2026-03-05');
    expect(serialToDate(1, false)).toBe('1900-01-01');
    expect(serialToDate(59, false)).toBe('1900-02-28');
    expect(serialToDate(60, false)).toBeNull();
    expect(serialToDate(61, false)).toBe('1900-03-01');
    expect(serialToDate(0, true)).toBe('1904-01-01');
    expect(serialToDate(0, false)).toBeNull();
    expect(serialToDate(-1, false)).toBeNull();
  });

  it('tells dates, times and percentages from other number formats', () => {
    expect(['yyyy\\-mm\\-dd', 'dd/mm/yyyy', '[$-F800]dddd, mmmm dd, yyyy', 'mmm yy', 'd-mmm', 'yyyy-mm-dd h:mm:ss'].map(formatStyle)).toEqual(
      Array(6).fill('date'),
    );
    expect(['h:mm', '[h]:mm:ss', 'h:mm AM/PM', 'mm:ss'].map(formatStyle)).toEqual(Array(4).fill('time'));
    expect(['0%', '0.00%'].map(formatStyle)).toEqual(['percent', 'percent']);
    expect(['General', '0.00', '#,##0 [$€-407]', '0.0 "days"', '[Red]#,##0', '@'].map(formatStyle)).toEqual(Array(6).fill('number'));
  });

  it("unescapes XML entities and Excel's _xHHHH_ escapes", () => {
    expect(xmlUnescape('a &amp; b &lt;c&gt; &#233;&#x263A; line_x000D_\n _x005F_x000D_')).toBe('a & b <c> é☺ line\r\n _x000D_');
  });
});

describe('a date typed as text in the date cell', () => {
  /** The openpyxl fixture with the date cell holding `text` as a string. */
  async function withDateText(text: string): Promise<Buffer> {
    const zip = await JSZip.loadAsync(fixture('openpyxl.xlsx'));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/<c r="B6"[^>]*>[\s\S]*?<\/c>/, `<c r="B6" t="inlineStr"><is><t>${text}</t></is></c>`));
    return zip.generateAsync({ type: 'nodebuffer' });
  }
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['5 March 2026', '2026-03-05'],
    ['5th Mar. 2026', '2026-03-05'],
    ['March 5, 2026', '2026-03-05'],
    ['25/03/2026', '2026-03-25'],
    ['03/25/2026', '2026-03-25'],
    ['05/05/2026', '2026-05-05'],
  ])('reads "%s" as %s', async (text, date) => {
    const q = await readWorkbook(await withDateText(text), model);
    expect(q.findings).toEqual([]);
    expect(q.date).toBe(date);
  });

  it('refuses a date that reads both ways, with both readings, and what is no date at all', async () => {
    const both = await readWorkbook(await withDateText('05/03/2026'), model);
    expect(both.findings.map((f) => `${f.where}: ${f.message}`)).toEqual([
      'Instructions!B6: "05/03/2026" could be 5 March 2026 or 3 May 2026; write it as YYYY-MM-DD, or pass --date',
    ]);
    const none = await readWorkbook(await withDateText('31 Febtember 2026'), model);
    expect(none.findings.map((f) => f.message)).toEqual(['"31 Febtember 2026" is not a date; write it as YYYY-MM-DD, or pass --date']);
    const impossible = await readWorkbook(await withDateText('31 February 2026'), model);
    expect(impossible.findings.map((f) => f.code)).toEqual(['not-a-date']);
  });
});
