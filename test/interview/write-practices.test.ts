import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import fc from 'fast-check';
import { turn } from '../helpers/yield.js';
import { describe, expect, it } from 'vitest';
import type { AnswerValue, EvidenceRef, PracticeState, PracticesFile } from '../../src/engagement/types.js';
import { loadBuiltinModel } from '../../src/model/builtin.js';
import { practiceState, writePracticeAnswers, type CriterionUpdate, type ModelOrder } from '../../src/engagement/write-practices.js';
import { validateSchema } from '../../src/engagement/schemas.js';
import { scoreBlock, scaffoldText } from './fixtures.js';
import { ROOT } from '../helpers/cli.js';

const ACME = readFileSync(join(ROOT, 'examples/acme-bank/practices.yaml'), 'utf8');
const RP = ['release-policy-1a', 'release-policy-2a', 'release-policy-2b', 'release-policy-3a', 'release-policy-3b', 'release-policy-4a', 'release-policy-5a'];
const ORDER: ModelOrder = {
  practices: ['maintenance-skills', 'roles-responsibilities', 'knowledge-training', 'release-policy', 'request-intake'],
  criteria: RP,
};

/** The text with one exact substring replaced, failing loudly when it is not there exactly once. */
function swap(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, `"${from}" once`).toBe(1);
  return text.replace(from, to);
}

