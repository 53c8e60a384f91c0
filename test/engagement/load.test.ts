import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { validateSchema } from '../../src/engagement/schemas.js';
import { assess } from '../../src/engine/assess.js';
import { ROOT } from '../helpers/cli.js';

describe('loadEngagement', () => {
  it('loads the bundled example with no findings, and its assessment matches the assessment schema', () => {
    const r = loadEngagement(resolve(ROOT, 'examples/acme-bank'));
    expect(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
      'backlog.yaml:767 exceeds-release-capacity',
      'backlog.yaml:908 exceeds-release-capacity',
    ]);
    expect(r.engagement).not.toBeNull();
    expect(r.engagement!.interviews.map((i) => i.id)).toEqual(['int-01', 'int-02', 'int-03', 'int-04', 'int-05']);
    const a = JSON.parse(JSON.stringify(assess(r.engagement!)));
    expect(validateSchema('assessment', 'assessment.json', a)).toEqual([]);
  });

  it('loads a custom model from the engagement folder', () => {
    const r = loadEngagement(resolve(ROOT, 'test/fixtures/minimal'));
    expect(r.diagnostics).toEqual([]);
    expect(r.engagement!.model.id).toBe('mini');
  });
});
