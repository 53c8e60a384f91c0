import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/engagement/types.js';
import { attributeIncidents, parseIncidents } from '../../src/import/incidents.js';
import { valueMapsOf } from '../../src/import/value-maps.js';

const RELEASES: Release[] = [
  { id: 'billing@v1.0.0', applications: ['billing'], deployed: '2026-03-01T20:00:00Z' },
  { id: 'billing@v1.0.1', applications: ['billing'], deployed: '2026-03-02T09:00:00Z' },
  { id: 'payments@v2.0.0', applications: ['payments'], deployed: '2026-03-01T21:00:00Z' },
  { id: 'CHG0040001', applications: ['ledger'], deployed: '2026-02-01T10:00:00Z' },
];

const SERVICENOW = [
  'Number,Opened,Resolved,Configuration item,Caused by Change,Resolution code',
  'INC001,2026-03-02 01:00:00,2026-03-02 10:00:00,Billing,,Solved (Permanently)', // 5 h after billing@v1.0.0; v1.0.1 shipped before it was resolved
  'INC002,2026-03-02 05:00:00,2026-03-02 07:00:00,Payments,,Rolled back', // 8 h after payments@v2.0.0, rolled back
  'INC003,2026-03-05 12:00:00,2026-03-05 13:00:00,Billing,,', // 75 h after billing@v1.0.1: outside 24 h
  'INC004,2026-03-10 08:00:00,,Ledger,CHG0040001,', // named cause, far outside the window; not resolved yet
  'INC005,2026-03-03 08:00:00,2026-03-01 08:00:00,Billing,,', // resolved before it was opened
  'INC006,2026-02-28 08:00:00,2026-02-28 09:00:00,Payments,,', // before any deployment of payments
].join('\n');

describe('incidents', () => {
  const parsed = parseIncidents(SERVICENOW, 'servicenow');

  it('reads a ServiceNow incident export; a row whose dates contradict each other is skipped with its line', () => {
    expect(parsed.incidents.map((i) => i.id)).toEqual(['INC001', 'INC002', 'INC003', 'INC004', 'INC006']);
    expect(parsed.incidents[0]).toEqual({ row: 2, id: 'INC001', opened: '2026-03-02T01:00:00Z', resolved: '2026-03-02T10:00:00Z', applications: ['billing'] });
    expect(parsed.incidents[1]!.outcome).toBe('rolled-back');
    expect(parsed.problems).toEqual([
      { row: 6, message: 'INC005: the dates contradict each other: resolved 2026-03-01T08:00:00Z is before opened 2026-03-03T08:00:00Z' },
    ]);
  });

  it('puts each incident down to the deployment of its application in the hours before, or to the change it names', () => {
    const r = attributeIncidents(parsed.incidents, RELEASES, 24);
    expect(r.attributions).toEqual([
      { incident: 'INC001', release: 'billing@v1.0.0', hours: 5, by: 'window' },
      { incident: 'INC002', release: 'payments@v2.0.0', hours: 8, by: 'window' },
      { incident: 'INC004', release: 'CHG0040001', hours: 886, by: 'cause' }, // 28 days of February + 9 days − 2 h
    ]);
    // billing@v1.0.0: v1.0.1 shipped between the incident and its resolution, so the fix was a hotfix.
    // billing@v1.0.1 caused no incident in the span the export covers (27 Feb 08:00 to 10 Mar 08:00): a success.
    expect(r.entries).toEqual([
      { id: 'CHG0040001', outcome: 'failed' },
      { id: 'billing@v1.0.0', outcome: 'hotfixed', restored: '2026-03-02T10:00:00Z' },
      { id: 'billing@v1.0.1', outcome: 'success' },
      { id: 'payments@v2.0.0', outcome: 'rolled-back', restored: '2026-03-02T07:00:00Z' },
    ]);
    // A release with an outcome already keeps it; one outside the span (or of another application) gets none.
    const known = attributeIncidents(
      parsed.incidents,
      [
        ...RELEASES.slice(0, 1),
        { ...RELEASES[1]!, outcome: 'failed' },
        ...RELEASES.slice(2),
        { id: 'crm@1', applications: ['crm'], deployed: '2026-03-03T00:00:00Z' },
        { id: 'billing@0.9', applications: ['billing'], deployed: '2026-01-01T00:00:00Z' },
      ],
      24,
    );
    expect(known.entries.map((e) => e.id)).toEqual(['CHG0040001', 'billing@v1.0.0', 'payments@v2.0.0']);
    // A longer window reaches INC003 back to billing@v1.0.1.
    expect(attributeIncidents(parsed.incidents, RELEASES, 96).attributions.find((a) => a.incident === 'INC003')).toEqual({
      incident: 'INC003',
      release: 'billing@v1.0.1',
      hours: 75,
      by: 'window',
    });
  });

  it('reads a Jira CSV, with the value maps of relm.yaml for applications and outcomes', () => {
    const csv = 'Issue key,Summary,Created,Resolved,Component/s,Resolution\nOPS-1,Checkout down,2026-03-01 23:00,2026-03-02 02:00,Pay Svc,Reverted deploy\n';
    const values = valueMapsOf(
      { import: { incidents: { application: { 'Pay Svc': 'payments' }, outcome: { 'Reverted deploy': 'rolled-back' } } } },
      'incidents',
    );
    const p = parseIncidents(csv, 'jira', { values });
    expect(p.incidents).toEqual([
      { row: 2, id: 'OPS-1', opened: '2026-03-01T23:00:00Z', resolved: '2026-03-02T02:00:00Z', applications: ['payments'], outcome: 'rolled-back' },
    ]);
    expect(attributeIncidents(p.incidents, RELEASES, 24).entries).toEqual([
      { id: 'payments@v2.0.0', outcome: 'rolled-back', restored: '2026-03-02T02:00:00Z' },
    ]);
  });
});
