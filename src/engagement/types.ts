/**
 * The engagement files as typed objects. The types of the files are generated from schemas/*.schema.json, the
 * source of truth (src/schema-types/, `npm run types`); these are their names. What has no schema (the loaded
 * engagement, what the checks see) is declared here.
 */
import type { Model } from '../model/types.js';
import type { BacklogFile } from '../schema-types/backlog.js';
import type { InterviewFrontMatter } from '../schema-types/interview.js';
import type { ObservationFrontMatter } from '../schema-types/observation.js';
import type { PlanFile } from '../schema-types/plan.js';
import type { Answer, Evidence, Practice, PracticesFile } from '../schema-types/practices.js';
import type { Entry, ProgressFile } from '../schema-types/progress.js';
import type { ReleasesFile } from '../schema-types/releases.js';
import type { Manifest, Person as ManifestPerson } from '../schema-types/relm.js';
import type { ResponsesFile } from '../schema-types/responses.js';
import type { TargetFile } from '../schema-types/target.js';
import type { TeamFile } from '../schema-types/team.js';

export type { Answer, AnswerValue } from '../schema-types/practices.js';
export type { BacklogFile, Manifest, PlanFile, PracticesFile, ProgressFile, ReleasesFile, ResponsesFile, TargetFile, TeamFile };

export type PersonRef = ManifestPerson;
export type EvidenceRef = Evidence;
export type AnswerDetail = Exclude<Answer, string | null>;
/** Another answer an interviewee gave to a criterion, kept beside the answer used until it is settled. */
export type Disagreement = NonNullable<AnswerDetail['disagreements']>[number];
/** A consensus settled in a workshop against the respondents' answers (`relm reconcile --set ... --because`). */
export type ConsensusDecision = NonNullable<AnswerDetail['decision']>;
export type PracticeState = NonNullable<Practice>;

/** A strategic goal of the organisation that requirements serve (target.yaml `goals`). */
export type Goal = NonNullable<TargetFile['goals']>[number];
export type Requirement = NonNullable<TargetFile['requirements']>[number];
export type Phase = NonNullable<TargetFile['phases']>[number];

export type BacklogItem = NonNullable<BacklogFile['items']>[number];
export type Application = NonNullable<BacklogFile['applications']>[number];
export type Priority = NonNullable<BacklogItem['priority']>;
export type ItemStatus = NonNullable<BacklogItem['status']>;
export type MaintenanceType = NonNullable<BacklogItem['type']>;

export type Release = NonNullable<ReleasesFile['releases']>[number];

export type Role = NonNullable<TeamFile['roles']>[number];
export type Person = NonNullable<TeamFile['people']>[number];

export type PlanTask = PlanFile['tasks'][number];
export type TaskStatus = PlanTask['status'];

/** How far one recommendation's implementation is (progress.yaml). */
export type ProgressEntry = Entry;
export type ProgressStatus = ProgressEntry['status'];

/** interviews/*.md: the front matter, the file and the notes. */
export interface Interview extends InterviewFrontMatter {
  file: string;
  body: string;
}

/** One respondent: the responses file, its id (the file name, also the id of its interview record) and path. */
export interface Responses extends ResponsesFile {
  id: string;
  file: string;
}

/** Notes of an observation (a meeting attended, a release watched, a tool walked through): observations/*.md. */
export interface Observation extends ObservationFrontMatter {
  file: string;
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
