import type { Engagement } from '../engagement/types.js';
import { PERSPECTIVES, type Perspective } from '../model/types.js';
import { analyseBacklog } from './backlog.js';
import { checkEvidence, metricValue, type EvidenceWindow, type MetricSource } from './evidence.js';
import { traceRequirements } from './requirements.js';
import { deliveryScenarios, recommendedScenario } from './scenarios.js';
import { decide, decisionDate } from './decision.js';
import { allRecommendations, recommendationDeliverables, triggerRecommendations } from './recommendations.js';
import { DEFAULT_WINDOW_DAYS } from './defaults.js';
import { analyseReleases } from './releases.js';
import { firstSteps, planMilestones, scheduleRoadmap, type Timing } from './roadmap.js';
import { evidenceBase, summarise } from './summary.js';
import { metricTargets, recommendationKpis } from './kpis.js';
import { deriveRisks } from './risks.js';
import { planTraining, recordsPeople, type SkillNeed } from './training.js';
import { criterionStates, gapOf, ragOf, scorePractice, weightedMean } from './scoring.js';
import { criterionSupport, reconcile } from './reconcile.js';
import { sizeAndScope } from './scope.js';
import { solutionModel } from './solution-model.js';
import { traceAlignment } from './traceability.js';
import { businessCaseOf } from './value.js';
import type { Assessment, Overall, PerspectiveResult, PracticeResult, RecommendationResult, Roadmap } from './types.js';
import { WorkingDays } from '../util/workdays.js';
import { targetOf } from '../engagement/targets.js';

/** Practice results in the model's order (docs/formulas.md); `support`: the respondents' backing of each criterion (confidence). */
export function assessPractices(e: Engagement, support = criterionSupport(reconcile(e.model, e.practices, e.responses))): PracticeResult[] {
  return e.model.practices.map((p): PracticeResult => {
    const s = scorePractice(p, e.practices.practices[p.id], support);
    const assessed = s.score !== null;
    const target = s.method === 'na' ? null : targetOf(e.target.targets, p.id);
    const gap = assessed && target !== null ? gapOf(s.levelScores!, target) : null;
    return {
      id: p.id,
      name: p.name,
      perspective: p.perspective,
      weight: p.weight ?? 1,
      assessed,
      na: s.method === 'na',
      method: s.method,
      score: s.score,
      level: s.level,
      level_scores: s.levelScores,
      na_levels: s.naLevels,
      target,
      // What is missing up to the target: work above it never offsets a hole below it.
      gap,
      in_place: gap === null ? null : target! - gap,
      rag: ragOf(gap, assessed),
      coverage: s.coverage,
      confidence: s.confidence,
      evidence: [],
    };
  });
}

/**
 * Perspective figures: weighted means (model weights) over the assessed practices; target and gap
 * over the assessed practices that have a target.
 */
export function assessPerspectives(
  practices: readonly PracticeResult[],
  weights: Partial<Record<Perspective, number>> = {},
): Record<Perspective, PerspectiveResult> {
  const out = {} as Record<Perspective, PerspectiveResult>;
  for (const k of PERSPECTIVES) {
    const own = practices.filter((p) => p.perspective === k);
    const scored = own.filter((p) => p.assessed);
    const targeted = scored.filter((p) => p.target !== null);
    const score = weightedMean(scored.map((p) => ({ value: p.score, weight: p.weight })));
    const gap = weightedMean(targeted.map((p) => ({ value: p.gap, weight: p.weight })));
    // The weakest practice: the lowest score, a tie going to the first in the model's order.
    const weakest = scored.reduce<PracticeResult | null>((w, p) => (w === null || p.score! < w.score! ? p : w), null);
    out[k] = {
      score,
      target: weightedMean(targeted.map((p) => ({ value: p.target, weight: p.weight }))),
      gap,
      // + 0: a weight written -0 weighs (and reads) 0.
      weight: (weights[k] ?? 1) + 0,
      practices: own.map((p) => p.id),
      rag: ragOf(gap, score !== null),
      weakest_practice: weakest?.id ?? null,
    };
  }
  return out;
}

