/** The charts of the client deliverables' roadmap and current state: Gantt, scorecard, and label wrapping. */
export { wrapLines, wrappedText, wrappedLabel, type WrapOptions, type WrappedLabel } from './wrap.js';
export { ganttChart, ganttLayout, isoDay, formatDay, GANTT_SLIDE, type GanttInput, type GanttOptions, type GanttPhase, type GanttBar } from './gantt.js';
export {
  scorecard,
  statusIcon,
  SCORECARD_LAYOUT,
  SCORECARD_STATUS_LABELS,
  STATUS_COLORS,
  type ScorecardRow,
  type ScorecardOptions,
  type ScorecardStatus,
} from './scorecard.js';
