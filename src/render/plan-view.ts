/**
 * The plan as the deliverables present it: recommendations as initiative cards, the phases, scenarios,
 * risks and the links to the ITSM processes. Every figure comes from assessment.json; this file only joins
 * it with the texts of the model and target.yaml and words it.
 */
import type { Engagement } from '../engagement/types.js';
import { allRecommendations } from '../engine/recommendations.js';
import { strictestKpis } from '../engine/kpis.js';
import { HIGHER_IS_BETTER } from '../engine/requirements.js';
import type { Assessment, RecommendationResult, Risk } from '../engine/types.js';
import { PERSPECTIVE_NAMES, phaseLabel } from './headlines.js';
import { capitalise, count, date, days, list, metricName, metricValue, money, num, numberWord, pct, score } from './words.js';

export type Lookup = (id: string) => string;

/** Names for the ids of an assessment: practices, recommendations, requirements, phases, people, skills, roles, applications. */
export function namesOf(a: Assessment, e: Engagement) {
  const map = (entries: [string, string | undefined][]) => {
    const m = new Map(entries.filter((x): x is [string, string] => typeof x[1] === 'string'));
    return (id: string) => m.get(id) ?? id;
  };
  return {
    practice: map(a.practices.map((p) => [p.id, p.name])),
    recommendation: map(a.recommendations.map((r) => [r.id, r.title])),
    requirement: map(a.requirements.map((r) => [r.id, r.title])),
    phase: map(a.roadmap.phases.map((p) => [p.id, p.name])),
    person: map((e.team?.people ?? []).map((p) => [p.id, p.name])),
    role: map((e.team?.roles ?? []).map((r) => [r.id, r.name])),
    skill: map([...(e.model.skills ?? []), ...(e.team?.skills ?? [])].map((s) => [s.id, s.name])),
    application: map((e.backlog?.applications ?? []).map((x) => [x.id, x.name])),
  };
}
export type Names = ReturnType<typeof namesOf>;

/** A KPI as the cards show it: "Change failure rate: 24% → 10%". */
function kpiLine(k: RecommendationResult['kpis'][number]): string {
  const key = k.metric;
  const target =
    typeof k.target === 'string' ? `${k.target} band or better` : `${k.direction === 'at-least' ? 'at least' : 'at most'} ${metricValue(key, k.target)}`;
  return `${capitalise(metricName(key))}: ${metricValue(key, typeof k.baseline === 'string' ? `${k.baseline} band` : k.baseline)} now, ${target}`;
}

/** A KPI's target as a milestone: "Change failure rate at most 10%". */
export function kpiTargetLine(k: RecommendationResult['kpis'][number]): string {
  if (k.target === null) return `${capitalise(metricName(k.metric))} measured`;
  if (typeof k.target === 'string') return `${capitalise(metricName(k.metric))} ${k.target} or better`;
  return `${capitalise(metricName(k.metric))} ${k.direction === 'at-least' ? 'at least' : 'at most'} ${metricValue(k.metric, k.target)}`;
}

/**
 * Per phase of the roadmap, the metric targets that are milestones at its end: a metric's (strictest) target at
 * the end of the last phase whose work moves it, unless it is met already. The plan's milestone table and the
 * roadmap chart both show them.
 */
export function phaseKpiMilestones(a: Assessment): string[][] {
  const byId = new Map(a.recommendations.map((r) => [r.id, r]));
  const lastPhaseMoving = new Map<string, string>();
  for (const p of a.roadmap.phases) for (const id of p.recommendations) for (const kpi of byId.get(id)!.kpis) lastPhaseMoving.set(kpi.metric, p.id);
  // Only what the plan reaches (the engine's milestones, DESIGN §3.1): not a metric whose work is left out or late.
  const reached = new Set((a.roadmap.milestones ?? []).filter((m) => m.metric !== null).map((m) => `${m.phase} ${m.metric}`));
  return a.roadmap.phases.map((p) => {
    const kpis = strictestKpis(
      p.recommendations.flatMap((id) =>
        byId.get(id)!.kpis.filter((kpi) => !kpi.met_now && lastPhaseMoving.get(kpi.metric) === p.id && reached.has(`${p.id} ${kpi.metric}`)),
      ),
    );
    // A metric a requirement names and meets at this phase's end, that no recommendation's KPI states: its target.
    const stated = new Set(kpis.map((k) => k.metric));
    const named = new Map(a.requirements.flatMap((t) => t.metrics).map((m) => [`releases.${m.name}`, m]));
    const fromRequirements = (a.roadmap.milestones ?? [])
      .filter((m) => m.phase === p.id && m.metric !== null && !stated.has(m.metric) && named.get(m.metric)?.target != null)
      .map((m) => {
        const t = named.get(m.metric!)!;
        return `${capitalise(metricName(m.metric!))} ${HIGHER_IS_BETTER.has(t.name) ? 'at least' : 'at most'} ${metricValue(m.metric!, t.target)}`;
      });
    return [...fromRequirements, ...kpis.map(kpiTargetLine)];
  });
}

