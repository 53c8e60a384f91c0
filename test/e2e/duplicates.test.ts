import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, relm } from '../helpers/cli.js';

const dir = copyFixture('test/fixtures/minimal');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'backlog.yaml'),
  `applications: [{id: core}, {id: web}]
items:
  - {id: A1, application: core, title: Premium recalculation fails after a mid-term adjustment, requested: 2026-01-10}
  - {id: A2, application: core, title: Mid-term adjustment breaks premium recalculation, requested: 2026-01-11}
  - {id: A3, application: core, title: Add a dark theme, requested: 2026-01-12}
  - {id: W1, application: web, title: Premium recalculation fails after a mid-term adjustment, requested: 2026-01-13}
`,
);

describe('relm duplicates', () => {
  it('gives each item its most similar items within its application, as JSON', async () => {
    const r = await relm(['duplicates', '--json', '-C', dir]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; candidates: { id: string; similarity: number }[] }[];
    expect(out.map((x) => x.id)).toEqual(['A1', 'A2', 'A3', 'W1']);
    expect(out[0]!.candidates[0]!.id).toBe('A2');
    expect(out[0]!.candidates.every((c) => c.id !== 'W1')).toBe(true);
    expect(out[3]!.candidates).toEqual([]);
    for (const x of out)
      for (const c of x.candidates) {
        expect(c.similarity).toBeGreaterThan(0);
        expect(c.similarity).toBeLessThanOrEqual(1);
      }
  });

  it('compares across applications with --all-applications, and limits with --top', async () => {
    const r = await relm(['duplicates', '--json', '--all-applications', '--top', '1', '-C', dir]);
    const out = JSON.parse(r.stdout) as { id: string; candidates: { id: string; similarity: number }[] }[];
    expect(out[0]!.candidates).toEqual([{ id: 'W1', similarity: expect.closeTo(1, 12) }]);
    expect(out.every((x) => x.candidates.length <= 1)).toBe(true);
  });

  it('prints a readable list, each pair once', async () => {
    const r = await relm(['duplicates', '-C', dir]);
    expect(r.stdout).toMatch(
      /^0\.\d\d {2}A1 {2}Premium recalculation fails after a mid-term adjustment\n {6}A2 {2}Mid-term adjustment breaks premium recalculation\n/,
    );
    expect(r.stdout.match(/A2/g)).toHaveLength(1);
    expect(r.stdout).toContain('1 candidate pair at similarity ≥ 0.3; 4 open items compared');
  });

  it('exits 2 without a backlog, and on a bad --top', async () => {
    expect((await relm(['duplicates', '-C', 'test/fixtures/minimal'])).status).toBe(2);
    expect((await relm(['duplicates', '--top', '0', '-C', dir])).status).toBe(2);
  });
});
