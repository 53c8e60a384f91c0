/** target.yaml `release_policy` when it is not given: a release every 14 days, 20 person-days of work each. */
export const DEFAULT_RELEASE_POLICY = { cadence_days: 14, capacity_days_per_release: 20 };
