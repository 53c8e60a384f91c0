import { describe, expect, it } from 'vitest';
import { largestGaps, requirementSummary, weakestPerspectives } from '../../src/engine/summary.js';
import { ragOf } from '../../src/engine/scoring.js';
import type { PerspectiveResult, RequirementTrace } from '../../src/engine/types.js';
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
