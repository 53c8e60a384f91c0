/**
 * The lists of largest practice gaps the deliverables show, cut from the engine's one order (assessment.json
 * `summary.practice_gaps`: only gaps above 0, ties broken by the perspective and then the model's order). Every
 * format takes its rows and its heading from here, so the sixth-largest gap is the same practice in the report,
 * the PDF deck, the pptx and the xlsx, and a heading never counts more than it lists.
 */
import type { Assessment } from '../engine/types.js';
import { numberWord } from './words.js';

/** How many rows each list shows at most: the report's chart, the report's short list and the slide. */
export const GAP_LIST_SIZES = { gaps: 12, top_gaps: 8, top_gaps_slide: 6 } as const;
export type GapList = keyof typeof GAP_LIST_SIZES;

/** The practice ids of one list, largest gap first. */
export function largestGapIds(a: Assessment, list: GapList): string[] {
  return a.summary.practice_gaps.slice(0, GAP_LIST_SIZES[list]).map((g) => g.id);
}

/** "The twelve largest gaps", "The three largest gaps", "The largest gap": counting what the list holds. */
export function largestGapsTitle(a: Assessment, list: GapList, noun = ''): string {
  const n = largestGapIds(a, list).length;
  const what = noun ? ` ${n === 1 ? noun : `${noun}s`}` : '';
  return n === 1 ? `The${what} with the largest gap` : `The ${numberWord(n)}${what} with the largest gaps`;
}
