import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkConfirmed, checkProgress } from '../../src/engagement/checks/progress.js';
import { carryManifest, carryPlan, carryPractices } from '../../src/engagement/reassess.js';
import { validateSchema } from '../../src/engagement/schemas.js';
import { writePracticeAnswers } from '../../src/engagement/write-practices.js';
import { newProgressFile, writeProgress } from '../../src/engagement/write-progress.js';
import { deleteIn } from '../../src/engagement/yaml-edit.js';
import { engagementWith } from '../helpers/engagement.js';

describe('writeProgress: progress.yaml through relm progress set', () => {
  it('starts the file with the modeline, and keeps each status with its dates', () => {
    const a = writeProgress(null, { id: 'r1', status: 'in-progress', date: '2026-05-02', owner: 'A. Lee' });
    expect(a.text.startsWith('# yaml-language-server: $schema=.relm/schemas/progress.schema.json\n')).toBe(true);
    expect(a.text.endsWith('recommendations:\n  r1:\n    status: in-progress\n    owner: A. Lee\n    started: 2026-05-02\n')).toBe(true);
    expect(validateSchema('progress', 'progress.yaml', parse(a.text))).toEqual([]);
    // Done later: the start stays, the done date is the day given; a note joins the notes.
    const b = writeProgress(a.text, { id: 'r1', status: 'done', date: '2026-06-01', note: 'Signed off.' });
    expect(parse(b.text).recommendations.r1).toEqual({ status: 'done', owner: 'A. Lee', started: '2026-05-02', done: '2026-06-01', notes: 'Signed off.' });
    // Reopened: the done date goes (and says so); planned again: the start goes too.
    const c = writeProgress(b.text, { id: 'r1', status: 'in-progress', date: '2026-06-03', note: 'Failed the audit.' });
    expect(c.removed).toEqual(['done: 2026-06-01']);
    expect(parse(c.text).recommendations.r1).toEqual({
      status: 'in-progress',
      owner: 'A. Lee',
      started: '2026-05-02',
      notes: 'Signed off.\n\nFailed the audit.',
    });
    const d = writeProgress(c.text, { id: 'r1', status: 'planned', date: '2026-06-04' });
    expect(d.removed).toEqual(['started: 2026-05-02']);
    expect(parse(d.text).recommendations.r1).toEqual({ status: 'planned', owner: 'A. Lee', notes: 'Signed off.\n\nFailed the audit.' });
  });

  it('leaves comments and other entries byte for byte', () => {
    const text = `${newProgressFile()}  # first phase\n  r1: {status: done, done: 2026-05-01}   # signed\n  r2:\n    status: planned # not yet\n`;
    const out = writeProgress(text, { id: 'r2', status: 'in-progress', date: '2026-05-02' }).text;
    expect(out).toBe(text.replace('    status: planned # not yet\n', '    status: in-progress # not yet\n    started: 2026-05-02\n'));
    const back = writeProgress(text, { id: 'r1', status: 'dropped', date: '2026-05-02' }).text;
    expect(back).toContain('  r1: {status: dropped}   # signed\n');
    expect(back).toContain('    status: planned # not yet\n');
  });

  it('deleteIn removes a key of a block map with its comment lines, or rewrites a flow map', () => {
    expect(deleteIn('a:\n  # about b\n  b: 1\n  c: 2\n', ['a', 'b'])).toBe('a:\n  c: 2\n');
    expect(deleteIn('a: {b: 1, c: 2}\n', ['a', 'b'])).toBe('a: {c: 2}\n');
    expect(deleteIn('a:\n  b: 1\n', ['a', 'x'])).toBe('a:\n  b: 1\n');
  });
});

