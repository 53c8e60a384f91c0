/**
 * The layout a questionnaire is written in and read back by: the workbook's columns, labels and hidden
 * sheet, the JSON the HTML form saves, and the answer words respondents may type.
 */
import type { AnswerValue } from './types.js';

/** The format marker both forms carry, so that `relm questionnaire import` knows what it reads. */
export const QUESTIONNAIRE_FORMAT = 'relm-questionnaire';
export const QUESTIONNAIRE_VERSION = 1;

/** The columns of a perspective sheet, in order; the reader finds them by header, wherever they are. */
export const COLUMNS = ['practice', 'criterion', 'level', 'statement', 'answer', 'notes', 'evidence'] as const;
export type Column = (typeof COLUMNS)[number];

export const INSTRUCTIONS_SHEET = 'Instructions';
/** The hidden sheet holding what relm needs to read the workbook back (format, model, who it is for). */
export const META_SHEET = 'relm';
/** Labels of the instructions sheet whose cell to the right the respondent fills in. */
export const LABEL_NAME = 'Your name';
export const LABEL_ROLE = 'Your role';
export const LABEL_DATE = 'Date of your answers';

/** The answers in a form's drop-down list. */
export const ANSWER_WORDS = ['none', 'some', 'half', 'most', 'n/a'] as const;

const SYNONYMS: Record<string, AnswerValue> = {
  none: 'none',
  some: 'some',
  half: 'half',
  most: 'most',
  na: 'na',
  'n/a': 'na',
  'n.a.': 'na',
  'n.a': 'na',
  'not applicable': 'na',
};

/** An answer word as typed or chosen (case and spaces ignored), or null when it is none of the scale's words. */
export function parseAnswerWord(text: string): AnswerValue | null {
  const word = text.trim().toLowerCase().replace(/\s+/g, ' ');
  // Only the table's own words: "__proto__" or "constructor" are not answers, whatever an object inherits.
  return Object.hasOwn(SYNONYMS, word) ? SYNONYMS[word]! : null;
}

/** The JSON the HTML form saves (and `relm questionnaire import` reads). */
export interface AnswersJson {
  format: typeof QUESTIONNAIRE_FORMAT;
  version: number;
  client?: string;
  model?: { id?: string; version?: string };
  respondent?: { name?: string; role?: string };
  date?: string;
  practices?: string[];
  answers: Record<string, { answer?: string | null; notes?: string; evidence?: string } | string | null>;
}
