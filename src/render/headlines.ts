/**
 * The sentences that rank, compare or conclude (action titles; docs/formulas.md: every headline is
 * computed). Each is a pure function of assessment.json, so the same sentence reads the same in every
 * deliverable, and each is pinned by a unit test against a hand-computed case.
 */
import type { Assessment, Decision, ReleaseAnalysis, RoadmapPhase } from '../engine/types.js';
import type { Perspective } from '../model/types.js';
import {
  capitalise,
  possessive,
  count,
  date,
  days,
  inSentence,
  list,
  metricName,
  metricValue,
  money,
  month,
  num,
  numberWord,
  oneReleaseIn,
  pct,
  pluralFigure,
  score,
} from './words.js';
import { maxOf } from '../util/arrays.js';

export const PERSPECTIVE_NAMES: Record<Perspective, string> = {
  people: 'People',
  process: 'Process',
  technology: 'Technology',
  organization: 'Organization',
  integration: 'Integration',
};

export function nothingAssessed(a: Assessment): boolean {
  return a.overall.score === null;
}

/** "Optimise (phase 3)". */
export function phaseLabel(a: Assessment, id: string | null): string {
  if (id === null) return 'not scheduled';
  if (id === 'now') return 'already';
  const k = a.roadmap.phases.findIndex((p) => p.id === id);
  return k < 0 ? id : `${a.roadmap.phases[k]!.name} (phase ${k + 1})`;
}

function phaseOf(a: Assessment, id: string | null): RoadmapPhase | undefined {
  return a.roadmap.phases.find((p) => p.id === id);
}

/** Where they are: the overall position and the two weakest perspectives. */
export function positionSentence(a: Assessment): string {
  if (nothingAssessed(a)) return 'Nothing has been assessed yet: no practice has an answer or a rating, so there is no score.';
  const o = a.overall;
  const weakest = a.summary.weakest.slice(0, 2).map((w) => `${PERSPECTIVE_NAMES[w.id]} (${score(w.score)})`);
  // In the reader's words; how "of the way" is computed is in the report's appendix (Method and sources) and docs/formulas.md.
  const way =
    o.percent_to_target === null || o.gap === null || o.target === null
      ? ''
      : `; with ${score(o.gap)} levels missing on average, it is ${pct(o.percent_to_target)} of the way there`;
  const target = o.target === null ? '' : ` against a target of ${score(o.target)}`;
  const tail =
    weakest.length === 2 ? ` The weakest perspectives are ${list(weakest)}.` : weakest.length === 1 ? ` The only perspective assessed is ${weakest[0]}.` : '';
  return `${possessive(a.engagement.client)} release management scores ${score(o.score)} out of 5${target}${way}.${tail}`;
}

/**
 * What the ratings rest on, stated up front (docs/formulas.md, the evidence base): each source counted as what it
 * is (a questionnaire is not an interview), and "unverified" where confidence is below 25 % or nothing is cited.
 */
export function evidenceSentence(a: Assessment): string | null {
  if (nothingAssessed(a)) return null;
  const b = a.summary.evidence_base;
  const parts = [
    b.documents ? count(b.documents, 'document') : null,
    b.interviews ? count(b.interviews, 'interview') : null,
    b.respondents ? count(b.respondents, 'questionnaire respondent') : null,
    b.observations ? count(b.observations, 'observation') : null,
  ].filter((x): x is string => x !== null);
  if (!parts.length)
    return 'No document, interview, questionnaire or observation is cited for any answer: the ratings are unverified, a self-assessment still to be confirmed.';
  // The share of the answers backed by a source, said as such (the report's appendix calls it "sourced").
  const share = b.confidence === null ? '' : `; ${pct(b.confidence)} of the answers cite one`;
  return b.unverified
    ? `The ratings cite ${list(parts)}, but too few answers cite a source${b.confidence === null ? '' : ` (${pct(b.confidence)})`}: the ratings are unverified.`
    : `The ratings rest on ${list(parts)}${share}.`;
}

/**
 * Where the practices stand against their targets, by status (the engine's rag): "Of the 28 practices assessed,
 * one is at target, four are within one level of target and 23 are more than one level short." The scorecard
 * that follows it shows each.
 */
export function statusSentence(a: Assessment): string | null {
  if (nothingAssessed(a)) return null;
  const of = (rag: string) => a.practices.filter((p) => p.rag === rag).length;
  const assessed = a.practices.filter((p) => p.rag !== 'none').length;
  const verb = (n: number) => (n === 1 ? 'is' : 'are');
  const parts = [
    of('green') ? `${numberWord(of('green'))} ${verb(of('green'))} at target` : null,
    of('amber') ? `${numberWord(of('amber'))} ${verb(of('amber'))} within one level of target` : null,
    of('red') ? `${numberWord(of('red'))} ${verb(of('red'))} more than one level short` : null,
  ].filter((x): x is string => x !== null);
  if (!parts.length) return null;
  if (assessed === 1) return `The only practice assessed ${parts[0]!.replace(/^one is /, 'is ')}.`;
  return `Of the ${count(assessed, 'practice')} assessed, ${list(parts)}.`;
}

