import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess, assessEvidence } from '../../src/engine/assess.js';
import { ROOT } from '../helpers/cli.js';
import { checkRule, metricValue } from '../../src/engine/evidence.js';
import type { Engagement } from '../../src/engagement/types.js';
import { engagementWith } from '../helpers/engagement.js';

/** Practice b (rating r) with evidence rules on the change failure rate and the frequency band. */
function withRecord(rating: number, outcomes: string[]): Engagement {
  const e = engagementWith();
  e.model.practices.find((p) => p.id === 'b')!.evidence = [
    { metric: 'releases.change_failure_rate', from_level: 3, max: 0.15, says: 'DORA medium' },
    { metric: 'releases.change_failure_rate', from_level: 4, max: 0.1 },
    { metric: 'releases.bands.deployment_frequency_per_week', from_level: 2, min_band: 'medium' } as never,
    { metric: 'backlog.open_age.median_days', from_level: 1, max: 30 },
  ];
  e.practices.practices.b = { rating };
  e.releases = {
    releases: outcomes.map((o, i) => ({ id: `R${i}`, deployed: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00Z`, outcome: o as 'success' })),
  };
  return e;
}

describe('the evidence check (docs/formulas.md)', () => {
  it('applies each rule from its level: below it, none; at it, checked', () => {
    const eight = ['failed', ...Array(7).fill('success')]; // CFR 1/8 = 0.125
    const atTwo = assess(withRecord(2, eight)).practices.find((p) => p.id === 'b')!;
    expect(atTwo.evidence.map((x) => x.metric)).toEqual(['releases.bands.deployment_frequency_per_week', 'backlog.open_age.median_days']);
    const atThree = assess(withRecord(3, eight)).practices.find((p) => p.id === 'b')!;
    expect(atThree.evidence.find((x) => x.from_level === 3)).toMatchObject({ value: 0.125, max: 0.15, ok: true, says: 'DORA medium' });
    const atFour = assess(withRecord(4, eight)).practices.find((p) => p.id === 'b')!;
    expect(atFour.evidence.find((x) => x.from_level === 4)).toMatchObject({ value: 0.125, max: 0.1, ok: false });
  });

  it('treats a value on the limit as support, just past it as a mismatch', () => {
    expect(checkRule({ metric: 'x.y', from_level: 1, max: 0.15 }, 0.15)).toBe(true);
    expect(checkRule({ metric: 'x.y', from_level: 1, max: 0.15 }, 0.1500001)).toBe(false);
    expect(checkRule({ metric: 'x.y', from_level: 1, min: 0.8 }, 0.8)).toBe(true);
    expect(checkRule({ metric: 'x.y', from_level: 1, min: 0.8 }, 0.79)).toBe(false);
    expect(checkRule({ metric: 'x.y', from_level: 1, min: 1, max: 2 }, 3)).toBe(false);
  });

  it('compares bands by their order, low < medium < high < elite', () => {
    expect(checkRule({ metric: 'releases.bands.x', from_level: 1, min_band: 'medium' }, 'medium')).toBe(true);
    expect(checkRule({ metric: 'releases.bands.x', from_level: 1, min_band: 'medium' }, 'elite')).toBe(true);
    expect(checkRule({ metric: 'releases.bands.x', from_level: 1, min_band: 'medium' }, 'low')).toBe(false);
    // 1 release in 180 days is 0.04 a week: the low band
    const low = assess(withRecord(2, ['success'])).practices.find((p) => p.id === 'b')!;
    expect(low.evidence[0]).toMatchObject({ value: 'low', min_band: 'medium', ok: false });
  });

  it('reports "no data" when the metric is absent', () => {
    const p = assess(withRecord(2, ['success'])).practices.find((x) => x.id === 'b')!;
    expect(p.evidence.find((x) => x.metric === 'backlog.open_age.median_days')).toMatchObject({ value: null, ok: null }); // no backlog.yaml
    expect(checkRule({ metric: 'x.y', from_level: 1, max: 1 }, null)).toBeNull();
  });

  it('checks nothing for a practice that is not assessed or not applicable', () => {
    const a = assess(engagementWith());
    expect(a.practices.find((p) => p.id === 'c')!.evidence).toEqual([]);
    expect(a.practices.find((p) => p.id === 'd')!.evidence).toEqual([]);
  });

  it('reads values by path, null for a missing step', () => {
    const a = assess(withRecord(2, ['success']));
    expect(metricValue(a, 'releases.count')).toBe(1);
    expect(metricValue(a, 'releases.bands.change_failure_rate')).toBe('elite');
    expect(metricValue(a, 'backlog.open_age.median_days')).toBeNull();
    expect(metricValue(a, 'releases.nope')).toBeNull();
  });
});

describe('assessEvidence (the evidence check alone, for validate)', () => {
  it('gives the same practice results as the full assessment', () => {
    const e = loadEngagement(resolve(ROOT, 'examples/acme-bank')).engagement!;
    expect(assessEvidence(e)).toEqual(assess(e).practices);
    for (const rating of [2, 3, 4]) {
      const w = withRecord(rating, ['failed', 'success', 'success']);
      expect(assessEvidence(w)).toEqual(assess(w).practices);
    }
  });
});

describe('windowed record metrics for evidence rules', () => {
  /** Done items: 2 old ones without an RFC, 4 in the last 180 days of which 3 name their RFC. */
  function withHistory(windowDays?: number): Engagement {
    const e = engagementWith();
    e.model.practices.find((p) => p.id === 'b')!.evidence = [
      { metric: 'backlog.done_with_change_share', from_level: 1, min: 0.7, ...(windowDays ? { window_days: windowDays } : {}) },
    ];
    e.practices.practices.b = { rating: 2 };
    const asOf = e.manifest.engagement.as_of;
    const daysBefore = (d: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) - d * 86_400_000).toISOString().slice(0, 10);
    const item = (id: string, closedDaysBefore: number, change?: string) => ({
      id,
      application: 'app',
      title: id,
      requested: daysBefore(closedDaysBefore + 10),
      status: 'done' as const,
      closed: daysBefore(closedDaysBefore),
      ...(change ? { change } : {}),
    });
    e.backlog = {
      applications: [{ id: 'app' }],
      items: [item('OLD-1', 900), item('OLD-2', 400), item('N-1', 10, 'CHG1'), item('N-2', 50, 'CHG2'), item('N-3', 179, 'CHG3'), item('N-4', 100)],
    };
    return e;
  }

  it('measures done_with_change_share over the 180 days to as_of, not the whole history, and names the window', () => {
    const a = assess(withHistory());
    expect(a.backlog!.done_with_change_share).toBe(3 / 4); // not 3 / 6 over all history
    expect(a.practices.find((p) => p.id === 'b')!.evidence[0]).toMatchObject({ value: 0.75, ok: true, window_days: 180 });
    // --window-days moves the window of the record metrics with the release metrics.
    expect(assess(withHistory(), { windowDays: 60 }).backlog!.done_with_change_share).toBe(2 / 2);
  });

  it('measures a rule with its own window_days over that window', () => {
    const p = assess(withHistory(1000)).practices.find((x) => x.id === 'b')!;
    expect(p.evidence[0]).toMatchObject({ value: 0.5, ok: false, window_days: 1000 }); // 3 of 6
    expect(assessEvidence(withHistory(1000))).toEqual(assess(withHistory(1000)).practices);
  });

  it('gives metrics of the backlog as it stands no window', () => {
    const p = assess(withRecord(2, ['success'])).practices.find((x) => x.id === 'b')!;
    expect(p.evidence.find((x) => x.metric === 'backlog.open_age.median_days')!.window_days).toBeNull();
    expect(p.evidence.find((x) => x.metric.startsWith('releases.'))!.window_days).toBe(180);
  });
});
