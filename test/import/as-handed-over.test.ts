import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { RelmError } from '../../src/errors.js';
import { detectDateOrder, parseDateFormat, parseExportDate } from '../../src/import/dates.js';
import { parseMapOptions, toNumber } from '../../src/import/fields.js';
import { parseJira } from '../../src/import/jira.js';
import { parseServiceNow } from '../../src/import/servicenow.js';
import { decodeExport } from '../../src/import/source.js';

// Exports as clients hand them over: UK dates, money with currency signs, one bad cell, CJK encodings.

const HEADER = 'Issue key,Summary,Created,Resolved,Status,Component/s,Business Value\n';

describe('dates written in numbers', () => {
  it('reads day/month or month/day as told, with a time as Excel writes it', () => {
    expect(parseExportDate('31/01/2026 17:20', 'dmy')).toEqual({ date: '2026-01-31', dateTime: '2026-01-31T17:20:00Z' });
    expect(parseExportDate('01/31/2026 5:20 PM', 'mdy')).toEqual({ date: '2026-01-31', dateTime: '2026-01-31T17:20:00Z' });
    expect(parseExportDate('03.04.2026', 'dmy')?.date).toBe('2026-04-03');
    expect(parseExportDate('03.04.2026', 'mdy')?.date).toBe('2026-03-04');
    expect(parseExportDate('31/01/2026', 'mdy')).toBeNull();
    // Without an order a numeric date is not guessed.
    expect(parseExportDate('03/04/2026')).toBeNull();
    expect(parseDateFormat('dd/mm/yyyy')).toBe('dmy');
    expect(parseDateFormat('MM/DD/YYYY')).toBe('mdy');
    expect(parseDateFormat('yyyy-dd-mm')).toBeNull();
  });

  it('finds the order from the dates themselves, and says when they cannot tell or contradict each other', () => {
    expect(detectDateOrder(['03/04/2026', '31/01/2026', '2026-01-01'])).toEqual({ order: 'dmy', example: '31/01/2026' });
    expect(detectDateOrder(['03/04/2026', '01/31/2026'])).toEqual({ order: 'mdy', example: '01/31/2026' });
    expect(detectDateOrder(['03/04/2026', '05/06/2026'])).toEqual({ ambiguous: '03/04/2026' });
    expect(detectDateOrder(['31/01/2026', '01/31/2026'])).toEqual({ contradictory: ['31/01/2026', '01/31/2026'] });
    expect(detectDateOrder(['2026-01-31', '30/Sep/21 17:20'])).toBeNull();
  });

  it('imports a UK Jira export, saying how it read the dates; refuses one that reads both ways unless told', () => {
    const uk = `${HEADER}ABC-1,First,14/03/2026 09:00,02/04/2026 10:00,Done,Core,\nABC-2,Second,03/04/2026 11:00,,Open,Core,\n`;
    const r = parseJira(uk);
    expect(r.problems).toEqual([]);
    expect(r.items!.map((i) => [i.id, i.requested, i.closed])).toEqual([
      ['ABC-1', '2026-03-14', '2026-04-02'],
      ['ABC-2', '2026-04-03', undefined],
    ]);
    expect(r.notes).toContainEqual(expect.stringMatching(/^dates such as 14\/03\/2026 read as day\/month\/year \(pass --date-format to choose\)/));

    const ambiguous = `${HEADER}ABC-1,First,03/04/2026,,Open,Core,\n`;
    expect(() => parseJira(ambiguous)).toThrow(RelmError);
    expect(() => parseJira(ambiguous)).toThrow('the export writes dates as 03/04/2026, which reads as day/month or month/day');
    expect(parseJira(ambiguous, { dateOrder: 'mdy' }).items![0]!.requested).toBe('2026-03-04');
    expect(parseJira(ambiguous, { dateOrder: 'dmy' }).items![0]!.requested).toBe('2026-04-03');
  });

  it('reads ServiceNow changes with UK dates', () => {
    const csv =
      'number,short_description,state,close_code,start_date,end_date,cmdb_ci\nCHG001,Deploy,Closed,Successful,25/02/2026 22:00:00,25/02/2026 23:00:00,billing\n';
    const r = parseServiceNow(csv, {});
    expect(r.problems).toEqual([]);
    expect(r.releases![0]).toMatchObject({ id: 'CHG001', deployed: '2026-02-25T23:00:00Z' });
  });
});

