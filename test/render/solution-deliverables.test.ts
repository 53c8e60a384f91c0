/**
 * The strategic solution model in the deliverables: the bundled example's plan has the future state of all five
 * perspectives, the integration diagram, the alignment matrix with its goals and requirements, and the
 * deliverables per phase with their size and scope; the deck has a future-direction slide and stays at 13 slides;
 * a custom model without future-state wording still reads as sentences.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { renderDeliverables } from '../../src/render/deliverables.js';
import { reportView } from '../../src/render/report-view.js';
import { ROOT } from '../helpers/cli.js';

function render(path: string) {
  const loaded = loadEngagement(join(ROOT, path));
  expect(loaded.engagement, JSON.stringify(loaded.diagnostics.filter((d) => d.severity === 'error'))).not.toBeNull();
  const e = loaded.engagement!;
  const a = assess(e);
  const set = renderDeliverables(a, e, ['report', 'plan', 'presentation'], { version: 'test' });
  const md = Object.fromEntries(set.docs.map((d) => [d.id, d.md]));
  return { a, e, md, set, view: reportView(a, e) };
}

function section(md: string, heading: string): string {
  const i = md.indexOf(heading);
  expect(i, `"${heading}" is missing`).toBeGreaterThanOrEqual(0);
  const rest = md.slice(i + heading.length);
  const j = rest.search(/\n## /);
  return j < 0 ? rest : rest.slice(0, j);
}

const escaped = (s: string) => s.replace(/([\\`*_[\]|#])/g, '\\$1');
// Ids of the example that must never reach the client: goals, requirements, recommendations, sources, phases.
const INTERNAL_IDS = /\b(G-\d|REQ-\d|rec-[a-z]|obs-\d\d|int-\d\d|P[123]\b)/;

describe('the bundled example: the solution model in the strategic plan', () => {
  const { a, md, set, view } = render('examples/acme-bank');
  const future = section(md.plan!, '## 7. The future state: solution model');
  const alignment = section(md.plan!, '## 8. Alignment with the strategic goals');
  const scope = section(md.plan!, '## 5. Size and scope');

  it('describes the future state of all five perspectives, each statement in place or with the phase that builds it', () => {
    for (const name of ['People', 'Process', 'Technology', 'Organization', 'Integration'])
      expect(future).toMatch(new RegExp(`\\| \\*\\*${name}\\*\\*: \\d+ in place`));
    expect(future).toContain(escaped(view.headlines.future_state));
    // The built-in model's own wording, marked in place or with its phase.
    expect(future).toContain('*In place:* Releases reach production through steps the release team knows.');
    expect(future).toMatch(/\*Phase 1:\* Every release follows a written policy and procedure/);
    const statements = a.solution_model.perspectives.flatMap((p) => p.practices.flatMap((x) => x.statements));
    expect(statements.length).toBe(a.solution_model.in_place + a.solution_model.to_build + a.solution_model.not_assessed);
    for (const s of statements) expect(future).toContain(escaped(s.text));
  });

  it('shows the integration diagram and the links with their current and target levels', () => {
    expect(future).toContain('![Release management and the ITSM processes: each link now and at its target](charts/itsm-integration.svg)');
    expect(set.assets['charts/itsm-integration.svg']).toMatch(/^<svg /);
    for (const l of a.solution_model.links) expect(future).toContain(`| ${l.name} |`);
    expect(future).toMatch(/\| Change management \| .* \| 1\.3 \| 3\.7 \| 1 and 2 \|/);
  });

  it('traces the example’s goals to its requirements, recommendations and phases, with the hygiene work', () => {
    expect(a.traceability.goals).toHaveLength(3);
    for (const g of a.traceability.goals) expect(alignment).toContain(escaped(g.title));
    expect(alignment).toContain(escaped(view.headlines.alignment));
    // One row per requirement: the goals it serves (by number) and the recommendations per phase, counted.
    const order = a.roadmap.phases.map((p) => p.id);
    for (const r of a.requirements) {
      const row = alignment.split('\n').find((l) => l.startsWith(`| ${r.rank} | ${escaped(r.title)} |`))!;
      expect(row, r.title).toBeDefined();
      const goals = a.traceability.requirements.find((x) => x.id === r.id)!.goals.map((g) => a.traceability.goals.findIndex((x) => x.id === g) + 1);
      // The "not scheduled" column only where something is left out.
      const counts = [...order, ...(a.roadmap.unscheduled.length ? [null] : [])].map(
        (ph) => a.traceability.recommendations.filter((x) => x.requirements.includes(r.id) && x.phase === ph).length || '–',
      );
      expect(row).toBe(
        `| ${r.rank} | ${escaped(r.title)} | ${goals.sort().join(', ')} | ${view.requirements.find((x) => x.rank === r.rank)!.status_text} | ${counts.join(' | ')} |`,
      );
    }
    expect(a.traceability.hygiene.length).toBeGreaterThan(0);
    const hygiene = alignment.split('\n').find((l) => l.startsWith('**Hygiene work**'))!;
    for (const id of a.traceability.hygiene) expect(hygiene).toContain(escaped(a.recommendations.find((r) => r.id === id)!.title));
  });

  it('lists the anticipated deliverables per phase with each phase’s duration, effort, cost and people', () => {
    for (const [k, p] of a.size_and_scope.phases.entries()) {
      const label = `Phase ${k + 1}: ${a.roadmap.phases[k]!.name}`;
      const row = scope.split('\n').find((l) => l.startsWith(`| ${label} | ${Math.round(p.calendar_days! / 7)} weeks`));
      expect(row, label).toBeDefined();
      expect(row).toContain(`€${p.cost!.toLocaleString('en-GB')}`);
      expect(row).toContain('Release manager');
      const deliverables = scope.split('\n').find((l) => l.startsWith(`| ${label} | `) && l !== row)!;
      for (const d of p.deliverables) expect(deliverables).toContain(escaped(d.title));
    }
    expect(scope).toContain('Release policy; Release procedure with entry and exit criteria');
    expect(scope).toContain(escaped(view.headlines.scope));
  });

  it('names no internal id in the new sections', () => {
    for (const text of [future, alignment, scope]) expect(text).not.toMatch(INTERNAL_IDS);
  });

  it('has a future-direction slide with a computed title, and the deck stays at 13 slides', () => {
    const slides = md.presentation!.split(/\n---\n/);
    expect(slides.length).toBeLessThanOrEqual(13);
    const slide = slides.find((s) => s.includes(`## ${view.titles.future}`))!;
    expect(view.titles.future).toBe('The future state: 26 of 89 elements in place, the rest built by March 2027');
    for (const name of ['People', 'Process', 'Technology', 'Organization', 'Integration'])
      expect(slide).toMatch(new RegExp(`\\| \\*\\*${name}\\*\\*: \\d+ in place, \\d+ to build \\|`));
    expect(slide).toContain('**Serving the strategic goals:** Reliable digital services for policyholders');
    expect(slide).not.toMatch(INTERNAL_IDS);
  });

  it('counts documents, interviews and observations in the report’s method appendix', () => {
    const method = section(md.report!, '## Appendix C. Method and sources');
    // 19 distinct documents (one cited by two practices counts once), each source counted as what it is.
    expect(method).toContain('**Sources.** The ratings rest on 19 documents, five interviews and three observations; 89% of the answers cite one');
    const row = method
      .split('\n')
      .find((l) => l.startsWith('| obs-02 | 14 March 2026 | Core release night, policy administration and billing | Elena Marsh | '));
    expect(row).toContain('Build and deployment automation');
  });
});

describe('a custom model without future-state wording or ITSM links (test/fixtures/harbour)', () => {
  const { a, md } = render('test/fixtures/harbour');
  const future = section(md.plan!, '## 7. The future state: solution model');

  it('derives readable sentences from the criteria and marks them', () => {
    expect(a.solution_model.perspectives.flatMap((p) => p.practices.flatMap((x) => x.statements)).every((s) => s.wording === 'criterion')).toBe(true);
    // A level-1 criterion describes the initial state: never an element of the future state, least of all "in place".
    expect(future).not.toContain('Releases follow steps someone remembers');
    expect(future).toMatch(/A written release checklist is used for every release\./);
  });

  it('leaves out the integration diagram', () => {
    expect(a.solution_model.links).toEqual([]);
    expect(future).not.toContain('itsm-integration');
    expect(md.plan).not.toContain('Integration with the ITSM processes');
  });
});
