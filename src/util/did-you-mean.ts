/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** A suggestion is made only within this distance: a third of the longer word, and at least 2. */
const limitFor = (a: number, b: number) => Math.max(2, Math.floor(Math.max(a, b) / 3));

/**
 * The edit distance of a and b if it is at most `max`, else Infinity: Ukkonen's band of width 2·max+1 around
 * the diagonal, stopping as soon as a whole row exceeds max. `row` is scratch space of at least b.length + 1.
 */
function boundedDistance(a: string, b: string, max: number, row: Int32Array): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return Infinity;
  const BIG = max + 1;
  for (let j = 0; j <= m; j++) row[j] = j <= max ? j : BIG;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    let diag = row[from - 1]!; // the previous row's value at from - 1
    row[from - 1] = from - 1 === 0 && i <= max ? i : BIG;
    let rowMin = row[from - 1]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const up = row[j]!;
      let v = diag + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (up + 1 < v) v = up + 1;
      if (row[j - 1]! + 1 < v) v = row[j - 1]! + 1;
      if (v > BIG) v = BIG;
      diag = up;
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (to < m) row[to + 1] = BIG;
    if (rowMin > max) return Infinity;
  }
  return row[m]! <= max ? row[m]! : Infinity;
}

/**
 * A set of candidates prepared once for many look-ups: lower-cased, bucketed by length and sorted. closest()
 * gives exactly what comparing the input with every candidate in turn gives (the nearest, the first of equals),
 * while reading only the candidates that can still win: within the length and distance bounds, with a
 * character-count bound before the (banded) distance itself, and the alphabetical neighbours tried first so
 * that the bound is tight from the start.
 */
export class Candidates {
  private readonly list: string[];
  private readonly lower: string[];
  /** Candidate indexes by lower-cased length. */
  private readonly byLength = new Map<number, number[]>();
  /** Candidate indexes in the lower-cased text's order, for the neighbours of an input. */
  private readonly sorted: number[];
  /** Whether lower-casing kept every length (else the exact but slow comparison of all is used). */
  private readonly sameLengths: boolean;
  private row = new Int32Array(64);
  /** The input's character counts during a search (all zero between searches). */
  private readonly counts = new Int32Array(65536);

  constructor(candidates: Iterable<string>) {
    this.list = [...candidates];
    this.lower = this.list.map((c) => c.toLowerCase());
    this.sameLengths = this.lower.every((l, i) => l.length === this.list[i]!.length);
    this.lower.forEach((l, i) => {
      const bucket = this.byLength.get(l.length);
      if (bucket) bucket.push(i);
      else this.byLength.set(l.length, [i]);
    });
    this.sorted = this.lower.map((_, i) => i).sort((x, y) => (this.lower[x]! < this.lower[y]! ? -1 : this.lower[x]! > this.lower[y]! ? 1 : x - y));
  }

  get size(): number {
    return this.list.length;
  }

  /** The closest candidate, if it is close enough to be a plausible typo (see didYouMean). */
  closest(input: string): string | undefined {
    const lower = input.toLowerCase();
    if (!this.sameLengths || lower.length !== input.length) return slowClosest(input, this.list);
    const a = lower.length;
    // A candidate can be suggested only within max(2, ⌊a/2⌋): beyond that it is longer than 1.5·a, and its
    // distance exceeds its own limit. When nothing is that close, the nearest cannot be suggested either.
    let max = Math.max(2, Math.floor(a / 2));
    if (this.row.length <= max + a + 1) this.row = new Int32Array(2 * (max + a + 1));
    let best = -1;
    let bestDistance = Infinity;
    const consider = (i: number): void => {
      if (i === best) return;
      const d = boundedDistance(lower, this.lower[i]!, Math.min(max, bestDistance), this.row);
      if (d < bestDistance || (d === bestDistance && i < best)) {
        best = i;
        bestDistance = d;
        max = Math.min(max, d);
      }
    };
    // The alphabetical neighbours share the longest prefixes: a near one makes the bound tight at once.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lower[this.sorted[mid]!]! < lower) lo = mid + 1;
      else hi = mid;
    }
    for (let k = Math.max(0, lo - 4); k < Math.min(this.sorted.length, lo + 4); k++) consider(this.sorted[k]!);
    // Then every length that can still be within the bound, nearest lengths first.
    const counts = this.counts;
    for (let k = 0; k < a; k++) counts[lower.charCodeAt(k)]!++;
    for (let delta = 0; delta <= max; delta++) {
      for (const len of delta === 0 ? [a] : [a - delta, a + delta]) {
        const bucket = this.byLength.get(len);
        if (!bucket) continue;
        for (let b = 0; b < bucket.length && delta <= max; b++) {
          const i = bucket[b]!;
          // Each edit fixes at most one character: the distance is at least the longer length less the shared
          // characters (counted by taking each of the candidate's characters from the input's counts).
          const c = this.lower[i]!;
          let shared = 0;
          for (let k = 0; k < len; k++) if (counts[c.charCodeAt(k)]!-- > 0) shared++;
          for (let k = 0; k < len; k++) counts[c.charCodeAt(k)]!++;
          if (Math.max(a, len) - shared > Math.min(max, bestDistance)) continue;
          consider(i);
        }
      }
    }
    for (let k = 0; k < a; k++) counts[lower.charCodeAt(k)]!--;
    if (best < 0) return undefined;
    const found = this.list[best]!;
    return bestDistance <= limitFor(input.length, found.length) ? found : undefined;
  }
}

function slowClosest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = input.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= limitFor(input.length, best.length) ? best : undefined;
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function didYouMean(input: string, candidates: Iterable<string> | Candidates): string | undefined {
  if (candidates instanceof Candidates) return candidates.closest(input);
  return slowClosest(input, [...candidates]);
}

export function hint(input: string, candidates: Iterable<string> | Candidates): string {
  const m = didYouMean(input, candidates);
  return m ? `; did you mean "${m}"?` : '';
}

/** Hints are searched for the first this-many findings of a code; later findings of the code go without. */
export const HINTS_PER_CODE = 25;

/**
 * Hints for one run of checks: each code's first HINTS_PER_CODE findings get a "did you mean" search (the same
 * hint as hint() gives), the rest none, so that thousands of unknown references cost no more than a few dozen.
 * A set of candidates (a Set, a Map's keys, a list) is prepared once, on its first use.
 */
export type Hints = (code: string, input: string, candidates: ReadonlySet<string> | ReadonlyMap<string, unknown> | readonly string[]) => string;

export function createHints(limit = HINTS_PER_CODE): Hints {
  const used = new Map<string, number>();
  const prepared = new WeakMap<object, Candidates>();
  return (code, input, candidates) => {
    const n = used.get(code) ?? 0;
    if (n >= limit) return '';
    used.set(code, n + 1);
    let c = prepared.get(candidates);
    if (!c) {
      c = new Candidates(candidates instanceof Map ? candidates.keys() : (candidates as Iterable<string>));
      prepared.set(candidates, c);
    }
    return hint(input, c);
  };
}
