/**
 * The data every deliverable template receives (`relm templates context` prints it): assessment.json joined
 * with the texts of the engagement and the model, with the headline sentences computed once (headlines.ts),
 * so every deliverable says the same thing the same way. Nothing here computes a figure of its own.
 */
import type { Engagement, EvidenceRef, PersonRef } from '../engagement/types.js';
import type { Assessment, PracticeResult, ReleaseAnalysis } from '../engine/types.js';
import { loadBuiltinModel } from '../model/builtin.js';
import { PERSPECTIVES, type Model, type Perspective } from '../model/types.js';
import * as H from './headlines.js';
import { benchmarkView } from './benchmark-view.js';
import type { Portfolio } from '../engine/portfolio.js';
import { integrationView, namesOf, phaseKpiMilestones, recommendationViews, riskPhrase, riskViews, statusText, type Names } from './plan-view.js';
import { alignmentView, futureHighlights, scopeView, solutionModelView } from './solution-view.js';
import { capitalise, count, possessive, date, days, metricName, metricValue, money, num, numberWord, pct, pluralFigure, score } from './words.js';
import { respondentDisagreementsView } from './respondents-view.js';
import { largestGapIds, largestGapsTitle } from './gap-lists.js';
import { questionnaireRecords } from '../engine/sources.js';
import { businessCaseView } from './business-case.js';

export { PERSPECTIVE_NAMES } from './headlines.js';
const PERSPECTIVE_NAMES = H.PERSPECTIVE_NAMES;

/**
 * The model's texts about the engagement: the question each perspective answers and the phases of an engagement.
 * A model that leaves them out takes the built-in model's; one with `engagement_phases: []` names no phases.
 */
function modelTexts(model: Model) {
  const builtin = loadBuiltinModel();
  const questions = { ...builtin.perspectives, ...model.perspectives };
  return {
    question: (k: Perspective): string | null => questions[k]?.question ?? null,
    phases: (model.engagement_phases ?? builtin.engagement_phases ?? []).map((p) => ({ name: p.name, summary: p.summary })),
  };
}

const RAG_TEXT = { green: 'at target', amber: 'within one level', red: 'more than one level short', none: 'not assessed' } as const;

function personLine(p: PersonRef): string {
  return p.role ? `${p.name}, ${p.role}` : p.name;
}

function practiceStatus(p: PracticeResult): string {
  if (p.na) return 'not applicable';
  if (!p.assessed) return 'not assessed';
  if (p.method === 'rating') return 'quick rating';
  return 'assessed';
}

export interface ViewOptions {
  /** The logo as a data URI (relm.yaml branding.logo, read by the command). */
  logo?: string | null;
  /** At most this many rows in long tables (the full lists are in assessment.json). */
  maxRows?: number;
  /** The benchmark of relm.yaml `benchmark` (read by the command), to place the client against. */
  benchmark?: Portfolio | null;
}

/** A long list cut for print: the first `max` rows, and how many more there are. */
function capped<T>(rows: readonly T[], max: number) {
  return { rows: rows.slice(0, max), more: Math.max(0, rows.length - max), total: rows.length, total_text: num(rows.length) };
}

