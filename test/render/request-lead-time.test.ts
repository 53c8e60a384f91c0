/**
 * The request lead time (docs/formulas.md: deployed − requested over the backlog items the releases list): a
 * figure when the releases say which requests they shipped, else "no data" with the precise reason.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import type { Engagement } from '../../src/engagement/types.js';
import { assess } from '../../src/engine/assess.js';
import { requestLeadTimeText } from '../../src/render/report-view.js';
import { ROOT } from '../helpers/cli.js';

const thin = (): Engagement => structuredClone(loadEngagement(join(ROOT, 'test/fixtures/thin')).engagement!);
const text = (e: Engagement) => requestLeadTimeText(assess(e), e);

describe('the request lead time in the thin fixture', () => {
  it('says why there is none when the releases list no requests, though O-3 and O-4 have close dates', () => {
    expect(text(thin())).toBe(
      'no data: the releases do not record which requests they delivered, and a close date alone does not say when a request reached production',
    );
  });

  it('is the median of deployed − requested once the releases list what they shipped', () => {
    const e = thin();
    // O-3 requested 2026-04-01, shipped by r3 on 2026-04-14 18:00: 13.75 days; O-4 requested 2026-05-01, shipped
    // by r4 on 2026-05-12 18:00: 11.75 days. Median 12.75, shown rounded as the other day figures.
    e.releases!.releases![2]!.items = ['O-3'];
    e.releases!.releases![3]!.items = ['O-4'];
    const a = assess(e);
    expect(a.releases!.request_lead_time_days).toBeCloseTo(12.75, 10);
    expect(requestLeadTimeText(a, e)).toMatch(/^12\.[78]\d* days \(median\)$|^13 days \(median\)$/);
  });

  it('says when the listed requests have no request date before their release', () => {
    const e = thin();
    e.releases!.releases![0]!.items = ['O-4']; // r1 (February) before O-4 was requested (May)
    expect(text(e)).toBe('no data: none of the requests the releases delivered has a request date before its release');
  });
});
