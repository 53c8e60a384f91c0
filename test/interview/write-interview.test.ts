import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/engagement/schemas.js';
import {
  addInterviewNotes,
  findInterview,
  interviewBody,
  newInterviewFile,
  nextInterviewId,
  updateInterviewFile,
} from '../../src/engagement/write-interview.js';
import { ROOT } from '../helpers/cli.js';

const NAMES: Record<string, string> = {
  'release-policy': 'Release policy and procedures',
  'testing-strategy': 'Testing strategy',
  'governance-cab': 'Governance and the CAB',
};
const name = (id: string) => NAMES[id] ?? id;
const FRONT = /^---\n([\s\S]*?)\n---\n/;

describe('nextInterviewId', () => {
  it('numbers after the highest int-NN among ids and file names', () => {
    expect(nextInterviewId([])).toBe('int-01');
    expect(nextInterviewId(['int-01', 'int-02', 'kickoff', 'int-02.md'])).toBe('int-03');
    expect(nextInterviewId(['int-01', 'int-09.md', 'INT-04'])).toBe('int-10');
    expect(nextInterviewId(['int-99'])).toBe('int-100');
    expect(nextInterviewId(['workshop-1', 'int-x'])).toBe('int-01');
  });
});

describe('findInterview', () => {
  const interviews = [
    { id: 'int-01', date: '2026-02-23', interviewees: [{ name: 'Hendrik Voss', role: 'Release manager' }] },
    { id: 'int-04', date: '2026-02-26', interviewees: [{ name: 'Sofia Ferreira' }, { name: 'Minh Nguyen' }] },
  ];
  it('finds the interview of the same date with one of the same people, names without case', () => {
    expect(findInterview(interviews, '2026-02-23', ['hendrik voss'])?.id).toBe('int-01');
    expect(findInterview(interviews, '2026-02-26', ['Someone', ' Minh Nguyen '])?.id).toBe('int-04');
  });
  it('finds nothing on another date or with other people', () => {
    expect(findInterview(interviews, '2026-02-24', ['Hendrik Voss'])).toBeUndefined();
    expect(findInterview(interviews, '2026-02-23', ['Abena Mensah'])).toBeUndefined();
  });
});

describe('newInterviewFile', () => {
  it('writes the front matter and a heading per practice covered', () => {
    const text = newInterviewFile(
      {
        id: 'int-06',
        date: '2026-04-01',
        interviewees: [{ name: 'Hendrik Voss', role: 'Release manager' }],
        practices: ['release-policy', 'testing-strategy'],
      },
      name,
    );
    expect(text).toBe(
      [
        '---',
        'id: int-06',
        'date: 2026-04-01',
        'interviewees:',
        '  - {name: Hendrik Voss, role: Release manager}',
        'practices: [release-policy, testing-strategy]',
        '---',
        '# Interview: Hendrik Voss (Release manager)',
        '',
        '## Release policy and procedures (release-policy)',
        '',
        '## Testing strategy (testing-strategy)',
        '',
      ].join('\n'),
    );
  });

  it('passes the interview schema, also with awkward names', () => {
    const text = newInterviewFile(
      {
        id: 'int-07',
        date: '2026-04-02',
        interviewees: [{ name: 'O\'Brien, Pat: "PB"' }, { name: '[Team] lead', role: 'CAB chair, deputy' }],
        practices: ['governance-cab'],
      },
      name,
    );
    const data = parse(FRONT.exec(text)![1]!);
    expect(validateSchema('interview', 'interviews/int-07.md', data)).toEqual([]);
    expect(data.interviewees).toEqual([{ name: 'O\'Brien, Pat: "PB"' }, { name: '[Team] lead', role: 'CAB chair, deputy' }]);
  });
});