describe('writePracticeAnswers on the example engagement', () => {
  it('changes a short answer in place and leaves every other byte alone', () => {
    const out = writePracticeAnswers(ACME, { practice: 'release-policy', answers: { 'release-policy-3a': { answer: 'some' } } }, ORDER);
    expect(out).toBe(swap(ACME, '      release-policy-3a: none\n', '      release-policy-3a: some\n'));
  });

  it('keeps the short form when no notes are added, and writes nothing when nothing changes', () => {
    const same = writePracticeAnswers(
      ACME,
      { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'most' }, 'release-policy-4a': { answer: 'none' } } },
      ORDER,
    );
    expect(same).toBe(ACME);
  });

  it('turns a short answer into {answer, notes, evidence} when notes or evidence are added', () => {
    const out = writePracticeAnswers(
      ACME,
      {
        practice: 'release-policy',
        answers: {
          'release-policy-1a': { answer: 'most', notes: 'Confirmed: "every" release, web too' },
          'release-policy-4a': { answer: 'some', evidence: [{ title: 'KPI sheet', ref: 'kpi.xlsx' }] },
        },
      },
      ORDER,
    );
    let expected = swap(ACME, '      release-policy-1a: most\n', `      release-policy-1a: {answer: most, notes: 'Confirmed: "every" release, web too'}\n`);
    expected = swap(expected, '      release-policy-4a: none\n', '      release-policy-4a: {answer: some, evidence: [{title: KPI sheet, ref: kpi.xlsx}]}\n');
    expect(out).toBe(expected);
  });

  it('changes the answer of a detailed flow entry, keeping its notes and their quoting', () => {
    const out = writePracticeAnswers(ACME, { practice: 'release-policy', answers: { 'release-policy-2a': { answer: 'most' } } }, ORDER);
    expect(out).toBe(
      swap(ACME, '      release-policy-2a: {answer: half, notes: "Release types', '      release-policy-2a: {answer: most, notes: "Release types'),
    );
  });

  it('edits a detailed block entry inside its block: the answer, new notes, one more evidence item', () => {
    const out = writePracticeAnswers(
      ACME,
      {
        practice: 'release-policy',
        answers: {
          'release-policy-3b': { answer: 'half', notes: 'Rehearsed once in March', evidence: [{ title: 'Back-out plan R-2026-03', ref: 'sp/backout.docx' }] },
        },
      },
      ORDER,
    );
    let expected = swap(ACME, '        answer: some\n        notes: "Back-out plans', '        answer: half\n        notes: "Back-out plans');
    expected = swap(
      expected,
      '        notes: "Back-out plans exist for core releases only and are never rehearsed; the back-out of R-2025-11a in November was improvised."\n',
      '        notes: Rehearsed once in March\n',
    );
    expected = swap(
      expected,
      '          - {title: Post-incident notes R-2025-11a, ref: servicenow/problem/PRB0011872, date: 2025-11-19}\n',
      '          - {title: Post-incident notes R-2025-11a, ref: servicenow/problem/PRB0011872, date: 2025-11-19}\n          - {title: Back-out plan R-2026-03, ref: sp/backout.docx}\n',
    );
    expect(out).toBe(expected);
  });

  it('adds the interview to the practice sources and evidence to its list, once', () => {
    const update = {
      practice: 'release-policy',
      answers: {},
      sources: ['int-06', 'int-01'],
      evidence: [{ title: 'Release policy draft v0.3', ref: 'sp/policy.docx' }],
    };
    const out = writePracticeAnswers(ACME, update, ORDER);
    let expected = swap(
      ACME,
      '    sources: [int-01, int-02]\n    evidence:\n      - {title: "Release process',
      '    sources: [int-01, int-02, int-06]\n    evidence:\n      - {title: "Release process',
    );
    expected = swap(
      expected,
      '      - {title: Release calendar 2026 (core systems), ref: sharepoint/it-release/calendar-2026.xlsx, date: 2026-01-12}\n    answers:\n      release-policy-1a',
      '      - {title: Release calendar 2026 (core systems), ref: sharepoint/it-release/calendar-2026.xlsx, date: 2026-01-12}\n      - {title: Release policy draft v0.3, ref: sp/policy.docx}\n    answers:\n      release-policy-1a',
    );
    expect(out).toBe(expected);
    expect(writePracticeAnswers(out, update, ORDER)).toBe(out);
  });

  it('creates sources and evidence where a practice has none', () => {
    const out = writePracticeAnswers(ACME, { practice: 'knowledge-training', answers: {}, sources: ['int-06'], evidence: [{ title: 'Wiki export' }] }, ORDER);
    const state = practiceState(out, 'knowledge-training')!;
    expect(state.sources).toEqual(['int-06']);
    expect(state.evidence).toEqual([{ title: 'Wiki export' }]);
    // Placed between notes and answers, in the file's style.
    expect(out).toContain(
      '      training plan or training budget line for the maintenance teams.\n    sources: [int-06]\n    evidence:\n      - {title: Wiki export}\n    answers:\n      knowledge-training-1a: most\n',
    );
    expect(out.replace('    sources: [int-06]\n    evidence:\n      - {title: Wiki export}\n', '')).toBe(ACME);
  });

  it('puts a missing criterion where the model has it', () => {
    const without = swap(ACME, '      release-policy-3a: none\n', '');
    const out = writePracticeAnswers(without, { practice: 'release-policy', answers: { 'release-policy-3a': { answer: 'half' } } }, ORDER);
    expect(out).toBe(swap(ACME, '      release-policy-3a: none\n', '      release-policy-3a: half\n'));
  });

  it('keeps the file valid, and scores what was written', () => {
    const out = writePracticeAnswers(
      ACME,
      { practice: 'release-policy', answers: { 'release-policy-3a': { answer: 'most', notes: 'multi\nline: yes, # not a comment' } }, sources: ['int-06'] },
      ORDER,
    );
    const data = parse(out);
    expect(validateSchema('practices', 'practices.yaml', data)).toEqual([]);
    expect(data.practices['release-policy'].answers['release-policy-3a']).toEqual({ answer: 'most', notes: 'multi\nline: yes, # not a comment' });
    expect(scoreBlock(out, 'release-policy')).toBeGreaterThan(scoreBlock(ACME, 'release-policy'));
  });
});