/** The first sentence of a text (up to the first full stop followed by a space or the end). */
export function firstSentence(s: string): string {
  const m = /^[\s\S]*?[.!?](?=\s|$)/.exec(s.trim());
  return (m ? m[0] : s).replace(/\s+/g, ' ').trim();
}

/** "level 2", "levels 2–4" (a run), "levels 1, 3 and 4". */
export function levelsText(levels: readonly number[]): string {
  if (levels.length === 1) return `level ${levels[0]}`;
  const run = levels.every((l, i) => i === 0 || l === levels[i - 1]! + 1);
  return run ? `levels ${levels[0]}–${levels[levels.length - 1]}` : `levels ${list(levels.map(String))}`;
}

/**
 * Where a practice stands against its target, true when it has reached the target level with criteria still
 * unmet below it: "at level 3, its target, with 1.0 level's worth of criteria still unmet at levels 2–3".
 */
export function standingSentence(p: { name: string; level: number | null; target: number | null; gap: number | null }, short: readonly number[]): string {
  const level = p.level ?? 0;
  const target = p.target ?? 0;
  const gap = p.gap ?? 0;
  const worth = `${score(gap)} ${gap > 1 ? "levels'" : "level's"} worth of criteria`;
  const where = short.length ? ` at ${levelsText(short)}` : '';
  if (level >= target)
    return `${p.name} is at level ${level}, ${level === target ? 'its target' : `above its target of ${num(target)}`}, with ${worth} still unmet${where}.`;
  return `${p.name} is at level ${level} of a target of ${num(target)}, with ${worth} unmet${where}.`;
}

/** Recommendations as initiative cards: what, why, effort and cost, phase, dependencies by title, owner, KPIs, requirement. */
export function recommendationViews(a: Assessment, e: Engagement, names: Names) {
  const sourced = new Map(allRecommendations(e).map((r) => [r.id, r]));
  const practices = new Map(a.practices.map((p) => [p.id, p]));
  const currency = a.engagement.currency;
  const firstSteps = new Set(a.first_steps);
  return a.recommendations.map((r, i) => {
    const src = sourced.get(r.id);
    const p = practices.get(r.practice)!;
    const { what, steps } = r;
    const mismatch = p.evidence.filter((x) => x.ok === false);
    const inPlace = r.covers.map((l) => `level ${l} ${pct(p.level_scores?.[l - 1] ?? 0)}`);
    const why =
      `${standingSentence(p, r.short_levels)} ` +
      `This puts ${r.covers.length > 1 ? `levels ${r.covers[0]} to ${r.covers[r.covers.length - 1]}` : `level ${r.covers[0]}`} fully in place (today ${list(inPlace)}).` +
      (mismatch.length
        ? ` The record already contradicts the current level: ${list(mismatch.map((m) => `${metricName(m.metric)} is ${metricValue(m.metric, m.value)}`))}.`
        : '');
    const alternatives = (src?.alternatives ?? []).map((alt, k) => ({
      title: alt.title,
      description: alt.description ?? null,
      effort: alt.effort_days !== undefined ? days(alt.effort_days) : 'not estimated',
      effort_days_text: alt.effort_days !== undefined ? num(alt.effort_days) : 'n/a',
      cost: r.alternatives[k]?.cost != null ? money(r.alternatives[k].cost, currency) : null,
    }));
    return {
      ...r,
      number: i + 1,
      practice_name: p.name,
      // "to level 2", or "completes level 2" when the practice is already there with criteria unmet at it.
      level_text: r.completes ? `completes level ${r.level}` : `to level ${r.level}`,
      perspective_name: PERSPECTIVE_NAMES[r.perspective],
      first_step: firstSteps.has(r.id),
      // The day the roadmap schedules it to start (the Gantt's bar): after its dependencies, not the phase's start.
      start_text: r.start ? date(r.start) : null,
      what,
      steps,
      why,
      effort: days(r.effort_days),
      effort_days_text: num(r.effort_days),
      what_first: firstSentence(what),
      cost_text: r.cost !== null ? money(r.cost, currency) : null,
      phase_label: r.phase ? phaseLabel(a, r.phase) : 'not scheduled',
      after: r.depends_on.map(names.recommendation),
      owner_text: r.owner ?? 'to be named',
      // What it moves: the metrics not yet at target (one already met is kept there, not moved).
      kpi_lines: r.kpis.filter((k) => !k.met_now).map(kpiLine),
      requirement: r.rank !== null ? `requirement ${r.rank}, ${a.requirements[r.rank - 1]?.title ?? ''}` : null,
      requirement_short: r.rank !== null ? `${r.rank}. ${a.requirements[r.rank - 1]?.title ?? ''}` : null,
      phase_short: r.phase ? (a.roadmap.phases.find((p) => p.id === r.phase)?.name ?? r.phase) : 'not scheduled',
      priority_text: `${r.bucket} (${Math.round(r.priority)})`,
      alternatives,
      recommended_option: alternatives.length
        ? `Recommended: ${r.title} (${days(r.effort_days)}${r.cost !== null ? `, ${money(r.cost, currency)}` : ''}): it reaches level ${r.level} in full.`
        : null,
    };
  });
}
export type RecommendationView = ReturnType<typeof recommendationViews>[number];

