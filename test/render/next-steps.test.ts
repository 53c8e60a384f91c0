import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { renderDeliverables } from '../../src/render/deliverables.js';
import { ROOT } from '../helpers/cli.js';

describe("the strategic plan's next steps start when the roadmap schedules them", () => {
  it('shows a step that waits for a free lane starting when it gets one, as the Gantt does', () => {
    const e = loadEngagement(join(ROOT, 'examples/acme-bank')).engagement!;
    const plan = renderDeliverables(assess(e), e, ['plan'], { version: 'test' }).docs[0]!.md;
    const rows = plan
      .slice(plan.indexOf('## 4. Next steps'), plan.indexOf('## 5.'))
      .split('\n')
      .filter((l) => /^\| [2-6] \|/.test(l))
      .map((l) => l.split(' | ').at(-1)!.replace(/ \|$/, ''));
    // Phase 1 starts Monday 27 April 2026. The first four steps have no prerequisite and a free lane: they start
    // then. The fifth (planning and quality gates) comes later in placing order, after the lanes are taken by work
    // ahead of it: its bar on the Gantt starts Monday 1 June 2026, and so does its row, not the phase's first day.
    expect(rows).toEqual(['27 April 2026', '27 April 2026', '27 April 2026', '27 April 2026', '1 June 2026']);
  });

  it('dates the cover with the assessment date and the decision date (plan.yaml: report due 24 April 2026)', () => {
    const e = loadEngagement(join(ROOT, 'examples/acme-bank')).engagement!;
    const report = renderDeliverables(assess(e), e, ['report'], { version: 'test' }).docs[0]!.md;
    expect(report).toContain('**Northwind Mutual Insurance** · Assessment as of 31 March 2026 · for decision by 24 April 2026 · Confidential');
  });
});
