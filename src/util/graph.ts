/**
 * The first dependency cycle found, as a list of ids that starts and ends with the same id,
 * or null. Edges to ids outside `nodes` are ignored. Iteration follows the given order, so the
 * answer is deterministic.
 */
export function findCycle(nodes: readonly string[], edges: (id: string) => readonly string[]): string[] | null {
  const known = new Set(nodes);
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 1);
    stack.push(id);
    for (const next of edges(id)) {
      if (!known.has(next)) continue;
      const s = state.get(next);
      if (s === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (s === undefined) {
        const c = visit(next);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(id, 2);
    return null;
  };
  for (const id of nodes) {
    if (!state.has(id)) {
      const c = visit(id);
      if (c) return c;
    }
  }
  return null;
}