/** The data the templates see: the assessment joined with the engagement's texts. */
export function reportView(a: Assessment, e: Engagement, opts: ViewOptions = {}) {
  const names = namesOf(a, e);
  const m = e.manifest.engagement;
  const currency = a.engagement.currency;
  const maxRows = opts.maxRows ?? 60;
  const modelPractices = new Map(e.model.practices.map((p) => [p.id, p]));
  const practices = a.practices.map((p) => {
    const state = e.practices.practices[p.id] ?? {};
    const mp = modelPractices.get(p.id)!;
    const answers = state.answers ?? {};
    const rag = p.rag;
    return {
      ...p,
      perspective_name: PERSPECTIVE_NAMES[p.perspective],
      description: mp.description ?? null,
      status: practiceStatus(p),
      rag,
      rag_text: RAG_TEXT[rag],
      score_text: score(p.score),
      target_text: p.target === null ? 'n/a' : num(p.target),
      gap_text: score(p.gap),
      level_text: p.level === null ? 'n/a' : String(p.level),
      notes: state.notes ?? state.na ?? null,
      evidence_refs: [...(state.evidence ?? []), ...Object.values(answers).flatMap((x) => (x && typeof x === 'object' ? (x.evidence ?? []) : []))].map(
        (r: EvidenceRef) => ({ title: r.title, ref: r.ref ?? null, date: r.date ?? null }),
      ),
      sources: state.sources ?? [],
      levels: (p.level_scores ?? []).map((value, i) => ({ level: i + 1, value, text: p.na_levels.includes(i + 1) ? 'n/a' : pct(value) })),
      criteria: mp.criteria.map((c) => {
        const x = answers[c.id];
        return {
          level: c.level,
          text: c.text,
          answer: x === undefined || x === null ? 'unanswered' : typeof x === 'string' ? x : x.answer,
          notes: x && typeof x === 'object' ? (x.notes ?? null) : null,
        };
      }),
    };
  });
  const byId = new Map(practices.map((p) => [p.id, p]));
  const recs = recommendationViews(a, e, names);
  const recById = new Map(recs.map((r) => [r.id, r]));
  // Every gap list in the engine's one order (summary.gap_order, summary.practice_gaps): no renderer sorts.
  const gapOrder = a.summary.gap_order.map((id) => byId.get(id)!);
  const reachEnd = (phase: string | null) => a.roadmap.phases.find((p) => p.id === phase)?.end ?? null;
  const requirements = a.requirements.map((t) => {
    const req = (e.target.requirements ?? []).find((r) => r.id === t.id);
    return {
      rank: t.rank,
      title: t.title,
      description: req?.description ?? null,
      status: t.status,
      status_text: statusText(a, t.status, t.reaches_target),
      practices: t.practices.map((id) => byId.get(id)).filter((p) => p !== undefined),
      practice_names: t.practices.map(names.practice),
      metrics: t.metrics.map((x) => ({
        name: capitalise(metricName(x.name)),
        value: metricValue(x.name, x.value),
        target: x.target === null ? 'no target' : metricValue(x.name, x.target),
        // When the metric meets its target: today, or at the end of the phase that meets the requirement (the
        // engine's milestone date, the same one the plan's milestones and the Gantt show).
        met:
          x.met === true
            ? 'met today'
            : x.met === false
              ? t.status === 'planned' && reachEnd(t.reaches_target)
                ? `met by ${date(reachEnd(t.reaches_target)!)}`
                : 'not met'
              : 'no data',
        // The same, for the requirements table after "now, target …": nothing where there is no data (said already).
        when:
          x.met === true
            ? 'met today'
            : x.met === false && t.status === 'planned' && reachEnd(t.reaches_target)
              ? `met by ${date(reachEnd(t.reaches_target)!)}`
              : null,
      })),
      recommendations: t.recommendations.length,
      by_scenario: a.scenarios.map((s) => {
        const r = s.requirements.find((x) => x.id === t.id);
        return r
          ? r.status === 'met'
            ? 'today'
            : r.status === 'planned'
              ? names.phase(r.reaches_target!)
              : r.status === 'unknown'
                ? 'cannot judge'
                : 'not met'
          : 'n/a';
      }),
    };
  });
  const kpiMilestones = phaseKpiMilestones(a);
  const phases = a.roadmap.phases.map((p, k) => {
    const completes = a.requirements.filter((t) => t.status === 'planned' && t.reaches_target === p.id);
    return {
      ...p,
      index: k + 1,
      label: `Phase ${k + 1}: ${p.name}`,
      dates:
        p.status === 'past' ? `ended ${date(p.end)}` : p.start && p.end ? `${date(p.start)} – ${date(p.end)}` : p.end ? `until ${date(p.end)}` : 'no dates',
      end_text: date(p.end),
      start_text: p.start ? date(p.start) : null,
      // A metric's target is a milestone at the end of the last phase whose work moves it.
      milestone_kpis: kpiMilestones[k]!,
      effort: days(p.used_days),
      effort_days: num(p.used_days),
      capacity: p.capacity_days === null ? 'no limit' : days(p.capacity_days),
      capacity_days: p.capacity_days === null ? 'no limit' : num(p.capacity_days),
      cost_text: p.cost !== null ? money(p.cost, currency) : null,
      recs: p.recommendations.map((id) => recById.get(id)!),
      outcomes: completes.map((t) => `Requirement met: ${t.title}`),
      met_by_end: a.summary.requirements.by_phase[k]?.met ?? 0,
    };
  });
  const s = a.summary;
  const texts = modelTexts(e.model);
  const perspectives = PERSPECTIVES.map((k) => {
    const per = a.perspectives[k];
    const own = per.practices.map((id) => byId.get(id)!);
    const weakest = per.weakest_practice ? byId.get(per.weakest_practice) : undefined;
    const rag = per.rag;
    return {
      id: k,
      name: PERSPECTIVE_NAMES[k],
      question: texts.question(k),
      ...per,
      score_text: score(per.score),
      target_text: score(per.target),
      gap_text: score(per.gap),
      rag,
      rag_text: RAG_TEXT[rag],
      practices: own,
      lead:
        per.score === null
          ? `No practice of ${PERSPECTIVE_NAMES[k]} has been assessed.`
          : `${PERSPECTIVE_NAMES[k]} scores ${score(per.score)} against a target of ${score(per.target)}${weakest ? `; its weakest practice is ${weakest.name} (${score(weakest.score)})` : ''}.`,
    };
  });
  const headlines = {
    answer: H.answerSentence(a),
    position: H.positionSentence(a),
    evidence: H.evidenceSentence(a),
    largest_gaps: H.largestGapsSentence(a),
    status: H.statusSentence(a),
    requirements: H.requirementsSentence(a),
    plan: H.planSentence(a),
    release: H.releaseSentence(a.releases),
    backlog: H.backlogSentence(a),
    close: H.closeSentence(a),
    training: H.trainingSentence(a),
    scenario: H.scenarioSentence(a),
    bridge: H.bridgeSentence(a),
    ask: H.askSentence(a),
    decide: H.decideSentence(a),
    done: H.doneSentence(a),
    risks: H.risksSentence(a, riskPhrase),
    future_state: H.futureStateSentence(a),
    alignment: H.alignmentSentence(a),
    scope: H.scopeSentence(a),
  };
  const businessCase = businessCaseView(a);
  const titles = { ...H.slideTitles(a, riskPhrase), future: H.futureDirectionTitle(a), value: businessCase.title };
  const firstSteps = a.first_steps.map((id) => recById.get(id)!);
  const firstPhase = phases.find((p) => p.recommendations.length) ?? null;
  return {
    client: m.client,
    client_possessive: possessive(m.client),
    title: a.engagement.title,
    as_of: a.as_of,
    as_of_text: date(a.as_of),
    // The cover's date: the assessment's as_of, and the decision date the deliverables ask for when it is later.
    cover_date_text:
      a.decision?.decide_by && a.decision.decide_by > a.as_of
        ? `Assessment as of ${date(a.as_of)} · for decision by ${date(a.decision.decide_by)}`
        : date(a.as_of),
    assessed: e.practices.assessed ?? null,
    horizon: e.target.horizon ?? null,
    horizon_text: e.target.horizon ? date(e.target.horizon) : null,
    consultants: (m.consultants ?? []).map(personLine),
    sponsor: m.sponsor ? personLine(m.sponsor) : null,
    /** When the decision is due (relm.yaml decision_date, else the report's delivery in plan.yaml). */
    decide_by_text: a.decision?.decide_by ? date(a.decision.decide_by) : null,
    logo: opts.logo ?? null,
    model: {
      name: e.model.name,
      version: e.model.version,
      practices: e.model.practices.length,
      criteria: e.model.practices.reduce((n, p) => n + p.criteria.length, 0),
    },
    nothing_assessed: H.nothingAssessed(a),
    headlines,
    titles,
    overall: {
      ...a.overall,
      weakest_name: a.overall.weakest ? PERSPECTIVE_NAMES[a.overall.weakest] : null,
      score_text: score(a.overall.score),
      target_text: score(a.overall.target),
      gap_text: score(a.overall.gap),
      percent_text: a.overall.percent_to_target === null ? null : pct(a.overall.percent_to_target),
    },
    counts: {
      practices: s.practices,
      assessed: s.assessed,
      rated: practices.filter((p) => p.method === 'rating').length,
      not_assessed: s.not_assessed,
      na: s.not_applicable,
      // The sources by kind, as the evidence base counts them (one definition: engine/summary.ts evidenceBase).
      documents: a.summary.evidence_base.documents,
      interviews: a.summary.evidence_base.interviews,
      questionnaires: a.summary.evidence_base.respondents,
      observations: a.summary.evidence_base.observations,
    },
    phases: texts.phases,
    phases_in_words: numberWord(texts.phases.length),
    perspectives,
    gap_table: gapOrder,
    top_gaps: largestGapIds(a, 'top_gaps').map((id) => byId.get(id)!),
    largest_gap_rows: largestGapIds(a, 'gaps').map((id) => byId.get(id)!),
    slide_gap_rows: largestGapIds(a, 'top_gaps_slide').map((id) => byId.get(id)!),
    gaps_heading: largestGapsTitle(a, 'gaps', 'practice'),
    requirements,
    currency,
    day_rate: a.engagement.day_rate,
    day_rate_text: a.engagement.day_rate !== null ? money(a.engagement.day_rate, currency) : null,
    first_steps: firstSteps,
    plan: planSection(a, e, names, recs, phases, firstPhase),
    business_case: businessCase,
    future_state: { ...solutionModelView(a, names), highlights: futureHighlights(a) },
    alignment: alignmentView(a, names, (status, reaches) => statusText(a, status, reaches)),
    scope_by_phase: scopeView(a, names),
    risks: riskViews(a, names),
    evidence: practices.filter((p) => p.evidence_refs.length).map((p) => ({ name: p.name, refs: p.evidence_refs })),
    calibration: calibrationView(practices),
    respondent_disagreements: respondentDisagreementsView(a, e),
    benchmark: benchmarkView(a, opts.benchmark),
    backlog: backlogView(a, e, names, maxRows),
    releases: releasesView(a, names),
    training: trainingView(a, e, names),
    practices,
    disagreements: disagreementsView(e),
    interviews: e.interviews.map((iv) => ({
      id: iv.id,
      questionnaire: questionnaireRecords(e).has(iv.id),
      date: iv.date,
      date_text: date(iv.date),
      interviewees: (iv.interviewees ?? []).map(personLine),
      practices: (iv.practices ?? []).map(names.practice),
      cited_by: practices.filter((p) => p.sources.includes(iv.id)).map((p) => p.name),
    })),
    observations: (e.observations ?? []).map((ob) => ({
      id: ob.id,
      date: date(ob.date),
      title: ob.title ?? 'Observation',
      observer: ob.observer ?? 'not named',
      practices: (ob.practices ?? []).map(names.practice),
      cited_by: practices.filter((p) => p.sources.includes(ob.id)).map((p) => p.name),
    })),
  };
}