/** The largest gaps, by perspective (computed from the perspectives' gaps, never written by hand). */
export function largestGapsSentence(a: Assessment): string {
  if (nothingAssessed(a)) return 'Nothing has been assessed yet, so no gap can be measured.';
  const g = a.summary.largest_gaps;
  if (!g.length) return 'Every assessed perspective is at its target: there is no gap to close.';
  if (g.length === 1) return `The only gap is in ${PERSPECTIVE_NAMES[g[0]!.id]}: ${score(g[0]!.gap)} levels missing on average.`;
  const [x, y] = [g[0]!, g[1]!];
  const figures =
    score(x.gap) === score(y.gap) ? `${score(x.gap)} levels missing on average in each` : `${score(x.gap)} and ${score(y.gap)} levels missing on average`;
  return `The largest gaps are in ${PERSPECTIVE_NAMES[x.id]} and ${PERSPECTIVE_NAMES[y.id]}: ${figures}.`;
}

/** How many requirements the plan meets and by when. */
export function requirementsSentence(a: Assessment): string {
  const r = a.summary.requirements;
  if (!r.total) return 'No requirements are recorded, so the plan cannot be measured against them.';
  const reached = r.reached;
  const rest: string[] = [];
  if (r.not_on_plan) rest.push(`${numberWord(r.not_on_plan)} ${r.not_on_plan === 1 ? 'is' : 'are'} not on the plan at this capacity`);
  if (r.unknown) rest.push(`${numberWord(r.unknown)} cannot be judged yet (a practice not assessed or a metric not measured)`);
  const tail = rest.length ? `; ${list(rest)}` : '';
  if (reached === 0) return `The plan as scheduled meets ${ofPhrase(0, r.total, 'requirement')}${tail}.`;
  if (r.planned === 0)
    return r.met === r.total
      ? `${capitalise(allOf(r.total, 'requirement'))} ${r.total === 1 ? 'is' : 'are'} met today.`
      : `${capitalise(ofPhrase(r.met, r.total, 'requirement'))} ${r.met === 1 ? 'is' : 'are'} met today${tail}.`;
  const when =
    r.all_planned_by && r.all_planned_by !== 'now' ? ` by the end of ${phaseLabel(a, r.all_planned_by)}, ${date(phaseOf(a, r.all_planned_by)?.end)}` : '';
  return `The plan meets ${ofPhrase(reached, r.total, 'requirement')}${when}${tail}.`;
}

/** The plan in one sentence: scope, effort, cost, end; and what does not fit. */
export function planSentence(a: Assessment): string {
  const s = a.summary.plan;
  if (!s.recommendations)
    return nothingAssessed(a) ? 'There is no plan yet: nothing has been assessed.' : 'No work is needed: every assessed practice is at its target.';
  const phases = a.roadmap.phases.filter((p) => p.recommendations.length).length;
  const cost = s.cost !== null ? ` (${money(s.cost, a.engagement.currency)})` : '';
  const end = s.ends ? `, ending ${date(s.ends)}` : '';
  const training = a.training?.total_cost ? `, plus ${money(a.training.total_cost, a.engagement.currency)} of training` : '';
  const d = a.decision;
  // One plan, one price: the roadmap schedules the decision's option; when it is not the capacity as planned, say so.
  const option = d?.base
    ? `With ${inSentence(d.name)} (the recommended option), ${count(s.scheduled, 'recommendation')}`
    : capitalise(count(s.scheduled, 'recommendation'));
  const out = `${option} in ${count(phases, 'phase')}: ${days(s.days)}${cost}${training}${end}.`;
  const left = a.roadmap.unscheduled.length;
  if (d?.no_work === 'roadmap-ended')
    return `Every phase of the roadmap has ended: ${count(left, 'recommendation')} (${days(a.roadmap.unscheduled_days)}) wait${left === 1 ? 's' : ''} for its next phases${training}.`;
  return left ? `${out} ${capitalise(count(left, 'more does', 'more do'))} not fit the capacity (${days(a.roadmap.unscheduled_days)}).` : out;
}

/** "the requirement", "both requirements", "all six requirements": every one of n. */
export function allOf(n: number, noun: string, plural = `${noun}s`): string {
  return n === 1 ? `the ${noun}` : n === 2 ? `both ${plural}` : `all ${numberWord(n)} ${plural}`;
}

/** "none of the six requirements", "four of the six requirements", "both requirements": k of n, in words. */
export function ofPhrase(k: number, n: number, noun: string, plural = `${noun}s`): string {
  if (k === n) return allOf(n, noun, plural);
  if (k === 0) return n === 1 ? `not the ${noun}` : `none of the ${numberWord(n)} ${plural}`;
  return `${numberWord(k)} of the ${numberWord(n)} ${plural}`;
}

/** "all six requirements and two of the three strategic goals": what the decision's option reaches. */
export function reachPhrase(d: Decision): string {
  const reqs = ofPhrase(d.requirements_met, d.requirements_total, 'requirement');
  if (!d.goals_total) return reqs;
  return `${reqs} and ${ofPhrase(d.goals_met, d.goals_total, 'strategic goal')}`;
}

/** What the capacity as planned reaches, beside the recommended option: "four of the six requirements and none of the three strategic goals". */
function basePhrase(d: Decision): string {
  const b = d.base!;
  const reqs = ofPhrase(b.requirements_met, d.requirements_total, 'requirement');
  if (!d.goals_total) return reqs;
  return `${reqs} and ${ofPhrase(b.goals_met, d.goals_total, 'strategic goal')}`;
}

