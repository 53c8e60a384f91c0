/**
 * `relm questionnaire import` of workbooks as they come back from other programs (test/fixtures/returned-xlsx):
 * an openpyxl file imports with the date typed in Excel's date cell; --date overrides a date cell that is not a
 * date; a zip bomb is refused at once, as the file, not as "1 cell".
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fixtureCopies, relm, ROOT } from '../helpers/cli.js';

const copy = fixtureCopies();
const example = () => copy('examples/acme-bank');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'returned-xlsx');

describe('relm questionnaire import of a workbook another program saved', () => {
  it('imports the openpyxl file with the date from its date cell, numbers and booleans in the notes as they show', async () => {
    const dir = example();
    cpSync(join(FIXTURES, 'openpyxl.xlsx'), join(dir, 'voss.xlsx'));
    const r = await relm(['questionnaire', 'import', 'voss.xlsx', '-C', dir], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Hendrik Voss \(Release manager\): 6 answers on 2 practices, 6 left blank → responses\/int-\d+\.yaml/);
    const file = readdirSync(join(dir, 'responses'))[0]!;
    const doc = parse(readFileSync(join(dir, 'responses', file), 'utf8'));
    expect(doc.date).toBe('2026-03-05');
    expect(doc.answers['knowledge-training']['knowledge-training-2a']).toEqual({ answer: 'some', notes: '4000' });
    expect(doc.answers['release-policy']['release-policy-2b']).toEqual({ answer: 'most', notes: '2026-02-01' });
    const v = await relm(['validate', '-C', dir], { cwd: dir });
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });

  it('--date overrides a date cell that is not a date (without it, the cell is named and nothing imported)', async () => {
    const dir = example();
    const zip = await JSZip.loadAsync(readFileSync(join(FIXTURES, 'openpyxl.xlsx')));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/<c r="B6"[^>]*>[\s\S]*?<\/c>/, '<c r="B6" t="inlineStr"><is><t>last Tuesday</t></is></c>'));
    const path = join(dir, 'voss.xlsx');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    const refused = await relm(['questionnaire', 'import', path, '-C', dir], { cwd: dir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Instructions!B6: error "last Tuesday" is not a date; write it as YYYY-MM-DD, or pass --date');
    expect(existsSync(join(dir, 'responses'))).toBe(false);
    const r = await relm(['questionnaire', 'import', path, '--date', '2026-03-06', '-C', dir], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('last Tuesday');
    const file = readdirSync(join(dir, 'responses'))[0]!;
    expect(parse(readFileSync(join(dir, 'responses', file), 'utf8')).date).toBe('2026-03-06');
  });

  it('refuses a zip bomb at once, as the file (no "1 cell cannot be read"), and writes nothing', async () => {
    const dir = example();
    const r = await relm(['questionnaire', 'import', join(FIXTURES, 'bomb-lying.xlsx'), '-C', dir], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the file: error it cannot be read: its part xl/worksheets/sheet2.xml inflates to more than the 32 MB a questionnaire can need');
    expect(r.stderr).toContain('relm: nothing was imported from');
    expect(r.stderr).not.toMatch(/cell .*cannot be read/);
    expect(existsSync(join(dir, 'responses'))).toBe(false);
  });
});
