/** Median as docs/formulas.md defines it: the middle value, or the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..1): the smallest value with at least p of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1]!;
}

export function sum(values: readonly number[]): number {
  let t = 0;
  for (const v of values) t += v;
  return t;
}

/** Counts per bin [edges[i], edges[i+1]); values below the first edge count in the first bin, values at or above the last in the last. */
export function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts: number[] = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let i = 0;
    while (i < counts.length - 1 && v >= edges[i + 1]!) i++;
    counts[i]!++;
  }
  return counts;
}

/** Counts by key, with the given keys first (in order, zeros included) and any others after them, sorted. */
export function countBy<T>(items: readonly T[], key: (item: T) => string, known: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of known) out[k] = 0;
  const extra = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (!(k in out)) extra.add(k);
    out[k] = (out[k] ?? 0) + 1;
  }
  if (!extra.size) return out;
  const ordered: Record<string, number> = {};
  for (const k of known) ordered[k] = out[k]!;
  for (const k of [...extra].sort()) ordered[k] = out[k]!;
  return ordered;
}