/** The extra over the capacity as planned reaches no more requirements or goals: it buys only work the plan leaves out. */
function buysOnlyWork(d: Decision): boolean {
  return !!d.buys && d.buys.requirements.length === 0 && d.buys.goals === 0;
}

/**
 * What the extra money buys, never more (DESIGN §3.1): the requirements and goals it reaches, or, where the
 * capacity as planned reaches as many, the recommendations the planned capacity leaves out.
 */
function extraBuysPhrase(a: Assessment, d: Decision, by = ''): string {
  const b = d.buys!;
  const work = `do the ${count(b.recommendations, 'recommendation')} the planned capacity leaves out${a.roadmap.unscheduled.length === 0 ? ', closing the whole gap' : ''}`;
  if (!d.requirements_total) return work;
  return b.base_meets_all
    ? `${work} (the capacity as planned already meets ${allOf(d.requirements_total, 'requirement')}${by})`
    : `${work} (it meets no more requirements than the capacity as planned: ${basePhrase(d)})`;
}

/** Why the requirements the option does not reach are left: "the other two need more capacity". */
function othersPhrase(d: Decision): string {
  const off = d.requirements_not_on_plan;
  const unknown = d.requirements_unknown;
  if (!off && !unknown) return '';
  const n = off + unknown;
  const why = !unknown ? 'more capacity' : !off ? 'data before they can be judged' : 'more capacity or data';
  return `; the other ${numberWord(n)} need${n === 1 ? 's' : ''} ${why}`;
}

/** Money when there is a day rate, else person-days. */
function price(a: Assessment, x: { days: number; cost: number | null }): string {
  return x.cost !== null ? money(x.cost, a.engagement.currency) : days(x.days);
}

/** "Stabilise (phase 1, €84,150)". */
function approvePhrase(a: Assessment, d: Decision): string {
  const n = d.approve_now;
  return `${n.name} (phase ${n.index}, ${price(a, n)})`;
}

/** "by 24 April 2026" when the decision has a date, else "now". */
function whenPhrase(d: Decision): string {
  return d.decide_by ? `by ${date(d.decide_by)}` : 'now';
}

/**
 * The answer, for page 1 and slide 2 (DESIGN §3.1: worded from `decision`): the recommended option, its
 * total and what it buys, and what to approve first.
 */
export function answerSentence(a: Assessment): string {
  if (nothingAssessed(a)) return 'Nothing has been assessed yet: answer the criteria (or give quick ratings) to obtain a position and a plan.';
  const s = a.summary.plan;
  if (!s.recommendations) return `${a.engagement.client}'s release management already meets its targets: no improvement programme is needed.`;
  const d = a.decision;
  if (!d || d.approve_now.phase === null) return noWorkSentence(a);
  const by = d.requirements_by ? ` by ${month(d.requirements_by)}` : s.ends ? ` by ${month(s.ends)}` : '';
  const approve = `approve ${approvePhrase(a, d)} ${whenPhrase(d)}`;
  if (!d.requirements_total) {
    const gap = `close ${d.later.phases ? 'most of ' : ''}the release-management gap${by}`;
    return d.base && d.extra
      ? `${d.name}: fund ${price(a, d.extra)} more than planned (${price(a, d.total)} in all) to ${gap}; ${approve}.`
      : `${capitalise(approve)}: the first step of ${price(a, d.total)} of work to ${gap}.`;
  }
  if (d.base && d.extra && buysOnlyWork(d))
    return `${d.name}: fund ${price(a, d.extra)} more than planned (${price(a, d.total)} in all) to ${extraBuysPhrase(a, d, by)}; ${approve}.`;
  if (d.base && d.extra)
    return `${d.name}: fund ${price(a, d.extra)} more than planned (${price(a, d.total)} in all) to meet ${reachPhrase(d)}${by}; ${approve}.`;
  return `${capitalise(approve)}: the first step of the ${price(a, d.total)} plan, which meets ${reachPhrase(d)}${by}${othersPhrase(d)}.`;
}

/** Why nothing is to approve (decision.no_work): the roadmap has ended, or nothing fits its capacity. */
export function noWorkSentence(a: Assessment): string {
  const left = a.roadmap.unscheduled.length;
  const last = a.roadmap.phases.at(-1);
  if (a.decision?.no_work === 'roadmap-ended')
    return `Every phase of the roadmap has ended${last?.end ? ` (the last on ${date(last.end)})` : ''}: add the next phases to schedule the ${count(left, 'open recommendation')}.`;
  return `No work fits the roadmap's phases: ${capitalise(count(left, 'recommendation'))} wait${left === 1 ? 's' : ''} for capacity.`;
}

/** The first steps, by title. */
export function firstStepTitles(a: Assessment): string[] {
  const title = new Map(a.recommendations.map((r) => [r.id, r.title]));
  return a.first_steps.map((id) => title.get(id) ?? id);
}

/** "Almost one release in two fails or needs a fix", or "40% of releases fail or need a fix": never rounder than the rate. */
function failingPhrase(cfr: number): string {
  const oneIn = oneReleaseIn(cfr);
  return oneIn ? `${oneIn} fails or needs a fix` : `${capitalise(pct(cfr))} of releases fail or need a fix`;
}