/**
 * Overall figures: perspective means weighted by relm.yaml `weights`. Percent to target = 1 − G/T of the overall
 * gap and target themselves (docs/formulas.md), so a reader can recompute it from the figures beside it: 1 when the
 * target is 0, null when nothing is assessed or nothing has a target.
 */
export function assessOverall(perspectives: Record<Perspective, PerspectiveResult>, practices: readonly PracticeResult[]): Overall {
  const per = PERSPECTIVES.map((k) => perspectives[k]);
  // The weakest perspective is the one with the lowest score; a tie goes to the first in the schema's order.
  let weakest: Perspective | null = null;
  for (const k of PERSPECTIVES) {
    const s = perspectives[k].score;
    if (s !== null && (weakest === null || s < perspectives[weakest].score!)) weakest = k;
  }
  const target = weightedMean(per.map((p) => ({ value: p.target, weight: p.weight })));
  const gap = weightedMean(per.map((p) => ({ value: p.gap, weight: p.weight })));
  const assessed = practices.some((p) => p.assessed);
  return {
    score: weightedMean(per.map((p) => ({ value: p.score, weight: p.weight }))),
    target,
    gap,
    percent_to_target: !assessed || target === null || gap === null ? null : target === 0 ? 1 : 1 - gap / target,
    weakest,
  };
}

/** The whole assessment: pure, deterministic, no I/O (CONTRIBUTING.md). */
export interface AssessOptions {
  /** The release-metrics window in days (docs/formulas.md: 180). */
  windowDays?: number;
}

/** The scores alone (practices, perspectives, overall), for what reads nothing else: the CI policy of `relm check`. */
export function assessScores(e: Engagement): Pick<Assessment, 'practices' | 'perspectives' | 'overall'> {
  const practices = assessPractices(e);
  const perspectives = assessPerspectives(practices, e.manifest.weights);
  return { practices, perspectives, overall: assessOverall(perspectives, practices) };
}

/**
 * The evidence check alone, for validation: it computes only the sections of the assessment that the
 * applicable rules read (and the duplicate search only when a rule reads backlog.duplicates*), so that
 * `relm validate` stays close to the cost of parsing. Gives the same results as assess().practices.
 */
export function assessEvidence(e: Engagement, opts: AssessOptions = {}): PracticeResult[] {
  const practices = assessPractices(e);
  const level = new Map(practices.map((p) => [p.id, p.level]));
  const metrics = e.model.practices.flatMap((p) => (p.evidence ?? []).filter((r) => (level.get(p.id) ?? -1) >= r.from_level).map((r) => r.metric));
  if (!metrics.length) return practices;
  const needs = (section: string) => metrics.some((m) => m.startsWith(`${section}.`));
  if (needs('overall')) return assess(e, opts).practices; // overall figures need everything
  const m = e.manifest.engagement;
  const partial = {
    backlog:
      needs('backlog') && e.backlog
        ? analyseBacklog(e.backlog, e.target, m.as_of, m.day_rate ?? null, {
            duplicates: metrics.some((x) => x.startsWith('backlog.duplicates')),
            windowDays: opts.windowDays,
          })
        : null,
    releases: needs('releases') && e.releases ? analyseReleases(e.releases, e.backlog, e.target, m.as_of, opts.windowDays ?? DEFAULT_WINDOW_DAYS) : null,
    training: needs('training') && e.team ? planTraining(e.team, e.model.skills, { asOf: m.as_of, days: workingDays(e) }) : null,
  };
  return checkEvidence(practices, e.model.practices, partial, evidenceWindow(e, opts));
}

/** The window of the record metrics, and how to measure one over a rule's own `window_days`. */
function evidenceWindow(e: Engagement, opts: AssessOptions): EvidenceWindow {
  const m = e.manifest.engagement;
  const cache = new Map<number, MetricSource>();
  return {
    windowDays: opts.windowDays ?? DEFAULT_WINDOW_DAYS,
    measure: (metric, days) => {
      if (!cache.has(days)) {
        cache.set(days, {
          backlog: e.backlog ? analyseBacklog(e.backlog, e.target, m.as_of, m.day_rate ?? null, { duplicates: false, windowDays: days }) : null,
          releases: e.releases ? analyseReleases(e.releases, e.backlog, e.target, m.as_of, days) : null,
        });
      }
      return metricValue(cache.get(days)!, metric);
    },
  };
}