describe('checks of progress.yaml and of carried answers', () => {
  it('names an unknown recommendation, a done date before the start, and dates the status cannot have', () => {
    const e = engagementWith({
      target: {
        targets: { default: 3 },
        recommendations: [{ id: 'rec-x', practice: 'a', level: 2, title: 'X', horizon: 'tactical', effort_days: 2, impact: 3 }],
      },
      progress: { recommendations: { 'rec-y': { status: 'planned' }, 'rec-x': { status: 'in-progress', started: '2026-05-01', done: '2026-04-01' } } },
    });
    expect(checkProgress(e).map((f) => [f.code, f.severity, f.message])).toEqual([
      ['unknown-recommendation', 'error', '"rec-y" is not a recommendation of the model or of target.yaml; did you mean "rec-x"?'],
      ['done-before-started', 'error', '"rec-x" is done 2026-04-01, before it started 2026-05-01'],
      ['progress-status-dates', 'warning', '"rec-x" has a done date but its status is in-progress: remove the date, or set the status to done'],
    ]);
  });

  it('flags answers confirmed too long ago as stale, and those carried over as still to confirm', () => {
    const e = engagementWith();
    e.manifest.engagement.as_of = '2027-03-31';
    e.manifest.previous = { path: '../old', as_of: '2026-03-31' };
    e.practices.practices = {
      a: { answers: { 'a-1a': { answer: 'most', confirmed: '2026-03-15' }, 'a-2a': { answer: 'half', confirmed: '2025-12-01' }, 'a-2b': 'some' } },
      b: { rating: 2, confirmed: '2026-03-15' },
      e: { answers: { 'e-1a': { answer: 'most', confirmed: '2027-02-01' } } },
    };
    // 2025-12-01 is 485 days before 2027-03-31; 2026-03-15 is 381: both stale at 365 days.
    expect(checkConfirmed(e).map((f) => [f.path, f.code, f.message])).toEqual([
      [
        ['practices', 'a'],
        'stale-answer',
        '2 answers of "a" were last confirmed more than 365 days before 2027-03-31 (the oldest on 2025-12-01): confirm them again (re-answer, or set `confirmed` to the date)',
      ],
      [
        ['practices', 'b'],
        'stale-answer',
        '1 answer of "b" was last confirmed more than 365 days before 2027-03-31 (the oldest on 2026-03-15): confirm it again (re-answer, or set `confirmed` to the date)',
      ],
    ]);
    e.manifest.stale_after_days = 400;
    expect(checkConfirmed(e).map((f) => [f.path, f.code, f.message])).toEqual([
      [
        ['practices', 'a'],
        'stale-answer',
        '1 answer of "a" was last confirmed more than 400 days before 2027-03-31 (the oldest on 2025-12-01): confirm it again (re-answer, or set `confirmed` to the date)',
      ],
      [
        ['practices', 'a'],
        'answer-to-confirm',
        '1 answer of "a" is carried over from the previous assessment (last confirmed 2026-03-15) and still to confirm: re-answer, or set `confirmed` to the date',
      ],
      [
        ['practices', 'b'],
        'answer-to-confirm',
        '1 answer of "b" is carried over from the previous assessment (last confirmed 2026-03-15) and still to confirm: re-answer, or set `confirmed` to the date',
      ],
    ]);
  });

  it('an interview confirms a carried answer on its date', () => {
    const text = 'practices:\n  a:\n    answers:\n      a-1a: {answer: most, confirmed: 2026-03-15}   # L1\n';
    const out = writePracticeAnswers(text, { practice: 'a', answers: { 'a-1a': { answer: 'half', confirmed: '2027-02-10' } } });
    expect(out).toBe('practices:\n  a:\n    answers:\n      a-1a: {answer: half, confirmed: 2027-02-10}   # L1\n');
    // An answer without a date was given in this assessment: it stays without one.
    expect(
      writePracticeAnswers('practices:\n  a:\n    answers:\n      a-1a: most\n', {
        practice: 'a',
        answers: { 'a-1a': { answer: 'half', confirmed: '2027-02-10' } },
      }),
    ).toBe('practices:\n  a:\n    answers:\n      a-1a: half\n');
  });
});

