import type { Assessment } from '../engine/types.js';

/** The assessment.json document: stable key order, unrounded numbers, a final newline. */
export function assessmentJson(a: Assessment): string {
  return JSON.stringify(a, null, 2) + '\n';
}
