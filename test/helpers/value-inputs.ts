import type { ValueInputs } from '../../src/engine/value.js';

/**
 * The hand-computed business case of test/engine/value.test.ts: a year-long window (365 days, so nothing is
 * scaled), 20 releases with an outcome, four of them failed: restored after 2, 4 and 6 hours, one without a
 * restore time (it counts at the median, 4 hours: 16 hours in all). 40 open items, half an item delivered a day.
 * Targets: 10% change failure rate, 2 hours to restore, 30 days' wait. The plan runs through 2026 (12 months).
 */
export function valueInputs(over: Partial<ValueInputs> = {}): ValueInputs {
  return {
    value: { failed_release: 10_000, outage_hour: 1_000, waiting_request_month: 500 },
    record: { window_days: 365, window_start: '2025-01-01', known: 20, failed_hours: [2, 4, null, 6] },
    backlog: { open: 40, delivered_per_day: 0.5 },
    targets: { change_failure_rate: 0.1, recovery_hours: 2, request_lead_time_days: 30 },
    cost: 91_000,
    scenario: 'double',
    plan_start: '2026-01-01',
    plan_end: '2026-12-31',
    ...over,
  };
}