/**
 * The release record's headline (docs/formulas.md, no data is never a figure): the first metric that misses its
 * target, naming any other missed; where targets exist and are all met, that they are; without targets, the
 * overall DORA band, never alone: beside it the weakest metric and its band.
 */
export function releaseSentence(r: ReleaseAnalysis | null): string {
  if (!r) return 'No release history was provided: measuring it is a first step.';
  if (!r.count) return `No release was deployed in the ${r.window_days} days up to the reference date.`;
  const missed = r.target_checks.filter((c) => !c.met);
  const others = missed.slice(1).map((c) => metricName(c.metric));
  const alsoMissed = others.length
    ? ` ${capitalise(list(others))} also miss${others.length === 1 ? 'es' : ''} ${others.length === 1 ? 'its target' : 'their targets'}.`
    : '';
  const first = missed[0];
  if (first?.metric === 'change_failure_rate') {
    const cfr = first.value;
    const lead = failingPhrase(cfr);
    return `${lead}: a change failure rate of ${pct(cfr)} against a target of ${pct(first.target)}.${alsoMissed}`;
  }
  if (first)
    return `${capitalise(metricName(first.metric))} is ${metricValue(first.metric, first.value)} against a target of ${metricValue(first.metric, first.target)}.${alsoMissed}`;
  const cfr = r.change_failure_rate;
  if (cfr === null)
    return `${count(r.count, 'release')} in ${r.window_days} days, but none records its outcome: the change failure rate is unknown.`.replace(/^\w/, (c) =>
      c.toUpperCase(),
    );
  const band = doraBandPhrase(r);
  if (r.target_checks.length)
    return `Releases meet their targets (${list(r.target_checks.map((c) => metricName(c.metric)))})${band ? `: ${band}` : ''}, ${pct(cfr)} of releases failing.`;
  return `${band ? `${capitalise(band)}; ` : ''}${pct(cfr)} of releases failing. No release targets are set, so none is compared.`;
}

/** "DORA band medium overall, the weakest metric change failure rate (low)": the overall band never alone; null without a band. */
export function doraBandPhrase(r: ReleaseAnalysis): string | null {
  if (!r.band) return null;
  const w = r.weakest;
  return w ? `DORA band ${r.band} overall, the weakest metric ${metricName(w.metric)} (${w.band})` : `DORA band ${r.band} overall`;
}

/** The backlog's headline: how long a new request waits, and whether the backlog grows. */
export function backlogSentence(a: Assessment): string {
  const b = a.backlog;
  if (!b) return 'No backlog was provided.';
  if (!b.open_count) return 'The backlog is empty: every request has been delivered, rejected or closed.';
  if (b.expected_wait_days === null)
    return `The backlog is not moving: nothing was delivered in the last 90 days, and ${count(b.open_count, 'item is', 'items are')} open.`;
  const grows = b.growing ? ', and more arrive than are delivered' : '';
  return `A new request waits about ${num(Math.round(b.expected_wait_days))} days at today's pace: ${pluralFigure(b.open_count, 'open item')}, ${num(b.throughput_per_30_days)} delivered a month${grows}.`;
}

/** Open items to close rather than build. */
export function closeSentence(a: Assessment): string | null {
  const c = a.backlog?.close_not_build ?? [];
  if (!c.length) return null;
  const dup = c.filter((x) => x.reason === 'duplicate').length;
  const obs = c.length - dup;
  const one = c.length === 1;
  const why = !dup
    ? `later changes make ${one ? 'it' : 'them'} obsolete`
    : !obs
      ? one
        ? 'it duplicates another request'
        : 'they duplicate other requests'
      : `${count(dup, 'duplicates', 'duplicate')} another request and ${count(obs, 'is', 'are')} made obsolete by later changes`;
  return `${capitalise(count(c.length, 'open item'))} should be closed, not built: ${why}.`;
}

/** What the training plan needs, in the client's words: said wherever the plan would be when there is none. */
export const TRAINING_NEEDS =
  'No training plan accompanies this assessment: it needs the release team recorded, each person with the roles they hold and their current skill levels, and the skills each role requires.';

/** Training: who, how much, and what training cannot close. */
export function trainingSentence(a: Assessment): string {
  const t = a.training;
  if (!t) return TRAINING_NEEDS;
  const people = new Set(t.needs.map((n) => n.person)).size;
  if (!people && !t.hires_total) return 'Everyone holds the skills their roles require: no training is needed.';
  const courses = t.skills.filter((s) => !s.no_course);
  const parts: string[] = [];
  if (people)
    parts.push(
      `${capitalise(count(people, 'person needs', 'people need'))} training in ${count(t.skills.length, 'skill')}: ${days(t.total_days, 'participant-days')} over ${count(courses.length, 'course')}, ${money(t.total_cost, a.engagement.currency)}`,
    );
  if (t.hires_total) parts.push(`${count(t.hires_total, 'place')} must be filled by hiring`);
  if (t.no_course.length) parts.push(`${count(t.no_course.length, 'skill has', 'skills have')} no course yet`);
  return `${capitalise(parts.join('; '))}.`;
}

/**
 * The capacity options in one sentence (DESIGN §3.1): identical ones are one option ("capacity is not the
 * constraint"); the recommended one is named only when they differ.
 */
