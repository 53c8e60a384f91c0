import { escapeHtml } from '../util/xml.js';
import type { Engagement } from '../engagement/types.js';
import type { Assessment } from '../engine/types.js';
import { buildCharts, type Chart } from './assessment-charts.js';
import { createEnvironment, type TemplateSource } from './handlebars.js';
import { markdownToHtml, slidesToHtml } from './html.js';
import { CHART_TOKEN } from './render-limits.js';
import { reportView } from './report-view.js';
import type { Portfolio } from '../engine/portfolio.js';

export const DELIVERABLES = [
  { id: 'report', file: 'report', template: 'report.md.hbs', title: 'Analysis report', layout: 'a4' },
  { id: 'plan', file: 'strategic-plan', template: 'strategic-plan.md.hbs', title: 'Strategic plan', layout: 'a4' },
  { id: 'presentation', file: 'presentation', template: 'presentation.md.hbs', title: 'Management presentation', layout: 'slides' },
  { id: 'training', file: 'training-plan', template: 'training-plan.md.hbs', title: 'Training plan', layout: 'a4' },
  // Rendered from the progress view (progress-view.ts) rather than the report view; pass `progress`.
  { id: 'progress', file: 'progress-report', template: 'progress-report.md.hbs', title: 'Progress report', layout: 'a4' },
  // The same view as slides: one message each, for the steering committee.
  { id: 'progress-deck', file: 'progress-presentation', template: 'progress-presentation.md.hbs', title: 'Progress presentation', layout: 'slides' },
] as const;
export type DeliverableId = (typeof DELIVERABLES)[number]['id'];

export interface RenderedDeliverable {
  id: DeliverableId;
  file: string;
  title: string;
  layout: 'a4' | 'slides';
  md: string;
  html: string;
  /** The template's output before charts are placed: `@@chart:<token>:name@@` lines mark them (the Office writers read it). */
  raw: string;
}

export interface RenderedSet {
  docs: RenderedDeliverable[];
  /** The chart files the Markdown refers to, by path relative to the output folder. */
  assets: Record<string, string>;
  author: string;
  /** Every chart by name, those no template placed included: the Office writers draw from them. */
  charts: Record<string, Chart>;
}

// Only the `chart` helper knows the run's token: a note holding such a line stays text.
const PLACEHOLDER = new RegExp(`^@@chart:${CHART_TOKEN}:([A-Za-z0-9_-]+)@@$`, 'gm');
const HTML_PLACEHOLDER = new RegExp(`<p>@@chart:${CHART_TOKEN}:([A-Za-z0-9_-]+)@@</p>`, 'g');

/**
 * A chart in the page. Every chart draws its own title at its top (svg.ts), so no caption repeats it under
 * the chart; the title stays the figure's accessible name.
 */
function figure(c: Chart): string {
  return `<figure class="chart" aria-label="${escapeHtml(c.title)}">${c.svg}</figure>`;
}

/** The progress report and its deck: rendered from the progress view (progress-view.ts), not the report view. */
export function isProgress(id: DeliverableId): boolean {
  return id === 'progress' || id === 'progress-deck';
}

/** The progress report's own view and charts (the CLI computes them: they need the plan of record and git). */
export interface ProgressDeliverable {
  view: object;
  charts: Record<string, Chart>;
}

/** What some deliverables need beyond the assessment: the benchmark (report) and the progress data (progress report). */
export interface ContextExtras {
  benchmark?: Portfolio | null;
  progress?: ProgressDeliverable;
}

/**
 * The data each deliverable's template receives (`relm templates context` prints it): one view serves the report,
 * plan, presentation and training plan; the progress report has its own, computed by the command.
 */
export function deliverableContexts(a: Assessment, e: Engagement, logo: string | null = null, extras: ContextExtras = {}): (id: DeliverableId) => object {
  let view: object | undefined;
  return (id) => {
    if (!isProgress(id)) return (view ??= reportView(a, e, { logo, benchmark: extras.benchmark ?? null }));
    if (!extras.progress) throw new Error('the progress report needs its progress data');
    return extras.progress.view;
  };
}

/** Renders deliverables in memory (nothing is written here): Markdown from templates, HTML from the Markdown. */
export function renderDeliverables(
  a: Assessment,
  e: Engagement,
  only: readonly DeliverableId[],
  opts: TemplateSource & ContextExtras & { version: string; logo?: string | null },
): RenderedSet {
  const env = createEnvironment(opts);
  const context = deliverableContexts(a, e, opts.logo ?? null, opts);
  // The analysis charts, unless only the progress report (with charts of its own) is wanted.
  const reportCharts = only.some((id) => !isProgress(id)) ? buildCharts(a) : {};
  const author = (e.manifest.engagement.consultants ?? []).map((c) => c.name).join(', ') || 'relm';
  const assets: Record<string, string> = {};
  const docs = DELIVERABLES.filter((d) => only.includes(d.id)).map((d): RenderedDeliverable => {
    const charts = isProgress(d.id) ? (opts.progress?.charts ?? {}) : reportCharts;
    const raw = env.render(d.template, context(d.id)).replace(/\n{3,}/g, '\n\n');
    // Markdown: a chart becomes an SVG file beside the document; a chart without data disappears.
    const md = raw
      .replace(PLACEHOLDER, (_, name: string) => {
        const c = charts[name];
        if (!c) return '';
        assets[`charts/${name}.svg`] = c.svg;
        return `![${c.title}](charts/${name}.svg)`;
      })
      .replace(/\n{3,}/g, '\n\n');
    const title = `${d.title}: ${a.engagement.title} — ${a.engagement.client}`;
    const meta = { title, author, kind: d.id, version: opts.version, logo: opts.logo ?? null, primaryColor: e.manifest.branding?.primary_color ?? null };
    const inline = (html: string) => html.replace(HTML_PLACEHOLDER, (_, name: string) => (charts[name] ? figure(charts[name]) : ''));
    const html = d.layout === 'slides' ? slidesToHtml(raw, meta, opts, inline) : markdownToHtml(raw, meta, opts, inline);
    return { id: d.id, file: d.file, title, layout: d.layout, md, html, raw };
  });
  return { docs, assets, author, charts: { ...reportCharts, ...(opts.progress?.charts ?? {}) } };
}
