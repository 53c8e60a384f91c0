import { describe, expect, it } from 'vitest';
import type { AssessmentDiff } from '../../src/engine/diff.js';
import { progressOf, progressSince } from '../../src/engine/progress.js';
import type { Assessment } from '../../src/engine/types.js';
import * as P from '../../src/render/progress-headlines.js';
import { SMALL_PROGRESS, smallPlan } from './fixtures.js';

const catalogue = new Map([['x9', { title: 'Extra work', practice: 'p-x', effort_days: 3 }]]);

/** The small plan's progress on a day, measured since a report at which only r1 was done. */
function facts(today: string, moved: AssessmentDiff | null = null): P.ProgressFacts {
  const current = {
    ...smallPlan(),
    engagement: { client: 'Test Co', currency: 'EUR', day_rate: 500 },
    decision: { decided_by: { name: 'C. Doyle', role: 'CIO' } },
    summary: { requirements: { met: 1 } },
    overall: { score: 1.42 },
  } as unknown as Assessment;
  return {
    client: 'Test Co',
    report: progressOf(smallPlan(), SMALL_PROGRESS, today, null, catalogue),
    current,
    since: { kind: 'report', date: '2026-06-30' },
    changes: progressSince({ recommendations: { r1: { status: 'done', done: '2026-05-15' } } }, SMALL_PROGRESS),
    moved,
    metBefore: moved ? 0 : null,
  };
}

const c = (from: number | null, to: number | null) => ({ from, to });
const diff: AssessmentDiff = {
  currency: 'EUR',
  overall: { score: c(1.42, 1.71), target: c(3, 3), gap: c(1.6, 1.3), percent_to_target: c(0.45, 0.5) },
  perspectives: [],
  practices: [],
  recommendations: { added: [], removed: [] },
  requirements: [],
  cost: [],
  backlog: [],
  releases: [
    { metric: 'lead_time_days', unit: 'days', change: c(14, 9) },
    { metric: 'change_failure_rate', unit: 'share', change: c(0.24, 0.15) },
  ],
  changed: true,
};