describe('writePracticeAnswers: sources per answer, disagreements, the practice notes', () => {
  it('adds sources to an answer, replaces them, and records a disagreement, once', () => {
    let out = writePracticeAnswers(ACME, { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'most', sources: ['int-06'] } } }, ORDER);
    expect(out).toBe(swap(ACME, '      release-policy-1a: most\n', '      release-policy-1a: {answer: most, sources: [int-06]}\n'));
    out = writePracticeAnswers(out, { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'most', sources: ['int-07'] } } }, ORDER);
    expect(out).toContain('      release-policy-1a: {answer: most, sources: [int-06, int-07]}\n');
    out = writePracticeAnswers(
      out,
      { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'half', sources: ['int-08'], replaceSources: true } } },
      ORDER,
    );
    expect(out).toContain('      release-policy-1a: {answer: half, sources: [int-08]}\n');
    const d = { answer: 'most' as const, sources: ['int-09'], notes: 'core only' };
    out = writePracticeAnswers(out, { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'half', disagreement: d } } }, ORDER);
    const twice = writePracticeAnswers(out, { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'half', disagreement: d } } }, ORDER);
    expect(twice).toBe(out);
    expect(out).toContain('      release-policy-1a: {answer: half, sources: [int-08], disagreements: [{answer: most, sources: [int-09], notes: core only}]}\n');
    expect(validateSchema('practices', 'practices.yaml', parse(out))).toEqual([]);
  });

  it('sets the practice notes, a block scalar included', () => {
    const out = writePracticeAnswers(ACME, { practice: 'release-policy', answers: {}, notes: 'Rewritten after int-06' }, ORDER);
    const before = practiceState(ACME, 'release-policy')!;
    expect(practiceState(out, 'release-policy')).toEqual({ ...before, notes: 'Rewritten after int-06' });
    expect(out.split('\n').length).toBe(ACME.split('\n').length - (before.notes!.split('\n').length - 1) - 1);
  });
});

