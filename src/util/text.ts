/** Text shortened to `n` characters and an ellipsis, for a message: a 5 MB key or value never goes out whole. */
export function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Text on one line (white space collapsed), at most `n` characters with the ellipsis, for a terminal column. */
export function clipLine(s: string, n: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
}
