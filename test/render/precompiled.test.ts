/**
 * Build-time work (npm test builds first): the built-in templates precompiled and the built-in model as JSON,
 * each used only when it was made from the very text relm would otherwise compile or parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { kindOf, templateKey } from '../../src/render/precompiled.js';
import { ROOT } from '../helpers/cli.js';

const dist = (path: string) => import(pathToFileURL(join(ROOT, 'dist', path)).href);

describe('precompiled templates', () => {
  it('hold every built-in template, each in a file named by the key of its kind and text', () => {
    const built = readdirSync(join(ROOT, 'dist', 'render', 'templates')).map((f) => f.replace(/\.cjs$/, ''));
    const names = [
      ...readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.hbs')),
      ...readdirSync(join(ROOT, 'templates', 'partials'))
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => `partials/${f}`),
    ];
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect(built, name).toContain(templateKey(readFileSync(join(ROOT, 'templates', name), 'utf8'), kindOf(name)));
    expect(built).toHaveLength(names.length);
  });

  it('are used for the built-in texts only: any other text is compiled when relm runs', async () => {
    const built = (await dist('render/precompiled.js')) as typeof import('../../src/render/precompiled.js');
    const text = readFileSync(join(ROOT, 'templates', 'report.md.hbs'), 'utf8');
    expect(built.precompiled(text, 'markdown')).toBeDefined();
    expect(built.precompiled(`${text}\nedited`, 'markdown')).toBeUndefined();
    expect(built.precompiled(text, 'page')).toBeUndefined();
  });

  it('render the deliverables exactly as templates compiled at run time do', async () => {
    // From source there is no build output: every template is compiled at run time. The build's copy precompiles.
    const src = await import('../../src/render/handlebars.js');
    const fromBuild = (await dist('render/handlebars.js')) as typeof src;
    const load = await import('../../src/engagement/load.js');
    const { reportView } = await import('../../src/render/report-view.js');
    const { assess } = await import('../../src/engine/assess.js');
    const { progressDeliverable } = await import('../../src/cli/report-progress.js');
    const root = join(ROOT, 'examples', 'acme-bank');
    const e = load.loadEngagement(root).engagement!;
    const a = assess(e);
    const view = reportView(a, e);
    // The progress report has a view of its own (the example has no progress.yaml: everything still planned).
    const progress = progressDeliverable(a, e, root, { cwd: root }, null, []).view;
    const templates = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.md.hbs'));
    const runtime = src.createEnvironment({});
    const precompiledEnv = fromBuild.createEnvironment({});
    // (A chart's placeholder holds a token drawn at random by each copy of the module.)
    const same = (md: string) => md.replace(/@@chart:[0-9a-f]+:/g, '@@chart:TOKEN:');
    expect(templates).toContain('progress-report.md.hbs');
    for (const t of templates) {
      const data = t.startsWith('progress-') ? progress : view;
      expect(same(precompiledEnv.render(t, data)), t).toBe(same(runtime.render(t, data)));
    }
  });
});

describe('the built-in model as JSON', () => {
  it('is the YAML, parsed, and names the YAML text it came from', async () => {
    const text = readFileSync(join(ROOT, 'src', 'model', 'release-management.yaml'), 'utf8');
    const json = JSON.parse(readFileSync(join(ROOT, 'dist', 'model', 'release-management.json'), 'utf8')) as { source: string; model: unknown };
    const { modelHash, loadBuiltinModel } = await dist('model/builtin.js');
    expect(json.source).toBe(modelHash(text));
    expect(json.model).toEqual(jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }));
    expect(loadBuiltinModel()).toEqual(json.model);
    expect(modelHash(`${text}\n# edited`)).not.toBe(json.source);
  });
});
