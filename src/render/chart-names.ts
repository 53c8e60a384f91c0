/**
 * Every chart a template can place with `{{chart "name"}}`: the assessment's (assessment-charts.ts) and the
 * progress report's (burnup, and trend once there are two assessments). A chart without data for an engagement
 * is left out of its deliverable; a name not listed here is a template error (test/render pins the list).
 */
export const CHART_NAMES: readonly string[] = [
  'radar',
  'gaps',
  'perspectives',
  'top_gaps',
  'top_gaps_slide',
  'heatmap',
  'scorecard',
  'backlog',
  'age',
  'dora',
  'roadmap',
  'roadmap_slide',
  'itsm-integration',
  'burnup',
  'trend',
];
