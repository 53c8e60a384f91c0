import { describe, expect, it } from 'vitest';
import type { BacklogItem } from '../../src/engagement/types.js';
import { parseBugzilla } from '../../src/import/bugzilla.js';
import { fixture } from './fixtures.js';

const item = (id: string, application: string, title: string, rest: Partial<BacklogItem>): BacklogItem =>
  ({ id, application, title, type: 'corrective', ...rest }) as BacklogItem;

describe('parseBugzilla', () => {
  const r = parseBugzilla(fixture('bugzilla.csv'));

  it('maps a Bugzilla CSV bug list onto backlog items', () => {
    expect(r.items).toEqual([
      item('1001', 'address-bar', 'Autocomplete drops the last typed character', {
        priority: 'critical',
        status: 'done',
        requested: '2023-04-28',
        closed: '2023-05-02',
      }),
      item('1002', 'address-bar', 'Search suggestions flicker on slow networks', { status: 'new', requested: '2023-05-01' }),
      item('1003', 'tabs', 'Allow pinning tab groups', { type: 'perfective', priority: 'medium', status: 'new', requested: '2023-05-04' }),
      item('1004', 'tabs', 'Tab crashes when dragging to a second window', { priority: 'high', status: 'in-progress', requested: '2023-05-02' }),
      item('1005', 'address-bar', 'Typed character lost in autocomplete', {
        priority: 'high',
        status: 'rejected',
        requested: '2023-05-05',
        closed: '2023-05-06',
        duplicate_of: '1001',
      }),
      item('1006', 'tabs', 'Bring back the tab bar on the bottom', { priority: 'low', status: 'rejected', requested: '2023-05-01', closed: '2023-05-07' }),
      item('1007', 'tabs', 'Tab audio indicator stays after muting', { priority: 'low', status: 'new', requested: '2023-04-20' }),
      item('1008', 'address-bar', 'Cannot paste URLs with spaces', { status: 'rejected', requested: '2023-04-21', closed: '2023-05-09' }),
      item('1009', 'address-bar', 'Old profile migration prompt', { priority: 'medium', status: 'obsolete', requested: '2019-01-21', closed: '2023-05-10' }),
    ]);
  });

  it('takes "--" as no priority, and the Component as the application', () => {
    expect(r.items!.find((i) => i.id === '1002')!.priority).toBeUndefined();
    expect(r.applications).toEqual([
      { id: 'address-bar', name: 'Address Bar' },
      { id: 'tabs', name: 'Tabs' },
    ]);
  });

  it('skips a bug whose Opened date cannot be read', () => {
    expect(r.problems).toEqual([
      {
        row: 11,
        message:
          '1010: unreadable Opened date "yesterday" (expected e.g. 30/Sep/21 17:20, 2021-09-30, 2021-09-30T17:20:00Z, or 30/09/2021 with --date-format dd/mm/yyyy)',
      },
    ]);
  });

  it('reads the column ids of buglist.cgi?ctype=csv too', () => {
    const csv =
      'bug_id,product,component,bug_status,resolution,short_desc,changeddate,opendate,priority,bug_severity\n7,P,C,RESOLVED,FIXED,Crash,2023-01-03 10:00:00,2023-01-01 10:00:00,P2,major\n';
    expect(parseBugzilla(csv).items).toEqual([item('7', 'c', 'Crash', { priority: 'high', status: 'done', requested: '2023-01-01', closed: '2023-01-03' })]);
  });

  it('asks for the Opened column when the export lacks it', () => {
    expect(() => parseBugzilla('bug_id,short_desc,component\n1,A,B\n')).toThrow(/no Opened column/);
  });
});