export function scenarioSentence(a: Assessment): string | null {
  const d = a.decision;
  if (!d || a.scenarios.length < 2) return null;
  const same = a.scenarios.filter((s) => s.same_as !== null).map((s) => s.name.charAt(0).toLowerCase() + s.name.slice(1));
  if (a.summary.recommended_scenario === null)
    return `Capacity is not the constraint: ${list(same)} place${same.length === 1 ? 's' : ''} the same work in the same phases as planned, at the same cost and with the same requirements met.`;
  if (!a.requirements.length) return null;
  if (d.base && d.extra) {
    const head = buysOnlyWork(d)
      ? `${d.name} costs ${price(a, d.total)}: ${price(a, d.extra)}${d.extra.cost !== null ? ` (${days(d.extra.days)})` : ''} more than the capacity as planned, to ${extraBuysPhrase(a, d)}.`
      : `${d.name} would meet ${reachPhrase(d)} for ${price(a, d.total)}: ${price(a, d.extra)}${d.extra.cost !== null ? ` (${days(d.extra.days)})` : ''} more than the capacity as planned, which meets ${basePhrase(d)}.`;
    return head;
  }
  return `The capacity as planned is the right choice: it meets ${ofPhrase(d.requirements_met, d.requirements_total, 'requirement')} for ${price(a, d.total)}, and no option tested meets more.`;
}

/**
 * From the capacity as planned to the recommended option (decision.bridge), wherever both totals appear: what
 * is added, what is dropped, and why the extra is not in proportion to the capacity (cost is the work placed,
 * person-days × the day rate, not the capacity made available).
 */
export function bridgeSentence(a: Assessment): string | null {
  const d = a.decision;
  const g = d?.bridge;
  if (!d?.base || !d.extra || !g) return null;
  const parts = [`${price(a, { days: d.base.days, cost: d.base.cost })} as planned`];
  if (g.added.length)
    parts.push(
      `${price(a, { days: g.added_days, cost: g.added_cost })} for the ${count(g.added.length, 'recommendation')}${g.added_cost !== null ? ` (${days(g.added_days)})` : ''} the planned capacity leaves out`,
    );
  const dropped = g.dropped.length
    ? `, less ${price(a, { days: g.dropped_days, cost: g.dropped_cost })} for the ${count(g.dropped.length, 'recommendation')} it no longer fits`
    : '';
  const sum = `${list(parts, 'plus')}${dropped} make the ${price(a, d.total)} of ${inSentence(d.name)}.`;
  const grows = g.capacity_base !== null && g.capacity !== null ? ` although the capacity grows from ${days(g.capacity_base)} to ${days(g.capacity)}` : '';
  const share = g.cost_share !== null ? `It costs ${pct(g.cost_share)} more${grows}` : 'It costs more';
  const rate = a.engagement.day_rate !== null ? `person-days × ${money(a.engagement.day_rate, a.engagement.currency)}` : 'person-days';
  const moved = g.moved > 0 ? ` and brings ${count(g.moved, 'recommendation')} into an earlier phase` : '';
  return `${sum} ${share}: you pay for the work done (${rate}), not for the capacity made available; the extra capacity lets the work that did not fit be done in the same phases${moved}.`;
}

/** The decision to take (DESIGN §3.1: worded from `decision`): approve the first phase now, fund the later ones, the total. */
export function askSentence(a: Assessment): string {
  const d = a.decision;
  if (!d || d.approve_now.phase === null)
    return nothingAssessed(a) ? 'Decide who answers the assessment, and by when.' : 'No decision is needed on improvement work.';
  const n = d.approve_now;
  const cost = n.cost !== null ? ` (${money(n.cost, a.engagement.currency)})` : '';
  const when = n.start && n.end ? ` from ${date(n.start)} to ${date(n.end)}` : n.end ? ` until ${date(n.end)}` : '';
  const head = `Approve ${n.name} (phase ${n.index}): ${days(n.days)}${cost}${when}`;
  const by = d.requirements_by ? ` by ${date(d.requirements_by)}` : '';
  const meets = d.requirements_total ? `, which meets ${reachPhrase(d)}${by}` : '';
  if (!d.later.phases) return `${head}: the whole plan${meets}.`;
  const laterCost = d.later.cost !== null ? ` (${money(d.later.cost, a.engagement.currency)})` : '';
  const later = `${count(d.later.phases, 'later phase')}${d.base ? ` with ${d.name.charAt(0).toLowerCase()}${d.name.slice(1)}` : ''}: ${days(d.later.days)}${laterCost}`;
  if (d.base && d.extra)
    return `${head}; and fund the ${later}. In all ${price(a, d.total)} (${price(a, d.extra)} more than the capacity as planned)${meets}${d.requirements_total ? `; the capacity as planned meets ${basePhrase(d)}` : ''}.`;
  return `${head}; then ${later}. In all ${price(a, d.total)}${meets}${othersPhrase(d)}.`;
}

/** Who decides, and by when (DESIGN §3.1; the deck ends with it). */
export function decideSentence(a: Assessment): string | null {
  const d = a.decision;
  if (!d || d.approve_now.phase === null) return null;
  const who = d.decided_by ? `${d.decided_by.name}${d.decided_by.role ? ` (${d.decided_by.role})` : ''}` : 'The programme sponsor';
  const when = d.decide_by
    ? ` by ${date(d.decide_by)}${d.decide_by_source === 'plan.yaml' ? ', when this report is delivered' : ''}`
    : ' at the presentation of this report';
  const starts = d.approve_now.start
    ? `; the work starts on ${date(d.approve_now.start)}${d.decide_by ? ', the first working day after the decision' : ''}`
    : '';
  return `${who} decides${when}${starts}.`;
}

