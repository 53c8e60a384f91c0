/** The DORA performance bands, worst to best. */
export const DORA_BANDS = ['low', 'medium', 'high', 'elite'] as const;
export type DoraBand = (typeof DORA_BANDS)[number];

/** A band's rank, from 0 (low) to 3 (elite); -1 for a value that is not a band. */
export function bandRank(band: string): number {
  return (DORA_BANDS as readonly string[]).indexOf(band);
}