/** "A, B, C and two more": the first `k` names, then how many are left (never a bare "…"). */
function firstOf(names: readonly string[], k: number): string {
  return names.length <= k ? list(names) : `${names.slice(0, k).join(', ')} and ${numberWord(names.length - k)} more`;
}

const RISK_TEXT: Record<Risk['kind'], { title: (r: Risk, n: Names, a: Assessment) => string; mitigation: string; owner: string }> = {
  'unscheduled-work': {
    title: (r) =>
      `${capitalise(count(Number(r.figures.recommendations), 'recommendation'))} (${days(Number(r.figures.days))}) do not fit the phases' capacity${Number(r.figures.requirements_off_plan) ? `, so ${count(Number(r.figures.requirements_off_plan), 'requirement is', 'requirements are')} not met on this plan` : ''}`,
    mitigation: 'Add capacity to a phase (see the capacity scenarios), add a phase, or agree with the sponsor which requirements wait.',
    owner: 'Programme sponsor',
  },
  'late-work': {
    title: (r, n) =>
      `${capitalise(count(r.subjects.length, 'recommendation'))} cannot end inside ${r.subjects.length === 1 ? 'its' : 'their'} phase, the dependencies before ${r.subjects.length === 1 ? 'it' : 'them'} taken into account: ${firstOf(r.subjects.map(n.recommendation), 3)}`,
    mitigation: 'Start the prerequisites earlier, split the work, or add people to the phase so more of it runs in parallel.',
    owner: 'Programme manager',
  },
  'no-slack': {
    title: (r, n) =>
      `${capitalise(list(r.subjects.map(n.phase)))} ${r.subjects.length === 1 ? 'uses' : 'use'} at least 95% of ${r.subjects.length === 1 ? 'its' : 'their'} capacity: any overrun delays the next phase`,
    mitigation: 'Hold back a contingency of about 10% per phase, or move the lowest-priority work of a full phase to the next one.',
    owner: 'Programme manager',
  },
  'single-point-of-knowledge': {
    title: (r, n) =>
      `${capitalise(count(r.subjects.length, 'skill rests', 'skills rest'))} on one proficient person each (${firstOf(r.subjects.map(n.skill), 4)})`,
    mitigation: 'Name a deputy for each and train them first (see the training plan); document the know-how as part of the release procedure.',
    owner: 'Maintenance manager',
  },
  vacancies: {
    title: (r, n) =>
      `${capitalise(count(Number(r.figures.people), 'place'))} in ${list(r.subjects.map(n.role))} ${Number(r.figures.people) === 1 ? 'is' : 'are'} unfilled: training cannot close ${Number(r.figures.people) === 1 ? 'it' : 'them'}`,
    mitigation: 'Start recruiting now, or cover the role with a contractor until it is filled.',
    owner: 'IT operations manager',
  },
  'late-training': {
    title: (r, n) =>
      `${capitalise(count(r.subjects.length, 'course ends', 'courses end'))} after the phase that needs ${r.subjects.length === 1 ? 'it' : 'them'} has started (${list(r.subjects.map(n.skill))})`,
    mitigation: 'Book the courses earlier or run them in parallel; until then pair the people with a proficient colleague.',
    owner: 'Maintenance manager',
  },
  'optimistic-scores': {
    title: (r, n) =>
      `The measured record contradicts the level of ${count(r.subjects.length, 'practice')} (${firstOf(r.subjects.map(n.practice), 3)}): the scores may be optimistic`,
    mitigation: 'Review those answers with the interviewees against the record before the scores are final.',
    owner: 'Lead consultant',
  },
  'failing-releases': {
    title: (r) =>
      `Releases keep failing during the programme: ${pct(Number(r.figures.change_failure_rate))} of ${r.figures.releases} releases failed or needed a fix${r.figures.target !== null ? `, against a target of ${pct(Number(r.figures.target))}` : ''}`,
    mitigation: 'Put the release test plans and the back-out plan of the first phase in place before the next major release.',
    owner: 'Release manager',
  },
  unmeasured: {
    title: (r) =>
      `Progress on ${count(Number(r.figures.requirements), 'requirement')} cannot be shown: ${list(r.subjects.map(metricName))} ${r.subjects.length === 1 ? 'is' : 'are'} not measured`,
    mitigation: 'Record the outcome (and the restore time) of every release from now on, so the baseline exists before the first phase ends.',
    owner: 'Release manager',
  },
  'backlog-growing': {
    title: (r) =>
      `The backlog grows while the programme runs: ${num(Number(r.figures.arrivals_per_30_days))} requests arrive a month and ${num(Number(r.figures.throughput_per_30_days))} are delivered`,
    mitigation: 'Close the duplicate and obsolete items now, and agree a monthly intake limit with the business until throughput catches up.',
    owner: 'Maintenance manager',
  },
};