describe('writePracticeAnswers on the scaffold of relm init (empty answers with comments)', () => {
  const text = scaffoldText();

  it('writes the answer before the criterion comment, keeping the comment and its spacing', () => {
    const out = writePracticeAnswers(text, {
      practice: 'release-policy',
      answers: { 'release-policy-1a': { answer: 'most' }, 'release-policy-2a': { answer: 'half', notes: 'Draft only' } },
      sources: ['int-01'],
    });
    const line1 = text.split('\n').find((l) => l.startsWith('      release-policy-1a:'))!;
    const line2 = text.split('\n').find((l) => l.startsWith('      release-policy-2a:'))!;
    let expected = swap(text, line1 + '\n', line1.replace('release-policy-1a:', 'release-policy-1a: most') + '\n');
    expected = swap(expected, line2 + '\n', line2.replace('release-policy-2a:', 'release-policy-2a: {answer: half, notes: Draft only}') + '\n');
    expect(line1).toMatch(/^ {6}release-policy-1a: {3}# L1 /);
    expect(out.split('release-policy:\n    notes: ""\n    sources: [int-01]\n').length).toBe(2);
    expect(out).toBe(swap(expected, 'release-policy:\n    notes: ""\n    sources: []\n', 'release-policy:\n    notes: ""\n    sources: [int-01]\n'));
  });
});

describe('writePracticeAnswers on hand-written files', () => {
  it('creates a missing practice among the others in model order, with the blank-line style of the file', () => {
    const text = [
      '# current state',
      'practices:',
      '',
      '  maintenance-skills:',
      '    rating: 2',
      '',
      '  request-intake:   # from the workshop',
      '    rating: 1',
      '',
    ].join('\n');
    const out = writePracticeAnswers(
      text,
      { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'most' }, 'release-policy-2a': { answer: 'some' } }, sources: ['int-02'] },
      ORDER,
    );
    expect(out).toBe(
      [
        '# current state',
        'practices:',
        '',
        '  maintenance-skills:',
        '    rating: 2',
        '',
        '  release-policy:',
        '    sources: [int-02]',
        '    answers:',
        '      release-policy-1a: most',
        '      release-policy-2a: some',
        '',
        '  request-intake:   # from the workshop',
        '    rating: 1',
        '',
      ].join('\n'),
    );
  });

  it('fills an empty practice and an empty answers map', () => {
    const text = 'practices:\n  release-policy:\n  request-intake:\n    answers: {}  # todo\n';
    let out = writePracticeAnswers(text, { practice: 'release-policy', answers: { 'release-policy-1a': { answer: 'half' } } }, ORDER);
    out = writePracticeAnswers(out, { practice: 'request-intake', answers: { 'request-intake-1a': { answer: 'na' } } });
    expect(out).toBe(
      'practices:\n  release-policy:\n    answers:\n      release-policy-1a: half\n  request-intake:\n    answers:  # todo\n      request-intake-1a: na\n',
    );
  });

  it('keeps odd but valid formatting elsewhere byte for byte: 4-space indent, quotes, ~, comments, flow maps', () => {
    const text = [
      "assessed: '2026-03-15'   # quoted on purpose",
      'practices:',
      '    release-policy:',
      '        answers: {release-policy-1a: "most", release-policy-2a: ~}',
      '        notes: >-',
      '            folded',
      '            text',
      '',
      '',
      '    # a comment about the next practice',
      '    request-intake:',
      '        answers:',
      '            request-intake-1a:    some      # spaced out',
      '',
    ].join('\n');
    const out = writePracticeAnswers(
      text,
      { practice: 'release-policy', answers: { 'release-policy-2a': { answer: 'some' }, 'release-policy-3a': { answer: 'none' } } },
      ORDER,
    );
    expect(out).toBe(
      swap(text, '{release-policy-1a: "most", release-policy-2a: ~}', '{release-policy-1a: "most", release-policy-2a: some, release-policy-3a: none}'),
    );
    const out2 = writePracticeAnswers(text, {
      practice: 'request-intake',
      answers: { 'request-intake-1a': { answer: 'half' }, 'request-intake-2a': { answer: 'most' } },
    });
    expect(out2).toBe(
      swap(
        text,
        '            request-intake-1a:    some      # spaced out\n',
        '            request-intake-1a:    half      # spaced out\n            request-intake-2a: most\n',
      ),
    );
  });

  it('keeps CRLF line endings', () => {
    const text = 'practices:\r\n  release-policy:\r\n    answers:\r\n      release-policy-1a: most\r\n';
    const out = writePracticeAnswers(text, { practice: 'release-policy', answers: { 'release-policy-2a': { answer: 'half' } }, sources: ['int-01'] }, ORDER);
    expect(out).toBe(
      'practices:\r\n  release-policy:\r\n    sources: [int-01]\r\n    answers:\r\n      release-policy-1a: most\r\n      release-policy-2a: half\r\n',
    );
  });

  it('writes into a file without a final line break', () => {
    const out = writePracticeAnswers('practices:\n  release-policy:\n    answers:\n      release-policy-1a: most', {
      practice: 'release-policy',
      answers: { 'release-policy-2a': { answer: 'half' } },
    });
    expect(out).toBe('practices:\n  release-policy:\n    answers:\n      release-policy-1a: most\n      release-policy-2a: half\n');
  });
});

