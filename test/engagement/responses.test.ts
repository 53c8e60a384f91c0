import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { parseEvidence, readAnswersJson, readWorkbook } from '../../src/engagement/responses-read.js';
import { changedAnswers, newResponsesFile, updateResponsesFile, type ResponsesOrder } from '../../src/engagement/responses-write.js';
import { copyFixture } from '../helpers/cli.js';
import { tinyModel } from '../helpers/engagement.js';

const model = tinyModel();
const order: ResponsesOrder = {
  practices: model.practices.map((p) => p.id),
  criteria: (pid) => model.practices.find((p) => p.id === pid)!.criteria.map((c) => c.id),
};

const json = (answers: unknown, extra: object = {}) =>
  JSON.stringify({
    format: 'relm-questionnaire',
    version: 1,
    model: { id: 'tiny' },
    respondent: { name: 'A. Person', role: 'Dev' },
    date: '2026-03-05',
    answers,
    ...extra,
  });

describe('parseEvidence', () => {
  it('reads one document a line, "title | where", a bare link as both', () => {
    expect(parseEvidence('Release calendar | sharepoint/cal.xlsx\nRunbook\nhttps://wiki/x')).toEqual([
      { title: 'Release calendar', ref: 'sharepoint/cal.xlsx' },
      { title: 'Runbook' },
      { title: 'https://wiki/x', ref: 'https://wiki/x' },
    ]);
    expect(parseEvidence('Runbook', 'https://wiki/runbook')).toEqual([{ title: 'Runbook', ref: 'https://wiki/runbook' }]);
  });
});

describe('readAnswersJson (the HTML form)', () => {
  it('reads answers, notes and evidence, in the model order, counting blanks', () => {
    const q = readAnswersJson(json({ 'b-1a': { answer: 'n/a', notes: 'x', evidence: 'Doc | d.pdf' }, 'a-1a': 'most', 'a-2a': { answer: null } }), model);
    expect(q.findings).toEqual([]);
    expect(q.respondent).toEqual({ name: 'A. Person', role: 'Dev' });
    expect(q.answers).toEqual([
      { practice: 'a', criterion: 'a-1a', answer: 'most' },
      { practice: 'b', criterion: 'b-1a', answer: 'na', notes: 'x', evidence: [{ title: 'Doc', ref: 'd.pdf' }] },
    ]);
    expect(q.blank).toBe(1);
  });

  it('names every bad entry, and warns of notes without an answer', () => {
    const q = readAnswersJson(json({ 'a-1a': 'mostly', 'a-9z': 'most', 'b-2a': { answer: '', notes: 'hm' } }, { date: '5 March' }), model);
    expect(q.findings.map((f) => `${f.where} ${f.severity} ${f.code}: ${f.message}`)).toEqual([
      'date error not-a-date: "5 March" is not a date; write it as YYYY-MM-DD, or pass --date',
      'answers["a-1a"].answer error not-an-answer: "mostly" is not an answer; did you mean "most"?; choose none, some, half, most or n/a, or leave it blank',
      expect.stringMatching(/^answers\["a-9z"\] error unknown-criterion: "a-9z" is not a criterion of the model "tiny"; did you mean/),
      'answers["b-2a"].answer warning note-without-answer: "b-2a" has notes but no answer, so it is not imported; choose none, some, half, most or n/a, or leave it blank',
    ]);
  });

  it('refuses what is not a questionnaire', () => {
    expect(readAnswersJson('{"a":', model).findings[0]!.code).toBe('not-json');
    expect(readAnswersJson('{"answers": {}}', model).findings[0]!.code).toBe('not-a-questionnaire');
    expect(readAnswersJson(json({}, { model: { id: 'other' } }), model).findings[0]!.code).toBe('other-model');
  });
});

