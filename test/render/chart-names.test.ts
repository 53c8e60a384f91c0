import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { buildCharts } from '../../src/render/assessment-charts.js';
import { CHART_NAMES } from '../../src/render/chart-names.js';
import { createEnvironment, TemplateError } from '../../src/render/handlebars.js';
import { miniEngagement } from '../helpers/mini-model.js';
import { ROOT } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the chart names a template may use', () => {
  it('are the charts relm draws: every one the assessment draws, the burn-up and the trend', () => {
    for (const name of Object.keys(buildCharts(assess(miniEngagement())))) expect(CHART_NAMES, name).toContain(name);
    // Every chart the code can draw (a chart without data is left out, so an engagement shows only some).
    const assigned = (file: string) =>
      [...readFileSync(join(ROOT, 'src', file), 'utf8').matchAll(/\bcharts(?:\.([a-z_]+)|\['([a-z_-]+)'\]) = /g)].map((m) => m[1] ?? m[2]!);
    const progress = readFileSync(join(ROOT, 'src', 'cli', 'report-progress.ts'), 'utf8');
    const drawable = [...assigned('render/assessment-charts.ts'), ...assigned('cli/report-progress.ts'), ...(/\{ burnup: \{/.test(progress) ? ['burnup'] : [])];
    expect(drawable.length).toBeGreaterThan(12);
    expect([...CHART_NAMES].sort()).toEqual([...new Set(drawable)].sort());
  });

  it('include every chart the built-in templates place', () => {
    const used = readdirSync(join(ROOT, 'templates'), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.hbs'))
      .flatMap((f) => [...readFileSync(join(f.parentPath, f.name), 'utf8').matchAll(/\{\{chart "([^"]*)"/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) expect(CHART_NAMES, name).toContain(name);
  });

  it('refuse any other name at its file, line and column, in a template or a partial', () => {
    const root = mkdtempSync(join(tmpdir(), 'relm-chart-'));
    dirs.push(root);
    mkdirSync(join(root, 'templates', 'partials'), { recursive: true });
    writeFileSync(join(root, 'templates', 'training-plan.md.hbs'), '# T\n\n  {{chart "radar"}}\n{{> extra}}\n');
    writeFileSync(join(root, 'templates', 'partials', 'extra.hbs'), 'text\n\ttext {{chart "radars"}}\n');
    const env = createEnvironment({ engagementRoot: root });
    let error: unknown;
    try {
      env.render('training-plan.md.hbs', {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toBe(`templates/partials/extra.hbs:2:7 there is no chart "radars"; the charts are ${CHART_NAMES.join(', ')}`);
    // A known name is a placeholder line for the deliverable to replace; no other text of the helper's.
    writeFileSync(join(root, 'templates', 'partials', 'extra.hbs'), 'text\n');
    expect(createEnvironment({ engagementRoot: root }).render('training-plan.md.hbs', {})).toMatch(/^# T\n\n {2}\n\n@@chart:[0-9a-f]{16}:radar@@\n\n\ntext\n$/);
  });
});
