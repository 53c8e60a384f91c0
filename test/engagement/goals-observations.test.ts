import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReferences } from '../../src/engagement/checks/references.js';
import type { Observation } from '../../src/engagement/types.js';
import { copyFixture, relm } from '../helpers/cli.js';
import { engagementWith } from '../helpers/engagement.js';

const findings = (e: Parameters<typeof checkReferences>[0]) => checkReferences(e).map((f) => [f.code, f.file, (f.path ?? []).join('.'), f.severity]);

describe('strategic goals in target.yaml', () => {
  it('checks that requirements name goals that exist, with a hint', () => {
    const e = engagementWith({
      target: {
        targets: {},
        goals: [
          { id: 'G-1', title: 'Reliable services' },
          { id: 'G-2', title: 'Faster change' },
        ],
        requirements: [{ id: 'R1', title: 'Fewer failed releases', goals: ['G-1', 'G-3', 'G-2'] }],
      },
    });
    const f = checkReferences(e).filter((x) => x.code === 'unknown-goal');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ file: 'target.yaml', path: ['requirements', 0, 'goals', 1], severity: 'error' });
    expect(f[0]!.message).toBe('requirement "R1" serves "G-3", which is not a goal of target.yaml; did you mean "G-1"?');
  });

  it('says how to add a goal when there are none', () => {
    const e = engagementWith({ target: { targets: {}, requirements: [{ id: 'R1', title: 'x', goals: ['growth'] }] } });
    expect(checkReferences(e).find((x) => x.code === 'unknown-goal')!.message).toContain('list it under `goals` with an id and a title');
  });

  it('rejects a goal id used twice and warns about a goal no requirement serves', () => {
    const e = engagementWith({
      target: {
        targets: {},
        goals: [
          { id: 'G-1', title: 'a' },
          { id: 'G-1', title: 'b' },
          { id: 'G-2', title: 'c' },
        ],
        requirements: [{ id: 'R1', title: 'x', goals: ['G-1'] }],
      },
    });
    const f = findings(e).filter(([c]) => c === 'duplicate-id' || c === 'goal-without-requirement');
    expect(f).toEqual([
      ['duplicate-id', 'target.yaml', 'goals.1.id', 'error'],
      ['goal-without-requirement', 'target.yaml', 'goals.2.id', 'warning'],
    ]);
  });
});

describe('observations as a source', () => {
  const obs = (id: string, practices: string[] = []): Observation => ({
    file: `observations/${id}.md`,
    id,
    date: '2026-03-10',
    observer: 'J. Becker',
    practices,
    body: '',
  });

  it('lets practices cite an observation in sources, like an interview', () => {
    const e = engagementWith({ observations: [obs('obs-01', ['a'])] });
    e.practices.practices.e!.sources = ['int-01', 'obs-01'];
    e.interviews = [{ file: 'interviews/int-01.md', id: 'int-01', date: '2026-03-01', body: '' }];
    expect(findings(e).filter(([c]) => c === 'unknown-interview')).toEqual([]);
    e.practices.practices.e!.sources = ['obs-02'];
    const f = checkReferences(e).find((x) => x.code === 'unknown-interview')!;
    expect(f.message).toBe('source "obs-02" names no interview in interviews/*.md and no observation in observations/*.md; did you mean "obs-01"?');
  });

  it('shares one id space with the interviews, and checks the practices it names', () => {
    const e = engagementWith({ observations: [obs('int-01', ['a', 'zz'])] });
    e.interviews = [{ file: 'interviews/int-01.md', id: 'int-01', date: '2026-03-01', body: '' }];
    const f = checkReferences(e).filter((x) => x.file === 'observations/int-01.md');
    expect(f.map((x) => [x.code, (x.path ?? []).join('.')]).sort()).toEqual([
      ['duplicate-id', 'id'],
      ['unknown-practice', 'practices.1'],
    ]);
    expect(f.find((x) => x.code === 'duplicate-id')!.message).toBe('observation id "int-01" is also used by interviews/int-01.md');
  });
});

describe('relm validate with observations/*.md', () => {
  it('accepts the example’s observations and reports a broken one at its line', async () => {
    const dir = copyFixture('examples/acme-bank');
    try {
      expect((await relm(['validate', '-f', 'text', '-C', dir])).status).toBe(0);
      writeFileSync(join(dir, 'observations', 'obs-09.md'), '---\nid: obs-09\ndate: 2026-03-31\nobservr: A. Smith\npractices: [release-polcy]\n---\nNotes.\n');
      writeFileSync(join(dir, 'observations', 'obs-10.md'), '# No front matter\n');
      const r = await relm(['validate', '-f', 'text', '-C', dir]);
      expect(r.status).toBe(1);
      // Every finding at once: the schema's, and the references of the part that is usable.
      expect(r.stdout).toContain('observations/obs-09.md:4:1 error unknown-key unknown key "observr"; did you mean "observer"?');
      expect(r.stdout).toContain(
        'observations/obs-09.md:5:13 error unknown-practice "release-polcy" is not a practice of the model; did you mean "release-policy"?',
      );
      expect(r.stdout).toContain(
        'observations/obs-10.md:1:1 error missing-front-matter observation notes start with a YAML front matter between --- lines (id, date, observer, title, practices)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the observation schema', async () => {
    const r = await relm(['schema', 'observation']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).$id).toBe('https://relm.invalid/schemas/observation.schema.json');
  });
});