export function riskViews(a: Assessment, names: Names) {
  return a.risks.map((r, i) => ({
    number: i + 1,
    kind: r.kind,
    title: RISK_TEXT[r.kind].title(r, names, a),
    likelihood: r.likelihood,
    impact: r.impact,
    mitigation: RISK_TEXT[r.kind].mitigation,
    owner: RISK_TEXT[r.kind].owner,
  }));
}

/** A short phrase for a risk kind (the risks headline). */
export function riskPhrase(kind: string): string {
  const phrases: Record<string, string> = {
    'unscheduled-work': 'work that does not fit the capacity',
    'no-slack': 'phases without slack',
    'late-work': 'work that cannot end inside its phase',
    'single-point-of-knowledge': 'skills held by one person',
    vacancies: 'unfilled roles',
    'late-training': 'training that comes too late',
    'optimistic-scores': 'optimistic scores',
    'failing-releases': 'releases that keep failing',
    unmeasured: 'metrics nobody measures',
    'backlog-growing': 'a growing backlog',
  };
  return phrases[kind] ?? kind;
}

/** Requirement status in words, the same in every deliverable. */
export function statusText(a: Assessment, status: string, reaches: string | null): string {
  switch (status) {
    case 'met':
      return 'Met today';
    case 'planned': {
      const p = a.roadmap.phases.find((x) => x.id === reaches);
      return `Met by the end of ${phaseLabel(a, reaches)}${p?.end ? `, ${date(p.end)}` : ''}`;
    }
    case 'not-on-plan':
      return 'Not on the plan at this capacity';
    default:
      return 'Cannot be judged yet';
  }
}

/** The ITSM processes the model maps, each with the practices that link to it; null when the model maps none. */
export function integrationView(a: Assessment, e: Engagement, recs: readonly RecommendationView[]) {
  const processes = e.model.processes ?? [];
  const linked = e.model.practices.filter((p) => p.links?.length);
  if (!processes.length || !linked.length) return null;
  const result = new Map(a.practices.map((p) => [p.id, p]));
  return processes
    .map((proc) => {
      const practices = linked
        .filter((p) => p.links!.includes(proc.id))
        .map((p) => {
          const r = result.get(p.id)!;
          return { name: p.name, score: score(r.score), target: r.target === null ? 'n/a' : score(r.target), gap: score(r.gap), assessed: r.assessed };
        });
      const work = recs.filter((r) => e.model.practices.find((p) => p.id === r.practice)?.links?.includes(proc.id));
      return { name: proc.name, link: proc.link ?? '', practices, recommendations: work.map((r) => ({ title: r.title, phase: r.phase_label })) };
    })
    .filter((p) => p.practices.length);
}
