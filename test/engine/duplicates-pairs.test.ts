import { describe, expect, it } from 'vitest';
import { candidatePairs, duplicateCandidates } from '../../src/engine/duplicates.js';

describe('candidate duplicate pairs', () => {
  it('lists each pair once, the most similar first, from the per-item candidates', () => {
    const results = [
      {
        id: 'A',
        candidates: [
          { id: 'B', similarity: 0.9 },
          { id: 'C', similarity: 0.2 },
        ],
      },
      { id: 'B', candidates: [{ id: 'A', similarity: 0.9 }] },
      {
        id: 'C',
        candidates: [
          { id: 'A', similarity: 0.2 },
          { id: 'D', similarity: 0.6 },
        ],
      },
      { id: 'D', candidates: [{ id: 'C', similarity: 0.6 }] },
    ];
    expect(candidatePairs(results, 0.3)).toEqual([
      { a: 'A', b: 'B', similarity: 0.9 },
      { a: 'C', b: 'D', similarity: 0.6 },
    ]);
    expect(candidatePairs(results, 0)).toHaveLength(3);
  });

  it('leaves closed items and recorded duplicates out unless asked for all', () => {
    const item = (id: string, extra: object = {}) => ({
      id,
      application: 'x',
      title: 'Interest rounding wrong for half cents',
      requested: '2026-01-01',
      ...extra,
    });
    const backlog = { items: [item('A'), item('B', { duplicate_of: 'A' }), item('C', { status: 'done' as const, closed: '2026-01-02' }), item('D')] };
    expect(duplicateCandidates(backlog, { top: 5 }).map((r) => r.id)).toEqual(['A', 'D']);
    expect(duplicateCandidates(backlog, { top: 5, all: true }).map((r) => r.id)).toEqual(['A', 'B', 'C', 'D']);
  });
});
