import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/engagement/schemas.js';
import { RelmError } from '../../src/errors.js';
import { mergeImport } from '../../src/import/index.js';
import { parseJira } from '../../src/import/jira.js';
import { ITEM_ORDER, RELEASE_ORDER } from '../../src/import/fields.js';
import { mergeRecords } from '../../src/import/merge.js';
import type { ImportState } from '../../src/import/state.js';
import { parseServiceNow } from '../../src/import/servicenow.js';
import { fixture } from './fixtures.js';

const load = (text: string) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });

const EXISTING = `# Backlog of ACME Bank, kept by the engagement team.
# Do not reorder: the steering committee reads it top-down.

applications:
  - {id: core-banking, name: Core Banking, platform: mainframe, criticality: high}   # the big one

items:
  # Found in the 2021 audit.
  - id: ABC-102
    application: customer-portal
    title: Export statements as PDF/A
    type: perfective
    priority: medium
    status: approved          # agreed with the business owner
    requested: 2021-10-01
    effort_days: 4
    benefit: 12000
  - id: MR-1
    application: core-banking
    title: Hand-written item the export does not know
    status: new
    requested: 2021-01-01
  - id: ABC-108
    application: customer-portal
    title: Login fails after password reset
    type: adaptive
    priority: critical
    status: done
    requested: 2021-10-09
    closed: 2021-10-10

# end of backlog
`;

const mergeBacklog = (text: string | null, items: Record<string, unknown>[], applications: { id: string }[], header: string) =>
  mergeRecords({ file: 'backlog.yaml', text, key: 'items', entries: items as never, applications, header, order: ITEM_ORDER });
const mergeReleases = (text: string | null, releases: Record<string, unknown>[], header: string) =>
  mergeRecords({ file: 'releases.yaml', text, key: 'releases', entries: releases as never, header, order: RELEASE_ORDER });
const stateOf = (m: { remembered: Map<string, Record<string, unknown>> }): ImportState => ({ records: new Map(m.remembered) });

