import type { Engagement } from '../engagement/types.js';
import { isOpen } from '../engine/backlog.js';
import { projectPerspectives } from '../engine/plan.js';
import type { Assessment } from '../engine/types.js';
import { PERSPECTIVES } from '../model/types.js';
import { daysBetween } from '../util/dates.js';
import { doraBands, gapBars, histogram, isNoDataChart, levelHeatmap, radarChart, stackedBars } from './charts/index.js';
import { doraMetrics, PERSPECTIVE_NAMES } from './report-view.js';

export interface Chart {
  title: string;
  svg: string;
}


/** Every chart the deliverables can show, by name; a chart without data is left out. */
export function buildCharts(a: Assessment, e: Engagement): Record<string, Chart> {
  const charts: Record<string, Chart> = {};
  const axes = PERSPECTIVES.map((k) => PERSPECTIVE_NAMES[k]);
  const phases = projectPerspectives(a.practices, a.recommendations, e.target.phases ?? []);
  const radarTitle = 'Maturity by perspective: current, target and after each phase';
  charts.radar = {
    title: radarTitle,
    svg: radarChart(
      [
        { name: 'Current', values: PERSPECTIVES.map((k) => a.perspectives[k].score), style: 'current' },
        { name: 'Target', values: PERSPECTIVES.map((k) => a.perspectives[k].target), style: 'target' },
        ...phases.map((p) => ({ name: `After ${p.phase}`, values: PERSPECTIVES.map((k) => p.scores[k] ?? null), style: 'phase' as const })),
      ],
      axes,
      { title: radarTitle },
    ),
  };
  const gapRows = [...a.practices].filter((p) => p.gap !== null).sort((x, y) => y.gap! - x.gap! || (x.id < y.id ? -1 : 1));
  charts.gaps = { title: 'Current and target level per practice, largest gap first', svg: gapBars(gapRows.map((p) => ({ label: p.name, current: p.score, target: p.target })), { title: 'Current and target level per practice' }) };
  charts.top_gaps = { title: 'The largest gaps', svg: gapBars(gapRows.slice(0, 8).map((p) => ({ label: p.name, current: p.score, target: p.target })), { title: 'The largest gaps' }) };
  charts.heatmap = {
    title: 'How far each level is met, per practice',
    svg: levelHeatmap(a.practices.map((p) => ({ label: p.name, levels: p.level_scores })), { title: 'How far each level is met, per practice' }),
  };
  if (a.backlog && e.backlog) {
    const open = (e.backlog.items ?? []).filter(isOpen);
    const types = ['corrective', 'adaptive', 'perfective', 'preventive', 'unspecified'];
    charts.backlog = {
      title: 'Open items by application and type of maintenance',
      svg: stackedBars(
        a.backlog.applications.map((app) => ({
          label: app.name,
          parts: types.map((t) => ({ key: t, value: open.filter((i) => i.application === app.id && (i.type ?? 'unspecified') === t).length })).filter((x) => x.value > 0),
        })),
        types.slice(0, 4),
        { title: 'Open items by application and type of maintenance' },
      ),
    };
    charts.age = {
      title: 'Age of the open items',
      svg: histogram(open.map((i) => daysBetween(i.requested, a.as_of)), { title: 'Age of the open items', unit: 'days since requested' }),
    };
  }
  const r = a.releases;
  if (r && r.count) {
    charts.dora = {
      title: 'Software delivery performance against the DORA 2023 clusters',
      svg: doraBands(
        // An empty value reads "not measured" in the chart.
        doraMetrics(r).map((m) => ({ name: m.name, value: m.value ?? '', band: m.band })),
        { title: 'Software delivery performance against the DORA 2023 clusters' },
      ),
    };
  }
  // A chart with nothing to show is left out of the documents.
  for (const [name, c] of Object.entries(charts)) if (isNoDataChart(c.svg)) delete charts[name];
  return charts;
}
