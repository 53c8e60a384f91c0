import { describe, expect, it } from 'vitest';
import type { BacklogItem } from '../../src/engagement/types.js';
import { RelmError } from '../../src/errors.js';
import { parseMapOptions } from '../../src/import/fields.js';
import { parseJira } from '../../src/import/jira.js';
import { fixture } from './fixtures.js';

const text = fixture('jira.csv');

const expected: BacklogItem[] = [
  {
    id: 'ABC-101',
    application: 'core-banking',
    title: 'Interest accrual rounds half-cent amounts down',
    type: 'corrective',
    priority: 'high',
    status: 'done',
    requested: '2021-09-30',
    closed: '2021-10-05',
    description:
      'Steps to reproduce:\n1. Open an account with 0.005 interest, "daily" accrual\n2. Run the end-of-day batch\n\nExpected: rounding half-up, as the rulebook says.',
  },
  {
    id: 'ABC-102',
    application: 'customer-portal',
    title: 'Export statements as PDF/A',
    type: 'perfective',
    priority: 'medium',
    status: 'new',
    requested: '2021-10-01',
    description: 'Auditors want PDF/A-2b.',
  },
  {
    id: 'ABC-103',
    application: 'core-banking',
    title: 'Interest accrual is wrong for half cents',
    type: 'corrective',
    priority: 'critical',
    status: 'rejected',
    requested: '2021-10-02',
    closed: '2021-10-03',
    duplicate_of: 'ABC-101',
  },
  {
    id: 'ABC-104',
    application: 'payments-gateway',
    title: 'Upgrade the payment gateway client to TLS 1.3',
    type: 'adaptive',
    priority: 'high',
    status: 'in-progress',
    requested: '2021-10-04',
  },
  {
    id: 'ABC-106',
    application: 'customer-portal',
    title: 'Show the IBAN on the account page',
    type: 'perfective',
    priority: 'low',
    status: 'approved',
    requested: '2021-10-07',
  },
  {
    id: 'ABC-107',
    application: 'core-banking',
    title: 'Add regression tests for the FX rates feed',
    type: 'preventive',
    priority: 'low',
    status: 'rejected',
    requested: '2021-10-08',
    closed: '2021-10-12',
  },
  {
    // Reopened: the stale Resolved date is not a closing date.
    id: 'ABC-108',
    application: 'customer-portal',
    title: 'Login fails after password reset',
    type: 'adaptive',
    priority: 'critical',
    status: 'new',
    requested: '2021-10-09',
  },
];

describe('parseJira', () => {
  it('maps a Jira CSV export onto backlog items, applications from Component/s', () => {
    const r = parseJira(text);
    expect(r.items).toEqual(expected);
    expect(r.applications).toEqual([
      { id: 'core-banking', name: 'Core Banking' },
      { id: 'customer-portal', name: 'Customer Portal' },
      { id: 'payments-gateway', name: 'Payments Gateway' },
    ]);
  });

  it('skips malformed rows by their line in the file (the header is line 1; a quoted multi-line field counts its lines)', () => {
    expect(parseJira(text).problems).toEqual([
      {
        row: 10,
        message:
          'ABC-105: unreadable Created date "31/Foo/21 10:00" (expected e.g. 30/Sep/21 17:20, 2021-09-30, 2021-09-30T17:20:00Z, or 30/09/2021 with --date-format dd/mm/yyyy)',
      },
      { row: 11, message: 'no issue key or id' },
      { row: 15, message: 'ABC-109: no component to take the application from; pass --application ID (or --map COLUMN=application)' },
      { row: 16, message: 'ABC-110: no summary' },
    ]);
  });

  it("keeps the open item's closing date explicitly empty, so that a merge removes a stale one", () => {
    const item = parseJira(text).items!.find((i) => i.id === 'ABC-108')!;
    expect('closed' in item && item.closed === undefined).toBe(true);
  });

  it('puts every item under --application, and lists no component applications then', () => {
    const r = parseJira(text, { application: 'bank' });
    expect(r.items!.map((i) => i.application)).toEqual(Array(8).fill('bank'));
    expect(r.applications).toBeUndefined();
    expect(r.items!.find((i) => i.id === 'ABC-109')).toEqual({
      id: 'ABC-109',
      application: 'bank',
      title: 'Dark mode',
      type: 'perfective',
      priority: 'medium',
      status: 'new',
      requested: '2021-10-10',
    });
  });

  it('maps extra columns with --map, including Jira\'s "Custom field (…)" names', () => {
    const r = parseJira(text, { map: parseMapOptions(['Story Points=effort_days', 'Project key=application'], 'backlog') });
    expect(r.items!.find((i) => i.id === 'ABC-101')).toMatchObject({ application: 'ABC', effort_days: 3 });
    expect(r.items!.find((i) => i.id === 'ABC-104')).toMatchObject({ effort_days: 5 });
    expect(r.items!.find((i) => i.id === 'ABC-102')!.effort_days).toBeUndefined();
    expect(r.applications).toEqual([{ id: 'ABC' }]);
  });

  it('refuses an unknown --map field, listing the fields', () => {
    expect(() => parseMapOptions(['Story Points=story_points'], 'backlog')).toThrow(/not a field of a backlog item/);
    try {
      parseMapOptions(['Team=aplication'], 'backlog');
    } catch (e) {
      expect(e).toBeInstanceOf(RelmError);
      expect((e as RelmError).exitCode).toBe(2);
      expect((e as RelmError).message).toContain('did you mean "application"');
      expect((e as RelmError).hint).toContain('effort_days');
    }
  });

  it('refuses a --map column the export does not have', () => {
    expect(() => parseJira(text, { map: [{ column: 'Sprint', field: 'release' }] })).toThrow(/no column "Sprint"/);
  });

  it('asks for --application when there is no Component/s column', () => {
    const noComponents = 'Issue key,Summary,Created\nX-1,Something,2021-01-01\n';
    expect(() => parseJira(noComponents)).toThrow(/no Component\/s column/);
    expect(parseJira(noComponents, { application: 'app' }).items).toEqual([
      { id: 'X-1', application: 'app', title: 'Something', type: 'corrective', status: 'new', requested: '2021-01-01' },
    ]);
  });

  it('refuses what is not a Jira CSV export as a whole', () => {
    expect(() => parseJira('[{"number": 1}]')).toThrow(/JSON, not CSV/);
    expect(() => parseJira('PK\u0003\u0004binary')).toThrow(/Excel workbook/);
    expect(() => parseJira('Name,Age\nBob,3\n')).toThrow(/no issue key column/);
    expect(() => parseJira('')).toThrow(/empty/);
  });

  it('reads semicolon-separated exports and notes unknown statuses', () => {
    const r = parseJira('Issue key;Summary;Status;Created;Priority\nX-1;A;Waiting for Godot;2021-01-01;Urgent\nX-2;B;Waiting for Godot;2021-01-02;Whatever\n', {
      application: 'a',
    });
    expect(r.items!.map((i) => [i.id, i.status, i.priority])).toEqual([
      ['X-1', 'new', 'critical'],
      ['X-2', 'new', undefined],
    ]);
    expect(r.notes).toEqual([
      'status "Waiting for Godot" is not known: taken as new (2 rows)',
      'priority "Whatever" is not known: priority left empty (1 row)',
    ]);
  });

  it('cuts descriptions at 4,000 characters', () => {
    const long = 'x'.repeat(5000);
    const r = parseJira(`Issue key,Summary,Created,Description\nX-1,A,2021-01-01,"  ${long}  "\n`, { application: 'a' });
    expect(r.items![0]!.description).toHaveLength(4000);
  });
});

