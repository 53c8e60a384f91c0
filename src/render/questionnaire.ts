/**
 * What a questionnaire holds, whatever its format (Excel workbook or offline HTML form): who it is for, the
 * deadline, the answer scale with its meanings, and the criteria to answer, by perspective and practice.
 */
import type { AnswerValue, Engagement, PersonRef } from '../engagement/types.js';
import { PERSPECTIVES, type Perspective } from '../model/types.js';
import { PERSPECTIVE_NAMES } from './headlines.js';

/** The answer scale as respondents see it: the word to choose, what it means, what it counts. */
export const SCALE_WORDS: readonly { word: string; value: AnswerValue; meaning: string; counts: string }[] = [
  { word: 'none', value: 'none', meaning: 'Not in place: it does not happen, or only by chance.', counts: '0' },
  { word: 'some', value: 'some', meaning: 'In places, now and then: a few teams or releases, not the rule.', counts: '0.25' },
  { word: 'half', value: 'half', meaning: 'About half of the time or of the scope.', counts: '0.5' },
  { word: 'most', value: 'most', meaning: 'Mostly or fully in place: the rule, with rare exceptions.', counts: '1' },
  { word: 'n/a', value: 'na', meaning: 'Does not apply to this organisation (say why in the notes).', counts: 'left out' },
];

export const HOW_TO_ANSWER = [
  'Answer each statement for how things are today, not how they should be or will be.',
  'Choose the answer that fits best; leave it blank if you do not know. A blank is better than a guess.',
  'Notes: anything that explains your answer, an example, an exception.',
  'Evidence: documents or tools that show it, one per line, as "title | where it is" (a path or a link), e.g. "Release calendar 2026 | sharepoint/release/calendar.xlsx".',
];

export interface QuestionnaireCriterion {
  id: string;
  level: number;
  text: string;
}

export interface QuestionnairePractice {
  id: string;
  name: string;
  description: string | null;
  criteria: QuestionnaireCriterion[];
}

export interface QuestionnaireSpec {
  client: string;
  title: string;
  model: { id: string; name: string; version: string };
  /** Who the questionnaire is for (--for), or null: the respondent fills in their name. */
  for: PersonRef | null;
  deadline: string | null;
  /** Who to return it to (relm.yaml consultants). */
  returnTo: string[];
  /** The date the questionnaire was made (the engagement's as_of, so that the same inputs give the same file). */
  made: string;
  perspectives: { id: Perspective; name: string; practices: QuestionnairePractice[] }[];
}

export interface SpecOptions {
  practices: readonly string[];
  for: PersonRef | null;
  deadline: string | null;
}

function person(p: PersonRef): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

/** The questionnaire for the chosen practices (model ids, in the model's order). */
export function questionnaireSpec(e: Engagement, opts: SpecOptions): QuestionnaireSpec {
  const chosen = new Set(opts.practices);
  const m = e.manifest.engagement;
  return {
    client: m.client,
    title: m.title ?? 'Release Management Assessment',
    model: { id: e.model.id, name: e.model.name, version: e.model.version },
    for: opts.for,
    deadline: opts.deadline,
    returnTo: (m.consultants ?? []).map(person),
    made: m.as_of,
    perspectives: PERSPECTIVES.map((k) => ({
      id: k,
      name: PERSPECTIVE_NAMES[k],
      practices: e.model.practices
        .filter((p) => p.perspective === k && chosen.has(p.id))
        .map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description ?? null,
          criteria: [...p.criteria].sort((a, b) => a.level - b.level).map((c) => ({ id: c.id, level: c.level, text: c.text })),
        })),
    })).filter((k) => k.practices.length > 0),
  };
}

export function forLine(spec: QuestionnaireSpec): string {
  return spec.for ? person(spec.for) : '';
}

/** The first sentence of a description, for a practice heading. */
export function firstSentence(text: string | null): string {
  if (!text) return '';
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^.*?[.!?](?=\s|$)/.exec(t);
  return m ? m[0] : t;
}