describe('readWorkbook', () => {
  /** A workbook as another tool (or a respondent rearranging things) might leave it. */
  async function workbook(build: (wb: import('exceljs').Workbook) => void): Promise<Buffer> {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    build(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('finds the columns by header, tolerates extra sheets, columns, reordered rows and blanks', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Notes to self').addRow(['criterion?', 'nothing here']);
      const i = wb.addWorksheet('Instructions');
      i.addRow(['Your name', 'B. Tester']);
      i.addRow(['Your role', 'Ops']);
      i.addRow(['Date of your answers', new Date(Date.UTC(2026, 2, 7))]);
      const ws = wb.addWorksheet('My answers');
      ws.addRow(['a title row']);
      ws.addRow(['Answer', 'extra', 'Criterion', 'notes']);
      ws.addRow(['half', 'x', 'b-2a', '']);
      ws.addRow(['', '', 'b-1a', '']);
      ws.addRow([{ richText: [{ text: 'mo' }, { text: 'st' }] }, '', 'a-1a', 'rich']);
    });
    const q = await readWorkbook(bytes, model);
    expect(q.findings).toEqual([]);
    expect(q.respondent).toEqual({ name: 'B. Tester', role: 'Ops' });
    expect(q.date).toBe('2026-03-07');
    expect(q.answers.map((a) => `${a.criterion}=${a.answer}`)).toEqual(['a-1a=most', 'b-2a=half']);
    expect(q.blank).toBe(1);
  });

  it('names sheet and cell of each bad row; nothing is read from a workbook without questionnaire sheets', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Process');
      ws.addRow(['practice', 'criterion', 'answer']);
      ws.addRow(['a', 'a-1a', 'mostly']);
      ws.addRow(['b', 'a-2a', 'half']);
      ws.addRow(['a', 'a-2b', 'some']);
      ws.addRow(['a', 'a-2b', 'half']);
      ws.addRow(['', '', 'most']);
      const other = wb.addWorksheet('Two words');
      other.addRow(['criterion', 'answer']);
      other.addRow(['zzz', 'most']);
    });
    const q = await readWorkbook(bytes, model);
    expect(q.findings.map((f) => `${f.where}: ${f.code}`)).toEqual([
      'Process!C2: not-an-answer',
      'Process!A3: practice-mismatch',
      'Process!C5: answered-twice',
      'Process!C6: answer-without-criterion',
      "'Two words'!A2: unknown-criterion",
    ]);
    expect(q.findings[0]!.message).toBe('"mostly" is not an answer; did you mean "most"?; choose none, some, half, most or n/a, or leave it blank');
    const none = await readWorkbook(await workbook((wb) => wb.addWorksheet('x').addRow(['hello'])), model);
    expect(none.findings.map((f) => f.code)).toEqual(['no-questionnaire-sheet']);
    expect((await readWorkbook(Buffer.from('not a zip'), model)).findings.map((f) => f.code)).toEqual(['not-a-workbook']);
  });
});