/** The engagement's working calendar (relm.yaml `calendar`; default Monday to Friday, no holidays). */
export function workingDays(e: Engagement): WorkingDays {
  return new WorkingDays(e.manifest.calendar);
}

/**
 * When the roadmap's work can happen (DESIGN §3.1): from the working day after as_of and after the decision
 * the plan asks for; progress.yaml's done recommendations are never scheduled again, those in progress are
 * carried into the first open phase.
 */
export function roadmapTiming(e: Engagement, decideBy: string | null, days: WorkingDays): Timing {
  const asOf = e.manifest.engagement.as_of;
  const entries = Object.entries(e.progress?.recommendations ?? {});
  return {
    from: days.after(decideBy && decideBy > asOf ? decideBy : asOf),
    days,
    done: new Set(entries.filter(([, x]) => x.status === 'done').map(([id]) => id)),
    dropped: new Set(entries.filter(([, x]) => x.status === 'dropped').map(([id]) => id)),
    carried: entries.filter(([, x]) => x.status === 'in-progress').map(([id]) => id),
  };
}

/** A recommendation's cost and its alternatives' (effort_days × day rate; null without a day rate or an effort). */
function costs(
  id: string,
  effortDays: number,
  dayRate: number | null,
  alternativesOf: ReadonlyMap<string, readonly { title: string; effort_days?: number }[]>,
): Pick<RecommendationResult, 'cost' | 'alternatives'> {
  const cost = (d: number | null) => (dayRate === null || d === null ? null : d * dayRate);
  return {
    cost: cost(effortDays),
    alternatives: (alternativesOf.get(id) ?? []).map((x) => ({ title: x.title, effort_days: x.effort_days ?? null, cost: cost(x.effort_days ?? null) })),
  };
}

/** Skill id -> the first phase whose scheduled recommendations need it. */
function skillNeeds(recs: readonly RecommendationResult[], roadmap: Roadmap): Map<string, SkillNeed> {
  const byId = new Map(recs.map((r) => [r.id, r]));
  const out = new Map<string, SkillNeed>();
  roadmap.phases.forEach((p, index) => {
    for (const id of p.recommendations)
      for (const skill of byId.get(id)?.skills ?? []) if (!out.has(skill) && p.start) out.set(skill, { phase: p.id, index, start: p.start });
  });
  return out;
}

/** What each triggered recommendation produces: only the deliverables of the parts its unmet criteria ask for. */
function deliverablesOf(e: Engagement, practices: readonly PracticeResult[], recs: readonly RecommendationResult[]): Map<string, string[]> {
  const src = new Map(allRecommendations(e).map((r) => [r.id, r]));
  const method = new Map(practices.map((p) => [p.id, p.method]));
  return new Map(recs.map((r) => [r.id, recommendationDeliverables(src.get(r.id) ?? {}, method.get(r.practice) ?? 'answers', r.criteria)]));
}

/**
 * The whole assessment of a valid engagement (docs/formulas.md). Its `diagnostics` start empty: the command that
 * loaded the files adds their findings and the evidence check's (cli/context.ts loadAssessed).
 */
