/** The assessment.json document (DESIGN §4; schemas/assessment.schema.json). */
import type { Diagnostic } from '../engagement/diagnostics.js';
import type { Perspective } from '../model/types.js';

export interface EvidenceResult {
  metric: string;
  value: number | null;
  min: number | null;
  max: number | null;
  from_level: number;
  ok: boolean | null;
  says?: string;
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
  backlog: unknown | null;
  releases: unknown | null;
  training: unknown | null;
  recommendations: unknown[] | null;
  roadmap: unknown | null;
  diagnostics: Diagnostic[];
}
