import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayChunks } from '../../src/util/json.js';

describe('jsonArrayChunks', () => {
  it('gives the text of JSON.stringify(list, null, 2), in pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 30 }), fc.integer({ min: 1, max: 200 }), (list, size) => {
        const chunks = [...jsonArrayChunks(list, size)];
        expect(chunks.join('')).toBe(JSON.stringify(list, null, 2));
        for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(size);
      }),
      { numRuns: 300 },
    );
    expect([...jsonArrayChunks([])]).toEqual(['[]']);
    expect([...jsonArrayChunks([{ id: 'a\nb', candidates: [] }])].join('')).toBe(JSON.stringify([{ id: 'a\nb', candidates: [] }], null, 2));
  });
});
