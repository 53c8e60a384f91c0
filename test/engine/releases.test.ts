import { describe, expect, it } from 'vitest';
import type { ReleasesFile } from '../../src/engagement/types.js';
import { analyseReleases, bandOf, overallBand } from '../../src/engine/releases.js';

// as_of 2026-03-31, 180-day window: UTC days 2025-10-03 .. 2026-03-31.
const releases: ReleasesFile = {
  releases: [
    { id: 'R1', type: 'minor', deployed: '2025-10-02T23:00:00Z', outcome: 'success' },
    {
      id: 'R2',
      type: 'minor',
      deployed: '2025-10-03T00:30:00Z',
      outcome: 'success',
      items: ['I1'],
      changes: [{ id: 'C2', committed: '2025-10-01T00:30:00Z' }],
    },
    {
      id: 'R3',
      type: 'emergency',
      deployed: '2026-01-10T10:00:00Z',
      outcome: 'hotfixed',
      restored: '2026-01-10T14:00:00Z',
      changes: [{ id: 'C3', committed: '2026-01-10T09:00:00Z' }],
      applications: ['app1'],
    },
    {
      id: 'R4',
      type: 'major',
      deployed: '2026-03-31T23:59:00+00:00',
      outcome: 'rolled-back',
      restored: '2026-04-01T05:59:00Z',
      changes: [
        { id: 'C4', committed: '2026-03-21T23:59:00Z' },
        { id: 'C5', committed: '2026-04-02T00:00:00Z' },
      ],
      applications: ['app1', 'app2'],
    },
    { id: 'R5', type: 'minor', deployed: '2026-04-01T00:00:00Z' },
    { id: 'R6', type: 'minor', planned: false, deployed: '2026-02-01', outcome: 'failed', applications: ['app2'] },
  ],
};

describe('analyseReleases (docs/formulas.md, Release metrics)', () => {
  const r = analyseReleases(
    releases,
    { items: [{ id: 'I1', application: 'a', title: 't', requested: '2025-09-03' }] },
    { targets: {}, dora: { change_failure_rate: 0.15 } },
    '2026-03-31',
  );

  it('takes the releases deployed on the 180 UTC days ending with as_of', () => {
    expect(r.window_start).toBe('2025-10-03');
    expect(r.count).toBe(4); // R2, R3, R4, R6
  });

  it('computes the DORA metrics', () => {
    expect(r.deployment_frequency_per_week).toBeCloseTo(4 / (180 / 7), 12);
    expect(r.lead_time_days).toBe(2); // median of 2, 1/24 and 10 days; C5 (after deployment) dropped
    expect(r.request_lead_time_days).toBeCloseTo(30 + 0.5 / 24, 12);
    expect(r.change_failure_rate).toBe(0.75);
    expect(r.recovery_hours).toBe(5); // median of 4 and 6; R6 gives no restored
    expect(r.rework_rate).toBe(0.5); // R3 (emergency) and R6 (planned: false)
    expect(r.emergency_share).toBe(0.25);
  });

  it('bands each metric and takes the lower-middle band overall', () => {
    expect(r.bands).toEqual({ deployment_frequency_per_week: 'low', lead_time_days: 'high', change_failure_rate: 'low', recovery_hours: 'high' });
    expect(r.band).toBe('low');
  });

  it('gives success rates by type and by application, and carries the DORA targets', () => {
    expect(r.success_rate_by_type).toEqual({
      emergency: { count: 1, known: 1, success_rate: 0 },
      major: { count: 1, known: 1, success_rate: 0 },
      minor: { count: 2, known: 2, success_rate: 0.5 },
    });
    expect(r.success_rate_by_application).toEqual({ app1: { count: 2, known: 2, success_rate: 0 }, app2: { count: 2, known: 2, success_rate: 0 } });
    expect(r.targets).toEqual({ change_failure_rate: 0.15 });
  });

  it('takes another window', () => {
    expect(analyseReleases(releases, null, { targets: {} }, '2026-03-31', 90).count).toBe(3);
  });

  it('leaves a release without outcome out of the failure rate (unknown), but counts it in frequency', () => {
    const withUnknown: ReleasesFile = { releases: [...releases.releases!, { id: 'R7', type: 'minor', deployed: '2026-03-01', applications: ['app2'] }] };
    const u = analyseReleases(withUnknown, null, { targets: {} }, '2026-03-31');
    expect(u.count).toBe(5);
    expect(u.outcome_known).toBe(4);
    expect(u.deployment_frequency_per_week).toBeCloseTo(5 / (180 / 7), 12);
    expect(u.change_failure_rate).toBe(0.75); // 3 of the 4 known, not 3 of 5
    expect(u.success_rate_by_application.app2).toEqual({ count: 3, known: 2, success_rate: 0 });
    expect(u.success_rate_by_type.minor).toEqual({ count: 3, known: 2, success_rate: 0.5 });
  });

  it('gives "no data" for the failure rate when no release records its outcome', () => {
    const none = analyseReleases(
      {
        releases: [
          { id: 'T1', deployed: '2026-03-01' },
          { id: 'T2', deployed: '2026-03-15' },
        ],
      },
      null,
      { targets: {} },
      '2026-03-31',
    );
    expect(none).toMatchObject({ count: 2, outcome_known: 0, change_failure_rate: null, recovery_hours: null });
    expect(none.bands.change_failure_rate).toBeNull();
    expect(none.success_rate_by_type).toEqual({ unspecified: { count: 2, known: 0, success_rate: null } });
  });

  it('reports no data without releases in the window', () => {
    const e = analyseReleases({ releases: [] }, null, { targets: {} }, '2026-03-31');
    expect(e).toMatchObject({ count: 0, deployment_frequency_per_week: null, change_failure_rate: null, band: null });
  });
});

describe('DORA bands at their boundaries', () => {
  it.each([
    ['deployment_frequency_per_week', 7, 'elite'],
    ['deployment_frequency_per_week', 6.99, 'high'],
    ['deployment_frequency_per_week', 1, 'high'],
    ['deployment_frequency_per_week', 12 / 52, 'medium'],
    ['deployment_frequency_per_week', 0.23, 'low'],
    ['lead_time_days', 0.99, 'elite'],
    ['lead_time_days', 1, 'high'],
    ['lead_time_days', 7, 'high'],
    ['lead_time_days', 30, 'medium'],
    ['lead_time_days', 30.1, 'low'],
    ['change_failure_rate', 0.05, 'elite'],
    ['change_failure_rate', 0.1, 'high'],
    ['change_failure_rate', 0.15, 'medium'],
    ['change_failure_rate', 0.151, 'low'],
    ['recovery_hours', 0.99, 'elite'],
    ['recovery_hours', 23.9, 'high'],
    ['recovery_hours', 24, 'medium'],
    ['recovery_hours', 168, 'medium'],
    ['recovery_hours', 169, 'low'],
  ] as const)('%s %d is %s', (metric, v, band) => {
    expect(bandOf(metric, v)).toBe(band);
  });

  it('takes the lower-middle of the sorted bands', () => {
    expect(overallBand(['elite', 'low', 'high'])).toBe('high');
    expect(overallBand(['elite', 'high', 'medium', 'low'])).toBe('medium');
    expect(overallBand([null, 'elite', null])).toBe('elite');
    expect(overallBand([null])).toBeNull();
  });
});
