import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/engagement/schemas.js';
import { RelmError } from '../../src/errors.js';
import { mergeImport } from '../../src/import/index.js';
import { parseJira } from '../../src/import/jira.js';
import { mergeBacklog, mergeReleases } from '../../src/import/merge.js';
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

describe('merging into backlog.yaml', () => {
  const result = parseJira(fixture('jira.csv'));

  it('keeps comments, order and the fields the export does not carry; appends new ids; updates known ones field by field', () => {
    const [change] = mergeImport('jira', result, { backlog: EXISTING, releases: null }, {});
    const { text, report, changed } = change!.merged;
    expect(changed).toBe(true);
    expect(report.added).toEqual(['ABC-101', 'ABC-103', 'ABC-104', 'ABC-106', 'ABC-107']);
    expect(report.updated).toEqual([
      { id: 'ABC-102', fields: ['status', 'description'] },
      { id: 'ABC-108', fields: ['status', 'closed'] },
    ]);
    expect(report.unchanged).toEqual([]);
    expect(report.applicationsAdded).toEqual(['customer-portal', 'payments-gateway']);

    for (const comment of ['# Backlog of ACME Bank', '# Do not reorder', '# the big one', '# Found in the 2021 audit.', '# agreed with the business owner', '# end of backlog']) {
      expect(text).toContain(comment);
    }
    expect(text).toContain('  - {id: core-banking, name: Core Banking, platform: mainframe, criticality: high} # the big one\n');
    expect(text).toContain('  - {id: customer-portal, name: Customer Portal}\n');
    expect(text).toContain('    status: new # agreed with the business owner\n');

    const data = load(text) as { items: Record<string, unknown>[]; applications: { id: string }[] };
    expect(data.items.map((i) => i.id)).toEqual(['ABC-102', 'MR-1', 'ABC-108', 'ABC-101', 'ABC-103', 'ABC-104', 'ABC-106', 'ABC-107']);
    expect(data.items[0]).toEqual({
      id: 'ABC-102',
      application: 'customer-portal',
      title: 'Export statements as PDF/A',
      type: 'perfective',
      priority: 'medium',
      status: 'new',
      requested: '2021-10-01',
      effort_days: 4,
      benefit: 12000,
      description: 'Auditors want PDF/A-2b.',
    });
    // Reopened in the tracker: open again, without the old closing date.
    expect(data.items[2]).toMatchObject({ id: 'ABC-108', status: 'new' });
    expect(data.items[2]).not.toHaveProperty('closed');
    expect(data.items[1]).toEqual({ id: 'MR-1', application: 'core-banking', title: 'Hand-written item the export does not know', status: 'new', requested: '2021-01-01' });
    expect(validateSchema('backlog', 'backlog.yaml', data)).toEqual([]);
  });

  it('reports everything unchanged, and changes nothing, when the same export is imported again', () => {
    const first = mergeImport('jira', result, { backlog: EXISTING, releases: null }, {})[0]!.merged;
    const again = mergeImport('jira', parseJira(fixture('jira.csv')), { backlog: first.text, releases: null }, {})[0]!.merged;
    expect(again.changed).toBe(false);
    expect(again.text).toBe(first.text);
    expect(again.report).toEqual({ added: [], updated: [], unchanged: ['ABC-101', 'ABC-102', 'ABC-103', 'ABC-104', 'ABC-106', 'ABC-107', 'ABC-108'], applicationsAdded: [] });
  });

  it('starts backlog.yaml with a comment header when there is none', () => {
    const { text, changed } = mergeImport('jira', result, { backlog: null, releases: null }, {})[0]!.merged;
    expect(changed).toBe(true);
    expect(text.startsWith('# yaml-language-server: $schema=https://unpkg.com/relm/schemas/backlog.schema.json\n# Maintenance backlog (format: relm schema backlog).\n# Started by `relm import jira`')).toBe(true);
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

  it('refuses to merge into a file that is not YAML, changing nothing', () => {
    expect(() => mergeBacklog('items:\n  - id: [unclosed\n', [], [{ id: 'x' }], 'h')).toThrow(RelmError);
    expect(() => mergeBacklog('- a\n- b\n', [], [{ id: 'x' }], 'h')).toThrow(/must hold a mapping/);
  });
});

describe('merging into releases.yaml', () => {
  it('merges releases by id and registers their applications in an existing backlog.yaml', () => {
    const releases = '# Release history\nreleases:\n  - id: CHG0030001\n    deployed: 2024-01-14T01:00:00Z   # from the change calendar\n    items: [ABC-101]\n';
    const backlog = 'applications:\n  - {id: core-banking}\nitems: []\n';
    const changes = mergeImport('servicenow', parseServiceNow(fixture('servicenow.csv')), { backlog, releases }, {});
    expect(changes.map((c) => c.file)).toEqual(['releases.yaml', 'backlog.yaml']);
    const [rel, bl] = changes;
    expect(rel!.merged.report.updated).toEqual([{ id: 'CHG0030001', fields: ['type', 'applications', 'scheduled', 'deployed', 'outcome'] }]);
    expect(rel!.merged.report.added).toEqual(['CHG0030002', 'CHG0030003', 'CHG0030004', 'CHG0030007']);
    expect(rel!.merged.text).toContain('deployed: 2024-01-14T01:30:00Z # from the change calendar');
    expect(rel!.merged.text).toContain('    applications: [core-banking]\n');
    const data = load(rel!.merged.text) as { releases: Record<string, unknown>[] };
    expect(data.releases[0]).toMatchObject({ id: 'CHG0030001', items: ['ABC-101'] });
    expect(validateSchema('releases', 'releases.yaml', data)).toEqual([]);
    expect(bl!.merged.report.applicationsAdded).toEqual(['customer-portal', 'payments-gateway']);
    expect(bl!.merged.text).toBe('applications:\n  - {id: core-banking}\n  - {id: customer-portal, name: Customer Portal}\n  - {id: payments-gateway, name: Payments Gateway}\nitems: []\n');
  });

  it('does not create backlog.yaml for the applications of releases', () => {
    const changes = mergeImport('servicenow', parseServiceNow(fixture('servicenow.csv')), { backlog: null, releases: null }, {});
    expect(changes.map((c) => c.file)).toEqual(['releases.yaml']);
    expect(mergeReleases(null, [], 'h').changed).toBe(false);
  });
});
