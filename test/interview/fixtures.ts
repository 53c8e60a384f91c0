import { scaffoldFiles } from '../../src/engagement/scaffold.js';
import { practiceState } from '../../src/engagement/write-practices.js';
import { scorePractice } from '../../src/engine/scoring.js';
import { loadBuiltinModel } from '../../src/model/builtin.js';

/** practices.yaml as `relm init` writes it: every criterion present, unanswered, with its text as a comment. */
export function scaffoldText(): string {
  return scaffoldFiles({
    client: 'X',
    title: 'T',
    asOf: '2026-03-31',
    consultants: [],
    applications: [],
    model: loadBuiltinModel(),
    ciInstall: 'relm@0.0.0',
  })['practices.yaml']!;
}

/** The score of a practice of the built-in model as the text has it. */
export function scoreBlock(text: string, practice: string): number {
  const p = loadBuiltinModel().practices.find((x) => x.id === practice)!;
  return scorePractice(p, practiceState(text, practice)).score ?? 0;
}
