/** The assessment.json document (DESIGN §4; schemas/assessment.schema.json). */
import type { Diagnostic } from '../engagement/diagnostics.js';
import type { Perspective } from '../model/types.js';
import type { Consensus } from './reconcile.js';
import type { SizeAndScope } from './scope.js';
import type { SolutionModel } from './solution-model.js';
import type { Traceability } from './traceability.js';

export interface EvidenceResult {
  metric: string;
  /** The measured value: a number, or a DORA band for `releases.bands.*`; null when there is no data. */
  value: number | string | null;
  min: number | null;
  max: number | null;
  min_band: Band | null;
  from_level: number;
  /** true: the record supports the level; false: it disagrees (evidence-mismatch); null: no data. */
  ok: boolean | null;
  says: string | null;
  /** The days up to as_of a record metric was measured over; null for a metric of the backlog as it stands. */
  window_days: number | null;
}

export interface PracticeResult {
  id: string;
  name: string;
  perspective: Perspective;
  weight: number;
  assessed: boolean;
  na: boolean;
  /** How the score was reached: from criterion answers, a quick rating, or not at all. */
  method: 'answers' | 'rating' | 'na' | 'not-assessed';
  score: number | null;
  level: number | null;
  /** m_1..m_5: the mean answer at each level (for a rating: 1 up to it, 0 above; null when not assessed). */
  level_scores: number[] | null;
  /** Levels whose criteria are all `na`: they do not apply (m_l = 1), shown as "n/a". */
  na_levels: number[];
  target: number | null;
  /** What is missing at the levels up to the target: Σ_{l ≤ T} (1 − m_l) (DESIGN §3, v2). */
  gap: number | null;
  /** target − gap: how much of the target is in place. */
  in_place: number | null;
  coverage: number;
  confidence: number;
  evidence: EvidenceResult[];
}

export interface PerspectiveResult {
  score: number | null;
  target: number | null;
  gap: number | null;
  weight: number;
  practices: string[];
}

export interface Overall {
  /** null when nothing is assessed. */
  score: number | null;
  target: number | null;
  gap: number | null;
  /** 1 − Σ w·gap / Σ w·target over the assessed, targeted practices; null when nothing is assessed. */
  percent_to_target: number | null;
  weakest: Perspective | null;
}

/** The figures every headline sentence is built from (computed here, never in a template). */
export interface Summary {
  practices: number;
  assessed: number;
  not_assessed: number;
  not_applicable: number;
  /** Perspectives with a gap above 0, the largest gap first (ties: DESIGN's perspective order). */
  largest_gaps: { id: Perspective; gap: number }[];
  /** Perspectives with a score, the lowest first (ties: DESIGN's perspective order). */
  weakest: { id: Perspective; score: number }[];
  requirements: {
    total: number;
    met: number;
    planned: number;
    not_on_plan: number;
    unknown: number;
    /** Per phase, how many requirements are met by its end (met now plus planned by then). */
    by_phase: { phase: string; met: number }[];
    /** The phase by whose end every planned requirement is met ("now" when none is planned; null without requirements). */
    all_planned_by: string | null;
  };
  plan: {
    recommendations: number;
    scheduled: number;
    days: number;
    cost: number | null;
    /** The end of the last phase that holds work. */
    ends: string | null;
    first_phase: string | null;
  };
  /** The delivery scenario that meets the most requirements, then the cheapest (DESIGN §3 extension). */
  recommended_scenario: string | null;
}

export interface Assessment {
  relm: 1;
  engagement: { client: string; title: string; currency: string; day_rate: number | null };
  as_of: string;
  model: { id: string; version: string };
  overall: Overall;
  perspectives: Record<Perspective, PerspectiveResult>;
  practices: PracticeResult[];
  backlog: BacklogAnalysis | null;
  releases: ReleaseAnalysis | null;
  training: Training | null;
  recommendations: RecommendationResult[];
  roadmap: Roadmap;
  /** The first recommendations of the first phase, in placing order: the one list of first steps. */
  first_steps: string[];
  summary: Summary;
  /** Delivery risks derived from the data, the most severe first. */
  risks: Risk[];
  /** Extension: requirement → practices → recommendations → phases, with metric targets against the record. */
  requirements: RequirementTrace[];
  /** Extension: the roadmap under other capacities. */
  scenarios: Scenario[];
  /** Extension: the respondents' answers (responses/*.yaml) against the consensus; null when none returned. */
  consensus?: Consensus | null;
  /** The future state per perspective and practice, and the links to the other ITSM processes. */
  solution_model: SolutionModel;
  /** The alignment matrix: goals → requirements → recommendations → phases, and the hygiene work. */
  traceability: Traceability;
  /** Per phase: duration, effort, cost, owner roles and anticipated deliverables. */
  size_and_scope: SizeAndScope;
  diagnostics: Diagnostic[];
}

