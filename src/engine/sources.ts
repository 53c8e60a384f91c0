import type { Engagement } from '../engagement/types.js';

/** What the ratings rest on, each source counted as what it is. */
export interface SourceCounts {
  /** Interview records (interviews/*.md), those made for a questionnaire respondent left out. */
  interviews: number;
  /** Respondents who returned a questionnaire (responses/*.yaml): not interviews. */
  questionnaires: number;
  /** Observations (observations/*.md): what the assessors saw for themselves. */
  observations: number;
  /** Documents cited as evidence, counted per practice that cites them. */
  documents: number;
}

/** The ids of the interview records that `relm questionnaire import` made for a respondent (their responses file has the same id). */
export function questionnaireRecords(e: Pick<Engagement, 'responses'>): Set<string> {
  return new Set((e.responses ?? []).map((r) => r.id));
}

/** The sources of the assessment by kind: a questionnaire respondent is not counted as an interview. */
export function sourceCounts(
  e: Pick<Engagement, 'interviews' | 'responses' | 'observations'>,
  practices: readonly { evidence_refs: readonly unknown[] }[],
): SourceCounts {
  const respondents = questionnaireRecords(e);
  return {
    interviews: e.interviews.filter((iv) => !respondents.has(iv.id)).length,
    questionnaires: respondents.size,
    observations: (e.observations ?? []).length,
    documents: practices.reduce((n, p) => n + p.evidence_refs.length, 0),
  };
}
