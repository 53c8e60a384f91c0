/**
 * The strategic solution model, the alignment matrix and the size and scope per phase as the deliverables
 * present them: assessment.json's `solution_model`, `traceability` and `size_and_scope` joined with names.
 * Every figure comes from the engine; this file only words it.
 */
import type { Assessment } from '../engine/types.js';
import type { FutureStatement } from '../engine/solution-model.js';
import { PERSPECTIVE_NAMES } from './headlines.js';
import type { Names } from './plan-view.js';
import { capitalise, count, date, days, list, money, num, score } from './words.js';

/** The group a statement falls in: in place, the phase that builds it, or why nothing does (in this order). */
function groupOf(a: Assessment, s: FutureStatement): { key: number; label: string } {
  const phases = a.roadmap.phases.length;
  if (s.status === 'in-place') return { key: 0, label: 'In place' };
  if (s.status === 'not-assessed') return { key: phases + 3, label: 'Not assessed yet' };
  if (s.recommendation === null) return { key: phases + 2, label: 'No recommendation in the model' };
  if (s.phase === null) return { key: phases + 1, label: 'Not scheduled' };
  const k = a.roadmap.phases.findIndex((p) => p.id === s.phase);
  return { key: k + 1, label: `Phase ${k + 1}` };
}

/**
 * The future state as one table: a row per practice, its statements grouped as in place today, then by the
 * phase that builds them; the perspective named on its first row with its counts.
 */
export function solutionModelView(a: Assessment, names: Names) {
  const sm = a.solution_model;
  const perspectives = sm.perspectives.map((p) => {
    const total = p.statement_count;
    const counts = [
      ...(p.in_place ? [`${p.in_place} in place`] : []),
      ...(p.to_build ? [`${p.to_build} to build`] : p.in_place ? ['nothing to build'] : []),
      ...(p.not_assessed ? [`${p.not_assessed} not assessed`] : []),
    ];
    const rows = p.practices.map((x, i) => {
      const groups = new Map<number, { label: string; texts: string[] }>();
      for (const s of x.statements) {
        const g = groupOf(a, s);
        if (!groups.has(g.key)) groups.set(g.key, { label: g.label, texts: [] });
        groups.get(g.key)!.texts.push(s.text);
      }
      return {
        perspective: i === 0 ? PERSPECTIVE_NAMES[p.id] : '',
        counts: i === 0 ? list(counts) : '',
        practice: x.name,
        levels: `${x.level === null ? 'not assessed' : `level ${x.level}`}, target ${num(x.target)}`,
        groups: [...groups.entries()].sort((g, h) => g[0] - h[0]).map(([, g]) => g),
      };
    });
    return {
      id: p.id,
      name: PERSPECTIVE_NAMES[p.id],
      statements: total,
      lead: total
        ? `${PERSPECTIVE_NAMES[p.id]}: ${total} ${total === 1 ? 'element' : 'elements'}, ${list(counts)}.`
        : `${PERSPECTIVE_NAMES[p.id]}: no practice has a target, so it adds nothing to the future state.`,
      rows,
    };
  });
  const links = sm.links.map((l) => ({
    name: l.name,
    link: l.link,
    now: score(l.current),
    target: score(l.target),
    practices: l.practices.map(names.practice),
    // Practice names hold "and" themselves, so they are listed with semicolons.
    practices_text: l.practices.length ? l.practices.map(names.practice).join('; ') : 'no practice of the model',
    phases: l.phases.length
      ? list(l.phases.map((id) => String(a.roadmap.phases.findIndex((p) => p.id === id) + 1)))
      : l.recommendations.length
        ? 'not scheduled'
        : 'none needed',
    recommendations: l.recommendations.length,
  }));
  return {
    perspectives,
    rows: perspectives.flatMap((p) => p.rows),
    empty: perspectives.filter((p) => !p.rows.length).map((p) => p.name),
    links,
    total: sm.statement_count,
    in_place: sm.in_place,
    to_build: sm.to_build,
  };
}

/** The key future-state statement per perspective for the slide: the first to build in the plan's order. */
export function futureHighlights(a: Assessment) {
  const order = new Map(a.recommendations.map((r, i) => [r.id, i]));
  return a.solution_model.perspectives
    .filter((p) => p.practices.length)
    .map((p) => {
      const build = p.practices.flatMap((x) => x.statements).filter((s) => s.status === 'to-build');
      const first = [...build].sort(
        (x, y) => (order.get(x.recommendation ?? '') ?? Infinity) - (order.get(y.recommendation ?? '') ?? Infinity) || x.level - y.level,
      )[0];
      return {
        name: PERSPECTIVE_NAMES[p.id],
        gap: score(a.perspectives[p.id].gap),
        first: first?.text ?? 'Already in place.',
        in_place: p.in_place,
        to_build: p.to_build,
        not_assessed: p.not_assessed,
      };
    });
}

/**
 * The alignment matrix: the goals with the requirements that serve them, then requirements × phases with the
 * number of recommendations that meet each requirement in each phase (the initiatives name them), the
 * prerequisites of that work, and the hygiene work by name.
 */
