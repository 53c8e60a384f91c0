/**
 * Counts the values an importer did not know and what it took them as, to report once per value:
 * `status "Waiting for Godot" is not known: taken as new (4 rows)`.
 */
export class Notes {
  private readonly seen = new Map<string, { text: string; count: number }>();

  add(key: string, text: string): void {
    const e = this.seen.get(key);
    if (e) e.count++;
    else this.seen.set(key, { text, count: 1 });
  }

  lines(unit = 'row'): string[] {
    return [...this.seen.values()].map((e) => `${e.text} (${e.count.toLocaleString('en-US')} ${e.count === 1 ? unit : unit + 's'})`);
  }
}