describe('writePracticeAnswers, property: it writes exactly the update and nothing else', () => {
  const model = loadBuiltinModel();
  const answer = fc.constantFrom<AnswerValue>('none', 'some', 'half', 'most', 'na');
  const text = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'a: b',
      '# not a comment',
      '"quoted"',
      "it's",
      '[x, y]',
      '{a}',
      'line\nbreak',
      ' padded ',
      'yes',
      '2026-01-01',
      '- dash',
      '*star',
      '& amp',
      '@at',
    ),
  );
  const evidence = fc.record({ title: text.filter((t) => t.length > 0), ref: fc.option(text, { nil: undefined }) }, { requiredKeys: ['title'] });
  const update = fc.constantFrom(...model.practices).chain((p) =>
    fc.record({
      practice: fc.constant(p),
      answers: fc.dictionary(
        fc.constantFrom(...p.criteria.map((c) => c.id)),
        fc.record(
          { answer, notes: fc.option(text, { nil: undefined }), evidence: fc.option(fc.array(evidence, { maxLength: 2 }), { nil: undefined }) },
          { requiredKeys: ['answer'] },
        ),
      ),
      sources: fc.array(fc.constantFrom('int-01', 'int-02', 'int-09'), { maxLength: 2 }),
      evidence: fc.array(evidence, { maxLength: 2 }),
    }),
  );

  for (const [name, base] of [
    ['example', ACME],
    ['scaffold', scaffoldText()],
  ] as const) {
    it(`on the ${name} practices.yaml`, async () => {
      await fc.assert(
        fc.asyncProperty(update, async (u) => {
          await turn();
          const clean = <T extends object>(o: T) => JSON.parse(JSON.stringify(o)) as T;
          const answers = clean(u.answers) as Record<string, CriterionUpdate>;
          const out = writePracticeAnswers(
            base,
            { practice: u.practice.id, answers, sources: u.sources, evidence: clean(u.evidence) },
            { practices: model.practices.map((p) => p.id), criteria: u.practice.criteria.map((c) => c.id) },
          );
          const before = parse(base) as PracticesFile;
          const after = parse(out) as PracticesFile;
          expect(validateSchema('practices', 'practices.yaml', after)).toEqual([]);
          expect(after.practices[u.practice.id]).toEqual(expectedState(before.practices[u.practice.id] ?? null, answers, u.sources, clean(u.evidence)));
          // Everything before the practice is the same text; other practices the same data.
          const at = base.indexOf(`\n  ${u.practice.id}:`);
          expect(out.slice(0, at)).toBe(base.slice(0, at));
          for (const id of Object.keys(before.practices)) if (id !== u.practice.id) expect(after.practices[id]).toEqual(before.practices[id]);
        }),
        { numRuns: Number(process.env.RELM_PROPERTY_RUNS ?? 20) },
      );
    });
  }
});

function expectedState(state: PracticeState | null, answers: Record<string, CriterionUpdate>, sources: string[], evidence: EvidenceRef[]): PracticeState {
  const s = structuredClone(state ?? {}) as PracticeState;
  const same = (a: EvidenceRef, b: EvidenceRef) => a.title === b.title && (a.ref ?? '') === (b.ref ?? '');
  const add = (list: EvidenceRef[] | undefined, items: EvidenceRef[]) => {
    const out = [...(list ?? [])];
    // An empty ref is no ref.
    for (const e of items.map((x) => ({ title: x.title, ...(x.ref ? { ref: x.ref } : {}) }))) if (!out.some((x) => same(x, e))) out.push(e);
    return out;
  };
  if (Object.keys(answers).length) s.answers ??= {};
  for (const [cid, u] of Object.entries(answers)) {
    const cur = s.answers![cid];
    const ev = u.evidence ?? [];
    if (cur && typeof cur === 'object') {
      cur.answer = u.answer;
      if (u.notes !== undefined) cur.notes = u.notes;
      if (ev.length) cur.evidence = add(cur.evidence, ev);
    } else if (u.notes === undefined && !ev.length) {
      s.answers![cid] = u.answer;
    } else {
      s.answers![cid] = { answer: u.answer, ...(u.notes !== undefined ? { notes: u.notes } : {}), ...(ev.length ? { evidence: add([], ev) } : {}) };
    }
  }
  const src = [...(s.sources ?? [])];
  for (const x of sources) if (!src.includes(x)) src.push(x);
  if (src.length || s.sources) s.sources = src;
  if (evidence.length) s.evidence = add(s.evidence, evidence);
  return s;
}
