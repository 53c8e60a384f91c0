/** Calls `report` with the index of every entry whose id an earlier entry already has. */
export function duplicates<T extends { id: string }>(list: readonly T[], report: (index: number) => void): void {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    if (seen.has(x.id)) report(i);
    seen.add(x.id);
  });
}