export type ReportView = ReturnType<typeof reportView>;

function planSection<P extends { id: string }>(
  a: Assessment,
  e: Engagement,
  names: Names,
  recs: ReturnType<typeof recommendationViews>,
  phases: P[],
  firstPhase: P | null,
) {
  const currency = a.engagement.currency;
  const total = a.roadmap;
  // Scenarios that place the work the same way are one option (DESIGN §3.1): only the first of each is listed.
  const scenarios = a.scenarios
    .filter((sc) => sc.same_as === null)
    .map((sc) => ({
      name: sc.name,
      recommended: sc.id === a.summary.recommended_scenario,
      capacity: Object.values(sc.capacity).every((v) => v !== null) ? days(Object.values(sc.capacity).reduce((x: number, v) => x + (v ?? 0), 0)) : 'no limit',
      capacity_days: Object.values(sc.capacity).every((v) => v !== null)
        ? num(Object.values(sc.capacity).reduce((x: number, v) => x + (v ?? 0), 0))
        : 'no limit',
      effort: days(sc.total_days),
      effort_days: num(sc.total_days),
      cost: sc.total_cost !== null ? money(sc.total_cost, currency) : 'n/a',
      unscheduled: sc.unscheduled.length,
      reached: sc.requirements_reached,
      of: a.requirements.length,
    }));
  const openBenefit = a.backlog ? a.backlog.open_benefit_total : null;
  return {
    recommendations: recs,
    tactical: recs.filter((r) => r.horizon === 'tactical'),
    strategic: recs.filter((r) => r.horizon === 'strategic'),
    phases,
    first_phase: firstPhase,
    unscheduled: total.unscheduled.map((id) => recs.find((r) => r.id === id)!),
    unscheduled_effort: days(total.unscheduled_days),
    unscheduled_effort_days: num(total.unscheduled_days),
    total_effort: days(total.total_days),
    total_effort_days: num(total.total_days),
    total_cost: total.total_cost !== null ? money(total.total_cost, currency) : null,
    ends_text: a.summary.plan.ends ? date(a.summary.plan.ends) : null,
    scenarios,
    recommended_scenario: scenarios.find((x) => x.recommended) ?? null,
    /** At least two options that differ: only then is there a choice to show. */
    scenarios_differ: a.summary.recommended_scenario !== null,
    scope: {
      recommendations: recs.length,
      tactical: recs.filter((r) => r.horizon === 'tactical').length,
      strategic: recs.filter((r) => r.horizon === 'strategic').length,
      practices: new Set(recs.map((r) => r.practice)).size,
      scheduled: recs.length - total.unscheduled.length,
    },
    open_benefit: openBenefit !== null && openBenefit > 0 ? money(openBenefit, currency) : null,
    integration: integrationView(a, e, recs),
    owners: [...new Set(recs.filter((r) => r.first_step).map((r) => r.owner_text))],
    names,
  };
}

