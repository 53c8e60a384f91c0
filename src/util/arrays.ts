/**
 * Extremes and appends over lists of any length. `Math.max(...xs)` and `list.push(...xs)` put every element on
 * the stack as an argument and throw "Maximum call stack size exceeded" past about 100,000 (a large backlog);
 * these loop instead. test/architecture/no-spread-calls.test.ts keeps spreads out of call arguments in src/.
 */

/** The largest of `xs` and `floor` (as Math.max: NaN when any is NaN; -Infinity for nothing). */
export function maxOf(xs: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let m = floor;
  for (const x of xs) {
    if (Number.isNaN(x)) return Number.NaN;
    if (x > m) m = x;
  }
  return m;
}

/** The smallest of `xs` and `ceiling` (as Math.min: NaN when any is NaN; Infinity for nothing). */
export function minOf(xs: Iterable<number>, ceiling = Number.POSITIVE_INFINITY): number {
  let m = ceiling;
  for (const x of xs) {
    if (Number.isNaN(x)) return Number.NaN;
    if (x < m) m = x;
  }
  return m;
}

/** Appends every element of `xs` to `target` (in place) and returns `target`. */
export function pushAll<T>(target: T[], xs: Iterable<T>): T[] {
  for (const x of xs) target.push(x);
  return target;
}