/** Recommendations done per progress.yaml whose practice still shows the gap: never rescheduled, to re-assess. */
export function doneSentence(a: Assessment): string | null {
  const done = a.roadmap.done ?? [];
  if (!done.length) return null;
  const title = new Map(a.recommendations.map((r) => [r.id, r.title]));
  return `${capitalise(count(done.length, 'recommendation is', 'recommendations are'))} done, not yet effective: ${list(done.map((id) => title.get(id) ?? id))}; the practice still shows the gap, so re-assess it before planning more work there.`;
}

/** The most serious risks in one sentence. */
export function risksSentence(a: Assessment, describe: (kind: string) => string): string {
  if (!a.risks.length) return 'The data shows no delivery risk beyond the usual ones.';
  const top = a.risks.slice(0, 2).map((r) => describe(r.kind));
  return `${capitalise(count(a.risks.length, 'risk'))} threaten${a.risks.length === 1 ? 's' : ''} delivery; the most serious: ${list(top)}.`;
}

/** The practices furthest from their targets (the three largest gaps, in the engine's order), as a slide title. */
export function practiceGapsTitle(a: Assessment): string {
  const byId = new Map(a.practices.map((p) => [p.id, p]));
  const top = a.summary.practice_gaps.slice(0, 3).map((g) => byId.get(g.id)!);
  if (!top.length) return nothingAssessed(a) ? 'No gap can be measured yet' : 'Every practice is at its target';
  const names = top.map((p, i) => (i === 0 ? p.name : inSentence(p.name)));
  return `${list(names)} ${top.length === 1 ? 'is' : 'are'} furthest from target`;
}

/** Slide 2's title: the recommendation and what it buys, from `decision`. */
function decisionTitle(a: Assessment): string {
  const d = a.decision;
  if (!d || d.approve_now.phase === null) return d?.no_work === 'roadmap-ended' ? 'The roadmap has ended: add its next phases' : 'No work fits the roadmap yet';
  const by = d.requirements_by ? ` by ${month(d.requirements_by)}` : '';
  if (d.base && d.extra && buysOnlyWork(d)) return `Fund ${price(a, d.extra)} more to ${extraBuysPhrase(a, d)}`;
  if (d.base && d.extra) return `Fund ${price(a, d.extra)} more to meet ${d.requirements_total ? reachPhrase(d) : 'the targets'}${by}`;
  return d.requirements_total
    ? `Approve ${d.approve_now.name}: ${ofPhrase(d.requirements_met, d.requirements_total, 'requirement')} met${by}, for ${price(a, d.total)}`
    : `Approve ${d.approve_now.name}: the gap closes${by}, for ${price(a, d.total)}`;
}

/** The last slide's title: the ask. */
function askTitle(a: Assessment): string {
  const d = a.decision;
  if (!d || d.approve_now.phase === null) return 'No decision is needed today';
  const head = d.decide_by ? `Decide by ${date(d.decide_by)}` : 'Decision today';
  const now = `approve ${d.approve_now.name} (${price(a, d.approve_now)})`;
  if (!d.later.phases) return `${head}: ${now}`;
  return `${head}: ${now}${d.base ? ` and fund the later ${d.later.phases === 1 ? 'phase' : 'phases'} (${price(a, d.later)})` : ''}`;
}

