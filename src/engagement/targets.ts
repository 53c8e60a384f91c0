/** The target level of a practice: its own entry in target.yaml, else `default`, else none. */
export function targetOf(targets: Record<string, number>, practiceId: string): number | null {
  return targets[practiceId] ?? targets.default ?? null;
}
