import type { Model } from '../../model/types.js';
import type { Hints } from '../../util/did-you-mean.js';
import type { CheckInput } from '../types.js';
import type { Add } from './add.js';

/** interviews/*.md and observations/*.md against the model: the practices they cover. */
export function interviewPracticeChecks(e: CheckInput, model: Model, add: Add, hint: Hints): void {
  const practices = new Map(model.practices.map((p) => [p.id, p]));
  [...e.interviews, ...(e.observations ?? [])].forEach((iv) =>
    (iv.practices ?? []).forEach((pid, k) => {
      if (!practices.has(pid))
        add(iv.file, ['practices', k], 'unknown-practice', `"${pid}" is not a practice of the model${hint('unknown-practice', pid, practices)}`);
    }),
  );
}

/** interviews/*.md and observations/*.md: one id space, each id once. */
export function interviewIdChecks(e: CheckInput, add: Add): void {
  const seen = new Map<string, string>();
  // Interviews and observations share one id space: practices cite both in `sources`.
  for (const iv of [...e.interviews, ...(e.observations ?? [])]) {
    const kind = iv.file.startsWith('observations/') ? 'observation' : 'interview';
    if (seen.has(iv.id)) add(iv.file, ['id'], 'duplicate-id', `${kind} id "${iv.id}" is also used by ${seen.get(iv.id)}`);
    seen.set(iv.id, iv.file);
  }
}