describe('merging into backlog.yaml', () => {
  const result = parseJira(fixture('jira.csv'));

  it('appends new ids, fills fields the file lacks, and keeps every value the user has where no earlier import wrote the record', () => {
    const [change] = mergeImport('jira', result, { backlog: EXISTING, releases: null }, {});
    const { text, report, changed } = change!.merged;
    expect(changed).toBe(true);
    expect(report.added).toEqual(['ABC-101', 'ABC-103', 'ABC-104', 'ABC-106', 'ABC-107']);
    // ABC-102 and ABC-108 were written by hand: their differing values are the user's, reported as conflicts.
    expect(report.updated).toEqual([{ id: 'ABC-102', fields: ['description'] }]);
    expect(report.conflicts.map((k) => `${k.id} ${k.field}`)).toEqual(['ABC-102 status', 'ABC-108 status', 'ABC-108 closed']);
    expect(report.applicationsAdded).toEqual(['customer-portal', 'payments-gateway']);

    // Only the new key, the new applications and the new items are written: every other byte is the file's.
    expect(
      text.startsWith(
        EXISTING.slice(0, EXISTING.indexOf('    benefit: 12000\n') + '    benefit: 12000\n'.length).replace(
          'criticality: high}   # the big one\n',
          'criticality: high}   # the big one\n  - {id: customer-portal, name: Customer Portal}\n  - {id: payments-gateway, name: Payments Gateway}\n',
        ),
      ),
    ).toBe(true);
    expect(text).toContain('    status: approved          # agreed with the business owner\n');
    expect(text).toContain('    benefit: 12000\n    description: Auditors want PDF/A-2b.\n  - id: MR-1\n');
    expect(text).toContain('    closed: 2021-10-10\n  - id: ABC-101\n');
    expect(text).toMatch(/ {4}requested: 2021-10-08\n {4}closed: 2021-10-12\n\n# end of backlog\n$/);

    const data = load(text) as { items: Record<string, unknown>[]; applications: { id: string }[] };
    expect(data.items.map((i) => i.id)).toEqual(['ABC-102', 'MR-1', 'ABC-108', 'ABC-101', 'ABC-103', 'ABC-104', 'ABC-106', 'ABC-107']);
    expect(data.items[0]).toMatchObject({ id: 'ABC-102', status: 'approved', effort_days: 4, description: 'Auditors want PDF/A-2b.' });
    expect(data.items[2]).toMatchObject({ id: 'ABC-108', status: 'done', closed: '2021-10-10' });
    expect(validateSchema('backlog', 'backlog.yaml', data)).toEqual([]);
  });

  it('with the last import recorded: keeps edits by hand, takes changes at the source, and reports a conflict when both changed', () => {
    const first = mergeImport('jira', result, { backlog: null, releases: null }, {})[0]!.merged;
    const base = stateOf(first);
    // By hand: ABC-101's priority (source unchanged), ABC-104's status (source changes it too), hand formatting.
    const edited = first.text
      .replace(/(- id: ABC-101\n(?:.*\n)*?\s+priority:) high/, '$1 low   # triaged')
      .replace(/(- id: ABC-104\n(?:.*\n)*?\s+status:) in-progress/, '$1 scheduled');
    const csv = fixture('jira.csv')
      .replace('ABC-104,10104,Task,In Progress', 'ABC-104,10104,Task,Done')
      .replace('ABC-106,10106,Story,Selected for Development', 'ABC-106,10106,Story,In Progress');
    const again = mergeImport('jira', parseJira(csv), { backlog: edited, releases: null }, { base })[0]!.merged;
    expect(again.report.kept.map((k) => `${k.id} ${k.field}`)).toEqual(['ABC-101 priority']);
    expect(again.report.conflicts.map((k) => `${k.id} ${k.field} ${String(k.yours)} ${String(k.theirs)}`)).toEqual(['ABC-104 status scheduled done']);
    expect(again.report.updated).toEqual([{ id: 'ABC-106', fields: ['status'] }]);
    // Only the one changed scalar is rewritten.
    const lines = (t: string) => t.split('\n');
    const diff = lines(again.text)
      .map((l, i) => [l, lines(edited)[i]])
      .filter(([a, b]) => a !== b);
    expect(diff).toEqual([['    status: in-progress', '    status: approved']]);
    expect(again.text).toContain('priority: low   # triaged\n');

    // --force: the export wins everywhere it differs.
    const forced = mergeImport('jira', parseJira(csv), { backlog: edited, releases: null }, { base, force: true })[0]!.merged;
    expect(forced.report.updated.map((u) => `${u.id}: ${u.fields.join(',')}`)).toEqual(['ABC-101: priority', 'ABC-104: status', 'ABC-106: status']);
  });

  it('leaves the file byte-identical when the same export is imported again', () => {
    const first = mergeImport('jira', result, { backlog: EXISTING, releases: null }, {})[0]!.merged;
    const again = mergeImport('jira', parseJira(fixture('jira.csv')), { backlog: first.text, releases: null }, { base: stateOf(first) })[0]!.merged;
    expect(again.changed).toBe(false);
    expect(again.text).toBe(first.text);
    expect(again.report.unchanged).toEqual(['ABC-101', 'ABC-102', 'ABC-103', 'ABC-104', 'ABC-106', 'ABC-107', 'ABC-108']);
    expect(again.report.updated).toEqual([]);
  });

  it('does not add back a record the user deleted since the last import', () => {
    const first = mergeImport('jira', result, { backlog: null, releases: null }, {})[0]!.merged;
    const without = first.text.replace(/ {2}- id: ABC-103\n(?: {4}.*\n)*/, '');
    expect(without).not.toContain('ABC-103\n');
    const again = mergeImport('jira', result, { backlog: without, releases: null }, { base: stateOf(first) })[0]!.merged;
    expect(again.report.removed).toEqual(['ABC-103']);
    expect(again.changed).toBe(false);
  });

  it('never changes a record of another application: a collision is reported and the record left alone', () => {
    const existing = 'items:\n  - {id: GH-1, application: ledger, title: Ledger bug, requested: 2024-01-01}\n';
    const r = mergeBacklog(existing, [{ id: 'GH-1', application: 'billing', title: 'Billing bug', requested: '2024-02-01' }], [], 'h');
    expect(r.report.collisions).toEqual([{ id: 'GH-1', owner: ['ledger'], incoming: ['billing'] }]);
    expect(r.changed).toBe(false);
  });

  it('starts backlog.yaml with a comment header when there is none', () => {
    const { text, changed } = mergeImport('jira', result, { backlog: null, releases: null }, {})[0]!.merged;
    expect(changed).toBe(true);
    expect(
      text.startsWith(
        '# yaml-language-server: $schema=.relm/schemas/backlog.schema.json\n# Maintenance backlog (format: relm schema backlog).\n# Started by `relm import jira`',
      ),
    ).toBe(true);
    const data = load(text) as { applications: unknown[]; items: { id: string }[] };
    expect(Object.keys(data)).toEqual(['applications', 'items']);
    expect(data.items).toHaveLength(7);
    expect(validateSchema('backlog', 'backlog.yaml', data)).toEqual([]);
    // Ids that YAML would read as numbers are quoted.
    expect(mergeBacklog(null, [{ id: '1001', application: 'a', title: 't', requested: '2021-01-01' }], [], 'h').text).toContain('- id: "1001"');
  });

  it('fills the `items: []` that relm init writes, as a block list, and adds --application to the applications', () => {
    const init = '# Maintenance backlog (format: relm schema backlog).\napplications:\n  - id: bank\n    name: bank\nitems: []\n';
    const [change] = mergeImport('jira', parseJira(fixture('jira.csv'), { application: 'bank' }), { backlog: init, releases: null }, { application: 'bank' });
    const { text, report } = change!.merged;
    expect(report.applicationsAdded).toEqual([]);
    expect(text).toMatch(/^items:\n {2}- id: ABC-101\n/m);
    expect((load(text) as { items: unknown[] }).items).toHaveLength(8);
  });

  it('writes nothing when nothing is imported into a missing file', () => {
    expect(mergeBacklog(null, [], [], 'h').changed).toBe(false);
  });

  it('refuses to merge into a file that is not YAML, or a flow list it cannot add to in place, changing nothing', () => {
    expect(() => mergeBacklog('items:\n  - id: [unclosed\n', [], [{ id: 'x' }], 'h')).toThrow(RelmError);
    expect(() => mergeBacklog('- a\n- b\n', [], [{ id: 'x' }], 'h')).toThrow(/must hold a mapping/);
    expect(() =>
      mergeBacklog(
        'items: [{id: A, application: a, title: t, requested: 2024-01-01}]\n',
        [{ id: 'B', application: 'a', title: 'u', requested: '2024-01-02' }],
        [],
        'h',
      ),
    ).toThrow(/flow style/);
  });
});

describe('merging into releases.yaml', () => {
  it('merges releases by id and registers their applications in an existing backlog.yaml', () => {
    const releases =
      '# Release history\nreleases:\n  - id: CHG0030001\n    deployed: 2024-01-14T01:00:00Z   # from the change calendar\n    items: [ABC-101]\n';
    const backlog = 'applications:\n  - {id: core-banking}\nitems: []\n';
    const changes = mergeImport('servicenow', parseServiceNow(fixture('servicenow.csv')), { backlog, releases }, {});
    expect(changes.map((c) => c.file)).toEqual(['releases.yaml', 'backlog.yaml']);
    const [rel, bl] = changes;
    // Written by hand: the deployment time stays the user's; the fields it lacks are filled in.
    expect(rel!.merged.report.updated).toEqual([{ id: 'CHG0030001', fields: ['type', 'applications', 'scheduled', 'outcome'] }]);
    expect(rel!.merged.report.conflicts.map((k) => k.field)).toEqual(['deployed']);
    expect(rel!.merged.report.added).toEqual(['CHG0030002', 'CHG0030003', 'CHG0030004', 'CHG0030007', 'CHG0030008']);
    expect(rel!.merged.text).toContain('deployed: 2024-01-14T01:00:00Z   # from the change calendar');
    expect(rel!.merged.text).toContain('    applications: [core-banking]\n');
    const data = load(rel!.merged.text) as { releases: Record<string, unknown>[] };
    expect(data.releases[0]).toMatchObject({ id: 'CHG0030001', items: ['ABC-101'] });
    expect(validateSchema('releases', 'releases.yaml', data)).toEqual([]);
    expect(bl!.merged.report.applicationsAdded).toEqual(['customer-portal', 'payments-gateway', 'mobile-app']);
    expect(bl!.merged.text).toBe(
      'applications:\n  - {id: core-banking}\n  - {id: customer-portal, name: Customer Portal}\n  - {id: payments-gateway, name: Payments Gateway}\n  - {id: mobile-app, name: Mobile App}\nitems: []\n',
    );
  });

  it('does not create backlog.yaml for the applications of releases', () => {
    const changes = mergeImport('servicenow', parseServiceNow(fixture('servicenow.csv')), { backlog: null, releases: null }, {});
    expect(changes.map((c) => c.file)).toEqual(['releases.yaml']);
    expect(mergeReleases(null, [], 'h').changed).toBe(false);
  });
});
