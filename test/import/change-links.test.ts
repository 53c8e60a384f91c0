/**
 * The change (RFC) link carried by the importers where the export has it: Jira's change field and issue links
 * (on real Hadoop issues, with link columns as Jira's CSV export writes them), GitHub's closing pull requests and
 * change labels, and ServiceNow changes that name the backlog items they deliver (written into those items'
 * `change`, three ways). With the link carried, the share of delivered items with an approved change is measured.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mergeImport } from '../../src/import/index.js';
import { parseGithub } from '../../src/import/github.js';
import { parseJira } from '../../src/import/jira.js';
import { parseServiceNow } from '../../src/import/servicenow.js';
import { formatImportSummary } from '../../src/import/summary.js';
import { Chalk } from 'chalk';
import { fixtureCopies, relm } from '../helpers/cli.js';
import { withSharedData } from '../helpers/shared-data.js';

const hadoop = withSharedData('gitbugs-hadoop/hadoop_bugs.csv');
const HADOOP = hadoop.paths[0]!;

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

hadoop.describe('Jira: the change field and issue links, on real Hadoop issues', () => {
  // Six real issues of the GitBugs Hadoop export, with the link columns Jira's "all fields" export adds
  // (repeated "Outward issue link (Relates)" columns, an ITSM "Change" link type, a change custom field).
  const real = parseCsv(readFileSync(HADOOP, 'utf8'), { relax_column_count: true }) as string[][];
  const header = real[0]!;
  const rows = real.slice(1, 7);
  const LINKS = ['Outward issue link (Relates)', 'Outward issue link (Relates)', 'Inward issue link (Change)', 'Custom field (Change Request)'];
  const links: string[][] = [
    ['', '', '', 'CHG0031234'], // the change field
    ['HADOOP-17000', '', 'CHG-17', ''], // a link of type Change
    ['HADOOP-17001', 'CHG-18', '', ''], // a Relates link to a change project's issue
    ['HADOOP-17002', '', '', ''], // only a link to another issue: no change
    ['', '', 'CHG-19 CHG-20', 'CHG0031235'], // the field wins over the links
    ['', '', '', ''],
  ];
  const text = csv([[...header, ...LINKS], ...rows.map((r, i) => [...r, ...links[i]!])]);

  it('carries the change from the field, a Change link, or a linked change record, and nothing from other links', () => {
    const result = parseJira(text, { application: 'hadoop' });
    expect(result.problems).toEqual([]);
    const ids = rows.map((r) => r[header.indexOf('Issue id')]!);
    expect(result.items!.map((i) => [i.id, i.change])).toEqual([
      [ids[0], 'CHG0031234'],
      [ids[1], 'CHG-17'],
      [ids[2], 'CHG-18'],
      [ids[3], undefined],
      [ids[4], 'CHG0031235'],
      [ids[5], undefined],
    ]);
  });

  it('--map COLUMN=change wins over what relm finds, and the export without link columns carries no change', () => {
    const mapped = parseJira(text, { application: 'hadoop', map: [{ column: 'Inward issue link (Change)', field: 'change' }] });
    expect(mapped.items!.map((i) => i.change)).toEqual(['CHG0031234', 'CHG-17', 'CHG-18', undefined, 'CHG-19 CHG-20', undefined]);
    const plain = parseJira(csv([header, ...rows]), { application: 'hadoop' });
    expect(plain.items!.every((i) => !('change' in i))).toBe(true);
  });
});

describe('GitHub: the pull requests that close an issue, or a change label', () => {
  const issue = (number: number, extra: Record<string, unknown>) => ({
    number,
    title: `Issue ${number}`,
    state: 'CLOSED',
    stateReason: 'COMPLETED',
    labels: [],
    createdAt: '2026-01-05T10:00:00Z',
    closedAt: '2026-01-20T10:00:00Z',
    ...extra,
  });
  it('takes owner/repo#N from closedByPullRequestsReferences (gh and GraphQL shapes), a change label before them', () => {
    const result = parseGithub(
      [
        issue(1, {
          closedByPullRequestsReferences: [
            { number: 12, url: 'https://github.com/acme/ledger/pull/12' },
            { number: 14, url: 'https://github.com/acme/ledger/pull/14' },
          ],
        }),
        issue(2, { closedByPullRequestsReferences: { nodes: [{ number: 7, url: 'https://github.com/acme/infra/pull/7' }] } }),
        issue(3, {
          labels: [{ name: 'bug' }, { name: 'CHG0012345' }],
          closedByPullRequestsReferences: [{ number: 12, url: 'https://github.com/acme/ledger/pull/12' }],
        }),
        issue(4, { labels: [{ name: 'change: CAB-2026-014' }] }),
        issue(5, { closedByPullRequestsReferences: [] }),
        issue(6, { closedByPullRequestsReferences: [{ number: 9 }] }),
      ],
      { application: 'ledger' },
    );
    expect(result.problems).toEqual([]);
    expect(result.items!.map((i) => [i.id, i.change])).toEqual([
      ['GH-1', 'acme/ledger#12, acme/ledger#14'],
      ['GH-2', 'acme/infra#7'],
      ['GH-3', 'CHG0012345'],
      ['GH-4', 'CAB-2026-014'],
      ['GH-5', undefined],
      ['GH-6', '#9'],
    ]);
  });
});

describe('ServiceNow: the changes name the backlog items they deliver', () => {
  const backlog = `items:
  - id: HADOOP-17000
    application: hadoop
    title: Fix the build on Debian 10
    status: done
    requested: 2026-01-05
    closed: 2026-01-20
  - id: HADOOP-17001
    application: hadoop
    title: JAR in conflict with timestamp check
    status: done
    requested: 2026-01-06
    closed: 2026-01-21
    change: CHG0099999 # set by hand
  - id: HADOOP-17002
    application: hadoop
    title: Another
    status: done
    requested: 2026-01-07
    closed: 2026-01-22
`;
  const changes = csv([
    ['number', 'state', 'close_code', 'work_start', 'work_end', 'cmdb_ci', 'correlation_id', 'u_stories'],
    ['CHG0040001', 'Closed', 'Successful', '2026-01-19 20:00:00', '2026-01-19 21:00:00', 'Hadoop', 'HADOOP-17000', ''],
    ['CHG0040002', 'Closed', 'Successful', '2026-01-20 20:00:00', '2026-01-20 21:00:00', 'Hadoop', 'not-a-key', 'HADOOP-17001, HADOOP-17002'],
    ['CHG0040003', 'Closed', 'Successful', '2026-01-21 20:00:00', '2026-01-21 21:00:00', 'Hadoop', 'HADOOP-99999', ''],
    ['CHG0040004', 'Cancelled', '', '', '', 'Hadoop', 'HADOOP-17002', ''],
  ]);

  it('reads the items from correlation_id (an issue key) or a mapped column, and the change of each', () => {
    const result = parseServiceNow(changes, { map: [{ column: 'u_stories', field: 'items' }] });
    // The mapped column wins where it says something; correlation_id is read where it does not.
    expect(result.releases!.map((r) => [r.id, r.items])).toEqual([
      ['CHG0040001', ['HADOOP-17000']],
      ['CHG0040002', ['HADOOP-17001', 'HADOOP-17002']],
      ['CHG0040003', ['HADOOP-99999']],
    ]);
    const plain = parseServiceNow(changes);
    expect(plain.releases!.map((r) => [r.id, r.items])).toEqual([
      ['CHG0040001', ['HADOOP-17000']],
      ['CHG0040002', undefined],
      ['CHG0040003', ['HADOOP-99999']],
    ]);
    // A cancelled change is no approved change of anything.
    expect(plain.itemChanges).toEqual([
      { id: 'HADOOP-17000', change: 'CHG0040001' },
      { id: 'HADOOP-99999', change: 'CHG0040003' },
    ]);
  });

  it('keeps the changes of an item named by very many that fit the 1,000 characters of its change field', () => {
    const rows = [['number', 'state', 'close_code', 'work_end', 'correlation_id']];
    for (let k = 0; k < 200; k++) rows.push([`CHG${String(40_000 + k).padStart(7, '0')}`, 'Closed', 'Successful', '2026-01-19 21:00:00', 'HADOOP-17000']);
    const [only] = parseServiceNow(csv(rows), { application: 'hadoop' }).itemChanges!;
    expect(only!.change.length).toBeLessThanOrEqual(1000);
    expect(only!.change.split(', ')).toHaveLength(83);
    expect(only!.change.startsWith('CHG0040000, CHG0040001')).toBe(true);
  });

  it("writes each change into its items' change in backlog.yaml, keeping one set by hand, and says so", () => {
    const result = parseServiceNow(
      csv([
        ['number', 'state', 'close_code', 'work_end', 'cmdb_ci', 'correlation_id', 'u_stories'],
        ['CHG0040001', 'Closed', 'Successful', '2026-01-19 21:00:00', 'Hadoop', 'HADOOP-17000', ''],
        ['CHG0040002', 'Closed', 'Successful', '2026-01-20 21:00:00', 'Hadoop', '', 'HADOOP-17001, HADOOP-17002'],
        ['CHG0040003', 'Closed', 'Successful', '2026-01-21 21:00:00', 'Hadoop', '', 'HADOOP-99999'],
      ]),
      { map: [{ column: 'u_stories', field: 'items' }] },
    );
    const files = mergeImport('servicenow', result, { backlog, releases: null }, {});
    const after = files.find((f) => f.file === 'backlog.yaml')!.merged;
    const items = parse(after.text).items as { id: string; change?: string }[];
    expect(items.map((i) => [i.id, i.change])).toEqual([
      ['HADOOP-17000', 'CHG0040001'],
      ['HADOOP-17001', 'CHG0099999'],
      ['HADOOP-17002', 'CHG0040002'],
    ]);
    // Only the two lines that gained a change differ; the comment stays.
    expect(after.text).toContain('change: CHG0099999 # set by hand');
    const summary = formatImportSummary('servicenow changes.csv', result, files, { unit: 'row', dryRun: false, colors: new Chalk({ level: 0 }) });
    expect(summary).toContain('  the approved change of 2 backlog items in backlog.yaml, from the changes that name them');
    expect(summary).toContain('  updated HADOOP-17000 in backlog.yaml: change');
    expect(summary).toContain('  conflict: HADOOP-17001 change is CHG0099999 in backlog.yaml, CHG0040002 in the export: kept yours');
    expect(summary).toContain('  1 backlog item named by the changes is not in backlog.yaml (HADOOP-99999): import the backlog first to link it');
  });
});

describe('end to end: the approved-change share once the link is carried', () => {
  const copy = fixtureCopies();
  it('is unknown after a Jira import without links, and measured once the ServiceNow changes name the items', async () => {
    const dir = copy('test/fixtures/minimal');
    writeFileSync(
      join(dir, 'issues.csv'),
      csv([
        ['Issue key', 'Summary', 'Issue Type', 'Status', 'Resolution', 'Created', 'Resolved'],
        ['HADOOP-17000', 'Fix the build on Debian 10', 'Bug', 'Resolved', 'Fixed', '05/Jan/26 10:00', '20/Jan/26 10:00'],
        ['HADOOP-17001', 'JAR in conflict with timestamp check', 'Bug', 'Resolved', 'Fixed', '06/Jan/26 10:00', '21/Jan/26 10:00'],
      ]),
    );
    writeFileSync(
      join(dir, 'changes.csv'),
      csv([
        ['number', 'state', 'close_code', 'work_start', 'work_end', 'correlation_id'],
        ['CHG0040001', 'Closed', 'Successful', '2026-01-19 20:00:00', '2026-01-19 21:00:00', 'HADOOP-17000'],
      ]),
    );
    const share = async () => {
      const r = await relm(['assess', '--json', '-C', dir], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { backlog: { done_with_change_share: number | null } }).backlog.done_with_change_share;
    };
    expect((await relm(['import', 'jira', 'issues.csv', '--application', 'hadoop', '-C', dir], { cwd: dir })).status).toBe(0);
    expect(await share()).toBeNull();
    const sn = await relm(['import', 'servicenow', 'changes.csv', '--application', 'hadoop', '-C', dir], { cwd: dir });
    expect(sn.status, sn.stderr).toBe(0);
    expect(sn.stderr).toContain('  updated HADOOP-17000 in backlog.yaml: change');
    expect(await share()).toBe(0.5);
    // Again: nothing changes.
    const again = await relm(['import', 'servicenow', 'changes.csv', '--application', 'hadoop', '-C', dir], { cwd: dir });
    expect(again.stderr).toContain('nothing to write');
  });
});
