import { describe, expect, it } from 'vitest';
import { parseServiceNow } from '../../src/import/servicenow.js';
import { fixture } from './fixtures.js';

describe('parseServiceNow', () => {
  it('maps a change_request CSV export (list labels as headers) onto releases', () => {
    const r = parseServiceNow(fixture('servicenow.csv'));
    expect(r.releases).toEqual([
      {
        id: 'CHG0030001',
        type: 'minor',
        applications: ['core-banking'],
        scheduled: '2024-01-13T20:00:00Z',
        deployed: '2024-01-14T01:30:00Z',
        outcome: 'success',
      },
      { id: 'CHG0030002', type: 'emergency', planned: false, applications: ['core-banking'], deployed: '2024-01-20T04:10:00Z', outcome: 'hotfixed' },
      {
        id: 'CHG0030003',
        type: 'minor',
        applications: ['customer-portal'],
        scheduled: '2024-02-03T21:00:00Z',
        deployed: '2024-02-03T21:02:00Z',
        outcome: 'failed',
        restored: '2024-02-03T22:40:00Z',
      },
      {
        id: 'CHG0030004',
        type: 'minor',
        applications: ['payments-gateway'],
        scheduled: '2024-02-10T06:00:00Z',
        deployed: '2024-02-10T06:20:00Z',
        outcome: 'success',
      },
      {
        id: 'CHG0030007',
        type: 'minor',
        applications: ['customer-portal'],
        scheduled: '2024-03-02T20:00:00Z',
        deployed: '2024-03-02T20:00:00Z',
        outcome: 'rolled-back',
        restored: '2024-03-02T23:15:00Z',
      },
      // A UK instance's dates (13/03/2024 20:00): day first, as 13 cannot be a month.
      {
        id: 'CHG0030008',
        type: 'minor',
        applications: ['mobile-app'],
        scheduled: '2024-03-13T20:00:00Z',
        deployed: '2024-03-13T21:00:00Z',
        outcome: 'success',
      },
    ]);
    expect(r.problems).toEqual([
      { row: 6, message: 'CHG0030005: cancelled, never deployed' },
      { row: 7, message: 'CHG0030006: not deployed yet (state Scheduled)' },
    ]);
    expect(r.notes).toContain('dates such as 13/03/2024 read as day/month/year (pass --date-format to choose)');
    // Told month first, 13/03/2024 cannot be read: that row is skipped, saying why.
    expect(parseServiceNow(fixture('servicenow.csv'), { dateOrder: 'mdy' }).problems).toContainEqual({
      row: 9,
      message:
        'CHG0030008: unreadable start_date "13/03/2024 20:00" (expected e.g. 30/Sep/21 17:20, 2021-09-30, 2021-09-30T17:20:00Z, or 30/09/2021 with --date-format dd/mm/yyyy)',
    });
    expect(r.applications).toEqual([
      { id: 'core-banking', name: 'Core Banking' },
      { id: 'customer-portal', name: 'Customer Portal' },
      { id: 'payments-gateway', name: 'Payments Gateway' },
      { id: 'mobile-app', name: 'Mobile App' },
    ]);
  });

  it('maps the Table API JSON (display values, field names), text or parsed', () => {
    const expected = [
      {
        id: 'CHG0040001',
        type: 'minor',
        applications: ['ledger-api'],
        scheduled: '2024-05-04T20:00:00Z',
        deployed: '2024-05-04T23:20:00Z',
        outcome: 'success',
      },
      { id: 'CHG0040002', type: 'emergency', planned: false, applications: ['ledger-api'], deployed: '2024-05-07T02:45:00Z', outcome: 'success' },
    ];
    const text = fixture('servicenow.json');
    for (const input of [text, JSON.parse(text) as unknown]) {
      const r = parseServiceNow(input);
      expect(r.releases).toEqual(expected);
      expect(r.problems).toEqual([{ row: 2, message: 'CHG0040003: not deployed yet (state Scheduled)' }]);
    }
  });

  it('puts every release under --application', () => {
    const r = parseServiceNow(fixture('servicenow.json'), { application: 'ledger' });
    expect(r.releases!.map((x) => x.applications)).toEqual([['ledger'], ['ledger']]);
    expect(r.applications).toBeUndefined();
  });

  it('refuses JSON of the wrong shape', () => {
    expect(() => parseServiceNow('{"error": {"message": "User Not Authenticated"}}')).toThrow(/not a list of change requests/);
    expect(() => parseServiceNow('{"result": [{"sys_id": "x"}]}')).toThrow(/no change requests/);
  });
});
