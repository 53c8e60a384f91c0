/**
 * Statistics on few releases state their sample beside the figure (docs/formulas.md): the thin fixture's change
 * failure rate is one failure (r3) among five releases with a recorded outcome.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { withSample } from '../../src/render/report-view.js';
import { reportView } from '../../src/render/report-view.js';
import { ROOT } from '../helpers/cli.js';

describe('the sample beside a DORA rate', () => {
  const e = loadEngagement(join(ROOT, 'test/fixtures/thin')).engagement!;
  const a = assess(e);

  it('reads "20% (1 of 5 releases with a known outcome)" for one failure in five', () => {
    expect([a.releases!.change_failure_rate, a.releases!.outcome_known]).toEqual([0.2, 5]);
    const row = reportView(a, e).releases!.dora.find((d) => d.key === 'change_failure_rate')!;
    expect(row.value).toBe('20% (1 of 5 releases with a known outcome)');
  });

  it('says "1 release" for a sample of one, and leaves other figures and no data as they are', () => {
    const one = { ...a.releases!, change_failure_rate: 1, outcome_known: 1 };
    expect(withSample('change_failure_rate', '100%', one)).toBe('100% (1 of 1 release with a known outcome)');
    expect(withSample('lead_time_days', '3 days', one)).toBe('3 days');
    expect(withSample('change_failure_rate', null, one)).toBe('no data');
  });
});
