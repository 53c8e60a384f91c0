import { describe, expect, it } from 'vitest';
import { parseGithub } from '../../src/import/github.js';
import { fixture } from './fixtures.js';

describe('parseGithub', () => {
  it('maps `gh issue list --json ...` output onto items with GH- ids', () => {
    const r = parseGithub(JSON.parse(fixture('github-gh.json')), { application: 'ledger' });
    expect(r.items).toEqual([
      {
        id: 'GH-42',
        application: 'ledger',
        title: 'First request after deploy times out',
        type: 'corrective',
        priority: 'high',
        status: 'new',
        requested: '2024-01-05',
        description: 'When the cache is cold the first request times out.\n\nSeen on v2.3.',
      },
      {
        id: 'GH-57',
        application: 'ledger',
        title: 'Support OpenTelemetry traces',
        type: 'perfective',
        status: 'done',
        requested: '2024-01-20',
        closed: '2024-02-10',
      },
      {
        id: 'GH-61',
        application: 'ledger',
        title: 'Perl client',
        type: 'corrective',
        status: 'rejected',
        requested: '2024-01-25',
        closed: '2024-02-01',
        description: 'Please add a Perl client.',
      },
      {
        id: 'GH-43',
        application: 'ledger',
        title: 'Timeout on first request',
        type: 'corrective',
        status: 'rejected',
        requested: '2024-01-06',
        closed: '2024-01-07',
        description: 'Same as #42',
      },
      {
        id: 'GH-70',
        application: 'ledger',
        title: 'Bump express from 4.18.2 to 4.19.2',
        type: 'adaptive',
        priority: 'critical',
        status: 'new',
        requested: '2024-03-01',
      },
    ]);
    expect(r.problems).toEqual([{ row: 5, message: 'GH-71: no summary' }]);
  });

  it('maps the REST API answer, skipping pull requests, the application from the repository', () => {
    const r = parseGithub(JSON.parse(fixture('github-rest.json')));
    expect(r.items).toEqual([
      {
        id: 'GH-12',
        application: 'ledger-api',
        title: 'Balance endpoint returns 500 for closed accounts',
        type: 'corrective',
        priority: 'critical',
        status: 'done',
        requested: '2023-11-02',
        closed: '2023-11-04',
        description: 'Stack trace attached.',
      },
      { id: 'GH-13', application: 'ledger-api', title: 'Add pagination to /transactions', type: 'perfective', status: 'new', requested: '2023-11-03' },
      {
        id: 'GH-15',
        application: 'ledger-api',
        title: 'Support SOAP',
        type: 'corrective',
        status: 'rejected',
        requested: '2023-11-05',
        closed: '2023-11-06',
        description: 'We need SOAP.',
      },
      {
        id: 'GH-16',
        application: 'ledger-api',
        title: 'Old issue closed before state reasons existed',
        type: 'preventive',
        status: 'done',
        requested: '2020-01-05',
        closed: '2020-03-06',
      },
    ]);
    expect(r.applications).toEqual([{ id: 'ledger-api' }]);
    expect(r.problems).toEqual([{ row: 2, message: '#14: a pull request, not an issue' }]);
  });

  it('asks for --application when the export does not name the repository', () => {
    expect(() => parseGithub(JSON.parse(fixture('github-gh.json')))).toThrow(/--application/);
  });

  it('refuses JSON of the wrong shape', () => {
    expect(() => parseGithub({ message: 'Not Found' })).toThrow(/not a list of issues/);
    expect(() => parseGithub([{ id: 1, name: 'x' }], { application: 'a' })).toThrow(/holds no issues/);
  });
});

describe('GitHub pages', () => {
  it('reads `gh api --paginate` output (arrays back to back) and --slurp output (a list of pages)', async () => {
    const { parseJsonText } = await import('../../src/import/json.js');
    const pages = JSON.parse(fixture('github-rest.json')) as unknown[];
    const backToBack = `${JSON.stringify(pages.slice(0, 2))}\n${JSON.stringify(pages.slice(2))}\n`;
    const expected = parseGithub(pages).items;
    expect(parseGithub(parseJsonText(backToBack, 'GitHub export')).items).toEqual(expected);
    expect(parseGithub([pages.slice(0, 2), pages.slice(2)]).items).toEqual(expected);
  });
});
