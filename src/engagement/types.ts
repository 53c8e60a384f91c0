/** The engagement files as typed objects (schemas/*.schema.json are the source of truth). */
import type { Model, Recommendation, Skill } from '../model/types.js';

export interface PersonRef {
  name: string;
  role?: string;
}

export interface Manifest {
  relm: 1;
  engagement: {
    client: string;
    title?: string;
    as_of: string;
    consultants?: PersonRef[];
    sponsor?: PersonRef;
    currency?: string;
    day_rate?: number;
  };
  model?: string;
  weights?: Partial<Record<'people' | 'process' | 'technology' | 'organization' | 'integration', number>>;
  output?: { dir?: string; formats?: ('md' | 'html' | 'pdf' | 'pptx' | 'xlsx' | 'docx')[] };
  /** The look of the deliverables: a logo (a file inside the engagement) and the primary colour. */
  branding?: { logo?: string; primary_color?: string };
  /** The working calendar every proposed date falls on. */
  calendar?: { workdays?: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[]; holidays?: string[] };
  check?: { fail_under?: number; max_regression?: number; min_perspective?: number; max_gap?: number };
  /** Value maps for `relm import`: source -> field -> source value -> relm value. */
  import?: Partial<Record<'jira' | 'bugzilla' | 'github' | 'servicenow' | 'incidents', Record<string, Record<string, string>>>>;
  /** The engagement this one re-assesses (`relm init --from`). */
  previous?: { path: string; as_of?: string };
  /** Answers confirmed longer ago than this many days before as_of are stale (default 365). */
  stale_after_days?: number;
  /** A benchmark file (`relm portfolio --json`) inside the engagement folder. */
  benchmark?: string;
}

export type AnswerValue = 'none' | 'some' | 'half' | 'most' | 'na';

export interface EvidenceRef {
  title: string;
  ref?: string;
  date?: string;
}

/** Another answer an interviewee gave to a criterion, kept beside the answer used until it is settled. */
export interface Disagreement {
  answer: AnswerValue;
  sources?: string[];
  notes?: string;
}

export interface AnswerDetail {
  answer: AnswerValue;
  notes?: string;
  evidence?: EvidenceRef[];
  sources?: string[];
  disagreements?: Disagreement[];
  /** A consensus settled in a workshop against the respondents' answers (`relm reconcile --set ... --because`). */
  decision?: ConsensusDecision;
  /** When the answer was last confirmed (carried over from a previous engagement). */
  confirmed?: string;
}

export interface ConsensusDecision {
  because: string;
  date?: string;
}

export type Answer = AnswerValue | AnswerDetail | null;

export interface PracticeState {
  answers?: Record<string, Answer> | null;
  rating?: number;
  na?: string;
  notes?: string;
  evidence?: EvidenceRef[];
  sources?: string[];
  /** When the rating or `na` was last confirmed (carried over from a previous engagement). */
  confirmed?: string;
}

export interface PracticesFile {
  assessed?: string;
  practices: Record<string, PracticeState | null>;
}

/** A strategic goal of the organisation that requirements serve (target.yaml `goals`). */
export interface Goal {
  id: string;
  title: string;
  description?: string;
}

export interface Requirement {
  id: string;
  title: string;
  description?: string;
  practices?: string[];
  /** The strategic goals (target.yaml `goals` ids) the requirement serves. */
  goals?: string[];
  /** Metrics the requirement is measured by; each has its one target in `dora`. */
  metrics?: string[];
  /** The older form: one metric with its target (must agree with `dora`). */
  metric?: { name: string; target: number };
}

export interface Phase {
  id: string;
  name: string;
  /** Optional: the first phase starts after as_of and each later one after the previous phase's end. */
  start?: string;
  end?: string;
  capacity_days?: number;
}

export interface TargetFile {
  horizon?: string;
  targets: Record<string, number>;
  /** The organisation's strategic goals, most important first. */
  goals?: Goal[];
  requirements?: Requirement[];
  phases?: Phase[];
  recommendations?: (Recommendation & { practice: string })[];
  scenarios?: { id: string; name: string; capacity_factor?: number; capacity?: Record<string, number> }[];
  release_policy?: { cadence_days?: number; capacity_days_per_release?: number };
  /** One target per release metric. */
  dora?: Partial<Record<'deployment_frequency_per_week' | 'lead_time_days' | 'request_lead_time_days' | 'change_failure_rate' | 'recovery_hours' | 'rework_rate', number>>;
  /** Recommendation ids ranked ahead of the requirements' order, in this order. */
  first?: string[];
}

export type Priority = 'critical' | 'high' | 'medium' | 'low';
export type ItemStatus = 'new' | 'approved' | 'scheduled' | 'in-progress' | 'done' | 'rejected' | 'obsolete';
export type MaintenanceType = 'corrective' | 'adaptive' | 'perfective' | 'preventive';

export interface Application {
  id: string;
  name?: string;
  platform?: string;
  criticality?: Priority;
}

export interface BacklogItem {
  id: string;
  application: string;
  title: string;
  description?: string;
  type?: MaintenanceType;
  emergency?: boolean;
  priority?: Priority;
  status?: ItemStatus;
  requested: string;
  closed?: string;
  effort_days?: number;
  benefit?: number;
  change?: string;
  duplicate_of?: string;
  supersedes?: string[];
  platforms?: string[];
  release?: string;
}