describe('progress report sentences (computed from the engine, hand-checked)', () => {
  it('answers first: effort delivered against the plan by today, and what is late', () => {
    // 15 of 73 person-days = 20.5%; P1's 23 person-days were due by 15 August; r3 is late.
    expect(P.progressAnswerSentence(facts('2026-08-15'))).toBe(
      'Test Co has delivered 15 of the 73 person-days planned (21%) by 15 August 2026, against 23 due by then; one recommendation is late.',
    );
    // On 1 June only r1 (done 15 May) is done: r2 was done on 10 July.
    expect(P.progressAnswerSentence(facts('2026-06-01'))).toBe(
      'Test Co has delivered 10 of the 73 person-days planned (14%) by 1 June 2026; no phase has ended yet, so nothing is late.',
    );
  });

  it('says what was done since the last report: completed (with their effort), started, dropped', () => {
    // r2 (5 days) and x9 (3 days) completed; r3 and r4 started; r5 dropped.
    expect(P.doneSentence(facts('2026-08-15'))).toBe(
      'Since the progress report of 30 June 2026, two recommendations were completed (8 person-days), two started and one dropped.',
    );
    const none = { ...facts('2026-08-15'), changes: { done: [], started: [], dropped: [], reopened: [] }, since: null };
    expect(P.doneSentence(none)).toBe('So far, no recommendation was completed, started or dropped.');
  });

  it('says what moved: the overall score, the requirements met, the first release metric that moved', () => {
    expect(P.movedSentence(facts('2026-08-15', diff))).toBe(
      'The overall score rose from 1.4 to 1.7 (50% of the way to target); one more requirement is met (1 of 4); the change failure rate fell from 24% to 15%.',
    );
    expect(P.movedSentence(facts('2026-08-15'))).toBe('This is the first progress report: there is no earlier reading to compare the scores and metrics with.');
    const flat = { ...diff, overall: { ...diff.overall, score: c(1.42, 1.44) }, releases: [] };
    expect(P.movedSentence({ ...facts('2026-08-15', flat), metBefore: 1 })).toBe('The overall score is unchanged at 1.4 (50% of the way to target).');
  });

  it('says what is late, how late, and whether the reasons are recorded', () => {
    expect(P.lateSentence(facts('2026-08-15'))).toBe(
      'One recommendation is late (8 person-days), 46 days past the end of its phase: it is in progress; the reason is recorded.',
    );
    // On 15 November P2 has ended too: r4 (20 days, no notes) joins r3, which is 138 days late by then.
    expect(P.lateSentence(facts('2026-11-15'))).toBe(
      'Two recommendations are late (28 person-days), up to 138 days past the end of their phase: all in progress; one without a recorded reason.',
    );
    expect(P.lateSentence(facts('2026-05-01'))).toBe('Nothing is late: no phase has ended yet.');
  });

  it('gives each late recommendation its reason: the notes, else what it waits for, else none recorded', () => {
    const r = facts('2027-04-01').report;
    const titles = new Map([...P.recommendationsOf(r)].map(([id, x]) => [id, x.title]));
    const byId = P.recommendationsOf(r);
    expect(P.lateReason(byId.get('r3')!, titles)).toBe('Waiting for the test environment');
    expect(P.lateReason(byId.get('r4')!, titles)).toBe('In progress; no reason recorded.');
    expect(P.lateReason(byId.get('r6')!, titles)).toBe('Waiting for Do r4.');
  });

  it('names the requirements done work now meets, and those waiting for a metric', () => {
    expect(P.requirementsProgressSentence(facts('2026-08-15'))).toBe(
      'Done work now meets one requirement: Requirement REQ-1; one more has its work done and waits for a metric to meet its target.',
    );
    const f = facts('2026-08-15');
    f.report = progressOf(smallPlan(), { recommendations: { r3: { status: 'done', done: '2026-06-01' } } }, '2026-08-15');
    expect(P.requirementsProgressSentence(f)).toBe('No requirement is met by done work yet; the closest is Requirement REQ-2 (1 of 2 recommendations done).');
  });

  it('says what comes next: finish what is under way (late first), then start what can start', () => {
    expect(P.nextSentence(facts('2026-08-15'))).toBe('Finish Do r3 (late) and Do r4.');
    const f = facts('2026-04-10');
    f.report = progressOf(smallPlan(), null, '2026-04-10');
    expect(P.nextSentence(f)).toBe('Start Do r1, Do r2 and one more.');
    // "and two more", never "two mores".
    const started = { status: 'in-progress' as const, started: '2026-04-02' };
    f.report = progressOf(smallPlan(), { recommendations: { r1: started, r2: started, r3: started, r4: started } }, '2026-04-10');
    expect(P.nextSentence(f)).toMatch(/^Finish Do r\d, Do r\d and two more/);
  });

  it('orders the next steps by their dependencies: never "finish X, then start Y" where X waits for Y', () => {
    // r4 (phase 2) is under way but waits for r1, which has not started: start r1 first, then finish r4.
    const f = facts('2026-08-15');
    f.report = progressOf(smallPlan(), { recommendations: { r4: { status: 'in-progress', started: '2026-08-01' } } }, '2026-08-15');
    expect(f.report.next_steps).toEqual(['r1', 'r4', 'r2', 'r3']);
    expect(P.nextSentence(f)).toBe('Start Do r1 (late), then finish Do r4, then start Do r2 (late) and Do r3 (late).');
    expect(P.progressSlideTitles(f).next).toBe('Next: start one, then finish one, then start two');
  });

  it('ends with an ask: who decides, what, by when', () => {
    // On 15 August: Optimise (phase 3, r6: 30 person-days × €500) starts on 2 November; r3 (8 person-days) is late.
    expect(P.askSentence(facts('2026-08-15'))).toBe(
      'C. Doyle (CIO) to decide by 2 November 2026: approve Optimise (phase 3): 30 person-days (€15,000), starting 2 November 2026; and agree how the late recommendation (8 person-days) is caught up: within the capacity of the phases left, or with more.',
    );
    // Without a sponsor, the programme sponsor decides; after every phase has begun, by the end of the one under way.
    const f = facts('2026-12-01');
    f.current = { ...f.current, decision: null } as unknown as Assessment;
    expect(P.askSentence(f)).toBe(
      'The programme sponsor to decide by 31 March 2027: agree how the two late recommendations (28 person-days) are caught up: within the capacity of the phases left, or with more.',
    );
    // All done or dropped: commission the re-assessment.
    const done = facts('2027-04-15');
    const all = Object.fromEntries(['r1', 'r2', 'r3', 'r4', 'r6'].map((id) => [id, { status: 'done' as const, done: '2027-03-01' }]));
    done.report = progressOf(smallPlan(), { recommendations: { ...all, r5: { status: 'dropped' as const } } }, '2027-04-15');
    expect(P.askSentence(done)).toBe(
      'C. Doyle (CIO) to decide: commission the re-assessment that measures what the completed plan achieved against the requirements.',
    );
    expect(P.progressSlideTitles(done).ask).toBe('Decision for C. Doyle (CIO): commission the re-assessment');
  });

  it('titles the progress deck’s slides with one message each', () => {
    // 15 of 73 person-days (20.5%) delivered; P1's 23 (31.5%) due by 15 August; P1 ended with r3 late (46 days
    // after 30 June); r2 and x9 done since the last report; r3 and r4 to finish next.
    expect(P.progressSlideTitles(facts('2026-08-15', diff))).toEqual({
      answer: '21% of the plan delivered, against 32% due by 15 August 2026',
      phases: 'Stabilise ended with one recommendation not done',
      done: 'Two recommendations completed since 30 June 2026',
      moved: 'The overall score rose from 1.4 to 1.7',
      late: 'One recommendation late, by 46 days',
      next: 'Next: finish two',
      ask: 'Decision for C. Doyle (CIO) by 2 November 2026: approve Optimise',
    });
    // Before any phase has ended: nothing due, nothing late, the first phase under way.
    const f = facts('2026-04-10');
    f.report = progressOf(smallPlan(), null, '2026-04-10');
    f.changes = progressSince(null, null);
    f.current = { ...f.current, overall: { score: 1.42 } } as unknown as Assessment;
    const t = P.progressSlideTitles(f);
    expect(t.moved).toBe('Overall score 1.4 out of 5; nothing earlier to compare');
    expect(t.answer).toBe('0% of the plan delivered; no phase has ended yet');
    expect(t.phases).toBe('Stabilise under way: 0 of 23 person-days done');
    expect(t.done).toBe('Nothing completed since 30 June 2026');
    expect(t.late).toBe('Nothing is late');
    expect(t.next).toBe('Next: start three');
  });
});
