/**
 * One story across the deliverables (docs/formulas.md): the same first steps in
 * the same order in the report, the strategic plan and the presentation; no deliverable ships an item it
 * says to close; every requirement's status is the same wherever it is shown; the same money figures.
 */
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { renderDeliverables } from '../../src/render/deliverables.js';
import { reportView } from '../../src/render/report-view.js';
import { money } from '../../src/render/words.js';
import { ROOT } from '../helpers/cli.js';
import { join } from 'node:path';

function render(path: string) {
  const loaded = loadEngagement(join(ROOT, path));
  expect(loaded.engagement, JSON.stringify(loaded.diagnostics.filter((d) => d.severity === 'error'))).not.toBeNull();
  const e = loaded.engagement!;
  const a = assess(e);
  const set = renderDeliverables(a, e, ['report', 'plan', 'presentation', 'training'], { version: 'test' });
  const md = Object.fromEntries(set.docs.map((d) => [d.id, d.md]));
  return { a, e, md, view: reportView(a, e) };
}

/** Positions of each string in the text, searching from where the previous one was found; -1 when missing. */
function inOrder(text: string, items: readonly string[], from = 0): number[] {
  const out: number[] = [];
  let at = from;
  for (const s of items) {
    const i = text.indexOf(s, at);
    out.push(i);
    if (i >= 0) at = i + s.length;
  }
  return out;
}

/** The text between a heading (or marker) and the next heading of the same level. */
function section(md: string, marker: string, next = /\n## /): string {
  const i = md.indexOf(marker);
  expect(i, `"${marker}" is missing`).toBeGreaterThanOrEqual(0);
  const rest = md.slice(i + marker.length);
  const j = rest.search(next);
  return j < 0 ? rest : rest.slice(0, j);
}