describe('updateInterviewFile', () => {
  const acme = readFileSync(join(ROOT, 'examples/acme-bank/interviews/int-01.md'), 'utf8');

  it('merges practices and people into the front matter and keeps the body byte for byte', () => {
    const out = updateInterviewFile(
      acme,
      {
        interviewees: [
          { name: 'hendrik voss', role: 'Someone else' },
          { name: 'Tom Ryan', role: 'Release coordinator' },
        ],
        practices: ['planning-qa', 'governance-cab'],
      },
      name,
    );
    expect(out).toBe(
      acme
        .replace(
          '  - {name: Hendrik Voss, role: Release manager}\n',
          '  - {name: Hendrik Voss, role: Release manager}\n  - {name: Tom Ryan, role: Release coordinator}\n',
        )
        .replace('build-deploy-automation, planning-qa]', 'build-deploy-automation, planning-qa, governance-cab]'),
    );
    expect(updateInterviewFile(out, { interviewees: [{ name: 'Tom Ryan' }], practices: ['governance-cab'] }, name)).toBe(out);
  });

  it('keeps comments and block style in the front matter, and adds a role where there was none', () => {
    const text =
      '---\n# kick-off interview\nid: int-02   # the second one\ndate: 2026-03-02\ninterviewees:\n  - name: Abena Mensah\npractices:\n  - governance-cab\n---\nMy notes.\n';
    const out = updateInterviewFile(text, { interviewees: [{ name: 'Abena Mensah', role: 'Change manager' }], practices: ['release-policy'] }, name);
    expect(out).toBe(
      '---\n# kick-off interview\nid: int-02   # the second one\ndate: 2026-03-02\ninterviewees:\n  - name: Abena Mensah\n    role: Change manager\npractices:\n  - governance-cab\n  - release-policy\n---\nMy notes.\n',
    );
  });

  it('adds the lists a front matter lacks', () => {
    const out = updateInterviewFile(
      '---\nid: int-03\ndate: 2026-03-03\n---\n\nNotes.\n',
      { interviewees: [{ name: 'A. Person' }], practices: ['release-policy'] },
      name,
    );
    expect(out).toBe('---\nid: int-03\ndate: 2026-03-03\ninterviewees:\n  - {name: A. Person}\npractices: [release-policy]\n---\n\nNotes.\n');
  });

  it('gives the untouched template a heading for each practice added, and leaves an edited body alone', () => {
    const first = newInterviewFile({ id: 'int-06', date: '2026-04-01', interviewees: [{ name: 'H. Voss' }], practices: ['release-policy'] }, name);
    const second = updateInterviewFile(first, { interviewees: [{ name: 'H. Voss' }], practices: ['testing-strategy'] }, name);
    expect(second).toBe(
      newInterviewFile({ id: 'int-06', date: '2026-04-01', interviewees: [{ name: 'H. Voss' }], practices: ['release-policy', 'testing-strategy'] }, name),
    );
    const edited = second.replace('## Testing strategy (testing-strategy)\n', '## Testing strategy (testing-strategy)\n- No written strategy.\n');
    const third = updateInterviewFile(edited, { interviewees: [], practices: ['governance-cab'] }, name);
    expect(third.slice(third.indexOf('\n---\n'))).toBe(edited.slice(edited.indexOf('\n---\n')));
    expect(third).toContain('practices: [release-policy, testing-strategy, governance-cab]\n');
  });

  it('keeps CRLF line endings', () => {
    const text = '---\r\nid: int-05\r\ndate: 2026-03-05\r\npractices: [release-policy]\r\n---\r\nNotes.\r\n';
    expect(updateInterviewFile(text, { interviewees: [], practices: ['governance-cab'] }, name)).toBe(
      '---\r\nid: int-05\r\ndate: 2026-03-05\r\npractices: [release-policy, governance-cab]\r\n---\r\nNotes.\r\n',
    );
  });

  it('has a body template that says who was interviewed', () => {
    expect(interviewBody({ interviewees: [{ name: 'A', role: 'R' }, { name: 'B' }], practices: [] }, name)).toBe('# Interview: A (R), B\n');
  });
});

describe('addInterviewNotes', () => {
  const file = newInterviewFile({ id: 'int-07', date: '2026-04-01', interviewees: [{ name: 'A. Person' }], practices: ['release-policy'] }, name);

  it('writes the practice notes and a line per criterion under the practice heading', () => {
    const out = addInterviewNotes(
      file,
      {
        practice: 'release-policy',
        notes: 'Policy on the wiki,\nnot followed',
        criteria: [{ id: 'release-policy-1a', answer: 'most', notes: 'Monthly core release' }],
      },
      name,
    );
    expect(out.slice(out.indexOf('# Interview'))).toBe(
      '# Interview: A. Person\n\n## Release policy and procedures (release-policy)\n\nPolicy on the wiki, not followed\n- **release-policy-1a** (most): Monthly core release\n',
    );
    expect(validateSchema('interview', 'interviews/int-07.md', parse(FRONT.exec(out)![1]!))).toEqual([]);
    // Nothing twice; a later note goes after the others.
    const again = addInterviewNotes(
      out,
      {
        practice: 'release-policy',
        criteria: [
          { id: 'release-policy-1a', answer: 'most', notes: 'Monthly core release' },
          { id: 'release-policy-2a', answer: 'half', notes: 'Types exist' },
        ],
      },
      name,
    );
    expect(again).toBe(out.replace('Monthly core release\n', 'Monthly core release\n- **release-policy-2a** (half): Types exist\n'));
  });

  it('adds a heading at the end for a practice the body does not have, keeping what is there', () => {
    const body = `${file.trimEnd()}\n\nWhat was said about releases.\n\n## Other topics\n\nKept.\n`;
    const out = addInterviewNotes(body, { practice: 'governance-cab', criteria: [{ id: 'governance-cab-1a', answer: 'none', notes: 'No CAB' }] }, name);
    expect(out).toBe(`${body}\n## Governance and the CAB (governance-cab)\n\n- **governance-cab-1a** (none): No CAB\n`);
    // Into an existing section followed by another: before the next heading, after a blank line.
    const mid = addInterviewNotes(body, { practice: 'release-policy', criteria: [{ id: 'release-policy-3a', answer: 'some', notes: 'Core only' }] }, name);
    expect(mid).toContain(
      '## Release policy and procedures (release-policy)\n\nWhat was said about releases.\n- **release-policy-3a** (some): Core only\n\n## Other topics\n',
    );
  });
});
