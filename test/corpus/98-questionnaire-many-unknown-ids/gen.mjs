import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The answers a form saved, with 200,000 ids that are no criterion of the model (and a respondent name with
// terminal escapes): bounded time and output, a count instead of 200,000 lines.
export default function (dir, { outside }) {
  const answers = {};
  for (let i = 0; i < 200_000; i++) answers[`nope-${i}`] = 'most';
  const doc = { format: 'relm-questionnaire', version: 1, respondent: { name: 'Eve\u001b]0;pwned\u0007' }, answers };
  writeFileSync(join(outside, 'answers.json'), JSON.stringify(doc));
}
