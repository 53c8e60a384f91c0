import { describe, expect, it } from 'vitest';
import type { BacklogFile } from '../../src/engagement/types.js';
import { analyseBacklog } from '../../src/engine/backlog.js';
import { WorkingDays } from '../../src/util/workdays.js';

// as_of 2026-03-31: the 90-day flow window is (2025-12-31, 2026-03-31].
const backlog: BacklogFile = {
  applications: [
    { id: 'app1', name: 'Core', platform: 'mainframe', criticality: 'high' },
    { id: 'app2', name: 'Portal', platform: 'web' },
  ],
  items: [
    {
      id: 'I1',
      application: 'app1',
      title: 'Interest rounding error on savings accounts',
      type: 'corrective',
      priority: 'high',
      status: 'approved',
      requested: '2026-03-01',
      effort_days: 5,
      benefit: 1000,
    },
    {
      id: 'I2',
      application: 'app1',
      title: 'New statement layout',
      type: 'perfective',
      priority: 'medium',
      status: 'scheduled',
      requested: '2026-01-30',
      effort_days: 8,
      platforms: ['mainframe', 'web'],
    },
    { id: 'I3', application: 'app2', title: 'Upgrade web server', type: 'adaptive', priority: 'low', status: 'new', requested: '2025-12-31' },
    {
      id: 'I4',
      application: 'app2',
      title: 'Login fails for long passwords',
      type: 'corrective',
      priority: 'critical',
      status: 'done',
      requested: '2026-02-01',
      closed: '2026-02-10',
      effort_days: 2,
    },
    {
      id: 'I5',
      application: 'app1',
      title: 'Faster batch close',
      type: 'perfective',
      priority: 'high',
      status: 'done',
      requested: '2025-10-01',
      closed: '2026-01-01',
    },
    {
      id: 'I6',
      application: 'app1',
      title: 'Fix report totals',
      type: 'corrective',
      priority: 'high',
      status: 'done',
      requested: '2025-09-01',
      closed: '2025-12-31',
    },
    {
      id: 'I7',
      application: 'app2',
      title: 'Web server upgrade',
      type: 'adaptive',
      priority: 'medium',
      status: 'rejected',
      requested: '2026-01-05',
      closed: '2026-01-06',
      duplicate_of: 'I3',
    },
    {
      id: 'I8',
      application: 'app1',
      title: 'Hot patch for batch abend',
      type: 'preventive',
      priority: 'high',
      status: 'approved',
      emergency: true,
      requested: '2026-03-20',
      effort_days: 1,
    },
    {
      id: 'I9',
      application: 'app2',
      title: 'Replace the portal front end',
      type: 'perfective',
      priority: 'medium',
      status: 'approved',
      requested: '2026-03-30',
      effort_days: 25,
      supersedes: ['I3'],
    },
  ],
};

