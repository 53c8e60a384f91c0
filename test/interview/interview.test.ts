import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { practiceState } from '../../src/engagement/write-practices.js';
import { scorePractice } from '../../src/engine/scoring.js';
import { loadBuiltinModel } from '../../src/model/builtin.js';
import { copyFixture, relm, ROOT } from '../helpers/cli.js';
import { KEY, Terminal } from './terminal.js';

const dirs: string[] = [];
const terminals: Terminal[] = [];
const acme = () => {
  const d = copyFixture('examples/acme-bank');
  dirs.push(d);
  return d;
};
const run = (args: string[], cwd: string) => {
  const t = new Terminal(args, cwd);
  terminals.push(t);
  return t;
};
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The text with one exact substring replaced, failing loudly when it is not there exactly once. */
function swap(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, `"${from}" once`).toBe(1);
  return text.replace(from, to);
}

/** The note question of a criterion. */
const note = (crit: string) => `Note on ${crit} (`;
const PRACTICE_NOTES = 'Notes on the practice as a whole';
const EVIDENCE = 'Evidence for this practice, a document title';

describe('relm interview at a terminal', () => {
  it("asks criterion by criterion, records this interview as each answer's source, asks keep / replace / record both on a contradiction, saves the notes in the interview file", async () => {
    const dir = acme();
    const original = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const t = run(['interview', 'release-policy', '-C', dir, '--interviewee', 'Hendrik Voss', '--role', 'Release manager', '--date', '2026-04-01'], dir);

    await t.waitFor('Interview int-06 with Hendrik Voss (Release manager) on 2026-04-01');
    await t.waitFor('now: score 1.50, level 1');
    await t.choose('[1/7] L1 '); // most, as it was
    await t.answer(note('release-policy-1a'), 'Confirmed with the release calendar' + KEY.enter);
    await t.choose('[2/7] L2 '); // half, with its notes
    await t.answer(note('release-policy-2a'), KEY.enter); // keeps the notes there
    await t.choose('[3/7] L2 ');
    await t.answer(note('release-policy-2b'), KEY.enter);
    // release-policy-3a was "none" from int-01 and int-02: a different answer is a contradiction to settle.
    await t.choose('[4/7] L3 ', [[KEY.down, '2. some']]);
    await t.choose('release-policy-3a is "none" from int-01, int-02, but Hendrik Voss says "some". Which stands?', [
      [KEY.down, '2. replace it with "some" (int-06)'],
    ]);
    await t.answer(note('release-policy-3a'), KEY.enter);
    await t.choose('[5/7] L3 ', [['3', '3. half']]);
    await t.choose('release-policy-3b is "some"'); // keep
    await t.answer(note('release-policy-3b'), KEY.enter);
    await t.choose('[6/7] L4 ', [['4', '4. most']]);
    await t.choose('release-policy-4a is "none"', [['3', '3. record both: keep "none", and "most" as a disagreement to settle']]);
    await t.answer(note('release-policy-4a'), 'Only for the core systems' + KEY.enter);
    await t.choose('[7/7] L5 ');
    await t.answer(note('release-policy-5a'), KEY.enter);
    await t.answer(PRACTICE_NOTES, KEY.enter); // keeps them
    await t.answer(EVIDENCE, 'Release policy draft v0.3' + KEY.enter);
    await t.answer('where "Release policy draft v0.3" is', 'sharepoint/it-release/policy-v0.3.docx' + KEY.enter);
    await t.answer('its date, YYYY-MM-DD', '2026-03-20' + KEY.enter);
    await t.answer('More evidence, a title (Enter to finish)', KEY.enter);

    await t.waitFor('release-policy saved: ');
    expect(await t.exit()).toBe(0);
    const practice = loadBuiltinModel().practices.find((p) => p.id === 'release-policy')!;
    const written = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const score = scorePractice(practice, practiceState(written, 'release-policy'));
    // L1 1 + L2 (0.5 + 0.25)/2 + L3 (0.25 + 0.25)/2 + L4 0 (kept, with a disagreement) + L5 0
    expect(score.score).toBeCloseTo(1.625, 12);
    expect(t.screen).toContain(`release-policy saved: score ${score.score!.toFixed(2)}, level ${score.level} (was 1.50, level 1); target 4`);

    // Only the answers asked, the new sources, the disagreement and the new evidence: the rest byte for byte.
    let expected = swap(
      original,
      '      release-policy-1a: most\n',
      '      release-policy-1a: {answer: most, notes: Confirmed with the release calendar, sources: [int-06]}\n',
    );
    expected = swap(expected, 'only the 2019 wiki page writes any of it down."}\n', 'only the 2019 wiki page writes any of it down.", sources: [int-06]}\n');
    expected = swap(expected, 'no release has entry or exit criteria."}\n', 'no release has entry or exit criteria.", sources: [int-06]}\n');
    expected = swap(expected, '      release-policy-3a: none\n', '      release-policy-3a: {answer: some, sources: [int-06]}\n');
    expected = swap(
      expected,
      '      release-policy-4a: none\n',
      '      release-policy-4a: {answer: none, disagreements: [{answer: most, sources: [int-06], notes: Only for the core systems}]}\n',
    );
    expected = swap(expected, '      release-policy-5a: none\n', '      release-policy-5a: {answer: none, sources: [int-06]}\n');
    expected = swap(
      expected,
      '    sources: [int-01, int-02]\n    evidence:\n      - {title: "Release process',
      '    sources: [int-01, int-02, int-06]\n    evidence:\n      - {title: "Release process',
    );
    expected = swap(
      expected,
      'date: 2026-01-12}\n    answers:\n      release-policy-1a',
      'date: 2026-01-12}\n      - {title: Release policy draft v0.3, ref: sharepoint/it-release/policy-v0.3.docx, date: 2026-03-20}\n    answers:\n      release-policy-1a',
    );
    expect(written).toBe(expected);

    // The notes typed are in the interview file, under the practice, by criterion with the answer given.
    expect(readFileSync(join(dir, 'interviews/int-06.md'), 'utf8')).toBe(
      '---\nid: int-06\ndate: 2026-04-01\ninterviewees:\n  - {name: Hendrik Voss, role: Release manager}\npractices: [release-policy]\n---\n# Interview: Hendrik Voss (Release manager)\n\n## Release policy and procedures (release-policy)\n\n' +
        '- **release-policy-1a** (most): Confirmed with the release calendar\n- **release-policy-4a** (most): Only for the core systems\n',
    );
    // The disagreement is a warning until settled, and in the report's appendix.
    const v = await relm(['validate', '-f', 'json', '-C', dir]);
    expect(v.status).toBe(0);
    const diags = JSON.parse(v.stdout) as { file: string; severity: string; code: string; message: string }[];
    expect(diags.filter((d) => d.file.startsWith('interviews/') || d.severity === 'error')).toEqual([]);
    expect(diags.filter((d) => d.code === 'disagreement').map((d) => d.message)).toEqual([
      'interviewees disagree on "release-policy-4a": the answer is none, but most was also given (int-06); settle it, then remove the disagreement',
    ]);
    expect((await relm(['report', '--only', 'report', '--format', 'md', '-C', dir])).status).toBe(0);
    const report = readFileSync(join(dir, 'out/report.md'), 'utf8');
    expect(report).toMatch(/\| int-06 \| 1 April 2026 \| Hendrik Voss, Release manager \| Release policy and procedures \|/);
    expect(report).toContain('### Open disagreements');
    expect(report).toMatch(/\| Release policy and procedures \| The share of releases [^|(]* \| none \| most \(int-06\): Only for the core systems \|/);
  });

  it('goes back a question with ← or <, and Esc never changes an answer', async () => {
    const dir = acme();
    const original = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const t = run(['interview', 'release-policy', '-C', dir], dir);
    // Esc after moving away from "most" puts the highlight back on it; Enter keeps it.
    await t.choose('[1/7] L1 ', [
      ['1', '1. none'],
      [KEY.esc, '4. most'],
    ]);
    await t.answer(note('release-policy-1a'), KEY.enter);
    // "none" for 2a, then < at its note goes back to the question, which shows the answer just given.
    await t.choose('[2/7] L2 ', [['1', '1. none']]);
    await t.answer(note('release-policy-2a'), '<' + KEY.enter);
    await t.choose('[2/7] L2 ', [['3', '3. half']]);
    await t.answer(note('release-policy-2a'), KEY.enter);
    // ← at the next criterion goes back to the note before it.
    await t.waitFor('[3/7] L2 ');
    t.send(KEY.left);
    await t.answer(note('release-policy-2a'), KEY.enter);
    await t.choose('[3/7] L2 ');
    for (const crit of ['2b']) await t.answer(note(`release-policy-${crit}`), KEY.enter);
    for (const [i, crit] of [
      [4, '3a'],
      [5, '3b'],
      [6, '4a'],
      [7, '5a'],
    ] as const) {
      await t.choose(`[${i}/7] `);
      await t.answer(note(`release-policy-${crit}`), KEY.enter);
    }
    await t.answer(PRACTICE_NOTES, KEY.enter);
    await t.answer(EVIDENCE, KEY.enter);
    await t.waitFor('release-policy saved: score 1.50, level 1 (was 1.50, level 1)');
    expect(await t.exit()).toBe(0);
    expect(readFileSync(join(dir, 'practices.yaml'), 'utf8')).toBe(original);
  });

  it('keeps the practices done when stopped with Ctrl-C, and exits 130', async () => {
    const dir = acme();
    const original = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const t = run(['interview', 'release-policy', 'governance-cab', '-C', dir, '--interviewee', 'hendrik voss', '--date', '2026-02-23'], dir);
    // Same day, same person: the interview int-01 goes on.
    await t.waitFor('Interview int-01 with Hendrik Voss (Release manager) on 2026-02-23: adding to interviews/int-01.md');
    await t.choose('Interview release-policy?');
    const crits = ['1a', '2a', '2b', '3a', '3b', '4a', '5a'];
    for (const [i, crit] of crits.entries()) {
      await t.choose(`[${i + 1}/7] `);
      await t.answer(note(`release-policy-${crit}`), KEY.enter);
    }
    await t.answer(PRACTICE_NOTES, 'Quarterly policy on the wiki, monthly practice' + KEY.enter);
    await t.answer(EVIDENCE, KEY.enter);
    await t.waitFor('release-policy saved: score 1.50, level 1 (was 1.50, level 1)');
    await t.choose('Interview governance-cab?');
    await t.choose('[1/', [['5', '5. na']]);
    await t.choose('governance-cab-1a is "most" from int-02, but Hendrik Voss says "na". Which stands?', [['2', '2. replace it with "na" (int-01)']]);
    await t.answer('Note on', 'will be lost' + KEY.enter);
    await t.answer('[2/', KEY.ctrlC);
    await t.waitFor('interview stopped: release-policy saved in practices.yaml; the answers to governance-cab were not saved');
    expect(await t.exit()).toBe(130);

    // The practice done is saved: each answer cites int-01, the practice's notes are the new ones; the one in progress left no trace.
    const written = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const state = practiceState(written, 'release-policy')!;
    expect(state.notes).toBe('Quarterly policy on the wiki, monthly practice');
    for (const crit of crits) expect((state.answers![`release-policy-${crit}`] as { sources: string[] }).sources, crit).toEqual(['int-01']);
    expect(practiceState(written, 'governance-cab')).toEqual(practiceState(original, 'governance-cab'));
    const notes = readFileSync(join(dir, 'interviews/int-01.md'), 'utf8');
    const before = readFileSync(join(ROOT, 'examples/acme-bank/interviews/int-01.md'), 'utf8');
    expect(notes.startsWith(before.trimEnd())).toBe(true);
    expect(notes.slice(before.trimEnd().length)).toBe(
      '\n\n## Release policy and procedures (release-policy)\n\nQuarterly policy on the wiki, monthly practice\n',
    );
    expect((await relm(['validate', '-C', dir])).status).toBe(0);
  });

  it('skips and stops between practices, recording only the practices covered', async () => {
    const dir = acme();
    const t = run(['interview', '-C', dir, '--interviewee', 'New Person (Tester)', '--date', '2026-04-02'], dir);
    await t.waitFor('Interview int-06 with New Person (Tester) on 2026-04-02: notes in interviews/int-06.md');
    await t.choose('Interview maintenance-skills?', [[KEY.down, '2. skip it']]);
    await t.choose('Interview roles-responsibilities?');
    for (let i = 1; i <= 6; i++) {
      await t.choose(`[${i}/6] `);
      await t.answer('Note on', KEY.enter);
    }
    await t.answer(PRACTICE_NOTES, KEY.enter);
    await t.answer(EVIDENCE, KEY.enter);
    await t.waitFor('roles-responsibilities saved');
    await t.choose('Interview knowledge-training?', [
      [KEY.down, '2. skip it'],
      [KEY.down, '3. stop the interview here'],
    ]);
    await t.waitFor('1 practice saved in practices.yaml; interview notes in interviews/int-06.md');
    expect(await t.exit()).toBe(0);
    const written = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    expect(practiceState(written, 'roles-responsibilities')!.sources).toEqual(['int-01', 'int-02', 'int-06']);
    expect(practiceState(written, 'maintenance-skills')!.sources).toEqual(['int-01', 'int-03']);
    expect(readFileSync(join(dir, 'interviews/int-06.md'), 'utf8')).toContain(
      'interviewees:\n  - {name: New Person, role: Tester}\npractices: [roles-responsibilities]\n',
    );
    expect((await relm(['validate', '-C', dir])).status).toBe(0);
  });

  it('answers an unknown practice with a did-you-mean and exit 2', async () => {
    const t = run(['interview', 'release-polcy', '-C', acme()], process.cwd());
    await t.waitFor('"release-polcy" is not a practice of the model "release-management"; did you mean "release-policy"?');
    expect(await t.exit()).toBe(2);
  });

  it('refuses to start on an invalid engagement, printing the findings, exit 1', async () => {
    const dir = acme();
    writeFileSync(join(dir, 'practices.yaml'), readFileSync(join(dir, 'practices.yaml'), 'utf8').replace('release-policy-3a: none', 'release-policy-3a: nope'));
    const t = run(['interview', 'release-policy', '-C', dir], dir);
    await t.waitFor('practices.yaml');
    await t.waitFor('the engagement has errors');
    expect(await t.exit()).toBe(1);
  });
});

describe('relm interview without a terminal', () => {
  it('exits 2, pointing at editing practices.yaml', async () => {
    const dir = acme();
    const before = readFileSync(join(dir, 'practices.yaml'), 'utf8');
    const r = await relm(['interview', 'release-policy', '-C', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('terminal');
    expect(r.stderr).toContain('edit practices.yaml directly');
    expect(readFileSync(join(dir, 'practices.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'interviews/int-06.md'))).toBe(false);
  });

  it('rejects flags that make no sense before anything else', async () => {
    const dir = acme();
    expect((await relm(['interview', '--date', '2026-04-31', '--interviewee', 'A', '-C', dir])).stderr).toContain('--date: "2026-04-31" is not a date');
    const r = await relm(['interview', '--role', 'Tester', '-C', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('pass --interviewee NAME too');
  });
});
