import type { Engagement } from '../../src/engagement/types.js';
import type { Model } from '../../src/model/types.js';

/** A small model whose figures are easy to compute by hand. */
export function tinyModel(): Model {
  const crit = (p: string, levels: number[]) => {
    const count: Record<number, number> = {};
    return levels.map((l) => {
      count[l] = (count[l] ?? 0) + 1;
      return { id: `${p}-${l}${'abc'[count[l]! - 1]}`, level: l, text: `${p} criterion at level ${l}` };
    });
  };
  return {
    relm_model: 1,
    id: 'tiny',
    name: 'Tiny model',
    version: '0.1.0',
    practices: [
      { id: 'a', name: 'A', perspective: 'process', weight: 2, criteria: crit('a', [1, 2, 2, 3, 4, 5]) },
      { id: 'b', name: 'B', perspective: 'process', criteria: crit('b', [1, 2, 3, 4, 5]) },
      { id: 'c', name: 'C', perspective: 'people', criteria: crit('c', [1, 2, 3, 4, 5]) },
      { id: 'd', name: 'D', perspective: 'technology', criteria: crit('d', [1, 2, 3, 4, 5]) },
      { id: 'e', name: 'E', perspective: 'people', criteria: crit('e', [1, 2, 3, 4, 5]) },
    ],
  };
}

export function engagementWith(overrides: Partial<Engagement> = {}): Engagement {
  return {
    manifest: { relm: 1, engagement: { client: 'Test Co', as_of: '2026-03-31' }, weights: { process: 2 } },
    model: tinyModel(),
    practices: {
      practices: {
        a: {
          answers: {
            'a-1a': 'most',
            'a-2a': { answer: 'half', evidence: [{ title: 'Release calendar' }] },
            'a-2b': 'some',
            'a-3a': 'na',
            'a-4a': 'most',
          },
        },
        b: { rating: 2 },
        c: {},
        d: { na: 'no technology in scope' },
        e: { answers: { 'e-1a': 'most', 'e-2a': 'most', 'e-3a': 'most', 'e-4a': 'most', 'e-5a': 'most' }, sources: ['int-01'] },
      },
    },
    target: { targets: { default: 3, a: 4 } },
    backlog: null,
    releases: null,
    team: null,
    plan: null,
    interviews: [],
    ...overrides,
  };
}