/** The evidence check, for the report: every rule that applied, the disagreements first. */
function calibrationView(practices: readonly (PracticeResult & { name: string })[]) {
  const rows = practices.flatMap((p) =>
    p.evidence.map((ev) => ({
      practice: p.name,
      level: p.level,
      rated: p.method === 'rating',
      confidence: pct(p.confidence),
      metric: capitalise(metricName(ev.metric)),
      value: metricValue(ev.metric, ev.value),
      expected: ev.min_band
        ? `${ev.min_band} band or better`
        : [ev.min !== null ? `at least ${metricValue(ev.metric, ev.min)}` : '', ev.max !== null ? `at most ${metricValue(ev.metric, ev.max)}` : '']
            .filter(Boolean)
            .join(' and '),
      window: ev.window_days ?? null,
      from_level: ev.from_level,
      ok: ev.ok,
      says: ev.says,
    })),
  );
  return {
    checked: rows.length,
    checked_text: count(rows.length, 'check'),
    mismatches: rows.filter((r) => r.ok === false),
    supported: rows.filter((r) => r.ok === true),
    no_data: rows.filter((r) => r.ok === null),
  };
}

/**
 * The items of one proposed release as the calendar lists them: each with its source key before its title, and a
 * title shared by several items (likely duplicates) written once after all their keys (`MR-1, MR-7 Show clinic
 * location map`), so no title is printed twice in one release.
 */