export function alignmentView(a: Assessment, names: Names, statusText: (status: string, reaches: string | null) => string) {
  const t = a.traceability;
  const goalNumber = new Map(t.goals.map((g, i) => [g.id, i + 1]));
  const columns: { id: string | null; label: string }[] = [
    ...a.roadmap.phases.map((p, k) => ({ id: p.id as string | null, label: `Phase ${k + 1}` })),
    ...(a.roadmap.unscheduled.length ? [{ id: null, label: 'Not scheduled' }] : []),
  ];
  const phaseOf = new Map(a.recommendations.map((r) => [r.id, r.phase]));
  const counts = (ids: readonly string[]) => columns.map((c) => ids.filter((id) => phaseOf.get(id) === c.id).length || '–');
  const rank = new Map(a.requirements.map((r) => [r.id, r.rank]));
  const practice = new Map(a.practices.map((p) => [p.id, p]));
  // Why a requirement has no work on the plan.
  const noWork = (ids: readonly string[]) => {
    const own = ids.map((id) => practice.get(id)).filter((p) => p !== undefined && !p.na);
    if (own.some((p) => !p!.assessed)) return 'none yet: not all its practices are assessed';
    if (own.every((p) => p!.gap === 0)) return 'none: its practices are at their targets';
    return 'none: no recommendation of the model covers its gaps';
  };
  const rows = a.requirements.map((req) => {
    const direct = t.recommendations.filter((r) => r.requirements.includes(req.id)).map((r) => r.id);
    const goals = t.requirements.find((x) => x.id === req.id)?.goals ?? [];
    return {
      rank: req.rank,
      title: req.title,
      goals: goals.length
        ? goals
            .map((g) => goalNumber.get(g))
            .sort((x, y) => x! - y!)
            .join(', ')
        : '–',
      status: statusText(req.status, req.reaches_target),
      counts: counts(direct),
      recommendations: direct.length,
      none: direct.length ? null : noWork(req.practices),
    };
  });
  const prerequisites = t.recommendations.filter((r) => !r.requirements.length && r.enables.length).map((r) => r.id);
  // The hygiene work by name, by phase: "Phase 3: a; b. Not scheduled: c."
  const hygiene = columns
    .map((c) => ({ label: c.label, titles: t.hygiene.filter((id) => phaseOf.get(id) === c.id).map(names.recommendation) }))
    .filter((x) => x.titles.length)
    .map((x) => ({ label: x.label, titles: x.titles.join('; ') }));
  const goals = t.goals.map((g, i) => ({
    number: i + 1,
    title: g.title,
    requirements: g.requirements.length ? g.requirements.map((id) => `${rank.get(id)}. ${names.requirement(id)}`).join('; ') : 'no requirement serves it yet',
    recommendations: g.recommendations.length,
    status_text: g.status === 'no-requirements' ? 'Not traced to the plan' : statusText(g.status, g.reaches_target),
  }));
  return {
    goals,
    columns: columns.map((c) => c.label),
    rows,
    prerequisites: prerequisites.length ? { count: prerequisites.length, counts: counts(prerequisites) } : null,
    hygiene: t.hygiene.length ? { count: t.hygiene.length, phases: hygiene } : null,
  };
}

/** Size and scope per phase: duration, effort and cost, people (owner roles as full-time equivalents), deliverables. */
export function scopeView(a: Assessment, names: Names) {
  const currency = a.engagement.currency;
  const fte = (x: number | null) => (x === null ? null : x < 0.05 ? 'under 0.1' : num(x));
  const row = (s: Assessment['size_and_scope']['phases'][number], label: string) => ({
    label,
    duration:
      s.calendar_weeks !== null && s.working_days !== null && s.end
        ? `${s.calendar_weeks} weeks to ${date(s.end)} (${s.working_days} working days)`
        : s.end
          ? `until ${date(s.end)}`
          : 'no dates',
    effort: days(s.effort_days),
    cost: s.cost !== null ? money(s.cost, currency) : null,
    fte: fte(s.fte),
    people: s.roles.map((r) => `${r.role ?? 'owner to be named'}${r.fte !== null ? ` ${fte(r.fte)}` : ` (${days(r.effort_days)})`}`).join(', '),
    deliverables: s.deliverables.map((d) => d.title),
    // A phase whose work names no deliverable has no row in the deliverables table (never "None named").
    deliverables_text: s.deliverables.length ? `${s.deliverables.map((d) => d.title).join('; ')}.` : null,
    unnamed: s.without_deliverables.map(names.recommendation),
    recommendations: s.recommendations.length,
  });
  const phases = a.size_and_scope.phases
    .map((s, k) => ({ s, k }))
    .filter(({ s }) => s.recommendations.length)
    .map(({ s, k }) => row(s, `Phase ${k + 1}: ${names.phase(s.phase!)}`));
  const unscheduled = a.size_and_scope.unscheduled ? row(a.size_and_scope.unscheduled, 'Not scheduled at this capacity') : null;
  return {
    phases,
    unscheduled,
    deliverables: a.size_and_scope.deliverables,
    deliverables_text: capitalise(count(a.size_and_scope.deliverables, 'deliverable')),
  };
}