describe('money and numbers as spreadsheets write them', () => {
  it('reads currency signs and codes, thousands separators and decimal commas', () => {
    const cases: [string, number | null][] = [
      ['£4,000', 4000],
      ['4.000,50 €', 4000.5],
      ['USD 1,200', 1200],
      ['4 000', 4000],
      ["4'000", 4000],
      ['4,5', 4.5],
      ['4,000.50', 4000.5],
      ['€ 12', 12],
      ['1.234.567', 1234567],
      ['abc', null],
      ['4,0000', null],
      ['£', null],
    ];
    for (const [text, n] of cases) expect(toNumber(text), text).toBe(n);
  });

  it('imports "£4,000" as 4000, and a cell it cannot read is left out with a warning naming row and column, never the row', () => {
    const csv = `${HEADER}ABC-1,First,2026-01-02,,Open,Core,"£4,000"\nABC-2,Second,2026-01-03,,Open,Core,lots\nABC-3,Third,2026-01-04,,Open,Core,\n`;
    const r = parseJira(csv, { map: parseMapOptions(['Business Value=benefit'], 'backlog') });
    expect(r.problems).toEqual([]);
    expect(r.items!.map((i) => [i.id, i.benefit])).toEqual([
      ['ABC-1', 4000],
      ['ABC-2', undefined],
      ['ABC-3', undefined],
    ]);
    expect(r.fieldProblems).toEqual([
      { row: 3, message: 'ABC-2: benefit "lots" is not a number (column "Business Value"): left out, the rest of the row imported' },
    ]);
  });
});

describe('encodings beyond Windows-1252', () => {
  const csv = (title: string) => `Issue key,Summary,Created,Component/s\nABC-1,${title},2026-01-02,Core\nABC-2,${title} 2,2026-01-03,Core\n`;

  it.each([
    ['Shift-JIS', 'shift_jis', 'ログイン画面でエラーが発生する'],
    ['EUC-KR', 'euc-kr', '로그인 화면에서 오류가 발생합니다'],
    ['GB18030', 'gb18030', '登录页面出现错误无法访问系统'],
  ])('detects %s, and never writes U+FFFD', async (name, id, title) => {
    const { text, notes } = await decodeExport(Uint8Array.from(iconv.encode(csv(title), id)));
    expect(text).toBe(csv(title));
    expect(notes).toEqual([`the file is not UTF-8: read as ${name} (pass --encoding to choose)`]);
    expect(parseJira(text).items![0]!.title).toBe(title);
  });

  it('refuses bytes it cannot tell, naming --encoding, and bytes the given encoding cannot read', async () => {
    // Random high bytes in pairs: no CJK encoding reads them all into its script.
    const junk = Uint8Array.from([...Buffer.from('Issue key,Summary\nA-1,'), 0x81, 0xff, 0xfe, 0x80, 0x9f, 0xff, 0x0a]);
    await expect(decodeExport(junk)).rejects.toThrow(/the file is not UTF-8, and (relm cannot tell its encoding|it reads as)/);
    await expect(decodeExport(junk)).rejects.toMatchObject({ hint: expect.stringContaining('--encoding') });
    await expect(decodeExport(Uint8Array.from([0x41, 0x0a, 0x82, 0xa0]), 'utf-8')).rejects.toThrow('line 2 of the file holds a byte that utf-8 cannot read');
  });
});

describe('relm import --date-format (built)', () => {
  it('reads dates as told, refuses a format it does not know, and names --date-format when the dates cannot tell', async () => {
    const { copyFixture, relmInProcess } = await import('../helpers/cli.js');
    const { rmSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = copyFixture('test/fixtures/minimal');
    try {
      writeFileSync(join(dir, 'uk.csv'), `${HEADER}ABC-1,First,03/04/2026,,Open,Core,\n`);
      const refused = await relmInProcess(['import', 'jira', 'uk.csv', '--dry-run'], dir);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('Pass --date-format dd/mm/yyyy (UK and most of the world) or --date-format mm/dd/yyyy (US).');
      const told = await relmInProcess(['import', 'jira', 'uk.csv', '--date-format', 'dd/mm/yyyy'], dir);
      expect(told.status).toBe(0);
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(join(dir, 'backlog.yaml'), 'utf8')).toContain('requested: 2026-04-03');
      const bad = await relmInProcess(['import', 'jira', 'uk.csv', '--date-format', 'yyyy/dd/mm'], dir);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--date-format: "yyyy/dd/mm" is not a date format relm reads');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