export function releaseEntries(ids: readonly string[], titles: ReadonlyMap<string, string>): string[] {
  const keyOf = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase();
  const byTitle = new Map<string, string[]>();
  for (const id of ids) {
    const t = titles.get(id);
    if (t === undefined) continue;
    const same = byTitle.get(keyOf(t));
    if (same) same.push(id);
    else byTitle.set(keyOf(t), [id]);
  }
  const out: string[] = [];
  const listed = new Set<string>();
  for (const id of ids) {
    const t = titles.get(id);
    if (t === undefined) out.push(id);
    else if (!listed.has(keyOf(t))) {
      listed.add(keyOf(t));
      out.push(`${byTitle.get(keyOf(t))!.join(', ')} ${t}`);
    }
  }
  return out;
}

function backlogView(a: Assessment, e: Engagement, names: Names, maxRows: number) {
  const b = a.backlog;
  if (!b) return null;
  const currency = a.engagement.currency;
  const title = new Map((e.backlog?.items ?? []).map((i) => [i.id, i.title]));
  // The source key beside the title (a reader finds MR-1042 in Jira; a title alone may be anywhere, or twice).
  const keyed = (id: string) => (title.has(id) ? `${id} ${title.get(id)}` : id);
  const item = (id: string) => ({ id, title: title.get(id) ?? id, label: keyed(id) });
  const calendar = b.release_calendar.map((r) => ({
    date: date(r.date),
    items: r.items.length,
    titles: releaseEntries(r.items, title),
    effort: days(r.effort_days),
    effort_days: num(r.effort_days),
    platforms: r.platforms.join(', '),
    oversized: r.oversized,
  }));
  return {
    ...b,
    open_effort: days(b.open_effort_days),
    waits: [
      {
        name: 'Expected wait for a new request',
        value: b.expected_wait_days === null ? 'not moving' : `${num(Math.round(b.expected_wait_days))} days`,
        means: "How long a request made today would wait at today's pace (open items ÷ items delivered per day, Little's law).",
      },
      {
        name: 'Age of the open items',
        value: b.open_age.median_days === null ? 'n/a' : `${num(b.open_age.median_days)} days (median), ${num(b.open_age.max_days)} the oldest`,
        means: 'How long the requests open today have waited so far.',
      },
      {
        name: 'Request lead time',
        value: requestLeadTimeText(a, e),
        means: 'How long the requests delivered in the last releases took, from request to production.',
      },
    ],
    applications: b.applications.map((x) => ({
      name: x.name,
      platform: x.platform ?? '–',
      open: x.open_count,
      effort: num(x.open_effort_days),
      age: x.open_age.median_days === null ? '–' : num(x.open_age.median_days),
      cost: x.open_cost !== null ? money(x.open_cost, currency) : '–',
      benefit: x.open_benefit ? money(x.open_benefit, currency) : '–',
      ratio: x.benefit_cost_ratio === null ? '–' : x.benefit_cost_ratio.toFixed(1),
    })),
    type_mix: b.type_mix.map((t) => ({
      type: capitalise(t.type),
      count: t.count,
      share: pct(t.share),
      reference: t.reference_share === null ? '–' : pct(t.reference_share),
    })),
    close: b.close_not_build.map((c) => ({
      ...item(c.id),
      reason: c.reason === 'duplicate' ? `duplicate of ${c.of.map(keyed).join(', ')}` : `made obsolete by ${c.of.map(keyed).join(', ')}`,
    })),
    candidates: capped(
      b.duplicates.candidates.map((c) => ({ a: item(c.a), b: item(c.b), similarity: pct(c.similarity) })),
      Math.min(maxRows, 15),
    ),
    emergencies: b.emergency_open.map(item),
    calendar: capped(calendar, maxRows),
    calendar_items: b.calendar_items,
    calendar_effort: days(b.calendar_effort_days),
    // The engine counts the cadence from the decision date when it is after as_of: say so.
    cadence: `every ${count(b.release_policy.cadence_days, 'day')}${
      a.decision?.decide_by && a.decision.decide_by > a.as_of ? ` after the decision on ${date(a.decision.decide_by)}` : ''
    }, up to ${days(b.release_policy.capacity_days_per_release)} a release`,
    names,
  };
}

