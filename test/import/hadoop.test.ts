import jsyaml from 'js-yaml';
import { expect, it } from 'vitest';
import type { BacklogFile } from '../../src/engagement/types.js';
import { validateSchema } from '../../src/engagement/schemas.js';
import { mergeImport, parseExport } from '../../src/import/index.js';
import { readSource } from '../../src/import/source.js';
import { withSharedData } from '../helpers/shared-data.js';

// The GitBugs Hadoop export: 2,503 Jira issues, as a user would import it.
const hadoop = withSharedData('gitbugs-hadoop/hadoop_bugs.csv');
const DATA = hadoop.paths[0]!;

const countBy = <T>(list: readonly T[], key: (x: T) => string | undefined) =>
  list.reduce<Record<string, number>>((acc, x) => {
    const k = key(x) ?? '(none)';
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

hadoop.describe('importing the Hadoop Jira export', () => {
  it('gives 2,503 items of which 770 are open, and a backlog.yaml that validates', async () => {
    const start = performance.now();
    const input = await readSource('jira', DATA, 'hadoop_bugs.csv');
    const result = parseExport('jira', input, { application: 'hadoop' });
    const [change] = mergeImport('jira', result, { backlog: null, releases: null }, { application: 'hadoop' });
    const ms = performance.now() - start;

    expect(result.problems).toEqual([]);
    const items = result.items!;
    expect(items).toHaveLength(2503);
    const open = items.filter((i) => i.status === 'new' || i.status === 'approved' || i.status === 'scheduled' || i.status === 'in-progress');
    expect(open).toHaveLength(770);
    expect(countBy(items, (i) => i.status)).toEqual({ rejected: 303, done: 1421, new: 699, 'in-progress': 71, obsolete: 9 });
    expect(countBy(items, (i) => i.type)).toEqual({ corrective: 2503 });
    expect(countBy(items, (i) => i.priority)).toEqual({ critical: 162, high: 1738, medium: 539, low: 64 });
    expect(items.every((i) => (i.description ?? '').length <= 4000)).toBe(true);

    // What relm reads back (js-yaml, YAML 1.2 core schema) validates against schemas/backlog.schema.json.
    const data = jsyaml.load(change!.merged.text, { schema: jsyaml.CORE_SCHEMA }) as BacklogFile;
    expect(data.items).toHaveLength(2503);
    expect(data.applications).toEqual([{ id: 'hadoop' }]);
    expect(validateSchema('backlog', 'backlog.yaml', data)).toEqual([]);
    console.log(`hadoop_bugs.csv: read, parsed and merged 2,503 issues in ${Math.round(ms)} ms`);

    const again = mergeImport(
      'jira',
      parseExport('jira', input, { application: 'hadoop' }),
      { backlog: change!.merged.text, releases: null },
      { application: 'hadoop', base: { records: change!.merged.remembered } },
    )[0]!;
    expect(again.merged.changed).toBe(false);
    expect(again.merged.report.unchanged).toHaveLength(2503);
  });
});
