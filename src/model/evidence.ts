/** Metrics of the record over a window of days up to as_of; the others describe the backlog as it stands. */
export function isWindowedMetric(metric: string): boolean {
  return metric.startsWith('releases.') || metric === 'backlog.done_with_change_share';
}