/** The four DORA metrics as the documents show them: measured value (null: no data), band, target, thresholds. */
export function doraMetrics(r: ReleaseAnalysis) {
  const t = r.targets;
  const row = (key: keyof ReleaseAnalysis['bands'], thresholds: string) => ({
    key,
    name: capitalise(metricName(key)),
    value: r[key] === null ? null : metricValue(key, r[key]),
    band: r.bands[key],
    target: t[key] !== undefined ? metricValue(key, t[key]!) : null,
    thresholds,
  });
  return [
    row('deployment_frequency_per_week', 'elite 7 or more a week, high 1 or more, medium 1 or more a month'),
    row('lead_time_days', 'elite under 1 day, high up to a week, medium up to a month'),
    row('change_failure_rate', 'elite up to 5%, high up to 10%, medium up to 15%'),
    row('recovery_hours', 'elite under 1 hour, high under a day, medium up to a week'),
  ];
}

/**
 * A DORA figure with the sample it stands on where a rate is a share of few releases: the change failure rate
 * reads "20% (1 of 5 releases)", so that a rate from one failure in five is not taken for a trend.
 */
export function withSample(key: string, value: string | null, r: ReleaseAnalysis): string {
  if (value === null) return 'no data';
  if (key === 'change_failure_rate' && r.change_failure_rate !== null && r.outcome_known && r.failed !== undefined)
    return `${value} (${r.failed} of ${pluralFigure(r.outcome_known, 'release')} with a known outcome)`;
  return value;
}

function releasesView(a: Assessment, names: Names) {
  const r = a.releases;
  if (!r) return null;
  const rate = (x: { count: number; known: number; success_rate: number | null }) => ({
    count: x.count,
    known: x.known,
    success: x.success_rate === null ? 'no data' : pct(x.success_rate),
  });
  return {
    ...r,
    band_name: r.band ?? 'no data',
    dora: doraMetrics(r).map((x) => ({ ...x, value: withSample(x.key, x.value, r), band: x.band ?? 'no data', target: x.target ?? 'none' })),
    rework: r.rework_rate === null ? 'no data' : pct(r.rework_rate),
    emergency: r.emergency_share === null ? 'no data' : pct(r.emergency_share),
    unknown_outcomes: r.outcome_unknown,
    by_type: Object.entries(r.success_rate_by_type).map(([k, v]) => ({ name: capitalise(k), ...rate(v) })),
    by_application: Object.entries(r.success_rate_by_application).map(([k, v]) => ({ name: names.application(k), ...rate(v) })),
  };
}

