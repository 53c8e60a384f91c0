/** The charts of re-assessment and implementation: the trend across assessments and the burn-up. */
import type { BurnupPoint } from '../engine/progress.js';
import type { TrendPoint } from '../engine/trend.js';
import { PERSPECTIVES } from '../model/types.js';
import { lineChart } from './charts/index.js';
import { PERSPECTIVE_NAMES } from './headlines.js';
import { date } from './words.js';
import { toEpochMs, DAY_MS } from '../util/dates.js';

export const TREND_TITLE = 'Maturity across the assessments: overall and by perspective';
export const BURNUP_TITLE = 'Effort delivered against the plan (person-days, cumulative)';

/** The overall score (emphasised) and each perspective's score at each point of the trend, on 0..5. */
export function trendChart(points: readonly TrendPoint[]): string {
  return lineChart(
    [
      { name: 'Overall', values: points.map((p) => p.overall.score), emphasis: true },
      ...PERSPECTIVES.map((k) => ({ name: PERSPECTIVE_NAMES[k], values: points.map((p) => p.perspectives[k].score) })),
    ],
    {
      title: TREND_TITLE,
      // The client's words: each reading by its date and what it is, never a tag, revision or folder name.
      xLabels: points.map((p) => date(p.as_of)),
      xSubLabels: points.map((p, i) =>
        i === points.length - 1 && p.revision === null && p.engagement === null ? 'now' : p.engagement ? 'earlier engagement' : 'assessment',
      ),
      yMax: 5,
      yLabel: 'score (0–5)',
    },
  );
}

/** The burn-up: the plan's cumulative effort at each phase end against the effort done, on a time axis. */
export function burnupChart(points: readonly BurnupPoint[], phaseNames: ReadonlyMap<string, string>): string {
  return lineChart(
    [
      { name: 'Planned', values: points.map((p) => p.planned_days) },
      { name: 'Delivered', values: points.map((p) => p.done_days), emphasis: true },
    ],
    {
      title: BURNUP_TITLE,
      xLabels: points.map((p) => (p.label === 'start' ? 'Start' : p.label === 'today' ? 'Today' : `End of ${phaseNames.get(p.label) ?? p.label}`)),
      xSubLabels: points.map((p) => date(p.date)),
      xValues: points.map((p) => toEpochMs(p.date) / DAY_MS),
      xPreferred: points.flatMap((p, i) => (p.label === 'today' ? [i] : [])),
      yLabel: 'person-days',
      format: (v) => String(Math.round(v)),
    },
  );
}
