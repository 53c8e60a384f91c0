/**
 * The questionnaire round trip, end to end on the bundled example: export a workbook per respondent, fill each
 * by editing the sheet XML (not through exceljs, which relm writes with), import three respondents, reconcile,
 * accept, settle a disagreement, and check practices.yaml, the validation warnings, the confidence figures and
 * the report's appendix. The offline HTML form's JSON imports the same as the workbook.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, relm } from '../helpers/cli.js';
import { criterionRows, fillWorkbook, reverseRows } from '../helpers/xlsx.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function example(): string {
  const d = copyFixture('examples/acme-bank');
  dirs.push(d);
  return d;
}

const KT = 'knowledge-training';
/**
 * Three respondents on knowledge-training (no evidence nor source in the example, so confidence comes from
 * them alone). 1a all agree; 2a within one step; 3a none / most / half: a spread of 3; 4a answered by two
 * (none, some: the median ties to the lower, none); 5a two say n/a, one none: an n/a split.
 */
const ANSWERS: Record<string, Record<string, { answer?: string; notes?: string; evidence?: string }>> = {
  hv: {
    [`${KT}-1a`]: { answer: 'most' },
    [`${KT}-2a`]: { answer: 'some', notes: 'Only the mainframe team has a training budget.' },
    [`${KT}-3a`]: { answer: 'none' },
    [`${KT}-4a`]: { answer: 'none' },
    [`${KT}-5a`]: { answer: 'n/a', notes: 'No training metrics at all.' },
    'release-policy-1a': { answer: 'most', evidence: 'Release calendar 2026 | sharepoint/it-release/calendar-2026.xlsx' },
  },
  am: {
    [`${KT}-1a`]: { answer: 'Most' },
    [`${KT}-2a`]: { answer: 'half' },
    [`${KT}-3a`]: { answer: 'most' },
    [`${KT}-4a`]: { answer: 'some' },
    [`${KT}-5a`]: { answer: 'none' },
  },
  tk: {
    [`${KT}-1a`]: { answer: 'most' },
    [`${KT}-2a`]: { answer: 'some' },
    [`${KT}-3a`]: { answer: 'half' },
    [`${KT}-5a`]: { answer: 'na' },
  },
};
const PEOPLE = {
  hv: { for: 'Hendrik Voss (Release manager)', date: '2026-03-05' },
  am: { for: 'Abena Mensah (Change manager)', date: '2026-03-06' },
  tk: { for: 'Tom Keller (Mainframe operator)', date: '2026-03-06' },
} as const;