export function assess(e: Engagement, opts: AssessOptions = {}): Assessment {
  const consensus = reconcile(e.model, e.practices, e.responses);
  const practices = assessPractices(e, criterionSupport(consensus));
  const perspectives = assessPerspectives(practices, e.manifest.weights);
  const m = e.manifest.engagement;
  const dayRate = m.day_rate ?? null;
  const days = workingDays(e);
  const requirements = e.target.requirements ?? [];
  const phases = e.target.phases ?? [];
  const owners = new Map(e.model.practices.filter((p) => p.owner).map((p) => [p.id, p.owner!]));
  const alternativesOf = new Map(allRecommendations(e).map((r) => [r.id, r.alternatives ?? []]));
  const criteria = new Map(e.model.practices.map((p) => [p.id, criterionStates(p, e.practices.practices[p.id])]));
  const triggered = triggerRecommendations(practices, allRecommendations(e), e.manifest.weights ?? {}, requirements, e.target.first ?? [], owners, criteria);
  const decideBy = decisionDate(m.decision_date, e.plan, m.as_of);
  const timing = roadmapTiming(e, decideBy.date, days);
  const releases = e.releases ? analyseReleases(e.releases, e.backlog, e.target, m.as_of, opts.windowDays ?? DEFAULT_WINDOW_DAYS) : null;
  // One plan, one price: the roadmap every deliverable shows schedules the option the decision asks for (the
  // recommended scenario, else the capacity as planned); the other options stay in `scenarios` for comparison.
  const scenarios = deliveryScenarios(e.target, practices, triggered, dayRate, releases, timing);
  const recommended = recommendedScenario(scenarios);
  const chosen = scenarios.find((s) => s.id === recommended) ?? scenarios.find((s) => s.id === 'as-planned');
  const { roadmap, phaseOf, dates } = scheduleRoadmap(triggered, phases, dayRate, chosen?.capacity, timing);
  if (chosen) roadmap.scenario = chosen.id;
  const recommendations = triggered.map((r) => {
    const d = dates.get(r.id);
    return {
      ...r,
      phase: phaseOf.get(r.id) ?? null,
      start: d?.start ?? null,
      end: d?.end ?? null,
      late: d?.late ?? false,
      ...costs(r.id, r.effort_days, dayRate, alternativesOf),
    };
  });
  const traces = traceRequirements(requirements, practices, recommendations, phases, phaseOf, releases, e.target.dora);
  const backlog = e.backlog ? analyseBacklog(e.backlog, e.target, m.as_of, dayRate, { days, windowDays: opts.windowDays, calendarFrom: decideBy.date }) : null;
  const summary = summarise(practices, perspectives, traces, roadmap, recommendations.length, recommended, evidenceBase(e, practices));
  const decision = decide({
    scenarios,
    recommended,
    phases: roadmap.phases,
    dayRate,
    requirements: requirements.length,
    goals: (e.target.goals ?? []).length,
    decideBy,
    decider: m.sponsor ?? null,
    effort: new Map(triggered.map((r) => [r.id, r.effort_days])),
    ended: roadmap.phases.length > 0 && roadmap.phases.every((p) => p.status === 'past'),
    triggered: triggered.length - roadmap.done!.length - (roadmap.dropped?.length ?? 0),
  });
  const assessment: Assessment = {
    relm: 1,
    engagement: {
      client: m.client,
      title: m.title ?? 'Release Management Assessment',
      currency: m.currency ?? 'EUR',
      day_rate: m.day_rate ?? null,
    },
    as_of: m.as_of,
    model: { id: e.model.id, version: e.model.version },
    overall: assessOverall(perspectives, practices),
    perspectives,
    practices,
    backlog,
    releases,
    training: recordsPeople(e.team)
      ? planTraining(e.team, e.model.skills, { asOf: m.as_of, from: timing.from, days, neededBy: skillNeeds(recommendations, roadmap) })
      : null,
    recommendations,
    roadmap,
    first_steps: firstSteps(roadmap, recommendations),
    summary,
    risks: [],
    requirements: traces,
    scenarios,
    decision,
    consensus,
    solution_model: solutionModel(
      e,
      practices,
      recommendations,
      phases.map((p) => p.id),
    ),
    traceability: traceAlignment(
      e.target.goals ?? [],
      requirements,
      traces,
      recommendations,
      phases.map((p) => p.id),
    ),
    size_and_scope: sizeAndScope(roadmap, recommendations, deliverablesOf(e, practices, recommendations), dayRate, days),
    business_case: businessCaseOf(e, { as_of: m.as_of, backlog, roadmap, scenarios, decision }, opts.windowDays ?? DEFAULT_WINDOW_DAYS),
    diagnostics: [],
  };
  // The evidence check and the KPIs read the measured record, so they run on the finished document.
  assessment.practices = checkEvidence(practices, e.model.practices, assessment, evidenceWindow(e, opts));
  const modelPractice = new Map(e.model.practices.map((p) => [p.id, p]));
  const targets = metricTargets(e.model.practices, assessment.practices, e.target.dora);
  assessment.recommendations = recommendations.map((r) => ({ ...r, kpis: recommendationKpis(r, modelPractice.get(r.practice), assessment, targets) }));
  assessment.roadmap.milestones = planMilestones(assessment);
  assessment.risks = deriveRisks(assessment);
  return assessment;
}
