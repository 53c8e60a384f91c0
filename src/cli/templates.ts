import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { present } from '../io/fs-errors.js';
import { withEngagementLock } from '../io/lock.js';
import { confineWrite } from '../io/staging.js';
import { printable } from '../output/printable.js';
import { TEMPLATES_DIR } from '../paths.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr, writeOut } from './ui.js';
import { maxOf } from '../util/arrays.js';
import type { RunContext } from './run-context.js';

/** The built-in templates, as paths relative to templates/. */
export function builtinTemplates(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(TEMPLATES_DIR, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${name.name}` : name.name;
      if (name.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

export async function runTemplatesEject(ctx: RunContext, names: string[], opts: CommonOptions & { force?: boolean }): Promise<void> {
  const root = findEngagementRoot(ctx.cwd, opts.dir);
  await withEngagementLock(root, { command: 'templates eject' }, () => eject(ctx, root, names, opts));
}

function eject(ctx: RunContext, root: string, names: string[], opts: { force?: boolean }): void {
  const all = builtinTemplates();
  const chosen = names.length ? names : all;
  for (const n of chosen) if (!all.includes(n)) throw new RelmError(`no built-in template "${n}"`, EXIT_USAGE, `Choose from: ${all.join(', ')}.`);
  // Written only inside the engagement: a `templates` (or `templates/partials`) link to elsewhere is refused.
  for (const n of chosen) confineWrite(root, dirname(join(root, 'templates', n)), 'templates eject: the folder');
  const existing = chosen.filter((n) => present(join(root, 'templates', n)));
  if (existing.length && !opts.force) {
    throw new RelmError(
      `not overwriting templates you have: ${existing.map((n) => `templates/${n}`).join(', ')}`,
      EXIT_USAGE,
      'Nothing was written. Pass --force to overwrite them, or name the templates to eject.',
    );
  }
  const c = colorsFor(ctx, 'stderr');
  for (const n of chosen) {
    const dest = join(root, 'templates', n);
    atomicWrite(dest, readFileSync(join(TEMPLATES_DIR, n)), { within: root });
    writeErr(ctx, `${c.green('✔')} ${printable(relative(ctx.cwd, dest))}`);
  }
  writeErr(
    ctx,
    `Edit them: relm report uses a template in ${relative(ctx.cwd, join(root, 'templates')) || 'templates'}/ in place of the built-in one of the same name.`,
  );
}

/** What each built-in template is for, as `relm templates list` says it. */
const PURPOSE: Record<string, string> = {
  'report.md.hbs': 'the analysis report: report.md, and the body of report.html and .pdf',
  'strategic-plan.md.hbs': 'the strategic plan: strategic-plan.md/.html/.pdf',
  'presentation.md.hbs': 'the management presentation: presentation.md/.html/.pdf, one slide per --- line',
  'training-plan.md.hbs': 'the training plan: training-plan.md/.html/.pdf',
  'progress-report.md.hbs': 'the progress report: progress-report.md/.html/.pdf (relm report --only progress)',
  'progress-presentation.md.hbs': 'the progress deck, slides separated by ---: progress-presentation.md/.html/.pdf/.pptx (relm report --only progress-deck)',
  'layout.html.hbs': 'the HTML page around the report, plan and training plan (title, author, version, style, body)',
  'slides.html.hbs': 'the HTML page of the presentation (title, author, version, style, slides)',
  'style.css': 'the stylesheet of the report, plan and training plan (HTML and PDF)',
  'slides.css': 'the stylesheet of the presentation (HTML and PDF); style.css does not apply to it',
};

export function runTemplatesList(ctx: RunContext): void {
  const names = builtinTemplates();
  const width = maxOf(names.map((n) => n.length));
  const purpose = (n: string) =>
    PURPOSE[n] ?? (n.startsWith('partials/') ? `a partial: {{> ${n.slice(9).replace(/\.hbs$/, '')}}} in any Markdown template` : '');
  writeOut(ctx, names.map((n) => `${n.padEnd(width)}  ${purpose(n)}`.trimEnd()).join('\n') + '\n');
}

/** The templates that receive an engagement's data, by deliverable id or template file name. */
const CONTEXT_NAMES = ['report', 'plan', 'presentation', 'training', 'progress', 'progress-deck'] as const;

/** `relm templates context [deliverable] [--json]`: the data a deliverable's template receives, on this engagement. */
export async function runTemplatesContext(
  ctx: RunContext,
  name: string | undefined,
  opts: CommonOptions & { json?: boolean; windowDays?: number },
): Promise<void> {
  const { DELIVERABLES, deliverableContexts } = await import('../render/deliverables.js');
  const wanted = name ?? 'report';
  const d = DELIVERABLES.find((x) => x.id === wanted || x.template === wanted || x.file === wanted || `${x.file}.md` === wanted);
  if (!d) {
    const layouts = wanted === 'layout.html.hbs' || wanted === 'slides.html.hbs';
    throw new RelmError(
      layouts ? `${wanted} receives the rendered document, not the engagement's data` : `no template takes the engagement's data as "${wanted}"`,
      EXIT_USAGE,
      layouts
        ? 'layout.html.hbs gets title, author, version, style (the CSS) and body (the HTML); slides.html.hbs gets the same with slides [{html, number, total}] instead of body.'
        : `Name a deliverable (${CONTEXT_NAMES.join(', ')}) or its template (${DELIVERABLES.map((x) => x.template).join(', ')}).`,
    );
  }
  const { loadAssessed, emit } = await import('./context.js');
  const result = loadAssessed(ctx, opts);
  if (!result) return;
  const engagement = result.engagement;
  const { logoDataUri } = await import('../engagement/load.js');
  const logo = logoDataUri(result.root, engagement.manifest.branding?.logo);
  // The benchmark (report) and the progress data (progress report) as relm report computes them.
  const { reportExtras } = await import('./report-extras.js');
  const extras = await reportExtras(
    result.assessment,
    engagement,
    result.root,
    [d.id],
    { windowDays: opts.windowDays, now: ctx.now(), cwd: ctx.cwd },
    logo,
    [],
  );
  const data = deliverableContexts(result.assessment, engagement, logo, extras)(d.id);
  if (opts.json) {
    emit(ctx, JSON.stringify(data, null, 2) + '\n');
    return;
  }
  const { formatShape, shapeOf } = await import('../output/template-context.js');
  const c = colorsFor(ctx, 'stdout');
  const header = [
    c.bold(`The data ${d.template} receives (deliverable "${d.id}"), on ${engagement.manifest.engagement.client}:`),
    c.dim('field, type (a list shows the fields of its entries under name[]), an example from this engagement.'),
    c.dim(`A field that may have no value is null, never missing. \`relm templates context ${d.id} --json\` prints all of it.`),
    '',
  ];
  emit(ctx, header.join('\n') + '\n' + formatShape(shapeOf(data)));
}