function trainingView(a: Assessment, e: Engagement, names: Names) {
  const t = a.training;
  if (!t) return null;
  const currency = a.engagement.currency;
  // The catalogue in force: team.yaml's entries over the model's.
  const catalogue = new Map([...(e.model.skills ?? []), ...(e.team?.skills ?? [])].map((s) => [s.id, s]));
  const course = new Map(t.skills.map((s) => [s.id, s]));
  return {
    ...t,
    people_count: new Set(t.needs.map((n) => n.person)).size,
    needs: t.needs.map((n) => ({
      person: names.person(n.person),
      role: names.role(n.role),
      skill: names.skill(n.skill),
      current: n.current,
      required: n.required,
      gap: n.gap,
    })),
    courses: t.skills
      .filter((s) => !s.no_course)
      .map((s) => ({
        name: s.name,
        course: s.course,
        people: s.people.map(names.person),
        participants: s.people.length,
        course_days: num(s.course_days),
        participant_days: num(s.participant_days),
        cost: money(s.cost, currency),
        needed_for: s.needed_for ? names.phase(s.needed_for) : 'the role itself (no phase of the plan needs it first)',
      })),
    no_course_skills: t.skills.filter((s) => s.no_course).map((s) => ({ name: s.name, people: s.people.map(names.person) })),
    schedule: t.schedule.map((x) => ({
      course: x.course ?? names.skill(x.skill),
      skill: names.skill(x.skill),
      mode: catalogue.get(x.skill)?.training?.mode ?? 'not stated',
      start: date(x.start),
      end: date(x.end),
      course_days: num(x.course_days),
      participant_days: num(x.participant_days),
      people: x.people.map(names.person),
      // Courses start after the decision, so one the first phase needs may run into it: flagged late by the engine.
      needed_for: !x.needed_for ? 'the role itself (no phase of the plan needs it first)' : `${names.phase(x.needed_for)}, which starts ${date(x.needed_from)}`,
      late: x.late,
      cost: money(course.get(x.skill)?.cost ?? 0, currency),
    })),
    // People to train per role: those holding it whose skills fall short (the headline counts people too).
    roles: t.roles.map((r) => ({ ...r, name: r.name, people_to_train: new Set(t.needs.filter((n) => n.role === r.id).map((n) => n.person)).size })),
    to_train: t.roles.filter((r) => t.needs.some((n) => n.role === r.id)),
    hires: t.roles.filter((r) => r.hires > 0),
    single_points: t.single_points.map((s) => ({ skill: s.name, person: names.person(s.person) })),
    total_participant_days: days(t.total_days, 'participant-days'),
    total_course_days: days(t.total_course_days, 'course days'),
    total_cost_text: money(t.total_cost, currency),
  };
}

/** The answers interviewees gave differently and that are not settled yet, for the report's appendix. */
function disagreementsView(e: Engagement) {
  const from = (list: string[] | undefined) => (list?.length ? ` (${list.join(', ')})` : '');
  return e.model.practices.flatMap((p) =>
    p.criteria.flatMap((c) => {
      const a = e.practices.practices[p.id]?.answers?.[c.id];
      // A workshop decision settles the disagreement.
      if (!a || typeof a !== 'object' || !a.disagreements?.length || a.decision) return [];
      return [
        {
          practice: p.name,
          criterion: c.id,
          text: c.text,
          answer: `${a.answer}${from(a.sources)}`,
          others: a.disagreements.map((d) => `${d.answer}${from(d.sources)}${d.notes ? `: ${d.notes}` : ''}`),
        },
      ];
    }),
  );
}

/**
 * The request lead time as the backlog table states it: the median, or why there is none. It is measured from a
 * request's date to the release that shipped it, so it needs releases that list the requests they delivered; a
 * request's close date alone does not say when it reached production.
 */
export function requestLeadTimeText(a: Assessment, e: Engagement): string {
  const r = a.releases;
  if (r?.request_lead_time_days != null) return `${num(r.request_lead_time_days)} days (median)`;
  if (!r?.count) return 'no data: no releases are recorded in the period';
  if (!(e.releases?.releases ?? []).some((x) => (x.items ?? []).length))
    return 'no data: the releases do not record which requests they delivered, and a close date alone does not say when a request reached production';
  return 'no data: none of the requests the releases delivered has a request date before its release';
}
