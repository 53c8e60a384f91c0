/**
 * Property tests of every writer of engagement files: arbitrary text (quotes, line breaks, colons, `#`, YAML
 * indicators, unicode, up to 100,000 characters) is written, read back by both YAML readers relm uses (the
 * loader's js-yaml path with its strict check, and the `yaml` library the editor uses), and is equal to what
 * was written. A fixed seed keeps every run the same; a failure prints the counterexample.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { turn } from '../helpers/yield.js';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { newInterviewFile, updateInterviewFile } from '../../src/engagement/write-interview.js';
import { writePracticeAnswers } from '../../src/engagement/write-practices.js';
import { writeProgress } from '../../src/engagement/write-progress.js';
import { writeTaskStatus } from '../../src/engagement/write-plan.js';
import { newResponsesFile, updateResponsesFile } from '../../src/engagement/responses-write.js';
import { reassessFiles } from '../../src/engagement/reassess.js';
import { appendIn, deleteIn, setIn } from '../../src/engagement/yaml-edit.js';
import { parseYaml } from '../../src/engagement/yaml-source.js';
import { ITEM_ORDER } from '../../src/import/fields.js';
import { mergeRecords } from '../../src/import/merge.js';
import { ROOT } from '../helpers/cli.js';

const RUNS = { seed: 29, numRuns: 40 };

/** Pieces YAML treats specially, to be mixed with arbitrary text. */
const PIECES = [
  '"',
  "'",
  '\n',
  '\r\n',
  '\n\n',
  ': ',
  ':',
  ' #',
  '#',
  '- ',
  '? ',
  '|',
  '>',
  '  ',
  '\t',
  ' ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '*a',
  '&a',
  '!',
  '%',
  '@',
  '`',
  '---',
  '...',
  'null',
  'true',
  '~',
  '0x1F',
  '1e3',
  '2026-03-31',
  '\\',
  '\\n',
  'é',
  '😀',
  '\u2028',
  '\u00a0',
  '\u0085',
  '\ufeff',
  '\u0000',
  '\u007f',
];

/** Arbitrary text: special pieces and arbitrary code points mixed, sometimes repeated to up to 100,000 characters. */
const arbText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 30 }).map((a) => a.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1_000, max: 100_000 })).map(([parts, n]) =>
      parts
        .join('')
        .repeat(Math.ceil(n / parts.join('').length))
        .slice(0, n),
    ),
  },
);
/** Text that is not blank (the writers leave out a blank note). */
const arbSome = arbText.filter((s) => s.trim().length > 0);

/** The data of a YAML text, as the loader reads it (js-yaml, with the strict check) and as the editor's `yaml` reads it: they must agree. */
function readBack(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: false });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  const loaded = parseYaml('file.yaml', text);
  expect(loaded.ok ? 'ok' : loaded.finding.message).toBe('ok');
  const data = (loaded as { data: unknown }).data;
  expect(data).toEqual(doc.toJS());
  return data;
}

const frontMatter = (md: string) => readBack(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(md)![1]!) as Record<string, unknown>;

const example = (name: string) => readFileSync(join(ROOT, 'examples/acme-bank', name), 'utf8');

