import type { Assessment } from '../engine/types.js';
import { PERSPECTIVES } from '../model/types.js';
import { binnedHistogram, doraBands, gapBars, isNoDataChart, levelHeatmap, radarChart, stackedBars } from './charts/index.js';
import { integrationDiagram } from './charts/integration.js';
import { ganttChart, GANTT_SLIDE, scorecard, type GanttInput } from './charts/roadmap-charts.js';
import { doraMetrics, PERSPECTIVE_NAMES } from './report-view.js';
import { type GapList, largestGapIds, largestGapsTitle } from './gap-lists.js';
import { phaseKpiMilestones } from './plan-view.js';

export interface Chart {
  title: string;
  svg: string;
}

/** Every chart the deliverables can show, by name, from assessment.json alone; a chart without data is left out. */
export function buildCharts(a: Assessment): Record<string, Chart> {
  const charts: Record<string, Chart> = {};
  const axes = PERSPECTIVES.map((k) => PERSPECTIVE_NAMES[k]);
  const phases = a.solution_model.projection;
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
  const byId = new Map(a.practices.map((p) => [p.id, p]));
  const gapRows = (list: GapList) =>
    largestGapIds(a, list).map((id) => {
      const p = byId.get(id)!;
      return { label: p.name, current: p.score, target: p.target };
    });
  charts.gaps = {
    title: `${largestGapsTitle(a, 'gaps', 'practice')}: current and target level`,
    svg: gapBars(gapRows('gaps'), { title: largestGapsTitle(a, 'gaps', 'practice') }),
  };
  charts.perspectives = {
    title: 'Each perspective: current score and target',
    svg: gapBars(
      PERSPECTIVES.map((k) => ({ label: PERSPECTIVE_NAMES[k], current: a.perspectives[k].score, target: a.perspectives[k].target })),
      { title: 'Current score and target by perspective' },
    ),
  };
  charts.top_gaps = {
    title: largestGapsTitle(a, 'top_gaps', 'practice'),
    svg: gapBars(gapRows('top_gaps'), { title: largestGapsTitle(a, 'top_gaps', 'practice') }),
  };
  charts.top_gaps_slide = {
    title: largestGapsTitle(a, 'top_gaps_slide', 'practice'),
    svg: gapBars(gapRows('top_gaps_slide'), { title: largestGapsTitle(a, 'top_gaps_slide', 'practice') }),
  };
  charts.heatmap = {
    title: 'How far each level is met, per practice',
    svg: levelHeatmap(
      a.practices.map((p) => ({ label: p.name, levels: p.level_scores })),
      { title: 'How far each level is met, per practice' },
    ),
  };
  if (a.backlog) {
    const types = ['corrective', 'adaptive', 'perfective', 'preventive', 'unspecified'];
    charts.backlog = {
      title: 'Open items by application and type of maintenance',
      svg: stackedBars(
        a.backlog.applications.map((app) => ({
          label: app.name,
          parts: types.map((t) => ({ key: t, value: app.open_by_type[t] ?? 0 })).filter((x) => x.value > 0),
        })),
        types.slice(0, 4),
        { title: 'Open items by application and type of maintenance' },
      ),
    };
    charts.age = {
      title: 'Age of the open items',
      svg: binnedHistogram(a.backlog.open_age_bins, { title: 'Age of the open items', unit: 'days since requested' }),
    };
  }
  const r = a.releases;
  if (r?.count) {
    charts.dora = {
      title: 'Software delivery performance against the DORA 2023 clusters',
      svg: doraBands(
        // An empty value reads "not measured" in the chart.
        doraMetrics(r).map((m) => ({ name: m.name, value: m.value ?? '', band: m.band })),
        { title: 'Software delivery performance against the DORA 2023 clusters' },
      ),
    };
  }
  charts.scorecard = {
    title: 'Each practice against its target, by perspective',
    svg: scorecard(
      a.practices.map((p) => ({
        perspective: PERSPECTIVE_NAMES[p.perspective],
        practice: p.name,
        score: p.score,
        level: p.level,
        target: p.target,
        gap: p.gap,
        status: p.rag,
      })),
      {
        title: 'Each practice against its target, by perspective',
        statusLabels: { green: 'At target', amber: 'Close', red: 'Short', none: 'Not assessed' },
        statusNotes: {
          green: 'at target (no gap)',
          amber: 'at most one level missing',
          red: 'more than one level missing',
          none: 'not assessed or not applicable',
        },
      },
    ),
  };
  if (a.roadmap.phases.length && a.recommendations.length) {
    const roadmap = roadmapInput(a);
    charts.roadmap = {
      title: 'The roadmap: recommendations by phase, first steps highlighted, milestones at phase ends',
      svg: ganttChart(roadmap, { title: 'Roadmap', maxBars: 16 }),
    };
    charts.roadmap_slide = {
      title: 'The roadmap by phase',
      svg: ganttChart(
        // On the slide a phase's milestone says how many requirements it meets (the requirements slide names them).
        { ...roadmap, unscheduled: [], milestones: roadmapInput(a, true).milestones },
        { title: 'Roadmap', ...GANTT_SLIDE, maxBars: 6 },
      ),
    };
  }
  // The solution model's integration view; left out when the model maps no ITSM process.
  const links = a.solution_model.links;
  if (links.length) {
    const title = 'Release management and the ITSM processes: each link now and at its target';
    charts['itsm-integration'] = {
      title,
      svg: integrationDiagram(
        links.map((l) => ({ name: l.name, current: l.current, target: l.target, linked: l.practices.length > 0 })),
        { title },
      ),
    };
  }
  // A chart with nothing to show is left out of the documents.
  for (const [name, c] of Object.entries(charts)) if (isNoDataChart(c.svg)) delete charts[name];
  return charts;
}

