import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/engine/types.js';
import { businessCase, type ValueInputs } from '../../src/engine/value.js';
import { valueInputs } from '../helpers/value-inputs.js';
import { assumptionLines, assumptionsShort, businessCaseView, valueSentence, valueTitle } from '../../src/render/business-case.js';

/** The engine test's case (test/engine/value.test.ts): €296,000 at stake, €182,000 saved, paid back in month 12. */
const inputs = valueInputs;

function assessment(over: Partial<ValueInputs> = {}): Assessment {
  return {
    as_of: '2025-12-31',
    engagement: { client: 'Test Co', title: 'T', currency: 'EUR', day_rate: 500 },
    scenarios: [
      { id: 'as-planned', name: 'Capacity as planned' },
      { id: 'double', name: 'Double the capacity', total_days: 182 },
    ],
    summary: { recommended_scenario: 'double' },
    business_case: businessCase(inputs(over)),
    roadmap: { phases: [], milestones: [] },
  } as unknown as Assessment;
}

describe('the business case in words (hand-checked against the engine case)', () => {
  it('leads with what failure and waiting cost, what the targets save, and the payback', () => {
    expect(valueSentence(assessment())).toBe(
      'Failed releases, outages and waiting requests cost Test Co €296,000 a year today. Meeting the release targets by December 2026 saves €182,000 a year; the recommended option (double the capacity, €91,000) pays for itself after 12 months, in December 2026.',
    );
    expect(valueTitle(assessment())).toBe('Meeting the release targets saves €182,000 a year, paid back by December 2026');
  });

  it('says outage hours still fall with the failed releases when service is already restored within its target', () => {
    // 16 hours over 4 failed releases: 4 hours each (median 4), within the 24-hour target; at 10 % of 20 releases
    // 2 fail, each down 4 hours: 8 hours a year instead of 16.
    const a = assessment({ targets: { change_failure_rate: 0.1, recovery_hours: 24, request_lead_time_days: 30 } });
    expect(assumptionLines(a)).toContain(
      'Service is already restored within its 24-hour target (4 hours a failed release on average, median 4), so each failed release at the target rate still counts 4 hours: outage hours fall from 16 to 8 a year.',
    );
  });

  it('names the release targets the plan meets before its end, as the milestones date them', () => {
    // The plan runs 1 January – 31 December 2026; the change failure rate is a milestone on 30 June 2026.
    const a = assessment();
    a.roadmap.milestones = [{ date: '2026-06-30', phase: 'P1', requirement: null, metric: 'releases.change_failure_rate' }];
    expect(assumptionLines(a).at(-1)).toBe(
      'The saving builds up evenly from nothing at the start of the plan (1 January 2026) to its full rate at its end (31 December 2026, 12 months later); the change failure rate target is met by 30 June 2026, the rest by the end.',
    );
  });

  it('states every assumption on the page', () => {
    expect(assumptionLines(assessment())).toEqual([
      'The release record covers the 365 days to 31 December 2025; its counts are scaled to a year (× 365 ÷ 365).',
      "A failed release costs €10,000: rollback or hotfix, re-testing and the business's lost time (Test Co's estimate).",
      '4 of the 20 releases with a recorded outcome failed or needed a fix in those 365 days.',
      'With the change failure rate at its target of 10%, 2 of those 20 releases would have failed.',
      "An hour of outage costs €1,000 (Test Co's estimate).",
      'The failed releases left service down for 16 hours in all: 3 of the 4 record when service was restored; the other counts at the median of those, 4 hours.',
      // 2 failed releases at the target rate × min(16 ÷ 4, 2) hours = 4 hours a year instead of 16.
      'With the time to restore service at its target, each failed release at the target rate is restored within 2 hours: outage hours fall from 16 to 4 a year.',
      "A request waiting one month costs €500: the benefit it defers (Test Co's estimate).",
      "40 requests are open; about as many wait at any time, so a year holds 480 request-months of waiting (Little's law).",
      "With the request lead time at its target of 30 days and today's pace (15 requests delivered a month), about 15 requests wait at any time.",
      'The cost to pay back is that of double the capacity: €91,000 at €500 a person-day.',
      'The saving builds up evenly from nothing at the start of the plan (1 January 2026) to its full rate at its end (31 December 2026, 12 months later).',
    ]);
    expect(assumptionsShort(assessment())).toBe(
      "Assumptions: €10,000 a failed release, €1,000 an hour of outage and €500 a request waiting a month (Test Co's estimates); the release record of the 365 days to 31 December 2025, scaled to a year; targets met by the end of the plan, December 2026 (change failure rate 10%, service restored within 2 hours and request lead time 30 days), the saving building up evenly until then.",
    );
    const v = businessCaseView(assessment());
    expect(v.rows).toEqual([
      { name: 'Failed releases', unit: '€10,000 each', quantity: '4', cost: '€40,000', target_quantity: '2', saving: '€20,000' },
      { name: 'Outages after failed releases', unit: '€1,000 an hour', quantity: '16 hours', cost: '€16,000', target_quantity: '4 hours', saving: '€12,000' },
      {
        name: 'Requests waiting in the backlog',
        unit: '€500 a request-month',
        quantity: '480 request-months',
        cost: '€240,000',
        target_quantity: '180 request-months',
        saving: '€150,000',
      },
    ]);
    expect(v.payback).toBe('12 months (December 2026)');
  });

  it('says which inputs would complete it when no value is given', () => {
    const a = assessment({ value: undefined });
    expect(valueSentence(a)).toBe(
      'What failed releases, outages and waiting requests cost Test Co cannot be put in money yet: it needs estimates of what one failed release, one hour of outage and one request waiting a month cost.',
    );
    expect(valueTitle(a)).toBe('The value at stake needs the client’s cost figures');
    expect(businessCaseView(a)).toMatchObject({ known: false, rows: [], assumptions: [], assumptions_short: null });
    // One estimate and a target missing: the figure is given for what is known, and the page names the rest.
    const part = assessment({ value: { failed_release: 10_000 }, targets: { recovery_hours: 2 } });
    expect(valueSentence(part)).toBe(
      'Failed releases cost Test Co €40,000 a year today. Meeting the release targets lowers none of it: that needs estimates of what one hour of outage and one request waiting a month cost and a target for the change failure rate.',
    );
  });

  it('says so when the saving never pays the cost back within ten years', () => {
    const a = assessment({ value: { failed_release: 100 } });
    expect(valueSentence(a)).toBe(
      'Failed releases cost Test Co €400 a year today. Meeting the release targets by December 2026 saves €200 a year; at that rate the recommended option (double the capacity, €91,000) does not pay for itself within ten years. A fuller figure needs estimates of what one hour of outage and one request waiting a month cost.',
    );
    expect(valueTitle(a)).toBe('Failed releases cost €400 a year; meeting the targets saves €200');
  });
});
