/**
 * The assessment.json document (schemas/assessment.schema.json). Its types are generated from schemas/assessment.schema.json
 * (src/schema-types/assessment.ts, `npm run types`): the schema is the one definition, these are its names.
 */
import type * as Doc from '../schema-types/assessment.js';
import type { Diagnostic } from '../diagnostics/finding.js';

export type EvidenceResult = Doc.EvidenceResult;
export type PracticeResult = Doc.PracticeResult;
export type PerspectiveResult = Doc.PerspectiveResult;
export type Overall = Doc.Overall;
/** The figures every headline sentence is built from (computed here, never in a template). */
export type Summary = Doc.Summary;

/** What `assess` returns: the document, its diagnostics as relm makes them (always with an end position). */
export type Assessment = Omit<Doc.AssessmentDocument, 'diagnostics'> & { diagnostics: Diagnostic[] };

export type OpenAge = Doc.OpenAge;
export type ApplicationBacklog = Doc.ApplicationBacklog;
export type CalendarRelease = Doc.CalendarRelease;
export type BacklogAnalysis = Doc.BacklogAnalysis;

export type Band = NonNullable<Doc.ReleaseAnalysis['band']>;
export type SuccessRate = Doc.SuccessRate;
export type ReleaseAnalysis = Doc.ReleaseAnalysis;

export type Bucket = Doc.RecommendationResult['bucket'];
export type Kpi = Doc.Kpi;
/** A delivery risk derived from the data (docs/analysis.md): what, how likely, how bad, and the figures behind it. */
export type Risk = Doc.Risk;
export type RecommendationResult = Doc.RecommendationResult;

export type RoadmapPhase = Doc.RoadmapPhase;
export type Roadmap = Doc.AssessmentDocument['roadmap'];

export type RequirementStatus = Doc.RequirementTrace['status'];
export type RequirementMetric = Doc.RequirementMetric;
export type RequirementTrace = Doc.RequirementTrace;
export type Scenario = Doc.Scenario;

export type Training = Doc.Training;
export type TrainingNeed = Training['needs'][number];
/** The decision the deliverables ask for (DESIGN §3.1): what to approve now, later and in all, and what it buys. */
export type Decision = NonNullable<Doc.AssessmentDocument['decision']>;