describe('writers: arbitrary text is written, read back, and equal', () => {
  it('progress set: notes and owner, twice in a row', async () => {
    await fc.assert(
      fc.asyncProperty(arbSome, arbSome, arbText, async (first, second, owner) => {
        await turn();
        const one = writeProgress(null, { id: 'rec-a', status: 'in-progress', date: '2026-03-01', note: first, owner });
        const two = writeProgress(one.text, { id: 'rec-a', status: 'done', date: '2026-03-02', note: second });
        const third = writeProgress(two.text, { id: 'rec-b', status: 'in-progress', date: '2026-03-03' });
        const data = readBack(third.text) as { recommendations: Record<string, Record<string, unknown>> };
        expect(data.recommendations['rec-a']).toEqual({
          status: 'done',
          owner,
          started: '2026-03-01',
          done: '2026-03-02',
          notes: `${first.trim()}\n\n${second.trim()}`,
        });
        expect(data.recommendations['rec-b']).toEqual({ status: 'in-progress', started: '2026-03-03' });
      }),
      RUNS,
    );
  });

  it('interview and reconcile: answers with notes, evidence, a disagreement and a workshop decision into practices.yaml', async () => {
    const text = example('practices.yaml');
    const before = readBack(text) as { practices: Record<string, unknown> };
    await fc.assert(
      fc.asyncProperty(arbSome, arbSome, arbText, arbSome, arbSome, async (notes, title, ref, because, other) => {
        await turn();
        let out = writePracticeAnswers(text, {
          practice: 'release-policy',
          answers: {
            'release-policy-2a': { answer: 'half', notes, evidence: [{ title, ...(ref ? { ref } : {}) }], sources: ['int-01'] },
            'release-policy-3a': { answer: 'some', disagreement: { answer: 'most', sources: ['int-02'], notes: other } },
          },
          notes: other,
        });
        out = writePracticeAnswers(out, {
          practice: 'release-policy',
          answers: { 'release-policy-3a': { answer: 'half', decision: { because, date: '2026-03-10' } } },
        });
        const p = (readBack(out) as { practices: Record<string, { notes?: string; answers: Record<string, Record<string, unknown>> }> }).practices[
          'release-policy'
        ]!;
        expect(p.notes).toBe(other);
        expect(p.answers['release-policy-2a']).toMatchObject({ answer: 'half', notes, evidence: [{ title, ...(ref ? { ref } : {}) }] });
        expect(p.answers['release-policy-3a']).toMatchObject({
          answer: 'half',
          disagreements: [{ answer: 'most', sources: ['int-02'], notes: other }],
          decision: { because, date: '2026-03-10' },
        });
        // Every other practice is as it was.
        const after = readBack(out) as { practices: Record<string, unknown> };
        expect({ ...after.practices, 'release-policy': null }).toEqual({ ...before.practices, 'release-policy': null });
      }),
      { ...RUNS, numRuns: 15 },
    );
  });

  it('questionnaire import: a new responses file, then the answers merged into it', async () => {
    const order = { practices: ['release-policy'], criteria: () => ['release-policy-1a', 'release-policy-2a'] };
    await fc.assert(
      fc.asyncProperty(arbSome, arbSome, arbSome, arbSome, arbSome, async (name, role, notes, title, later) => {
        await turn();
        const rec = { respondent: { name, role }, date: '2026-03-05', from: 'q.xlsx' };
        const answers = [{ practice: 'release-policy', criterion: 'release-policy-1a', answer: 'most' as const, notes, evidence: [{ title }] }];
        const text = newResponsesFile('int-06', rec, answers, order);
        expect(readBack(text)).toEqual({
          respondent: { name, role },
          date: '2026-03-05',
          from: 'q.xlsx',
          answers: { 'release-policy': { 'release-policy-1a': { answer: 'most', notes, evidence: [{ title }] } } },
        });
        const next = updateResponsesFile(
          text,
          { ...rec, respondent: { name, role: later } },
          [{ practice: 'release-policy', criterion: 'release-policy-2a', answer: 'some', notes: later }],
          order,
        );
        const data = readBack(next) as { respondent: unknown; answers: Record<string, Record<string, unknown>> };
        expect(data.respondent).toEqual({ name, role: later });
        expect(data.answers['release-policy']!['release-policy-2a']).toEqual({ answer: 'some', notes: later });
      }),
      RUNS,
    );
  });

  it('interview notes: the front matter of a new file, then an interviewee added', async () => {
    await fc.assert(
      fc.asyncProperty(arbSome, arbText, arbSome, arbSome, async (name, role, other, otherRole) => {
        await turn();
        const who = { name, ...(role ? { role } : {}) };
        const md = newInterviewFile({ id: 'int-09', date: '2026-03-05', interviewees: [who], practices: ['release-policy'] }, (id) => id);
        expect(frontMatter(md)).toEqual({ id: 'int-09', date: '2026-03-05', interviewees: [who], practices: ['release-policy'] });
        fc.pre(other.trim().toLowerCase() !== name.trim().toLowerCase());
        const next = updateInterviewFile(md, { interviewees: [{ name: other, role: otherRole }], practices: ['governance-cab'] }, (id) => id);
        expect(frontMatter(next)).toEqual({
          id: 'int-09',
          date: '2026-03-05',
          interviewees: [who, { name: other, role: otherRole }],
          practices: ['release-policy', 'governance-cab'],
        });
      }),
      RUNS,
    );
  });

  it('import: new items into a new backlog.yaml, then their titles and descriptions changed at the source', async () => {
    const merge = (text: string | null, title: string, description: string) =>
      mergeRecords({
        file: 'backlog.yaml',
        text,
        key: 'items',
        entries: [
          { id: 'ABC-1', application: 'app', title, description, labels: [title, 'x'], requested: '2026-01-01' },
          { id: 'ABC-2', application: 'app', title: 'second', requested: '2026-01-02' },
        ],
        applications: [{ id: 'app', name: description }],
        header: 'from the test',
        order: ITEM_ORDER,
      });
    await fc.assert(
      fc.asyncProperty(arbSome, arbText, arbSome, arbText, async (title, description, title2, description2) => {
        await turn();
        const first = merge(null, title, description);
        const data = readBack(first.text) as { items: Record<string, unknown>[]; applications: unknown[] };
        expect(data.applications).toEqual([{ id: 'app', name: description }]);
        expect(data.items[0]).toEqual({ id: 'ABC-1', application: 'app', title, description, labels: [title, 'x'], requested: '2026-01-01' });
        const second = mergeRecords(
          {
            file: 'backlog.yaml',
            text: first.text,
            key: 'items',
            entries: [{ id: 'ABC-1', application: 'app', title: title2, description: description2, labels: [title2], requested: '2026-01-01' }],
            header: 'h',
            order: ITEM_ORDER,
          },
          { base: { records: first.remembered } },
        );
        const again = readBack(second.text) as { items: Record<string, unknown>[] };
        expect(again.items[0]).toEqual({
          id: 'ABC-1',
          application: 'app',
          title: title2,
          description: description2,
          labels: [title2],
          requested: '2026-01-01',
        });
        expect(again.items[1]).toEqual(data.items[1]);
      }),
      RUNS,
    );
  });

  it('status, duplicates --record and init --from: a value set beside arbitrary text keeps that text', async () => {
    await fc.assert(
      fc.asyncProperty(arbSome, arbSome, arbSome, async (notes, client, title) => {
        await turn();
        // plan.yaml with a task whose notes are arbitrary (written by the editor), then its status set.
        const plan = setIn('tasks:\n  - id: t1\n    title: One\n    status: todo\n', ['tasks', 0, 'notes'], notes);
        const planData = readBack(writeTaskStatus(plan, 't1', 'done')) as { tasks: Record<string, unknown>[] };
        expect(planData.tasks[0]).toEqual({ id: 't1', title: 'One', status: 'done', notes });
        // backlog.yaml: duplicate_of recorded on an item with an arbitrary title.
        const backlog = setIn('items:\n  - id: A\n    status: new\n  - id: B\n', ['items', 0, 'title'], title);
        const dup = readBack(setIn(backlog, ['items', 0, 'duplicate_of'], 'B', { order: (p) => (p.length === 2 ? ITEM_ORDER : undefined) })) as {
          items: Record<string, unknown>[];
        };
        expect(dup.items[0]).toEqual({ id: 'A', title, status: 'new', duplicate_of: 'B' });
        // init --from: the client and title of the re-assessment.
        const files = { 'relm.yaml': example('relm.yaml'), 'practices.yaml': example('practices.yaml'), 'target.yaml': example('target.yaml') };
        const carried = reassessFiles({
          files,
          asOf: '2027-03-31',
          previousAsOf: '2026-03-31',
          previousAssessed: null,
          previousPath: '../prev',
          client,
          title,
        });
        const manifest = readBack(carried.files['relm.yaml']!) as { engagement: Record<string, unknown> };
        expect(manifest.engagement).toMatchObject({ client, title, as_of: '2027-03-31' });
      }),
      { ...RUNS, numRuns: 20 },
    );
  });

  it('the editor itself: set, append and delete at any depth, in block and flow collections, keeping comments', async () => {
    const base = '# head\na:   # comment on a\n  b: 1 # one\n  c: [x, y]\n  d: {e: f}\nlist:\n  - k: v\n# tail\n';
    await fc.assert(
      fc.asyncProperty(arbText, arbText, async (v, w) => {
        await turn();
        let t = setIn(base, ['a', 'b'], v);
        t = setIn(t, ['a', 'new', 'deep'], w);
        t = appendIn(t, ['a', 'c'], v);
        t = setIn(t, ['a', 'd', 'g'], w);
        t = appendIn(t, ['list'], { k: v, m: [w] });
        t = setIn(t, ['top'], `${v}${w}`);
        t = deleteIn(t, ['a', 'd', 'e']);
        expect(readBack(t)).toEqual({
          a: { b: v, c: ['x', 'y', v], d: { g: w }, new: { deep: w } },
          list: [{ k: 'v' }, { k: v, m: [w] }],
          top: `${v}${w}`,
        });
        expect(t.startsWith('# head\na:   # comment on a\n')).toBe(true);
        expect(t).toContain('# tail');
      }),
      RUNS,
    );
  });
});
