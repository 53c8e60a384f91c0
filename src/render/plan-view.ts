import type { Engagement } from '../engagement/types.js';
import { allRecommendations } from '../engine/recommendations.js';
import type { Assessment } from '../engine/types.js';

/** The ITSM processes release management links to, and what the link is (REFERENCE: ITIL release and deployment). */
export const ITSM_LINKS = [
  { practice: 'change-integration', process: 'Change management', link: 'Approved RFCs trigger releases; one release bundles many changes, and the change schedule and the release calendar are one forward schedule of change.' },
  { practice: 'configuration-integration', process: 'Configuration management', link: 'Every release updates the CMS at closure; only authorised media from the definitive media library are released.' },
  { practice: 'incident-problem-integration', process: 'Incident and problem management', link: 'Release-caused incidents are traced to their release; known errors ship as fixes in planned releases.' },
  { practice: 'availability-integration', process: 'Availability management', link: 'Releases go into agreed maintenance windows, with back-out plans, and their downtime is measured.' },
  { practice: 'service-level-integration', process: 'Service level management', link: 'Release windows, blackout periods and release quality are agreed in SLAs and OLAs and reported on.' },
];

/** Recommendations, roadmap, scenarios and training, joined with the texts of the model and target.yaml. */
export function planView(a: Assessment, e: Engagement) {
  const sourced = new Map(allRecommendations(e).map((r) => [r.id, r]));
  const practiceName = new Map(a.practices.map((p) => [p.id, p.name]));
  const requirements = e.target.requirements ?? [];
  const dayRate = e.manifest.engagement.day_rate ?? null;
  const recs = a.recommendations.map((r) => {
    const src = sourced.get(r.id)!;
    return {
      ...r,
      practice_name: practiceName.get(r.practice) ?? r.practice,
      description: src.description ?? null,
      alternatives: (src.alternatives ?? []).map((alt) => ({ ...alt, effort_days: alt.effort_days ?? null, cost: dayRate !== null && alt.effort_days !== undefined ? alt.effort_days * dayRate : null })),
      requirement: r.rank !== null ? requirements[r.rank - 1]!.title : null,
      cost: dayRate === null ? null : r.effort_days * dayRate,
      phase_name: r.phase ? (e.target.phases ?? []).find((p) => p.id === r.phase)?.name ?? r.phase : null,
    };
  });
  const byId = new Map(recs.map((r) => [r.id, r]));
  const when = (v: string | null) => (v === 'now' ? 'already' : v);
  const traces = a.requirements.map((t) => ({
    ...t,
    reaches_name: when(t.reaches_target),
    by_scenario: a.scenarios.map((s) => when(s.requirements.find((r) => r.id === t.id)?.reaches_target ?? null)),
  }));
  const phases = a.roadmap.phases.map((p, i) => ({
    ...p,
    index: i + 1,
    recs: p.recommendations.map((id) => byId.get(id)!),
    remaining: p.capacity_days === null ? null : p.capacity_days - p.used_days,
    completes: traces.filter((t) => t.reaches_target === p.id).map((t) => t.title),
  }));
  const unscheduled = a.roadmap.unscheduled.map((id) => byId.get(id)!);
  const integration = ITSM_LINKS.map((l) => {
    const p = a.practices.find((x) => x.id === l.practice);
    return { ...l, name: practiceName.get(l.practice) ?? l.practice, score: p?.score ?? null, target: p?.target ?? null, gap: p?.gap ?? null, recs: recs.filter((r) => r.practice === l.practice) };
  });
  const people = new Map((e.team?.people ?? []).map((p) => [p.id, p.name ?? p.id]));
  const t = a.training;
  return {
    recommendations: recs,
    tactical: recs.filter((r) => r.horizon === 'tactical'),
    strategic: recs.filter((r) => r.horizon === 'strategic'),
    top: [...recs].sort((x, y) => y.priority - x.priority || (x.id < y.id ? -1 : 1)).slice(0, 5),
    roadmap: { ...a.roadmap, phases, unscheduled_recs: unscheduled },
    first_phase: phases[0] ?? null,
    next_steps: phases[0]?.recs.slice(0, 6) ?? [],
    traces,
    scenarios: a.scenarios.map((s) => ({
      ...s,
      reached: s.requirements.filter((r) => r.reaches_target !== null).length,
      capacity_total: Object.values(s.capacity).every((v) => v !== null) ? Object.values(s.capacity).reduce((x: number, v) => x + (v ?? 0), 0) : null,
    })),
    scope: {
      recommendations: recs.length,
      tactical: recs.filter((r) => r.horizon === 'tactical').length,
      strategic: recs.filter((r) => r.horizon === 'strategic').length,
      practices: new Set(recs.map((r) => r.practice)).size,
      scheduled: recs.length - unscheduled.length,
    },
    integration,
    training: t
      ? {
          ...t,
          needs_named: t.needs.map((n) => ({ ...n, person_name: people.get(n.person) ?? n.person })),
          skills_named: t.skills.map((s) => ({ ...s, people_names: s.people.map((id) => people.get(id) ?? id) })),
          schedule_named: t.schedule.map((s) => ({ ...s, people_names: s.people.map((id) => people.get(id) ?? id) })),
          short_roles: t.roles.filter((r) => r.shortfall > 0),
        }
      : null,
  };
}
