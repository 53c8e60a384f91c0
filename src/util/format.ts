/** Intl number formats are costly to build: each is made once and kept (a report formats thousands of numbers). */
const formats = new Map<string, Intl.NumberFormat>();

export function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat('en-GB', options)));
  return f;
}

/** An amount in the engagement currency, whole units, e.g. €16,000. */
export function formatMoney(v: number, currency: string): string {
  return numberFormat({ style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
}

/** A number with at most one decimal and thousands separators, e.g. 1,234.5. */
export function formatRounded(v: number): string {
  return numberFormat({ maximumFractionDigits: 1 }).format(v);
}

/** A share as a whole percentage: 0.2413 -> "24%", or "24 %" (`spaced`) as the terminal reports print it. */
export function percent(v: number, opts: { spaced?: boolean } = {}): string {
  return `${Math.round(v * 100)}${opts.spaced ? ' %' : '%'}`;
}
