/** The maturity model (schemas/model.schema.json). */

export const PERSPECTIVES = ['people', 'process', 'technology', 'organization', 'integration'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export interface Criterion {
  id: string;
  level: number;
  text: string;
}

export interface Alternative {
  title: string;
  description?: string;
  effort_days?: number;
}

export interface Recommendation {
  id: string;
  practice?: string;
  level: number;
  title: string;
  description?: string;
  horizon: 'tactical' | 'strategic';
  effort_days: number;
  impact: number;
  depends_on?: string[];
  /** The role that owns it (default: the practice's owner). */
  owner?: string;
  /** Skills (catalogue ids) the work needs: their training is scheduled before its phase. */
  skills?: string[];
  alternatives?: Alternative[];
  /** What the work produces (documents, systems, agreements): the anticipated deliverables of the plan. */
  deliverables?: string[];
}

export interface EvidenceRule {
  metric: string;
  from_level: number;
  min?: number;
  max?: number;
  /** For `releases.bands.*`: the lowest DORA band that supports the level. */
  min_band?: 'low' | 'medium' | 'high' | 'elite';
  says?: string;
  /** For record metrics (releases.*, backlog.done_with_change_share): the days up to as_of they are measured over (default: the release window, 180). */
  window_days?: number;
}

export interface Practice {
  id: string;
  name: string;
  perspective: Perspective;
  weight?: number;
  /** The role that owns the practice's improvements. */
  owner?: string;
  /** The ITSM processes (model `processes` ids) the practice links release management to. */
  links?: string[];
  description?: string;
  criteria: Criterion[];
  /**
   * The future state in the model's own words, per level ("1".."5"), where a criterion's wording does not
   * read as a future state; it stands for all the criteria of its level in the solution model.
   */
  future_state?: Record<string, string>;
  recommendations?: Recommendation[];
  evidence?: EvidenceRule[];
}

export interface Skill {
  id: string;
  name: string;
  training?: { title: string; days?: number; cost?: number; mode?: string; provider?: string };
}

/** A standard role of the practice area, with the skill levels it requires (team.yaml's roles start from these). */
export interface ModelRole {
  id: string;
  name: string;
  description?: string;
  requires?: Record<string, number>;
}

export interface Model {
  relm_model: 1;
  id: string;
  name: string;
  version: string;
  description?: string;
  /** The ITSM processes release management links to. */
  processes?: { id: string; name: string; link?: string }[];
  practices: Practice[];
  skills?: Skill[];
  roles?: ModelRole[];
}
