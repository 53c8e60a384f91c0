import type { Engagement } from '../engagement/types.js';
import type { Assessment } from '../engine/types.js';
import { createEnvironment, type TemplateSource } from './handlebars.js';
import { markdownToHtml } from './html.js';
import { reportView } from './report-view.js';

export const DELIVERABLES = [{ id: 'report', file: 'report', template: 'report.md.hbs', title: 'Analysis report' }] as const;
export type DeliverableId = (typeof DELIVERABLES)[number]['id'];

export interface RenderedDeliverable {
  id: DeliverableId;
  file: string;
  md: string;
  html: string;
}

/** Renders deliverables in memory (nothing is written here): Markdown from templates, HTML from the Markdown. */
export function renderDeliverables(
  a: Assessment,
  e: Engagement,
  only: readonly DeliverableId[],
  opts: TemplateSource & { version: string },
): RenderedDeliverable[] {
  const env = createEnvironment(opts);
  const view = reportView(a, e);
  const author = (e.manifest.engagement.consultants ?? []).map((c) => c.name).join(', ') || 'relm';
  return DELIVERABLES.filter((d) => only.includes(d.id)).map((d) => {
    const md = env.render(d.template, view).replace(/\n{3,}/g, '\n\n');
    const title = `${d.title}: ${a.engagement.title} — ${a.engagement.client}`;
    return { id: d.id, file: d.file, md, html: markdownToHtml(md, { title, author, version: opts.version }, opts) };
  });
}