describe('parseJira edge cases', () => {
  it('keeps every value of a repeated column (Labels,Labels,Labels) for a mapped list field', () => {
    const r = parseJira(text, { map: parseMapOptions(['Labels=platforms'], 'backlog') });
    expect(r.items!.find((i) => i.id === 'ABC-106')!.platforms).toEqual(['ux', 'mobile', 'web']);
    expect(r.items!.find((i) => i.id === 'ABC-101')!.platforms).toEqual(['regression', 'ui']);
  });

  it('skips a second row with the same key, naming the first', () => {
    const r = parseJira('Issue key,Summary,Created\nX-1,A,2021-01-01\nX-1,B,2021-01-02\n', { application: 'a' });
    expect(r.items!.map((i) => i.title)).toEqual(['A']);
    expect(r.problems).toEqual([{ row: 3, message: 'X-1: the id is already on row 2; this row is ignored' }]);
  });

  it('turns keys that are not ids into ids, and slugifies components', () => {
    const r = parseJira('Issue key,Summary,Created,Component/s\nOPS 12,A,2021-01-01,Data Warehouse / ETL\n');
    expect(r.items![0]).toMatchObject({ id: 'OPS-12', application: 'data-warehouse-etl' });
    expect(r.applications).toEqual([{ id: 'data-warehouse-etl', name: 'Data Warehouse / ETL' }]);
  });

  it('suggests the field a --map option probably meant', () => {
    expect(() => parseMapOptions(['Story Points=effort'], 'backlog')).toThrow(/did you mean "effort_days"/);
    expect(() => parseMapOptions(['Story Points'], 'backlog')).toThrow(/write it as column=field/);
    expect(parseMapOptions(['Team = application', 'Points=Effort-Days'], 'backlog')).toEqual([
      { column: 'Team', field: 'application' },
      { column: 'Points', field: 'effort_days' },
    ]);
  });
});

describe('value maps of relm.yaml and --id-prefix', () => {
  it("maps a team's own priorities, statuses, types and components, and prefixes ids and duplicates", async () => {
    const { valueMapsOf } = await import('../../src/import/value-maps.js');
    const values = valueMapsOf(
      {
        import: {
          jira: {
            priority: { Blocker: 'critical', Major: 'medium' },
            status: { 'Selected for Development': 'scheduled' },
            type: { Test: 'corrective' },
            application: { 'Core Banking': 'cbs' },
          },
        },
      },
      'jira',
    );
    const r = parseJira(fixture('jira.csv'), { values, idPrefix: 'X-' });
    const byId = new Map(r.items!.map((i) => [i.id, i]));
    expect(byId.get('X-ABC-101')).toMatchObject({ application: 'cbs', priority: 'medium' });
    expect(byId.get('X-ABC-103')).toMatchObject({ priority: 'critical', duplicate_of: 'X-ABC-101' });
    expect(byId.get('X-ABC-106')).toMatchObject({ status: 'scheduled' });
    expect(byId.get('X-ABC-107')).toMatchObject({ type: 'corrective' });
    expect(r.applications!.map((a) => a.id)).toEqual(expect.arrayContaining(['cbs']));
    expect(() => valueMapsOf({ import: { jira: { priority: ['critical'] } } } as never, 'jira')).toThrow(/import.jira.priority must be a mapping/);
  });
});
