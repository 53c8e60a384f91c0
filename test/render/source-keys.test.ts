/**
 * Evidence a reader can act on: the report names each backlog item by its source key beside its title (in the
 * possible duplicates, the items to close and the proposed release calendar), and no title is printed twice in
 * one proposed release.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { renderDeliverables } from '../../src/render/deliverables.js';
import { releaseEntries } from '../../src/render/report-view.js';
import { ROOT } from '../helpers/cli.js';

describe('releaseEntries', () => {
  const titles = new Map([
    ['MR-1', 'Show clinic location map'],
    ['MR-2', 'Pay by card'],
    ['MR-7', 'Show  clinic location MAP '],
  ]);
  it('puts the key before each title, and a title shared by several items once after all their keys', () => {
    expect(releaseEntries(['MR-1', 'MR-2', 'MR-7'], titles)).toEqual(['MR-1, MR-7 Show clinic location map', 'MR-2 Pay by card']);
  });
  it('keeps the order of the release, and an item without a title by its key alone', () => {
    expect(releaseEntries(['MR-2', 'X-9', 'MR-1'], titles)).toEqual(['MR-2 Pay by card', 'X-9', 'MR-1 Show clinic location map']);
    expect(releaseEntries([], titles)).toEqual([]);
  });
});

describe('the report names items by their source keys', () => {
  // The example's calendar, with a second request of the same title as one it ships (entered twice in the
  // tracker, under another key): both ship, the title is printed once with both keys.
  const loaded = loadEngagement(join(ROOT, 'examples/acme-bank'));
  const e = loaded.engagement!;
  const backlog = e.backlog!;
  const shipped = assess(e).backlog!.release_calendar[2]!.items[0]!;
  const original = (backlog.items ?? []).find((i) => i.id === shipped)!;
  (backlog.items ?? []).push({ ...original, id: 'MR-9001', effort_days: 0 });
  const a = assess(e);
  const md = renderDeliverables(a, e, ['report'], { version: 'test' }).docs[0]!.md;
  const calendar = md.slice(md.indexOf('**Proposed release calendar.**'));
  const rows = calendar.split('\n').filter((l) => /^\| \d{1,2} \w+ \d{4} \|/.test(l));

  it('lists both keys before the shared title, once, in the release that ships them', () => {
    const release = a.backlog!.release_calendar.find((r) => r.items.includes('MR-9001'))!;
    expect(release.items).toContain(shipped);
    const row = rows.find((l) => l.includes('MR-9001'))!;
    expect(row).toContain(`${shipped}, MR-9001 ${original.title}`);
    expect(row.split(original.title).length - 1).toBe(1);
  });

  it('prints no title twice in any release, and every item of the calendar by its key', () => {
    for (const r of a.backlog!.release_calendar) {
      const row = rows.find((l) => l.includes(r.items[0]!))!;
      for (const id of r.items) expect(row, id).toMatch(new RegExp(`\\b${id}\\b`));
      const cells = row.split(' | ')[1]!.split('; ');
      const titles = cells.map((c) => c.replace(/^([A-Za-z0-9._-]+, )*[A-Za-z0-9._-]+ /, ''));
      expect(new Set(titles).size, row).toBe(titles.length);
    }
  });

  it('names both items of each possible duplicate, and the items to close and what closes them, by key', () => {
    const dupes = md.slice(md.indexOf('**Possible duplicates**'), md.indexOf('**Proposed release calendar.**'));
    for (const c of a.backlog!.duplicates.candidates.slice(0, 3)) {
      const line = dupes.split('\n').find((l) => l.includes(` ${c.a} `) || l.startsWith(`- ${c.a} `))!;
      expect(line, c.a).toMatch(new RegExp(`^- ${c.a} .+ / ${c.b} .+ \\(\\d+% similar\\)$`));
    }
    const close = md.slice(md.indexOf('**Close, do not build.**'), md.indexOf('**Possible duplicates**'));
    for (const c of a.backlog!.close_not_build) {
      const line = close.split('\n').find((l) => l.startsWith(`- ${c.id} `))!;
      expect(line, c.id).toBeDefined();
      const title = new Map((backlog.items ?? []).map((i) => [i.id, i.title]));
      for (const of of c.of) expect(line).toContain(`${of} ${title.get(of)}`);
    }
  });
});
