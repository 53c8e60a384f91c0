/**
 * The offline HTML questionnaire, driven in a real browser: a respondent answers, presses Save answers, and the
 * JSON file the page downloads imports exactly as the same answers typed into the Excel workbook do.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser, needsNoSandbox } from '../../src/render/browser.js';
import { CHILD_TIMEOUT_MS, copyFixture, relm } from '../helpers/cli.js';
import { fillWorkbook } from '../helpers/xlsx.js';

const browser = (() => {
  try {
    return findBrowser();
  } catch {
    return null;
  }
})();
const browserIt = browser ? it : it.skip;
if (!browser) console.warn('HTML questionnaire test skipped: install chromium to run it');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function example(): string {
  const d = copyFixture('examples/acme-bank');
  dirs.push(d);
  return d;
}

const ANSWERS = {
  'knowledge-training-1a': { answer: 'most', notes: '', evidence: '' },
  'knowledge-training-2a': {
    answer: 'half',
    notes: 'The mainframe team has a plan; web does not.',
    evidence: 'Training plan 2026 | sharepoint/hr/training-2026.docx',
  },
  'knowledge-training-3a': { answer: 'na', notes: '', evidence: '' },
  'release-policy-2b': { answer: 'some', notes: '', evidence: '' },
};
const WORD: Record<string, string> = { most: 'most', half: 'half', some: 'some', na: 'n/a', none: 'none' };

describe('the offline HTML questionnaire', () => {
  it('is one self-contained file that fetches nothing', async () => {
    const dir = example();
    const r = await relm(['questionnaire', 'export', '--format', 'html', '--practices', 'knowledge-training', '-o', join(dir, 'form.html'), '-C', dir], {
      cwd: dir,
    });
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'form.html'), 'utf8');
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+(src|href)=/i);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
    expect(html.match(/class="criterion"/g)).toHaveLength(5);
  });

  browserIt('saves a JSON file that imports the same as the workbook', async () => {
    const dir = example();
    const form = join(dir, 'form.html');
    const who = 'Tom Keller (Mainframe operator)';
    expect(
      (await relm(['questionnaire', 'export', '--practices', 'knowledge-training,release-policy', '--for', who, '-o', form, '-C', dir], { cwd: dir })).status,
    ).toBe(0);

    const { default: puppeteer } = await import('puppeteer-core');
    const b = await puppeteer.launch({
      executablePath: browser!,
      headless: true,
      args: needsNoSandbox() ? ['--no-sandbox'] : [],
      timeout: CHILD_TIMEOUT_MS,
      protocolTimeout: CHILD_TIMEOUT_MS,
    });
    try {
      const page = await b.newPage();
      // Puppeteer's 30 s default for each step is a speed target on a busy machine: the suite's one limit instead.
      page.setDefaultTimeout(CHILD_TIMEOUT_MS);
      const cdp = await page.createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
      await page.goto(pathToFileURL(form).href);
      await page.type('#respondent-date', '2026-03-06');
      for (const [cid, a] of Object.entries(ANSWERS)) {
        await page.click(`input[name="a:${cid}"][value="${a.answer}"]`);
        if (a.notes) await page.type(`textarea[name="n:${cid}"]`, a.notes);
        if (a.evidence) await page.type(`textarea[name="e:${cid}"]`, a.evidence);
      }
      expect(await page.$eval('#progress', (e) => e.textContent)).toBe('4 of 12 statements answered');
      await page.click('#save');
      const saved = join(dir, 'answers-tom-keller.json');
      // The browser saves the file in its own time (a busy machine makes that many seconds): wait for it, boundedly.
      for (const end = Date.now() + CHILD_TIMEOUT_MS / 2; !existsSync(saved) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(saved)).toBe(true);
    } finally {
      await b.close();
    }
    const json = JSON.parse(readFileSync(join(dir, 'answers-tom-keller.json'), 'utf8'));
    expect(json.respondent).toEqual({ name: 'Tom Keller', role: 'Mainframe operator' });

    // The same answers, typed into the workbook, in another copy of the engagement.
    const other = example();
    const xlsx = join(other, 'q.xlsx');
    expect(
      (await relm(['questionnaire', 'export', '--practices', 'knowledge-training,release-policy', '--for', who, '-o', xlsx, '-C', other], { cwd: other }))
        .status,
    ).toBe(0);
    const fills = Object.fromEntries(
      Object.entries(ANSWERS).map(([cid, a]) => [
        cid,
        { answer: WORD[a.answer], ...(a.notes ? { notes: a.notes } : {}), ...(a.evidence ? { evidence: a.evidence } : {}) },
      ]),
    );
    writeFileSync(xlsx, await fillWorkbook(readFileSync(xlsx), fills, { date: '2026-03-06' }));

    const a = await relm(['questionnaire', 'import', join(dir, 'answers-tom-keller.json'), '-C', dir], { cwd: dir });
    const b2 = await relm(['questionnaire', 'import', xlsx, '-C', other], { cwd: other });
    expect(a.status, a.stderr).toBe(0);
    expect(b2.status, b2.stderr).toBe(0);
    const fromJson = readFileSync(join(dir, 'responses', 'int-06.yaml'), 'utf8');
    const fromXlsx = readFileSync(join(other, 'responses', 'int-06.yaml'), 'utf8');
    expect(fromJson.replace(/^from: .*$/m, '')).toBe(fromXlsx.replace(/^from: .*$/m, ''));
    expect(parse(fromJson).answers['knowledge-training']['knowledge-training-2a']).toEqual({
      answer: 'half',
      notes: 'The mainframe team has a plan; web does not.',
      evidence: [{ title: 'Training plan 2026', ref: 'sharepoint/hr/training-2026.docx' }],
    });
    expect(readFileSync(join(dir, 'interviews', 'int-06.md'), 'utf8')).toBe(readFileSync(join(other, 'interviews', 'int-06.md'), 'utf8'));
  });
});
