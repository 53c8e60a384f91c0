import { describe, expect, it } from 'vitest';
import { businessCase, paybackMonths } from '../../src/engine/value.js';
import { valueInputs } from '../helpers/value-inputs.js';

const inputs = valueInputs;

describe('value at stake (hand-computed)', () => {
  it('costs each part a year today and at the targets, with all three inputs', () => {
    const b = businessCase(inputs());
    // Failed releases: 4 a year × €10,000 = €40,000; at 10% of 20 releases, 2 a year: saves €20,000.
    // Outages: 2 + 4 + 6 + 4 (the median) = 16 hours × €1,000 = €16,000; at the target 2 failures × min(4, 2) hours
    // = 4 hours: saves €12,000. Waiting: 40 open × 12 × €500 = €240,000; at 30 days × 0.5 a day = 15 open: €90,000,
    // saves €150,000. In all: €296,000 at stake, €182,000 saved a year.
    expect(b.parts).toEqual([
      { id: 'failed_releases', unit_cost: 10_000, quantity_per_year: 4, cost_per_year: 40_000, target_quantity_per_year: 2, saving_per_year: 20_000 },
      { id: 'outages', unit_cost: 1_000, quantity_per_year: 16, cost_per_year: 16_000, target_quantity_per_year: 4, saving_per_year: 12_000 },
      { id: 'waiting_requests', unit_cost: 500, quantity_per_year: 480, cost_per_year: 240_000, target_quantity_per_year: 180, saving_per_year: 150_000 },
    ]);
    expect(b.value_at_stake_per_year).toBe(296_000);
    expect(b.saving_per_year).toBe(182_000);
    // €182,000 a year is €15,166.67 a month at full rate; over a 12-month ramp the plan saves half of a year's
    // saving, €91,000: the cost is covered exactly at the end of the ramp, month 12.
    expect(b.payback_months).toBeCloseTo(12, 10);
    expect(b.payback_date).toBe('2026-12-31');
    expect(b.missing).toEqual([]);
    expect(b.assumptions).toEqual([
      { id: 'window', value: 365 },
      { id: 'failed_release', value: 10_000 },
      { id: 'failed_releases', value: 4, of: 20 },
      // 10 % of the 20 releases with an outcome: 2 would fail at the target, fewer than the 4 that did.
      { id: 'target_change_failure_rate', value: 0.1, derived: 2, within_target: false },
      { id: 'outage_hour', value: 1_000 },
      // 4 failed, 3 record their restore: 1 counts at the median, 4 hours.
      { id: 'outage_hours', value: 16, of: 3, derived: 1, detail: 4 },
      // The 2-hour target is better than today's 16 / 4 = 4 hours a failed release: each is restored in 2 hours.
      { id: 'target_recovery_hours', value: 2, detail: 4, derived: 2, within_target: false },
      { id: 'waiting_request_month', value: 500 },
      { id: 'open_items', value: 40, derived: 480 },
      // 30 days × 0.5 delivered a day = 15 waiting; 0.5 × 30 = 15 delivered a month.
      { id: 'target_request_lead_time_days', value: 30, detail: 0.5, derived: 15, per_month: 15 },
      { id: 'cost', value: 91_000 },
      { id: 'ramp', value: 12 },
    ]);
  });

  it('scales the window to a year and pays back during or after the ramp', () => {
    // A 180-day window: 4 failed releases are 4 × 365 / 180 = 8.111 a year.
    const b = businessCase(
      inputs({ record: { window_days: 180, window_start: '2025-07-05', known: 20, failed_hours: [2, 4, null, 6] }, value: { failed_release: 18_000 } }),
    );
    expect(b.parts[0]!.cost_per_year).toBeCloseTo((4 * 365 * 18_000) / 180, 6); // 146,000
    expect(b.saving_per_year).toBeCloseTo((2 * 365 * 18_000) / 180, 6); // 73,000
    // Half the cost during the ramp: €45,500 = (182,000 / 12) · t² / 24 → t = √72 = 8.485 months.
    expect(paybackMonths(45_500, 182_000, 12)).toBeCloseTo(Math.sqrt(72), 10);
    // Twice the ramp's saving: €182,000 = €91,000 by month 12, then €15,166.67 a month for 6 more: month 18.
    expect(paybackMonths(182_000, 182_000, 12)).toBeCloseTo(18, 10);
    const late = businessCase(inputs({ cost: 182_000 }));
    expect(late.payback_months).toBeCloseTo(18, 10);
    // 18 months of 365/12 days = 547.5 days: reached during day 547 after 1 January 2026.
    expect(late.payback_date).toBe('2027-07-02');
    expect(paybackMonths(0, 0, 12)).toBe(0);
  });

  it('is null without any value, and names the inputs that would complete it', () => {
    const b = businessCase(inputs({ value: undefined }));
    expect(b.value_at_stake_per_year).toBeNull();
    expect(b.saving_per_year).toBeNull();
    expect(b.payback_months).toBeNull();
    expect(b.payback_date).toBeNull();
    expect(b.parts.map((p) => p.cost_per_year)).toEqual([null, null, null]);
    // The record's quantities are still measured: only their price is missing.
    expect(b.parts.map((p) => p.quantity_per_year)).toEqual([4, 16, 480]);
    expect(b.missing).toEqual(['value.failed_release', 'value.outage_hour', 'value.waiting_request_month']);
    expect(b.assumptions).toEqual([]);
    // No record and no backlog either: those are named too, once an input needs them.
    const bare = businessCase(inputs({ record: null, backlog: null, value: undefined }));
    expect(bare.missing).toEqual(['value.failed_release', 'value.outage_hour', 'value.waiting_request_month']);
    const given = businessCase(inputs({ record: null, backlog: null, value: { outage_hour: 1_000, waiting_request_month: 500 } }));
    expect(given.value_at_stake_per_year).toBeNull();
    expect(given.missing).toEqual(['value.failed_release', 'releases', 'backlog']);
  });

  it('never pays back within ten years: payback is null', () => {
    // Only failed releases priced, at €100: 4 → 2 a year saves €200; €91,000 needs 91,000 / (200 / 12) + 6 = 5,466 months.
    const b = businessCase(inputs({ value: { failed_release: 100 } }));
    expect(b.saving_per_year).toBe(200);
    expect(b.payback_months).toBeNull();
    expect(b.payback_date).toBeNull();
    expect(paybackMonths(91_000, 0, 12)).toBeNull();
    // 120 months is the limit: €1,140 = (120 − 6) months × €10 pays back at 120, €1,150 does not.
    expect(paybackMonths(1_140, 120, 12)).toBeCloseTo(120, 10);
    expect(paybackMonths(1_150, 120, 12)).toBeNull();
  });

  it('saves nothing on a part already at its target or without one', () => {
    // 1 failure in 20 (5%) is under the 10% target: the same 1 at the target, no saving (never a negative one).
    const at = businessCase(inputs({ record: { window_days: 365, window_start: '2025-01-01', known: 20, failed_hours: [1] } }));
    expect(at.parts[0]!.saving_per_year).toBe(0);
    expect(at.parts[1]).toMatchObject({ quantity_per_year: 1, target_quantity_per_year: 1, saving_per_year: 0 });
    // No targets at all: nothing is saved, and the missing targets are named.
    const none = businessCase(inputs({ targets: {} }));
    expect(none.value_at_stake_per_year).toBe(296_000);
    expect(none.saving_per_year).toBe(0);
    expect(none.payback_months).toBeNull();
    expect(none.missing).toEqual(['dora.change_failure_rate', 'dora.recovery_hours', 'dora.request_lead_time_days']);
    // Only the recovery target: failures stay at 4, each restored in 2 hours instead of 4: saves 8 hours.
    const recovery = businessCase(inputs({ targets: { recovery_hours: 2 } }));
    expect(recovery.parts[1]!.saving_per_year).toBe(8_000);
  });

  it('lets outage hours fall with the failed releases when service is already restored within its target', () => {
    // Today: 4 failed releases down 16 hours in all (2, 4, 6 and the median 4), 4 hours each on average. A 24-hour
    // target is looser than that, so each failed release keeps its 4 hours; but at the 10% failure-rate target only
    // 2 fail: 2 × min(4, 24) = 8 hours instead of 16, saving 8 hours × €1,000 = €8,000 (on top of the failed-release
    // part's €20,000). Waiting saves €150,000: €178,000 in all.
    const b = businessCase(inputs({ targets: { change_failure_rate: 0.1, recovery_hours: 24, request_lead_time_days: 30 } }));
    expect(b.parts[0]!.saving_per_year).toBe(20_000);
    expect(b.parts[1]).toMatchObject({ quantity_per_year: 16, cost_per_year: 16_000, target_quantity_per_year: 8, saving_per_year: 8_000 });
    expect(b.saving_per_year).toBe(178_000);
    expect(b.assumptions.find((x) => x.id === 'target_recovery_hours')).toEqual({
      id: 'target_recovery_hours',
      value: 24,
      detail: 4,
      derived: 4,
      within_target: true,
    });
    // A target equal to today's 4 hours: the same 2 × 4 = 8 hours.
    expect(businessCase(inputs({ targets: { change_failure_rate: 0.1, recovery_hours: 4 } })).parts[1]!.saving_per_year).toBe(8_000);
    // 3 hours is better than 4: 2 failures at the target × min(16 / 4, 3) = 6 hours, saving 10 hours = €10,000.
    expect(businessCase(inputs({ targets: { change_failure_rate: 0.1, recovery_hours: 3 } })).parts[1]!.saving_per_year).toBe(10_000);
    // No failure-rate target and a looser recovery target: the failures stay at 4 × 4 hours, outages save nothing.
    expect(businessCase(inputs({ targets: { recovery_hours: 24 } })).parts[1]).toMatchObject({ target_quantity_per_year: 16, saving_per_year: 0 });
  });

  it('prices outages only from recorded restore times, and names what is missing', () => {
    // No failed release records `restored`: the outage part cannot be costed; the other two still are.
    const b = businessCase(inputs({ record: { window_days: 365, window_start: '2025-01-01', known: 20, failed_hours: [null, null] } }));
    expect(b.parts[1]!.cost_per_year).toBeNull();
    expect(b.value_at_stake_per_year).toBe(2 * 10_000 + 240_000);
    expect(b.missing).toContain('restored');
    // No failed release at all: outages cost nothing.
    const clean = businessCase(inputs({ record: { window_days: 365, window_start: '2025-01-01', known: 20, failed_hours: [] } }));
    expect(clean.parts[1]!.cost_per_year).toBe(0);
    // Without a day rate there is no cost to pay back.
    const noRate = businessCase(inputs({ cost: null }));
    expect(noRate.payback_months).toBeNull();
    expect(noRate.missing).toEqual(['day_rate']);
    // Nothing delivered lately: the wait target cannot be turned into open items, so waiting saves nothing.
    const stuck = businessCase(inputs({ backlog: { open: 40, delivered_per_day: 0 } }));
    expect(stuck.parts[2]!.saving_per_year).toBe(0);
    expect(stuck.missing).toEqual(['throughput']);
  });
});