export interface OpenAge {
  median_days: number | null;
  p90_days: number | null;
  max_days: number | null;
}

export interface ApplicationBacklog {
  id: string;
  name: string;
  platform: string | null;
  criticality: string | null;
  count: number;
  open_count: number;
  open_effort_days: number;
  open_age: OpenAge;
  emergency_count: number;
  throughput_per_30_days: number;
  /** Open effort × day rate (null without a day rate). */
  open_cost: number | null;
  /** Benefit of the open items, in the engagement currency. */
  open_benefit: number;
  /** open_benefit / open_cost, when both are known and the cost is not 0. */
  benefit_cost_ratio: number | null;
  /** Share of the open items that record both effort and benefit. */
  costed_share: number | null;
}

export interface CalendarRelease {
  id: string;
  date: string;
  items: string[];
  effort_days: number;
  platforms: string[];
  /** An item larger than a release's capacity ships alone. */
  oversized: boolean;
}

export interface BacklogAnalysis {
  count: number;
  open_count: number;
  by_application: Record<string, number>;
  by_type: Record<string, number>;
  by_priority: Record<string, number>;
  by_status: Record<string, number>;
  open_age: OpenAge;
  open_effort_days: number;
  /** Open items without effort_days (their effort is unknown, counted as 0). */
  open_unestimated: number;
  throughput_per_30_days: number;
  arrivals_per_30_days: number;
  clearance_months: number | null;
  /** Little's law: open items / throughput, in days: how long a new request would wait at today's pace. */
  expected_wait_days: number | null;
  /** Deprecated alias of expected_wait_days (kept for one version). */
  littles_law_lead_time_days: number | null;
  type_mix: { type: string; count: number; share: number; reference_share: number | null }[];
  applications: ApplicationBacklog[];
  duplicates: { explicit: [string, string][]; candidates: { a: string; b: string; similarity: number }[] };
  obsolete_candidates: string[];
  /** Open items never to be built: recorded duplicates and items a later change makes obsolete. */
  close_not_build: { id: string; reason: 'duplicate' | 'obsolete'; of: string[] }[];
  emergency_open: string[];
  /** All candidate duplicate pairs found (the list above shows the most similar 500); null when not searched. */
  duplicate_candidates_total: number | null;
  /** Candidate duplicates and obsolete candidates per 100 open items (null without open items). */
  duplicates_per_100_open: number | null;
  /** Share of done items that name their approved change (RFC). */
  done_with_change_share: number | null;
  /** Share of open items that record both effort and benefit. */
  costed_share: number | null;
  release_policy: { cadence_days: number; capacity_days_per_release: number; from_target: boolean };
  release_calendar: CalendarRelease[];
}

export type Band = 'low' | 'medium' | 'high' | 'elite';

/** Releases, those with a known outcome, and the share of those that succeeded (null when none is known). */
export interface SuccessRate {
  count: number;
  known: number;
  success_rate: number | null;
}

export interface ReleaseAnalysis {
  window_days: number;
  window_start: string;
  count: number;
  /** Releases in the window whose outcome is recorded: only they count in the change failure rate. */
  outcome_known: number;
  deployment_frequency_per_week: number | null;
  lead_time_days: number | null;
  request_lead_time_days: number | null;
  change_failure_rate: number | null;
  recovery_hours: number | null;
  rework_rate: number | null;
  bands: Record<'deployment_frequency_per_week' | 'lead_time_days' | 'change_failure_rate' | 'recovery_hours', Band | null>;
  band: Band | null;
  emergency_share: number | null;
  /** Multi-platform items shipped in the window whose release did not cover all their platforms, as a share of those items. */
  multi_platform_split_share: number | null;
  success_rate_by_type: Record<string, SuccessRate>;
  success_rate_by_application: Record<string, SuccessRate>;
  /** DORA targets from target.yaml beside the measured values. */
  targets: Partial<Record<'deployment_frequency_per_week' | 'lead_time_days' | 'change_failure_rate' | 'recovery_hours', number>>;
}

export type Bucket = 'high' | 'medium' | 'low';

/** A metric a recommendation moves: the measured baseline and the target (a number, or a DORA band). */
export interface Kpi {
  metric: string;
  baseline: number | string | null;
  target: number | string | null;
  direction: 'at-most' | 'at-least';
  /** The baseline already meets the target: the work keeps it there rather than moves it. */
  met_now: boolean;
}