describe('the files of a re-assessment', () => {
  const practices = [
    '# yaml-language-server: $schema=.relm/schemas/practices.schema.json',
    '# Our notes.',
    'assessed: 2026-03-15',
    'practices:',
    '  a:',
    '    sources: [int-01]',
    '    answers:',
    '      a-1a: most   # L1 criterion',
    '      a-2a: {answer: half, notes: "kept", sources: [int-02]}',
    '      a-2b: {answer: some, confirmed: 2025-03-01}',
    '      a-3a:',
    '  b:',
    '    rating: 2',
    '',
  ].join('\n');

  it('carries every answer over with the date it was last confirmed, keeping comments and notes, dropping interview sources', () => {
    const c = carryPractices(practices, { asOf: '2027-03-31', previousAsOf: '2026-03-31', previousAssessed: '2026-03-15' });
    expect(c.answers).toBe(3);
    expect(c.ratings).toBe(1);
    const lines = c.text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=.relm/schemas/practices.schema.json');
    expect(lines[1]).toMatch(/^# Carried over from the previous assessment \(2026-03-31\) by `relm init --from`/);
    expect(c.text).toContain('# Our notes.');
    expect(c.text).toContain('a-1a: {answer: most, confirmed: 2026-03-15} # L1 criterion');
    expect(parse(c.text)).toEqual({
      assessed: '2027-03-31',
      practices: {
        a: {
          answers: {
            'a-1a': { answer: 'most', confirmed: '2026-03-15' },
            'a-2a': { answer: 'half', notes: 'kept', confirmed: '2026-03-15' },
            'a-2b': { answer: 'some', confirmed: '2025-03-01' },
            'a-3a': null,
          },
        },
        b: { rating: 2, confirmed: '2026-03-15' },
      },
    });
    expect(validateSchema('practices', 'practices.yaml', parse(c.text))).toEqual([]);
  });

  it('keeps the date of a later workshop decision as the date last confirmed, and drops the disagreements that cite interviews it does not copy', () => {
    const decided = [
      'practices:',
      '  a:',
      '    answers:',
      '      a-1a: {answer: most, sources: [int-06, int-07], decision: {because: the workshop, date: 2026-04-20}}',
      '      a-1b: {answer: some, confirmed: 2026-05-01, decision: {because: earlier, date: 2026-04-01}}',
      '      a-2a:',
      '        answer: half',
      '        disagreements:',
      '          - {answer: most, sources: [int-03]}',
      '',
    ].join('\n');
    const c = carryPractices(decided, { asOf: '2027-03-31', previousAsOf: '2026-03-31', previousAssessed: '2026-03-15' });
    expect(parse(c.text).practices.a.answers).toEqual({
      // Decided on 20 April, after the assessment of 15 March: confirmed then, not on 15 March.
      'a-1a': { answer: 'most', decision: { because: 'the workshop', date: '2026-04-20' }, confirmed: '2026-04-20' },
      // Its own confirmed date is later than the decision: it stays.
      'a-1b': { answer: 'some', confirmed: '2026-05-01', decision: { because: 'earlier', date: '2026-04-01' } },
      'a-2a': { answer: 'half', confirmed: '2026-03-15' },
    });
    expect(c.text).not.toContain('int-0');
  });

  it('links the previous engagement in relm.yaml and moves the plan to the new dates, every task to do', () => {
    const m = carryManifest('relm: 1\nengagement:\n  client: X # the client\n  as_of: 2026-03-31\n', {
      asOf: '2027-03-31',
      previousAsOf: '2026-03-31',
      previousPath: '../x-2026',
    });
    expect(m).toBe('relm: 1\nengagement:\n  client: X # the client\n  as_of: 2027-03-31\nprevious: {path: ../x-2026, as_of: 2026-03-31}\n');
    // 365 days later: Monday 2026-02-16 -> Tuesday 2027-02-16; Friday 2026-02-20 -> Saturday 2027-02-20 -> Monday 2027-02-22.
    const plan = carryPlan('tasks:\n  - id: t1 # first\n    title: T\n    start: 2026-02-16\n    due: 2026-02-20\n    status: done\n', 365);
    expect(plan).toBe('tasks:\n  - id: t1 # first\n    title: T\n    start: 2027-02-16\n    due: 2027-02-22\n    status: todo\n');
  });
});