/** Short action titles for slides and section leads (at most about a dozen words), from the same figures. */
export function slideTitles(a: Assessment, riskPhraseOf: (kind: string) => string) {
  const o = a.overall;
  const r = a.summary.requirements;
  const plan = a.summary.plan;
  const phases = a.roadmap.phases.filter((p) => p.recommendations.length);
  const first = phases[0];
  const gaps = a.summary.largest_gaps;
  const rel = a.releases;
  const b = a.backlog;
  const t = a.training;
  const cfr = rel?.change_failure_rate ?? null;
  const cfrMissed = rel?.target_checks.some((c) => c.metric === 'change_failure_rate' && !c.met) ?? false;
  const reached = r.reached;
  const lastPhase = a.roadmap.phases.find((p) => p.id === r.all_planned_by);
  return {
    answer: nothingAssessed(a) ? 'Nothing has been assessed yet' : !plan.recommendations ? 'Release management already meets its targets' : decisionTitle(a),
    position: nothingAssessed(a)
      ? 'Nothing has been assessed yet'
      : o.percent_to_target === null
        ? `Release management scores ${score(o.score)} out of 5`
        : `Release management is ${pct(o.percent_to_target)} of the way to its target`,
    gaps: nothingAssessed(a)
      ? 'No gap can be measured yet'
      : gaps.length >= 2
        ? `The largest gaps are in ${PERSPECTIVE_NAMES[gaps[0]!.id]} and ${PERSPECTIVE_NAMES[gaps[1]!.id]}`
        : gaps.length === 1
          ? `The only gap is in ${PERSPECTIVE_NAMES[gaps[0]!.id]}`
          : 'Every perspective is at its target',
    practice_gaps: practiceGapsTitle(a),
    release: !rel
      ? 'The release record is not kept yet'
      : cfrMissed
        ? failingPhrase(cfr!)
        : cfr === null
          ? 'Release outcomes are not recorded'
          : rel.band === null
            ? 'Release performance has no DORA band yet'
            : rel.weakest && rel.weakest.band !== rel.band
              ? `Releases are DORA ${rel.band} overall, ${metricName(rel.weakest.metric)} ${rel.weakest.band}`
              : `Releases perform in the DORA ${rel.band} band`,
    backlog: !b
      ? 'The backlog is not recorded yet'
      : b.expected_wait_days === null
        ? 'The backlog is not moving'
        : `A new request waits about ${num(Math.round(b.expected_wait_days))} days`,
    requirements: !r.total
      ? 'No requirements are recorded yet'
      : reached === r.total && r.planned === 0
        ? 'Every requirement is met today'
        : reached === r.total
          ? `Every requirement is on the plan, the last met by ${lastPhase?.end ? month(lastPhase.end) : 'its last phase'}`
          : r.not_on_plan && !r.unknown
            ? `${capitalise(count(r.not_on_plan, 'requirement needs', 'requirements need'))} more capacity than planned`
            : !r.not_on_plan
              ? `${capitalise(count(r.unknown, 'requirement cannot', 'requirements cannot'))} be judged without more data`
              : `${capitalise(count(r.not_reached, 'requirement is', 'requirements are'))} not met by this plan`,
    roadmap: !phases.length
      ? 'No work is scheduled'
      : `${capitalise(count(phases.length, 'phase'))}, ${days(plan.days)}${plan.ends ? `, until ${month(plan.ends)}` : ''}`,
    first_steps: !first
      ? 'No first step is scheduled'
      : `Start with ${count(a.first_steps.length, 'step')} in ${first.name}${first.start ? `, from ${month(first.start)}` : ''}`,
    risks: !a.risks.length
      ? 'No delivery risk stands out in the data'
      : `${capitalise(count(a.risks.length, 'risk'))}; the most serious: ${riskPhraseOf(a.risks[0]!.kind)}`,
    training: !t
      ? 'The team is not recorded yet'
      : `${capitalise(count(new Set(t.needs.map((n) => n.person)).size, 'person needs', 'people need'))} training${t.hires_total ? `, ${count(t.hires_total, 'place')} to hire` : ''}`,
    ask: askTitle(a),
  };
}

/** The to-build statements of the solution model, split by whether the plan builds them. */
function futureCounts(a: Assessment) {
  const statements = a.solution_model.perspectives.flatMap((p) => p.practices.flatMap((x) => x.statements));
  const build = statements.filter((s) => s.status === 'to-build');
  const scheduled = build.filter((s) => s.phase !== null);
  const order = a.roadmap.phases.map((p) => p.id);
  const last = scheduled.reduce<string | null>((acc, s) => (acc === null || order.indexOf(s.phase!) > order.indexOf(acc) ? s.phase : acc), null);
  return {
    total: statements.length,
    inPlace: a.solution_model.in_place,
    toBuild: build.length,
    scheduled: scheduled.length,
    unscheduled: build.filter((s) => s.phase === null && s.recommendation !== null).length,
    noRecommendation: build.filter((s) => s.recommendation === null).length,
    notAssessed: a.solution_model.not_assessed,
    last: last === null ? undefined : phaseOf(a, last),
  };
}

/** The solution model in one sentence: how much of the future state holds today, and what the plan builds by when. */
export function futureStateSentence(a: Assessment): string {
  if (nothingAssessed(a)) return 'The future state cannot be drawn yet: no practice has been assessed.';
  const c = futureCounts(a);
  if (!c.total) return 'No practice has a target beyond the initial level (1), so there is no future state to describe.';
  const head = `${possessive(a.engagement.client)} future release management comes down to ${count(c.total, 'element')} across the five perspectives`;
  if (!c.toBuild && !c.notAssessed) return `${head}, and ${c.total === 1 ? 'it holds' : 'all of them hold'} today.`;
  const by = c.last?.end ? `, by ${date(c.last.end)}` : '';
  let build = '';
  if (c.toBuild && c.scheduled === c.toBuild)
    build = `; this plan builds the ${c.notAssessed ? `${numberWord(c.toBuild)} missing` : `other ${numberWord(c.toBuild)}`}${by}`;
  else if (c.toBuild) {
    const parts: string[] = [];
    if (c.scheduled) parts.push(`${numberWord(c.scheduled)} by this plan${c.last?.end ? ` (by ${date(c.last.end)})` : ''}`);
    if (c.unscheduled) parts.push(`${numberWord(c.unscheduled)} when more capacity is found`);
    if (c.noRecommendation) parts.push(`${numberWord(c.noRecommendation)} with no recommendation in the model yet`);
    build = `; ${numberWord(c.toBuild)} ${c.toBuild === 1 ? 'is' : 'are'} to be built: ${list(parts)}`;
  }
  const unknown = c.notAssessed
    ? `; ${numberWord(c.notAssessed)} cannot be judged until ${c.notAssessed === 1 ? 'its practice is' : 'their practices are'} assessed`
    : '';
  return `${head}: ${numberWord(c.inPlace)} ${c.inPlace === 1 ? 'is' : 'are'} in place today${build}${unknown}.`;
}