/** A delivery risk derived from the data (DESIGN §3 extension): what, how likely, how bad, and the figures behind it. */
export interface Risk {
  kind: 'unscheduled-work' | 'no-slack' | 'single-point-of-knowledge' | 'vacancies' | 'late-training' | 'optimistic-scores' | 'failing-releases' | 'unmeasured' | 'backlog-growing';
  likelihood: 'high' | 'medium' | 'low';
  impact: 'high' | 'medium' | 'low';
  /** The ids the risk is about (recommendations, phases, skills, roles, practices, metrics, requirements). */
  subjects: string[];
  /** The figures that support it, by name (days, counts, rates). */
  figures: Record<string, number | string | null>;
}

export interface RecommendationResult {
  id: string;
  practice: string;
  perspective: Perspective;
  level: number;
  /** The levels it covers (DESIGN §3, v2): above the practice's next lower recommendation, up to its own. */
  covers: number[];
  title: string;
  horizon: 'tactical' | 'strategic';
  effort_days: number;
  impact: number;
  urgency: number;
  priority: number;
  bucket: Bucket;
  /** 1-based position of the first requirement naming the practice; null when none does. */
  rank: number | null;
  /** Listed in target.yaml `first`: ranked ahead of the requirements. */
  first: boolean;
  /** The triggered recommendations it waits for (explicit and lower levels of the same practice). */
  depends_on: string[];
  /** Skills the work needs (model `skills`). */
  skills: string[];
  /** The role that owns it: the recommendation's `owner`, else its practice's (null when the model names none). */
  owner: string | null;
  /** The measured metrics it moves (its practice's evidence rules at its level), baseline → target. */
  kpis: Kpi[];
  phase: string | null;
  /** Where it comes from: the model or target.yaml. */
  source: 'model' | 'engagement';
}

export interface RoadmapPhase {
  id: string;
  name: string;
  /** The phase's first working day: after as_of for the first phase, after the previous phase's end for the others. */
  start: string | null;
  end: string | null;
  capacity_days: number | null;
  used_days: number;
  cost: number | null;
  recommendations: string[];
}

export interface Roadmap {
  phases: RoadmapPhase[];
  unscheduled: string[];
  total_days: number;
  total_cost: number | null;
  unscheduled_days: number;
}

export type RequirementStatus = 'met' | 'planned' | 'not-on-plan' | 'unknown';

export interface RequirementMetric {
  name: string;
  target: number | null;
  value: number | null;
  met: boolean | null;
}

export interface RequirementTrace {
  id: string;
  title: string;
  rank: number;
  practices: string[];
  recommendations: string[];
  phases: string[];
  /** met | planned | not-on-plan | unknown (DESIGN §3, v2). */
  status: RequirementStatus;
  /** "now" when met, the phase by whose end it is met when planned, else null. */
  reaches_target: string | null;
  metrics: RequirementMetric[];
  /** Deprecated: the first of `metrics` (kept for one version). */
  metric: RequirementMetric | null;
}

export interface Scenario {
  id: string;
  name: string;
  capacity: Record<string, number | null>;
  total_days: number;
  total_cost: number | null;
  unscheduled: string[];
  phases: { id: string; recommendations: string[]; used_days: number }[];
  requirements: { id: string; status: RequirementStatus; reaches_target: string | null }[];
  /** Requirements met now or planned under this scenario. */
  requirements_reached: number;
}

export interface TrainingNeed {
  person: string;
  role: string;
  skill: string;
  current: number;
  required: number;
  gap: number;
}

export interface Training {
  needs: TrainingNeed[];
  skills: {
    id: string;
    name: string;
    course: string | null;
    /** No course in the catalogue: "source one"; never counted as closed. */
    no_course: boolean;
    people: string[];
    /** Days of the course for one participant (null without a course). */
    course_days: number | null;
    /** course_days × participants. */
    participant_days: number;
    /** Deprecated alias of participant_days. */
    days: number;
    cost: number;
    /** The first roadmap phase whose recommendations need the skill. */
    needed_for: string | null;
  }[];
  roles: { id: string; name: string; headcount: number; holders: number; qualified: number; shortfall: number; hires: number; to_train: number }[];
  /** One session per course on consecutive working days, needed earliest first, one starting each week. */
  schedule: {
    skill: string;
    course: string | null;
    start: string;
    end: string;
    course_days: number;
    people: string[];
    participant_days: number;
    needed_for: string | null;
    needed_from: string | null;
    /** Ends on or after the start of the (later) phase that needs it. */
    late: boolean;
  }[];
  /** Skills people need that have no course in the catalogue. */
  no_course: string[];
  /** Σ shortfall / Σ headcount over the roles (null without headcount). */
  role_shortfall_share: number | null;
  /** Skills a role requires that only one person holds at a proficient level (3) or above. */
  single_points: { skill: string; name: string; person: string }[];
  /** People to hire: roles with fewer people than their headcount. */
  hires_total: number;
  /** Participant-days of training (courses only). */
  total_days: number;
  /** Course days: each course counted once. */
  total_course_days: number;
  total_cost: number;
  catalogue: 'team' | 'model';
}