/**
 * The Gantt's data: the phases that are not past, each scheduled recommendation as a bar from its start to
 * its end (first steps highlighted), dependencies, and the engine's milestones (only what the plan reaches):
 * one per phase end naming the requirements met there (on a slide, how many), and the metric targets reached.
 */
export function roadmapInput(a: Assessment, countOnly = false): GanttInput {
  const byId = new Map(a.recommendations.map((r) => [r.id, r]));
  const first = new Set(a.first_steps);
  const open = a.roadmap.phases.filter((p) => p.status !== 'past');
  const bars = open.flatMap((p) =>
    p.recommendations.map((id) => {
      const r = byId.get(id)!;
      return { id, label: r.title, phase: p.id, emphasis: first.has(id), start: r.start ?? null, end: r.end ?? null, late: r.late === true };
    }),
  );
  const placed = new Set(bars.map((b) => b.id));
  const dependencies = bars.flatMap((b) =>
    byId
      .get(b.id)!
      .depends_on.filter((d) => placed.has(d))
      .map((d) => ({ from: d, to: b.id })),
  );
  // The milestones at each phase's end, as the plan's milestone table lists them: the metric targets reached
  // there, and the requirements met there (named, or counted on the slide).
  const kpis = phaseKpiMilestones(a);
  const milestones = a.roadmap.phases.flatMap((p, k) => {
    if (!p.end) return [];
    const met = a.requirements.filter((t) => t.status === 'planned' && t.reaches_target === p.id).map((t) => t.title);
    const label =
      met.length === 1 ? `Requirement met: ${met[0]}` : countOnly ? `${met.length} requirements met` : `${met.length} requirements met: ${met.join('; ')}`;
    const targets = countOnly && kpis[k]!.length > 1 ? [`${kpis[k]!.length} metric targets reached`] : kpis[k]!;
    return [...targets, ...(met.length ? [label] : [])].map((l) => ({ date: p.end!, label: l }));
  });
  return {
    phases: open.map((p) => ({ id: p.id, name: p.name, start: p.start, end: p.end, number: a.roadmap.phases.indexOf(p) + 1 })),
    bars,
    dependencies,
    milestones,
    unscheduled: a.roadmap.unscheduled.map((id) => ({ label: byId.get(id)!.title })),
  };
}