describe('analyseBacklog (docs/formulas.md, Backlog)', () => {
  const b = analyseBacklog(backlog, { targets: {}, release_policy: { cadence_days: 14, capacity_days_per_release: 20 } }, '2026-03-31', 500);

  it('counts by application, type, priority and status, known keys first', () => {
    expect(b.count).toBe(9);
    expect(b.open_count).toBe(5);
    expect(b.by_application).toEqual({ app1: 5, app2: 4 });
    expect(b.by_type).toEqual({ corrective: 3, adaptive: 2, perfective: 3, preventive: 1 });
    expect(b.by_priority).toEqual({ critical: 1, high: 4, medium: 3, low: 1 });
    expect(b.by_status).toEqual({ new: 1, approved: 3, scheduled: 1, 'in-progress': 0, done: 3, rejected: 1, obsolete: 0 });
  });

  it('counts the open items by age band and, per application, by type (what the charts draw)', () => {
    // open ages: I1 30, I2 60, I3 90, I8 11, I9 1
    expect(b.open_age_bins).toEqual([
      { from: 0, to: 30, count: 2 },
      { from: 30, to: 90, count: 2 },
      { from: 90, to: 180, count: 1 },
      { from: 180, to: 365, count: 0 },
      { from: 365, to: null, count: 0 },
    ]);
    expect(b.applications.map((a) => [a.id, a.open_by_type])).toEqual([
      ['app1', { corrective: 1, adaptive: 0, perfective: 1, preventive: 1 }],
      ['app2', { corrective: 0, adaptive: 1, perfective: 1, preventive: 0 }],
    ]);
  });

  it('measures open age (median, nearest-rank p90, max) and open effort', () => {
    // open ages 30, 60, 90, 11, 1
    expect(b.open_age).toEqual({ median_days: 30, p90_days: 90, max_days: 90 });
    expect(b.open_effort_days).toBe(39);
    expect(b.open_unestimated).toBe(1);
  });

  it('measures flow over (as_of − 90 d, as_of]: throughput, arrivals, clearance, Little’s law', () => {
    // done in window: I4 (02-10), I5 (01-01); I6 closed exactly as_of − 90 is outside
    expect(b.throughput_per_30_days).toBeCloseTo(2 / 3, 12);
    // requested in window: I1, I2, I4, I7, I8, I9 (I3 on the boundary is outside)
    expect(b.arrivals_per_30_days).toBeCloseTo(2, 12);
    expect(b.clearance_months).toBeCloseTo(7.5, 12);
    // Little's law: 5 open / (2/3 per 30 days) = 225 days a new request would wait at today's pace
    expect(b.expected_wait_days).toBeCloseTo(225, 9);
    expect(b.littles_law_lead_time_days).toBe(b.expected_wait_days); // the old name, kept for one version
  });

  it('puts the type mix beside Lientz & Swanson', () => {
    expect(b.type_mix.find((t) => t.type === 'corrective')).toEqual({ type: 'corrective', count: 3, share: 3 / 9, reference_share: 0.174 });
    expect(b.type_mix.find((t) => t.type === 'preventive')!.reference_share).toBeNull();
  });

  it('gives per-application cost and benefit of the open work', () => {
    const app1 = b.applications.find((a) => a.id === 'app1')!;
    expect(app1).toMatchObject({ count: 5, open_count: 3, open_effort_days: 14, open_cost: 7000, open_benefit: 1000, emergency_count: 1 });
    expect(app1.benefit_cost_ratio).toBeCloseTo(1 / 7, 12);
    expect(app1.costed_share).toBeCloseTo(1 / 3, 12);
    expect(app1.throughput_per_30_days).toBeCloseTo(1 / 3, 12);
    expect(app1.open_age).toEqual({ median_days: 30, p90_days: 60, max_days: 60 }); // ages 11, 30, 60
  });

  it('lists explicit duplicates, obsolete candidates and open emergencies', () => {
    expect(b.duplicates.explicit).toEqual([['I7', 'I3']]);
    expect(b.obsolete_candidates).toEqual(['I3']);
    expect(b.emergency_open).toEqual(['I8']);
  });

  it('packs approved and scheduled items into releases by priority then age; multi-platform items ship together; an oversized item goes alone', () => {
    expect(b.release_calendar).toEqual([
      { id: 'PR-01', date: '2026-04-14', items: ['I1', 'I2'], effort_days: 13, platforms: ['mainframe', 'web'], oversized: false },
      { id: 'PR-02', date: '2026-04-28', items: ['I9'], effort_days: 25, platforms: ['web'], oversized: true },
    ]);
  });

  it('never ships a recorded duplicate or an obsolete item: they are "close, do not build"', () => {
    const more: BacklogFile = {
      ...backlog,
      items: [
        ...backlog.items!,
        {
          id: 'I10',
          application: 'app1',
          title: 'Interest rounding (again)',
          priority: 'critical',
          status: 'approved',
          requested: '2026-03-02',
          effort_days: 3,
          duplicate_of: 'I1',
        },
        { id: 'I11', application: 'app2', title: 'Old portal tweak', priority: 'critical', status: 'scheduled', requested: '2026-02-02', effort_days: 2 },
        { id: 'I12', application: 'app2', title: 'New portal', priority: 'low', status: 'new', requested: '2026-03-02', supersedes: ['I11'] },
      ],
    };
    const d = analyseBacklog(more, { targets: {} }, '2026-03-31', null);
    expect(d.close_not_build).toEqual([
      { id: 'I3', reason: 'obsolete', of: ['I9'] },
      { id: 'I10', reason: 'duplicate', of: ['I1'] },
      { id: 'I11', reason: 'obsolete', of: ['I12'] },
    ]);
    const shipped = d.release_calendar.flatMap((r) => r.items);
    expect(shipped).not.toContain('I10');
    expect(shipped).not.toContain('I11');
    expect(shipped.sort()).toEqual(['I1', 'I2', 'I9']);
  });

  it('proposes no release before the decision: the cadence counts from the decision date when it is after as_of', () => {
    const policy = { targets: {}, release_policy: { cadence_days: 14, capacity_days_per_release: 20 } };
    // Decision Friday 2026-04-24: releases on Fri 05-08 and Fri 05-22 (24 April + 14, + 28), not 14 and 28 April.
    const d = analyseBacklog(backlog, policy, '2026-03-31', null, { calendarFrom: '2026-04-24' });
    expect(d.release_calendar.map((r) => r.date)).toEqual(['2026-05-08', '2026-05-22']);
    expect(d.release_calendar.map((r) => r.items)).toEqual([['I1', 'I2'], ['I9']]);
    // A decision date on or before as_of changes nothing: the cadence counts from as_of (14 and 28 April).
    expect(analyseBacklog(backlog, policy, '2026-03-31', null, { calendarFrom: '2026-03-01' }).release_calendar.map((r) => r.date)).toEqual([
      '2026-04-14',
      '2026-04-28',
    ]);
  });

  it('moves a release date that falls on a holiday or a weekend to the next working day', () => {
    // Cadence 14 from Tue 2026-03-31: Tue 04-14 is a holiday -> Wed 04-15; Tue 04-28 stays.
    const d = analyseBacklog(backlog, { targets: {}, release_policy: { cadence_days: 14, capacity_days_per_release: 20 } }, '2026-03-31', null, {
      days: new WorkingDays({ holidays: ['2026-04-14'] }),
    });
    expect(d.release_calendar.map((r) => r.date)).toEqual(['2026-04-15', '2026-04-28']);
    // Cadence 4 from Tue 03-31: Sat 04-04 -> Mon 04-06.
    const w = analyseBacklog(backlog, { targets: {}, release_policy: { cadence_days: 4, capacity_days_per_release: 20 } }, '2026-03-31', null);
    expect(w.release_calendar[0]!.date).toBe('2026-04-06');
  });

  it('falls back to relm’s default release policy, and reports no cost without a day rate', () => {
    const d = analyseBacklog(backlog, { targets: {} }, '2026-03-31', null);
    expect(d.release_policy).toEqual({ cadence_days: 14, capacity_days_per_release: 20, from_target: false });
    expect(d.applications[0]!.open_cost).toBeNull();
    expect(d.applications[0]!.benefit_cost_ratio).toBeNull();
  });

  it('handles an empty backlog', () => {
    const e = analyseBacklog({}, { targets: {} }, '2026-03-31', null);
    expect(e).toMatchObject({
      count: 0,
      open_count: 0,
      open_age: { median_days: null, p90_days: null, max_days: null },
      clearance_months: null,
      release_calendar: [],
    });
  });
});