describe('responses files', () => {
  const answers = [
    { practice: 'a', criterion: 'a-1a', answer: 'most' as const },
    { practice: 'a', criterion: 'a-2a', answer: 'half' as const, notes: 'Only "core"', evidence: [{ title: 'Cal', ref: 'c.xlsx' }] },
    { practice: 'b', criterion: 'b-1a', answer: 'na' as const },
  ];
  const rec = { respondent: { name: 'A. Person', role: 'Dev' }, date: '2026-03-05', from: 'a.xlsx' };

  it('writes a new file with the modeline, grouped by practice in the model order', () => {
    expect(newResponsesFile('int-06', rec, answers, order)).toBe(
      [
        '# yaml-language-server: $schema=../.relm/schemas/responses.schema.json',
        '# int-06: the answers of A. Person (Dev) to the questionnaire, imported by `relm questionnaire import`.',
        '# practices.yaml holds the consensus: `relm reconcile` compares the respondents and proposes it.',
        'respondent: {name: A. Person, role: Dev}',
        'date: 2026-03-05',
        'from: a.xlsx',
        'answers:',
        '  a:',
        '    a-1a: most',
        '    a-2a: {answer: half, notes: Only "core", evidence: [{title: Cal, ref: c.xlsx}]}',
        '',
        '  b:',
        '    b-1a: na',
        '',
      ].join('\n'),
    );
  });

  it('merges a newer questionnaire into the file, keeping its comments, and says which answers change', () => {
    const text = newResponsesFile('int-06', rec, answers, order).replace('    a-1a: most\n', '    a-1a: most # checked on the phone\n');
    const next = [
      { practice: 'a', criterion: 'a-1a', answer: 'most' as const },
      { practice: 'b', criterion: 'b-1a', answer: 'some' as const },
      { practice: 'c', criterion: 'c-1a', answer: 'none' as const },
    ];
    const current = parse(text);
    expect(changedAnswers(current, next)).toEqual([{ criterion: 'b-1a', before: 'na', after: 'some' }]);
    const out = updateResponsesFile(text, { ...rec, from: 'b.xlsx' }, next, order);
    expect(out).toContain('    a-1a: most # checked on the phone\n');
    expect(parse(out).answers).toEqual({ a: current.answers.a, b: { 'b-1a': 'some' }, c: { 'c-1a': 'none' } });
    expect(parse(out).from).toBe('b.xlsx');
  });
});

describe('loading responses/', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const example = () => {
    const d = copyFixture('examples/acme-bank');
    dirs.push(d);
    mkdirSync(join(d, 'responses'));
    return d;
  };

  it('reads each respondent, checks names and ids against the model, and the interview record', () => {
    const d = example();
    writeFileSync(
      join(d, 'responses', 'int-01.yaml'),
      'respondent: {name: Hendrik Voss}\ndate: 2026-03-05\nanswers:\n  release-policy:\n    release-policy-1a: most\n',
    );
    writeFileSync(
      join(d, 'responses', 'int-09.yaml'),
      'respondent: {name: X}\ndate: 2026-03-05\nanswers:\n  release-policy:\n    testing-strategy-1a: most\n  no-such-practice: {}\n',
    );
    const r = loadEngagement(d);
    const mine = r.diagnostics.filter((x) => x.file.startsWith('responses/')).map((x) => `${x.file}:${x.line} ${x.severity} ${x.code}`);
    expect(mine).toEqual([
      'responses/int-09.yaml:1 warning respondent-without-interview',
      'responses/int-09.yaml:5 error unknown-criterion',
      'responses/int-09.yaml:6 error unknown-practice',
    ]);
    expect(r.engagement).toBeNull();
  });

  it('reports a file against its schema, at the line', () => {
    const d = example();
    writeFileSync(
      join(d, 'responses', 'int-01.yaml'),
      'respondent: {name: Hendrik Voss}\ndate: 2026-03-05\nanswers:\n  release-policy:\n    release-policy-1a: mostly\n',
    );
    const r = loadEngagement(d);
    const found = r.diagnostics.find((x) => x.file === 'responses/int-01.yaml')!;
    expect([found.line, found.code]).toEqual([5, 'invalid-value']);
    expect(found.message).toMatch(/must be one of none, some, half, most, na/);
  });

  it('loads a valid respondent into the engagement', () => {
    const d = example();
    writeFileSync(
      join(d, 'responses', 'int-01.yaml'),
      'respondent: {name: Hendrik Voss}\ndate: 2026-03-05\nanswers:\n  release-policy:\n    release-policy-1a: most\n',
    );
    const r = loadEngagement(d);
    expect(r.engagement!.responses).toEqual([
      {
        id: 'int-01',
        file: 'responses/int-01.yaml',
        respondent: { name: 'Hendrik Voss' },
        date: '2026-03-05',
        answers: { 'release-policy': { 'release-policy-1a': 'most' } },
      },
    ]);
  });
});