describe('relm questionnaire, reconcile and the report', () => {
  let dir: string;
  const files: Record<string, string> = {};
  const run = async (args: string[]) => await relm([...args, '-C', dir], { cwd: dir });

  beforeAll(async () => {
    dir = example();
    for (const [key, who] of Object.entries(PEOPLE)) {
      const out = join(dir, `q-${key}.xlsx`);
      const r = await run(['questionnaire', 'export', '--practices', `${KT},release-policy`, '--for', who.for, '--deadline', '2026-03-20', '-o', out]);
      expect(r.status, r.stderr).toBe(0);
      let bytes: Buffer = readFileSync(out);
      bytes = await fillWorkbook(bytes, ANSWERS[key]!, { date: who.date });
      // Abena sorted her People sheet: rows come back in another order.
      if (key === 'am') bytes = await reverseRows(bytes, 'People');
      files[key] = join(dir, `returned-${key}.xlsx`);
      writeFileSync(files[key]!, bytes);
    }
  });

  it('exports a workbook with instructions, one sheet per perspective and protected rows', async () => {
    const r = await run(['questionnaire', 'export', '-o', join(dir, 'all.xlsx')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/28 practices, 166 statements/);
    const again = await run(['questionnaire', 'export', '-o', join(dir, 'all.xlsx')]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/s);
  });

  it('refuses a returned workbook with a cell that is not an answer, naming sheet and cell, and imports nothing', async () => {
    const rows = await criterionRows(readFileSync(files.hv!));
    const at = rows.get(`${KT}-2a`)!;
    const bad = await fillWorkbook(readFileSync(files.hv!), { [`${KT}-2a`]: { answer: 'mostly' } });
    const path = join(dir, 'bad.xlsx');
    writeFileSync(path, bad);
    const r = await run(['questionnaire', 'import', path]);
    expect(r.status).toBe(1);
    expect(at.sheet).toBe('People');
    expect(r.stderr).toContain(`People!E${at.row}: error "mostly" is not an answer; did you mean "most"?`);
    expect(r.stderr).toMatch(/Nothing was imported/);
    expect(existsSync(join(dir, 'responses'))).toBe(false);
    expect(readdirSync(join(dir, 'interviews'))).toHaveLength(5);
  });

  it('imports three respondents into responses/ with their interview records', async () => {
    for (const key of ['hv', 'am', 'tk'] as const) {
      const r = await run(['questionnaire', 'import', files[key]!]);
      expect(r.status, r.stderr).toBe(0);
    }
    expect(readdirSync(join(dir, 'responses')).sort()).toEqual(['int-06.yaml', 'int-07.yaml', 'int-08.yaml']);
    const hv = readFileSync(join(dir, 'responses', 'int-06.yaml'), 'utf8');
    expect(hv.split('\n')[0]).toBe('# yaml-language-server: $schema=../.relm/schemas/responses.schema.json');
    const doc = parse(hv);
    expect(doc.respondent).toEqual({ name: 'Hendrik Voss', role: 'Release manager' });
    expect(doc.date).toBe('2026-03-05');
    expect(doc.answers[KT]).toEqual({
      [`${KT}-1a`]: 'most',
      [`${KT}-2a`]: { answer: 'some', notes: 'Only the mainframe team has a training budget.' },
      [`${KT}-3a`]: 'none',
      [`${KT}-4a`]: 'none',
      [`${KT}-5a`]: { answer: 'na', notes: 'No training metrics at all.' },
    });
    expect(doc.answers['release-policy']['release-policy-1a']).toEqual({
      answer: 'most',
      evidence: [{ title: 'Release calendar 2026', ref: 'sharepoint/it-release/calendar-2026.xlsx' }],
    });
    // Abena's reordered rows read the same.
    expect(parse(readFileSync(join(dir, 'responses', 'int-07.yaml'), 'utf8')).answers[KT]).toEqual({
      [`${KT}-1a`]: 'most',
      [`${KT}-2a`]: 'half',
      [`${KT}-3a`]: 'most',
      [`${KT}-4a`]: 'some',
      [`${KT}-5a`]: 'none',
    });
    const iv = readFileSync(join(dir, 'interviews', 'int-08.md'), 'utf8');
    expect(iv).toMatch(
      /^---\nid: int-08\ndate: 2026-03-06\ninterviewees:\n {2}- \{name: Tom Keller, role: Mainframe operator\}\npractices: \[knowledge-training\]\n---/,
    );
  });

  it('re-importing the same answers changes nothing; different ones need --force', async () => {
    const before = readFileSync(join(dir, 'responses', 'int-06.yaml'), 'utf8');
    expect((await run(['questionnaire', 'import', files.hv!])).status).toBe(0);
    expect(readFileSync(join(dir, 'responses', 'int-06.yaml'), 'utf8')).toBe(before);
    const changed = join(dir, 'changed.xlsx');
    writeFileSync(changed, await fillWorkbook(readFileSync(files.hv!), { [`${KT}-4a`]: { answer: 'half' } }));
    const r = await run(['questionnaire', 'import', changed]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/knowledge-training-4a: none → half.*--force/s);
    expect(readFileSync(join(dir, 'responses', 'int-06.yaml'), 'utf8')).toBe(before);
  });

  it('reconciles: answers side by side, spread in steps, the median with ties to the lower', async () => {
    const r = await run(['reconcile', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.respondents.map((x: { id: string; name: string }) => `${x.id} ${x.name}`)).toEqual([
      'int-06 Hendrik Voss',
      'int-07 Abena Mensah',
      'int-08 Tom Keller',
    ]);
    const by = Object.fromEntries(c.criteria.map((x: { criterion: string }) => [x.criterion, x]));
    expect(by[`${KT}-3a`]).toMatchObject({ spread: 3, disagreement: true, proposal: 'half', consensus: 'none', status: 'differs', open: true });
    expect(by[`${KT}-3a`].answers.map((a: { answer: string }) => a.answer)).toEqual(['none', 'most', 'half']);
    expect(by[`${KT}-4a`]).toMatchObject({ spread: 1, disagreement: false, proposal: 'none', status: 'accepted' });
    expect(by[`${KT}-5a`]).toMatchObject({ na_split: true, disagreement: true, proposal: 'na' });
    expect(by[`${KT}-2a`]).toMatchObject({ spread: 1, proposal: 'some', disagreement: false });
    expect(c.disagreements).toBe(2);
    const human = await run(['reconcile']);
    expect(human.stdout).toMatch(/knowledge-training-3a\s+3\s+none\s+most\s+half\s+3\s+half\s+none\s+differs disagree/);
  });

  it('warns in relm validate about each open disagreement, at the criterion in practices.yaml', async () => {
    const r = await run(['validate', '-f', 'json']);
    const found = JSON.parse(r.stdout).filter((d: { code: string }) => d.code === 'respondents-disagree');
    expect(found.map((d: { message: string }) => /"([^"]+)"/.exec(d.message)![1])).toEqual([`${KT}-3a`, `${KT}-5a`]);
    expect(found[0].file).toBe('practices.yaml');
    const line = readFileSync(join(dir, 'practices.yaml'), 'utf8').split('\n')[found[0].line - 1];
    expect(line).toContain(`${KT}-3a:`);
  });

  it('counts respondents in the confidence, and open disagreements lower it', async () => {
    const a = JSON.parse((await run(['assess', '--json'])).stdout);
    const kt = a.practices.find((p: { id: string }) => p.id === KT);
    // 1a: three agree (1); 2a: three within a step (1); 3a: one agrees with "none", open (1/3 ÷ 2);
    // 4a: two agree (2/3); 5a: one agrees with "none", open (1/3 ÷ 2): (1 + 1 + 1/6 + 2/3 + 1/6) / 5.
    expect(kt.confidence).toBeCloseTo(3 / 5, 10);
    expect(a.consensus.open_disagreements).toBe(2);
  });

  it('--accept all writes the medians with the respondents as sources, leaving the disagreements to a workshop', async () => {
    const before = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const r = await run(['reconcile', '--accept', 'all']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/knowledge-training-3a left as it is: the respondents disagree/);
    const after = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    // Comments and the other practices stay byte for byte.
    expect(after.split('\n').slice(0, 8)).toEqual(before.split('\n').slice(0, 8));
    const kt = parse(after).practices[KT].answers;
    expect(kt[`${KT}-1a`]).toEqual({ answer: 'most', sources: ['int-06', 'int-07', 'int-08'] });
    expect(kt[`${KT}-4a`]).toEqual({ answer: 'none', sources: ['int-06', 'int-07'] });
    expect(kt[`${KT}-3a`]).toBe('none');
    expect((await run(['validate'])).status).toBe(0);
  });

  it('--set records a workshop decision with its reason; naming a disagreement accepts its median', async () => {
    const r = await run([
      'reconcile',
      '--set',
      `${KT}-3a=half`,
      '--because',
      'The mainframe team has a curriculum; the web teams do not.',
      '--date',
      '2026-03-10',
      '--accept',
      `${KT}-5a`,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const kt = parse(readFileSync(join(dir, 'practices.yaml'), 'utf8')).practices[KT].answers;
    expect(kt[`${KT}-3a`]).toEqual({
      answer: 'half',
      sources: ['int-06', 'int-07', 'int-08'],
      decision: { because: 'The mainframe team has a curriculum; the web teams do not.', date: '2026-03-10' },
    });
    expect(kt[`${KT}-5a`]).toEqual({ answer: 'na', sources: ['int-06', 'int-07', 'int-08'] });
    const v = JSON.parse((await run(['validate', '-f', 'json'])).stdout).filter((d: { code: string }) => d.code === 'respondents-disagree');
    expect(v.map((d: { message: string }) => /"([^"]+)"/.exec(d.message)![1])).toEqual([`${KT}-5a`]);
    const a = JSON.parse((await run(['assess', '--json'])).stdout);
    const p = a.practices.find((x: { id: string }) => x.id === KT);
    // 3a decided: all three back it (1); 5a still open, two of three agree on n/a (2/3 ÷ 2): (1 + 1 + 1 + 2/3 + 1/3) / 5.
    expect(p.confidence).toBeCloseTo(4 / 5, 10);
    // m_3 = half, level 5 is n/a (its only criterion does not apply).
    expect(p.level_scores).toEqual([1, 0.25, 0.5, 0, 1]);
  });

  it("lists the disagreements in the report's appendix", async () => {
    const r = await run(['report', '--format', 'md', '--only', 'report']);
    expect(r.status, r.stderr).toBe(0);
    const md = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    const section = md.slice(md.indexOf('### Where the respondents disagree'));
    expect(section).toMatch(
      /^### Where the respondents disagree\n\nThree respondents \(Hendrik Voss \(Release manager\), Abena Mensah \(Change manager\) and Tom Keller \(Mainframe operator\)\) answered six criteria; on two criteria/,
    );
    expect(section).toContain('One disagreement is still open');
    // The respondents are counted as questionnaires, not interviews; their interview records are marked so.
    expect(md).toMatch(
      /\*\*Sources\.\*\* The ratings (rest on|cite) [\w ]+ documents, five interviews, three questionnaire respondents and three observations/,
    );
    expect(md).toContain('| int-06 (questionnaire) |');
    expect(md).not.toContain('| int-01 (questionnaire) |');
    expect(section).toContain(
      '| Hendrik Voss (Release manager): none; Abena Mensah (Change manager): most; Tom Keller (Mainframe operator): half | half: settled in a workshop on 10 March 2026: The mainframe team has a curriculum; the web teams do not. |',
    );
    expect(section).toContain(
      'Hendrik Voss (Release manager): n/a; Abena Mensah (Change manager): none; Tom Keller (Mainframe operator): n/a | n/a: open; the median was taken |',
    );
  });
});
