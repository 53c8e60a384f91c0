import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Candidates, createHints, didYouMean, editDistance, hint, HINTS_PER_CODE } from '../../src/util/did-you-mean.js';

/** The hint as relm computed it before candidates were prepared: every candidate compared in turn. */
function reference(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(2, Math.floor(Math.max(input.length, best.length) / 3)) ? best : undefined;
}

describe('did you mean', () => {
  it('suggests the nearest id, the first of equals, and nothing far', () => {
    const ids = new Candidates(['MR-100023', 'MR-100123', 'MR-100223', 'app-01', 'release-2026-01']);
    expect(ids.closest('MR-100I23')).toBe('MR-100023'); // three at distance 1: the first listed wins
    expect(ids.closest('APP-01')).toBe('app-01');
    expect(ids.closest('release-2026-10')).toBe('release-2026-01');
    expect(ids.closest('ZZ-qqqq01-gone')).toBeUndefined();
    expect(hint('app-1', ids)).toBe('; did you mean "app-01"?');
    expect(hint('zzzzzz', ids)).toBe('');
  });

  it('gives what comparing with every candidate gives (random ids, typos and strangers)', () => {
    const alphabet = fc.constantFrom(...'abcdeMR-0123456789_.'.split(''));
    const word = fc.array(alphabet, { minLength: 0, maxLength: 14 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 0, maxLength: 60 }), word, fc.nat(), (list, stranger, pick) => {
        const prepared = new Candidates(list);
        // A typo of a candidate (one character changed, dropped or added), or a stranger.
        const base = list.length ? list[pick % list.length]! : stranger;
        const k = base.length ? pick % base.length : 0;
        const inputs = [stranger, base.slice(0, k) + 'x' + base.slice(k + 1), base.slice(0, k) + base.slice(k + 1), base.slice(0, k) + 'Q' + base.slice(k)];
        for (const input of inputs) expect(prepared.closest(input)).toBe(reference(input, list));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the exact answer when lower-casing changes a length', () => {
    const list = ['İstanbul', 'istanbul-2'];
    expect(didYouMean('istanbul', new Candidates(list))).toBe(reference('istanbul', list));
  });

  it('searches hints for the first findings of each code only', () => {
    const hints = createHints(2);
    const ids = new Set(['MR-1', 'MR-2']);
    expect(hints('unknown-item', 'MR-3', ids)).toBe('; did you mean "MR-1"?');
    expect(hints('unknown-item', 'MR-4', ids)).toBe('; did you mean "MR-1"?');
    expect(hints('unknown-item', 'MR-5', ids)).toBe('');
    expect(hints('unknown-release', 'MR-5', new Map([['MR-6', 1]]))).toBe('; did you mean "MR-6"?');
    expect(HINTS_PER_CODE).toBeGreaterThanOrEqual(10);
  });

  it('stays fast on 25,000 ids', () => {
    const ids = new Candidates(Array.from({ length: 25_000 }, (_, i) => `MR-${100000 + i}`));
    // Typos and strangers alike: each search reads only what can still win (timed by the benchmark, checked here).
    expect(ids.closest('MR-100I49')).toBe('MR-100049');
    expect(ids.closest('ZZ-qqqq01-gone')).toBeUndefined();
    expect(ids.closest('mr-124999')).toBe('MR-124999');
  });
});
