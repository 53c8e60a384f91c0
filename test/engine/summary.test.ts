import { describe, expect, it } from 'vitest';
import { largestGaps, practiceGapOrder, requirementSummary, weakestPerspectives } from '../../src/engine/summary.js';
import { ragOf } from '../../src/engine/scoring.js';
import type { PracticeResult, PerspectiveResult, RequirementTrace } from '../../src/engine/types.js';
import { WorkingDays } from '../../src/util/workdays.js';

const per = (score: number | null, gap: number | null): PerspectiveResult => ({
  score,
  target: 3,
  gap,
  weight: 1,
  practices: [],
  rag: ragOf(gap, score !== null),
  weakest_practice: null,
});

describe('headline figures (docs/formulas.md, v2: every ranking is computed)', () => {
  const perspectives = {
    people: per(2.1, 0.9),
    process: per(1.4, 1.8),
    technology: per(1.4, 1.2),
    organization: per(2.5, 1.8),
    integration: per(null, null),
  };

  it('ranks the perspectives by gap, largest first, ties in the order people…integration, none without a gap', () => {
    expect(largestGaps(perspectives)).toEqual([
      { id: 'process', gap: 1.8 },
      { id: 'organization', gap: 1.8 },
      { id: 'technology', gap: 1.2 },
      { id: 'people', gap: 0.9 },
    ]);
    expect(largestGaps({ ...perspectives, people: per(3, 0), process: per(3, 0), technology: per(3, 0), organization: per(3, 0) })).toEqual([]);
  });

  it('ranks the perspectives by score, weakest first, leaving out those without data', () => {
    expect(weakestPerspectives(perspectives).map((w) => w.id)).toEqual(['process', 'technology', 'people', 'organization']);
  });

  it('counts requirements by status and how many are met by each phase’s end', () => {
    const t = (id: string, status: RequirementTrace['status'], reaches_target: string | null) => ({ id, status, reaches_target }) as RequirementTrace;
    const s = requirementSummary(
      [t('a', 'met', 'now'), t('b', 'planned', 'P2'), t('c', 'planned', 'P1'), t('d', 'not-on-plan', null), t('e', 'unknown', null)],
      ['P1', 'P2', 'P3'],
    );
    expect(s).toEqual({
      total: 5,
      met: 1,
      planned: 2,
      reached: 3, // met 1 + planned 2
      not_reached: 2, // 5 − 3
      not_on_plan: 1,
      unknown: 1,
      by_phase: [
        { phase: 'P1', met: 2 },
        { phase: 'P2', met: 3 },
        { phase: 'P3', met: 3 },
      ],
      all_planned_by: 'P2',
    });
    expect(requirementSummary([t('a', 'met', 'now')], ['P1']).all_planned_by).toBe('now');
    expect(requirementSummary([], ['P1']).all_planned_by).toBeNull();
  });
});

describe('WorkingDays (relm.yaml calendar)', () => {
  it('defaults to Monday to Friday and skips holidays', () => {
    const d = new WorkingDays({ holidays: ['2026-12-25'] });
    expect(d.isWorkingDay('2026-12-24')).toBe(true); // Thursday
    expect(d.isWorkingDay('2026-12-25')).toBe(false); // Friday, a holiday
    expect(d.onOrAfter('2026-12-25')).toBe('2026-12-28'); // Monday
    expect(d.after('2026-12-24')).toBe('2026-12-28');
    expect(d.span('2026-12-23', 3)).toBe('2026-12-28'); // Wed, Thu, (Fri holiday, weekend) Mon
  });

  it('takes other working days', () => {
    const d = new WorkingDays({ workdays: ['sun', 'mon', 'tue', 'wed', 'thu'] });
    expect(d.onOrAfter('2026-12-25')).toBe('2026-12-27'); // Fri -> Sun
  });
});

describe('the engine order of practice gaps (docs/formulas.md: rankings show only what ranks)', () => {
  // Listed in the model's order; perspectives in the order people, process, technology, organization, integration.
  const p = (id: string, perspective: PracticeResult['perspective'], gap: number | null) => ({ id, perspective, gap }) as PracticeResult;
  const practices = [
    p('proc-a', 'process', 1.5),
    p('proc-b', 'process', 1),
    p('tech-a', 'technology', 2),
    p('org-a', 'organization', 1),
    p('int-a', 'integration', 0),
    p('peo-a', 'people', 1),
    p('peo-b', 'people', 1.5),
    p('proc-c', 'process', null), // not assessed: no gap, never ranked
    p('tech-b', 'technology', 1),
    p('org-b', 'organization', 0.25),
  ];
  const o = practiceGapOrder(practices);

  it('ranks by gap, then the perspective order, then the model order, and lists only gaps above 0', () => {
    // 2: tech-a | 1.5: peo-b (people) before proc-a (process) | 1: peo-a, proc-b, tech-b, org-a | .25: org-b
    expect(o.practice_gaps.map((g) => g.id)).toEqual(['tech-a', 'peo-b', 'proc-a', 'peo-a', 'proc-b', 'tech-b', 'org-a', 'org-b']);
    expect(o.practice_gaps.every((g) => g.gap > 0)).toBe(true);
    // The gap table holds every practice with a gap, 0 included, in the same order.
    expect(o.gap_order).toEqual([...o.practice_gaps.map((g) => g.id), 'int-a']);
  });

  it('breaks a tie for the sixth-largest gap the same way every time: four practices share a gap of 1 at places 4 to 7', () => {
    // The six largest: places 4, 5, 6 are peo-a (people), proc-b (process), tech-b (technology); org-a is seventh.
    expect(o.practice_gaps.slice(0, 6).map((g) => g.id)).toEqual(['tech-a', 'peo-b', 'proc-a', 'peo-a', 'proc-b', 'tech-b']);
    // Across perspectives the perspective order decides, whatever order the practices come in.
    expect(
      practiceGapOrder([...practices].reverse())
        .practice_gaps.slice(0, 6)
        .map((g) => g.id),
    ).toEqual(o.practice_gaps.slice(0, 6).map((g) => g.id));
    // Within a perspective, the model's order (the order of the practices given).
    const same = [p('x', 'process', 1), p('y', 'process', 1), p('z', 'process', 1)];
    expect(practiceGapOrder(same).practice_gaps.map((g) => g.id)).toEqual(['x', 'y', 'z']);
    expect(practiceGapOrder([...same].reverse()).practice_gaps.map((g) => g.id)).toEqual(['z', 'y', 'x']);
  });
});
