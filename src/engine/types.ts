/** The assessment.json document (DESIGN §4; schemas/assessment.schema.json). */
import type { Diagnostic } from '../engagement/diagnostics.js';
import type { Perspective } from '../model/types.js';

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
  /** m_1..m_5: the mean answer at each level (null when not scored from answers). */
  level_scores: number[] | null;
  target: number | null;
  gap: number | null;
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
  score: number | null;
  target: number | null;
  gap: number | null;
  percent_to_target: number;
  weakest: Perspective | null;
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
  /** Extension: requirement → practices → recommendations → phases, with metric targets against the record. */
  requirements: RequirementTrace[];
  /** Extension: the roadmap under other capacities. */
  scenarios: Scenario[];
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
  /** Little's law: open items / throughput, in days. */
  littles_law_lead_time_days: number | null;
  type_mix: { type: string; count: number; share: number; reference_share: number | null }[];
  applications: ApplicationBacklog[];
  duplicates: { explicit: [string, string][]; candidates: { a: string; b: string; similarity: number }[] };
  obsolete_candidates: string[];
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

export interface ReleaseAnalysis {
  window_days: number;
  window_start: string;
  count: number;
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
  success_rate_by_type: Record<string, { count: number; success_rate: number }>;
  success_rate_by_application: Record<string, { count: number; success_rate: number }>;
  /** DORA targets from target.yaml beside the measured values. */
  targets: Partial<Record<'deployment_frequency_per_week' | 'lead_time_days' | 'change_failure_rate' | 'recovery_hours', number>>;
}

export type Bucket = 'high' | 'medium' | 'low';

export interface RecommendationResult {
  id: string;
  practice: string;
  perspective: Perspective;
  level: number;
  title: string;
  horizon: 'tactical' | 'strategic';
  effort_days: number;
  impact: number;
  urgency: number;
  priority: number;
  bucket: Bucket;
  /** 1-based position of the first requirement naming the practice; null when none does. */
  rank: number | null;
  /** The triggered recommendations it waits for (explicit and lower levels of the same practice). */
  depends_on: string[];
  phase: string | null;
  /** Where it comes from: the model or target.yaml. */
  source: 'model' | 'engagement';
}

export interface RoadmapPhase {
  id: string;
  name: string;
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

export interface RequirementTrace {
  id: string;
  title: string;
  rank: number;
  practices: string[];
  recommendations: string[];
  phases: string[];
  /** The phase by whose end every practice of the requirement reaches its target ("now" when none has a gap); null when some work is unscheduled or cannot be planned. */
  reaches_target: string | null;
  metric: { name: string; target: number; value: number | null; met: boolean | null } | null;
}

export interface Scenario {
  id: string;
  name: string;
  capacity: Record<string, number | null>;
  total_days: number;
  total_cost: number | null;
  unscheduled: string[];
  phases: { id: string; recommendations: string[]; used_days: number }[];
  requirements: { id: string; reaches_target: string | null }[];
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
  skills: { id: string; name: string; course: string | null; people: string[]; days: number; cost: number }[];
  roles: { id: string; name: string; headcount: number; qualified: number; shortfall: number }[];
  /** One session per course, the most-needed first, one a week from two weeks after as_of. */
  schedule: { skill: string; course: string | null; start: string; end: string; people: string[] }[];
  /** Σ shortfall / Σ headcount over the roles (null without headcount). */
  role_shortfall_share: number | null;
  total_days: number;
  total_cost: number;
  catalogue: 'team' | 'model';
}
