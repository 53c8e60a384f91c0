import type { Engagement } from '../engagement/types.js';

/** The ids of the interview records that `relm questionnaire import` made for a respondent (their responses file has the same id). */
export function questionnaireRecords(e: Pick<Engagement, 'responses'>): Set<string> {
  return new Set((e.responses ?? []).map((r) => r.id));
}