const escaped = (s: string) => s.replace(/([\\`*_[\]|#])/g, '\\$1');

describe.each(['examples/acme-bank', 'test/fixtures/harbour', 'test/fixtures/thin'])('one story across the deliverables: %s', (path) => {
  const { a, md, view } = render(path);
  const steps = view.first_steps.map((r) => escaped(r.title));

  it('has first steps, the first recommendations of the first phase in placing order that wait for no other', () => {
    expect(a.first_steps.length).toBeGreaterThan(0);
    const first = a.roadmap.phases.find((p) => p.recommendations.length)!;
    const planned = new Set([...a.roadmap.phases.flatMap((p) => p.recommendations), ...a.roadmap.unscheduled]);
    const ready = first.recommendations.filter((id) => !a.recommendations.find((r) => r.id === id)!.depends_on.some((d) => planned.has(d)));
    expect(a.first_steps).toEqual(ready.slice(0, a.first_steps.length));
  });

  it('lists the same first steps in the same order in the report, the strategic plan and the presentation', () => {
    const places: [string, string][] = [
      ['report: executive summary', section(md.report!, '**What to do first.**', /\n\*\*What it takes/)],
      ['plan: summary', section(md.plan!, '## Summary')],
      ['plan: next steps', section(md.plan!, '## 4. Next steps')],
      ['presentation: answer slide', section(md.presentation!, '**First steps:**', /\n/)],
    ];
    for (const [where, text] of places) {
      const pos = inOrder(text, steps);
      expect(
        pos.every((p) => p >= 0),
        `${where}: ${JSON.stringify(pos)}`,
      ).toBe(true);
    }
  });

  it('never ships an item it says to close, not build', () => {
    const close = new Set(a.backlog!.close_not_build.map((c) => c.id));
    expect(close.size).toBeGreaterThan(0);
    for (const r of a.backlog!.release_calendar) for (const id of r.items) expect(close.has(id), id).toBe(false);
    const calendar = section(md.report!, '**Proposed release calendar.**');
    for (const c of view.backlog!.close) expect(calendar).not.toContain(escaped(c.title));
  });

  it('gives every requirement the same status wherever it is shown', () => {
    const reportTable = section(md.report!, '| # | Requirement | Measured by | Status |', /\n\n/);
    const slides = section(md.presentation!, `## ${view.titles.requirements}`, /\n---/);
    for (const r of view.requirements) {
      const row = (t: string) => t.split('\n').find((l) => l.startsWith(`| ${r.rank} | ${escaped(r.title)} |`));
      expect(row(reportTable), `report row ${r.rank}`).toContain(`| ${r.status_text} |`);
      expect(row(slides), `slide row ${r.rank}`).toContain(`| ${r.status_text} |`);
      // The plan's milestones name each planned requirement at the end of the phase that meets it.
      const t = a.requirements.find((x) => x.title === r.title)!;
      const milestones = section(md.plan!, '## 2. Milestones');
      if (t.status === 'planned') {
        const end = view.plan.phases.find((p) => p.id === t.reaches_target)!.end_text;
        expect(milestones).toContain(`| ${end} | Requirement met: ${escaped(r.title)} |`);
      } else if (t.status === 'met') expect(milestones).toContain(`Requirement already met: ${escaped(r.title)}`);
      else expect(milestones).not.toContain(escaped(r.title));
    }
  });

  it('writes the same money figures everywhere: the plan total, and the decision (approve now, later, in all)', () => {
    const total = view.plan.total_cost!;
    expect(total).toMatch(/^[€£$]/);
    for (const doc of [md.report!, md.plan!]) expect(doc).toContain(total);
    const d = a.decision!;
    const eur = (v: number | null) => money(v, a.engagement.currency);
    expect(d.approve_now.cost! + d.later.cost!).toBe(d.total.cost);
    for (const doc of [md.report!, md.plan!, md.presentation!]) {
      expect(doc).toContain(eur(d.approve_now.cost));
      expect(doc).toContain(eur(d.total.cost));
      if (d.later.phases) expect(doc).toContain(eur(d.later.cost));
      if (d.extra) expect(doc).toContain(eur(d.extra.cost));
    }
  });

  it('states the headline sentences identically in the report and the plan', () => {
    for (const h of [view.headlines.answer, view.headlines.plan, view.headlines.ask]) {
      expect(md.report).toContain(escaped(h));
      expect(md.plan).toContain(escaped(h));
    }
  });
});

describe('a thin engagement (no team, two requirements) shows no empty slide and no "all 2"', () => {
  const { md } = render('test/fixtures/thin');

  it('leaves the training slide out when no team is recorded, rather than print it empty', () => {
    expect(md.presentation).not.toContain('No team data was provided');
    expect(md.presentation).not.toMatch(/^## The team is not recorded yet/m);
  });

  it('says "both requirements", and claims only what the extra buys: the plan as planned meets both already', () => {
    // As planned (£24,000) meets both requirements; double the capacity (£27,600) adds the one recommendation
    // (6 person-days, £3,600) the planned capacity leaves out: that is all the extra buys.
    expect(md.presentation).toMatch(
      /^## Fund £3,600 more to do the one recommendation the planned capacity leaves out, closing the whole gap \(the capacity as planned already meets both requirements\)$/m,
    );
    expect(md.presentation).not.toMatch(/more to meet both/);
    expect(md.presentation).not.toContain('all 2 ');
  });
});

describe('a release record with no known outcome', () => {
  const { a, md } = render('test/fixtures/harbour');
  it('gives "no data" for the change failure rate everywhere, never 0 % or elite', () => {
    expect(a.releases!.outcome_known).toBe(0);
    expect(a.releases!.change_failure_rate).toBeNull();
    expect(md.report).toContain('| Change failure rate | no data |');
    expect(md.report).toContain('Change failure rate: no data now');
    for (const doc of Object.values(md)) {
      expect(doc).not.toMatch(/change failure rate (of|is) 0%/i);
      expect(doc).not.toMatch(/0% of releases fail/i);
    }
  });
});
