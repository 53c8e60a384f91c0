/**
 * The texts the report takes from the model (the perspective questions, the engagement phases): the built-in
 * model's by default, a custom model's own where it has them, none where it lists no phases.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import type { Engagement } from '../../src/engagement/types.js';
import { loadBuiltinModel } from '../../src/model/builtin.js';
import { renderDeliverables } from '../../src/render/deliverables.js';
import { reportView } from '../../src/render/report-view.js';
import { ROOT } from '../helpers/cli.js';

const METHOD = /The assessment (follows .*? and )?looks through five perspectives/;

function harbour(change: (e: Engagement) => Engagement = (e) => e) {
  const e = change(loadEngagement(join(ROOT, 'test', 'fixtures', 'harbour')).engagement!);
  const a = assess(e);
  const report = renderDeliverables(a, e, ['report'], { version: 'test' }).docs.find((d) => d.id === 'report')!.md;
  return { view: reportView(a, e), method: report.match(METHOD)?.[0] };
}

describe('the model texts in the report', () => {
  const builtin = loadBuiltinModel();

  it('come from the built-in model for a custom model that has none (harbour)', () => {
    const { view, method } = harbour();
    expect(view.perspectives.map((p) => p.question)).toEqual(view.perspectives.map((p) => builtin.perspectives![p.id]!.question));
    expect(view.phases.map((p) => p.name)).toEqual(['Assessment', 'Architecture and design', 'Planning', 'Implementation', 'Support']);
    expect(method).toBe(
      'The assessment follows the five phases of a release management engagement (Assessment, Architecture and design, Planning, Implementation, Support) and looks through five perspectives',
    );
  });

  it("are the custom model's own where it has them, the built-in ones for a perspective it leaves out", () => {
    const { view, method } = harbour((e) => ({
      ...e,
      model: {
        ...e.model,
        perspectives: { people: { question: 'Does *anyone* know how?' } },
        engagement_phases: [
          { name: 'Scan', summary: 's' },
          { name: 'Fix_it', summary: 'f' },
        ],
      },
    }));
    expect(view.perspectives.find((p) => p.id === 'people')!.question).toBe('Does *anyone* know how?');
    expect(view.perspectives.find((p) => p.id === 'process')!.question).toBe(builtin.perspectives!.process!.question);
    expect(method).toBe('The assessment follows the two phases of a release management engagement (Scan, Fix\\_it) and looks through five perspectives');
  });

  it('name no phases, and no empty list, for a model with engagement_phases: []', () => {
    const { view, method } = harbour((e) => ({ ...e, model: { ...e.model, engagement_phases: [] } }));
    expect(view.phases).toEqual([]);
    expect(method).toBe('The assessment looks through five perspectives');
  });
});