/** The "future direction" slide's action title. */
export function futureDirectionTitle(a: Assessment): string {
  if (nothingAssessed(a)) return 'The future state is drawn once practices are assessed';
  const c = futureCounts(a);
  if (!c.total) return 'No future state is targeted yet';
  if (!c.toBuild && !c.notAssessed) return 'The future state is already in place';
  const by = c.last?.end ? ` by ${month(c.last.end)}` : '';
  const rest = c.scheduled === c.toBuild && !c.notAssessed ? `the rest built${by}` : c.scheduled ? `${c.scheduled} more${by}` : `${c.toBuild} still to build`;
  return `The future state: ${c.inPlace} of ${c.total} elements in place, ${rest}`;
}

/** How the plan serves the strategic goals, and how much of it is hygiene. */
export function alignmentSentence(a: Assessment): string {
  const t = a.traceability;
  const recs = a.recommendations.length;
  let hygiene = '';
  if (a.requirements.length && recs) {
    const k = t.hygiene.length;
    if (k === recs)
      hygiene = recs === 1 ? ' The one recommendation serves no requirement or goal.' : ` None of the ${recs} recommendations serves a requirement or goal.`;
    else if (k)
      hygiene = ` ${capitalise(count(k, 'recommendation'))} of the ${recs} ${k === 1 ? 'serves' : 'serve'} no requirement or goal: hygiene work, kept for the maturity it adds.`;
    else hygiene = ` Every recommendation serves a requirement${t.goals.length ? ' and so a goal' : ''}, directly or as a prerequisite.`;
  }
  if (!t.goals.length) {
    return a.requirements.length
      ? `No strategic goals are recorded, so the plan is traced to the requirements only.${hygiene}`
      : `No strategic goals or requirements are recorded, so the plan cannot be traced to them.${hygiene}`;
  }
  const by = (s: string) => t.goals.filter((g) => g.status === s).length;
  const reached = by('met') + by('planned');
  const order = a.roadmap.phases.map((p) => p.id);
  const last = t.goals
    .filter((g) => g.status === 'planned')
    .reduce<string | null>((acc, g) => (acc === null || order.indexOf(g.reaches_target!) > order.indexOf(acc) ? g.reaches_target : acc), null);
  const when = last ? ` by the end of ${phaseLabel(a, last)}, ${date(phaseOf(a, last)?.end)}` : reached ? ' today' : '';
  const n = t.goals.length;
  const rest: string[] = [];
  if (by('not-on-plan'))
    rest.push(
      `${by('not-on-plan') === n ? (n === 1 ? 'it needs' : n === 2 ? 'both need' : `all ${numberWord(n)} need`) : `${numberWord(by('not-on-plan'))} ${by('not-on-plan') === 1 ? 'needs' : 'need'}`} work that does not fit the phases' capacity`,
    );
  if (by('unknown')) rest.push(`${numberWord(by('unknown'))} cannot be judged yet`);
  if (by('no-requirements'))
    rest.push(
      `${numberWord(by('no-requirements'))} ${by('no-requirements') === 1 ? 'has' : 'have'} no requirement serving ${by('no-requirements') === 1 ? 'it' : 'them'}`,
    );
  const lead =
    reached === n
      ? `The plan reaches ${n === 1 ? 'the strategic goal' : `all ${n} strategic goals`}${when}`
      : reached === 0
        ? `The plan as scheduled reaches none of the ${n} strategic goals`
        : `The plan reaches ${reached} of the ${n} strategic goals${when}`;
  return `${lead}${rest.length ? `${reached === 0 ? ':' : ';'} ${list(rest)}` : ''}.${hygiene}`;
}

/** The size of the programme: its deliverables and the people it needs. */
export function scopeSentence(a: Assessment): string {
  const s = a.size_and_scope;
  const busy = s.phases.filter((p) => p.recommendations.length);
  if (!busy.length)
    return nothingAssessed(a) ? 'There is no programme yet: nothing has been assessed.' : 'No work is scheduled, so the programme has no deliverables.';
  const ftes = busy.map((p) => p.fte).filter((x): x is number => x !== null);
  const roles = new Set(busy.flatMap((p) => p.roles.map((r) => r.role).filter((r): r is string => r !== null)));
  const unowned = busy.some((p) => p.roles.some((r) => r.role === null));
  // The busiest phase sets the staffing: "up to 2 people full time".
  const peak = ftes.length ? maxOf(ftes) : null;
  const people =
    peak === null
      ? null
      : `${busy.length > 1 ? 'up to ' : ''}${peak < 0.05 ? 'less than 0.1' : num(peak)} ${num(peak) === '1' ? 'person' : 'people'} full time`;
  const from = roles.size
    ? `, drawn from ${count(roles.size, 'role')}${unowned ? ' (and work whose owner is still to be named)' : ''}`
    : unowned
      ? ', whose owners are still to be named'
      : '';
  const over = `Over ${count(busy.length, 'phase')} the programme`;
  if (!s.deliverables) return `${over} ${people ? `needs ${people}${from}` : `has work${from}`}; the model names no deliverables for its recommendations.`;
  return `${over} produces ${count(s.deliverables, 'deliverable')}${people ? `, and needs ${people}${from}` : from}.`;
}
