/** An amount in the engagement currency, whole units, e.g. €16,000. */
export function formatMoney(v: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
}