export interface BacklogFile {
  applications?: Application[];
  items?: BacklogItem[];
}

export interface Release {
  id: string;
  type?: 'major' | 'minor' | 'emergency';
  planned?: boolean;
  applications?: string[];
  scheduled?: string;
  deployed: string;
  outcome?: 'success' | 'failed' | 'rolled-back' | 'hotfixed';
  restored?: string;
  items?: string[];
  changes?: { id: string; committed?: string }[];
}

export interface ReleasesFile {
  releases?: Release[];
}

export interface Role {
  id: string;
  name?: string;
  headcount?: number;
  requires?: Record<string, number>;
}

export interface Person {
  id: string;
  name?: string;
  roles?: string[];
  fte?: number;
  skills?: Record<string, number>;
}

export interface TeamFile {
  skills?: Skill[];
  roles?: Role[];
  people?: Person[];
}

export type TaskStatus = 'todo' | 'in-progress' | 'done' | 'blocked';
export interface PlanTask {
  id: string;
  title: string;
  phase?: 'assessment' | 'architecture' | 'planning' | 'implementation' | 'support';
  owner?: string;
  start?: string;
  due?: string;
  status: TaskStatus;
  depends_on?: string[];
  notes?: string;
}

export interface PlanFile {
  tasks: PlanTask[];
}

export type ProgressStatus = 'planned' | 'in-progress' | 'done' | 'dropped';

/** How far one recommendation's implementation is (progress.yaml). */
export interface ProgressEntry {
  status: ProgressStatus;
  owner?: string;
  started?: string;
  done?: string;
  notes?: string;
  evidence?: EvidenceRef[];
}

export interface ProgressFile {
  /** The date progress is measured to (default: today). */
  as_of?: string;
  /** The git revision whose roadmap is the plan (default: the newest assessment-* tag). */
  plan?: string;
  recommendations?: Record<string, ProgressEntry> | null;
}

export interface Interview {
  file: string;
  id: string;
  date: string;
  interviewees?: PersonRef[];
  interviewers?: string[];
  practices?: string[];
  body: string;
}

/** responses/<id>.yaml: one respondent's answers, practice -> criterion -> answer (schemas/responses.schema.json). */
export interface ResponsesFile {
  respondent: PersonRef;
  date: string;
  /** The questionnaire file the answers were imported from. */
  from?: string;
  answers: Record<string, Record<string, Answer> | null>;
}

/** One respondent: the responses file, its id (the file name, also the id of its interview record) and path. */
export interface Responses extends ResponsesFile {
  id: string;
  file: string;
}

/** Notes of an observation (a meeting attended, a release watched, a tool walked through): observations/*.md. */
export interface Observation {
  file: string;
  id: string;
  date: string;
  /** Who observed. */
  observer?: string;
  /** What was observed, in a few words. */
  title?: string;
  practices?: string[];
  body: string;
}

/** A loaded, schema-valid engagement: what the engine takes. Optional files are null when absent. */
export interface Engagement {
  manifest: Manifest;
  model: Model;
  practices: PracticesFile;
  target: TargetFile;
  backlog: BacklogFile | null;
  releases: ReleasesFile | null;
  team: TeamFile | null;
  plan: PlanFile | null;
  /** progress.yaml: implementation tracking (absent until the first `relm progress set`). */
  progress?: ProgressFile | null;
  interviews: Interview[];
  /** responses/*.yaml, by file name (absent or empty: no questionnaire returned). */
  responses?: Responses[];
  /** observations/*.md (absent when the engagement has none). */
  observations?: Observation[];
}

/** Ids that the engagement's lists hold, their broken entries included (load.ts). */
export interface KnownIds {
  items: Set<string>;
  applications: Set<string>;
  releases: Set<string>;
  roles: Set<string>;
  skills: Set<string>;
  tasks: Set<string>;
  recommendations: Set<string>;
  interviews: Set<string>;
}

/**
 * What the cross-file checks see: each file as far as its schema errors leave it usable (null when it is
 * absent, does not parse, or is broken at its root), and the model when relm.yaml names one that loads.
 * A check that needs a part which is not there is left out.
 */
export interface CheckInput {
  asOf: string | null;
  model: Model | null;
  practices: PracticesFile | null;
  target: TargetFile | null;
  backlog: BacklogFile | null;
  releases: ReleasesFile | null;
  team: TeamFile | null;
  plan: PlanFile | null;
  progress: ProgressFile | null;
  /** relm.yaml's link to the previous engagement's as_of, and the age after which an answer is stale. */
  reassessment: { previousAsOf: string | null; staleAfterDays: number | null };
  interviews: Interview[];
  /** Whether every interview file gave its id: only then is a source naming no interview a finding. */
  interviewsComplete: boolean;
  ids: KnownIds;
  /** Whether something at or under this path of the file was left out as broken: a warning about it would mislead. */
  broken(file: string, path: readonly (string | number)[]): boolean;
  /** observations/*.md that gave their front matter (absent: none). */
  observations?: Observation[];
}
