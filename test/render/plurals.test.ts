/**
 * A count before a noun agrees with it: "1 release", "9 in 1 phase", "One open item … it duplicates another
 * request". The `plural` template helper (docs/formats-and-templates.md) and the sentences built in code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { renderDeliverables } from '../../src/render/deliverables.js';
import { HELPERS } from '../../src/render/handlebars.js';
import { pluralFigure } from '../../src/render/words.js';
import { ROOT } from '../helpers/cli.js';

describe('pluralFigure and the plural helper', () => {
  it('writes the singular for one and the plural otherwise, in figures', () => {
    expect(pluralFigure(1, 'release')).toBe('1 release');
    expect(pluralFigure(0, 'release')).toBe('0 releases');
    expect(pluralFigure(2, 'item')).toBe('2 items');
    expect(pluralFigure(1200, 'request')).toBe('1,200 requests');
    expect(pluralFigure(1, 'person', 'people')).toBe('1 person');
    expect(pluralFigure(3, 'person', 'people')).toBe('3 people');
    expect(pluralFigure('1', 'phase')).toBe('1 phase');
  });

  it('is the template helper plural n "noun" ["plural"]', () => {
    const options = { hash: {} };
    expect(HELPERS.plural!(1, 'phase', options)).toBe('1 phase');
    expect(HELPERS.plural!(4, 'phase', options)).toBe('4 phases');
    expect(HELPERS.plural!(2, 'person', 'people', options)).toBe('2 people');
  });
});

describe('no built-in template writes a bare count before a plural noun', () => {
  // Counts that are never one where they stand: the model's practices and criteria, levels as decimals, the
  // engagement's phases in words, the full calendar when only its first rows are shown.
  const never1 = new Set(['counts.practices', 'model.practices', 'overall.gap_text', 'phases_in_words', 'calendar.total_text', 'window_days']);
  const dir = join(ROOT, 'templates');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.hbs'))) {
    it(f, () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const bare = [...text.matchAll(/\{\{([a-z_.]+)\}\} (?:[a-z]+ )?([a-z]+s)\b/g)]
        .filter((m) => !never1.has(m[1]!) && !/days$|^as$|^is$/.test(m[2]!))
        .map((m) => m[0]);
      expect(bare).toEqual([]);
    });
  }
});

describe('the thin fixture (one release, one item, one phase, one item to close)', () => {
  const loaded = loadEngagement(join(ROOT, 'test/fixtures/thin'));
  const e = loaded.engagement!;
  const a = assess(e);
  const md = Object.fromEntries(renderDeliverables(a, e, ['report', 'plan', 'presentation'], { version: 'test' }).docs.map((d) => [d.id, d.md]));

  it('says "1 release, 1 item" and "9 in 1 phase"', () => {
    expect(md.report).toContain('on working days: 1 release, 1 item, 3 person-days;');
    expect(md.plan).toContain('| Scheduled | 9 in 1 phase, 46 person-days,');
    for (const t of Object.values(md)) expect(t).not.toMatch(/\b1 (releases|items|phases|recommendations|initiatives|requests)\b/);
  });

  it('says "it duplicates another request" of one item to close', () => {
    expect(md.report).toContain('One open item should be closed, not built: it duplicates another request.');
    expect(md.presentation).not.toContain('they duplicate');
  });
});
