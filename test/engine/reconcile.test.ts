import { describe, expect, it } from 'vitest';
import type { AnswerValue, Responses } from '../../src/engagement/types.js';
import { assess } from '../../src/engine/assess.js';
import { criterionSupport, planConsensus, proposalOf, reconcile, spreadOf } from '../../src/engine/reconcile.js';
import { respondentSupport, scorePractice } from '../../src/engine/scoring.js';
import { engagementWith, tinyModel } from '../helpers/engagement.js';

const model = tinyModel();

function respondent(id: string, answers: Record<string, AnswerValue>, name = id.toUpperCase()): Responses {
  const byPractice: Responses['answers'] = {};
  for (const [cid, a] of Object.entries(answers)) (byPractice[cid.split('-')[0]!] ??= {})[cid] = a;
  return { id, file: `responses/${id}.yaml`, respondent: { name }, date: '2026-03-05', answers: byPractice };
}

describe('proposalOf and spreadOf', () => {
  it('takes the median step, ties to the lower', () => {
    expect(proposalOf(['none', 'most', 'half'])).toBe('half');
    expect(proposalOf(['none', 'some'])).toBe('none');
    expect(proposalOf(['some', 'most', 'half', 'most'])).toBe('half');
    expect(proposalOf(['most'])).toBe('most');
  });
  it('proposes na only when more than half say so, else the median of the others', () => {
    expect(proposalOf(['na', 'na', 'none'])).toBe('na');
    expect(proposalOf(['na', 'half'])).toBe('half');
    expect(proposalOf(['na', 'some', 'most'])).toBe('some');
  });
  it('measures the spread in scale steps, na left out', () => {
    expect(spreadOf(['none', 'most', 'half'])).toBe(3);
    expect(spreadOf(['some', 'half'])).toBe(1);
    expect(spreadOf(['na', 'most'])).toBe(0);
    expect(spreadOf(['half'])).toBe(0);
  });
});

describe('reconcile', () => {
  const e = engagementWith({
    responses: [
      respondent('r1', { 'b-1a': 'most', 'b-2a': 'none', 'b-3a': 'na', 'e-1a': 'half' }),
      respondent('r2', { 'b-1a': 'most', 'b-2a': 'most', 'b-3a': 'some' }),
      respondent('r3', { 'b-1a': 'half', 'b-2a': 'half' }),
    ],
  });
  e.practices.practices.b = { answers: { 'b-1a': 'most', 'b-2a': { answer: 'half', decision: { because: 'workshop' } }, 'b-3a': 'none' } };

  it('lists each criterion answered, with the answers, spread, proposal, consensus and status', () => {
    const c = reconcile(e.model, e.practices, e.responses)!;
    expect(c.criteria.map((x) => x.criterion)).toEqual(['b-1a', 'b-2a', 'b-3a', 'e-1a']);
    const [b1, b2, b3, e1] = c.criteria;
    expect(b1).toMatchObject({ spread: 1, disagreement: false, proposal: 'most', consensus: 'most', status: 'accepted', agreeing: 3, open: false });
    expect(b2).toMatchObject({ spread: 3, disagreement: true, proposal: 'half', status: 'decided', agreeing: 3, open: false });
    expect(b3).toMatchObject({ na_split: true, disagreement: true, proposal: 'some', consensus: 'none', status: 'differs', agreeing: 1, open: true });
    expect(e1).toMatchObject({ proposal: 'half', consensus: 'most', status: 'differs', agreeing: 1 }); // half is one step from most
    expect(c).toMatchObject({ disagreements: 2, open_disagreements: 1, unsettled: 2 });
    expect(c.respondents.map((r) => [r.id, r.answered, r.practices])).toEqual([
      ['r1', 4, ['b', 'e']],
      ['r2', 3, ['b']],
      ['r3', 2, ['b']],
    ]);
  });

  it('is null without respondents', () => {
    expect(reconcile(model, engagementWith().practices, [])).toBeNull();
  });
});

describe('confidence counts respondents', () => {
  it('gives each agreeing respondent a third, documents in full, and halves an open disagreement', () => {
    expect(respondentSupport({ respondents: 3, agreeing: 3, open: false }, false)).toBe(1);
    expect(respondentSupport({ respondents: 1, agreeing: 1, open: false }, false)).toBeCloseTo(1 / 3, 12);
    expect(respondentSupport({ respondents: 5, agreeing: 5, open: false }, false)).toBe(1);
    expect(respondentSupport({ respondents: 1, agreeing: 1, open: false }, true)).toBe(1);
    expect(respondentSupport({ respondents: 3, agreeing: 2, open: true }, false)).toBeCloseTo(1 / 3, 12);
  });

  it('a criterion answered by three agreeing respondents is stronger than one answered by one', () => {
    const state = { answers: { 'b-1a': 'most' as const, 'b-2a': 'most' as const } };
    const three = respondent('r1', { 'b-1a': 'most' });
    const c = reconcile(model, { practices: { b: state } }, [
      three,
      respondent('r2', { 'b-1a': 'most' }),
      respondent('r3', { 'b-1a': 'half', 'b-2a': 'most' }),
    ]);
    const s = scorePractice(model.practices[1]!, state, criterionSupport(c));
    // b-1a: three agree (1); b-2a: one (1/3); b-3a..5a unanswered.
    expect(s.confidence).toBeCloseTo((1 + 1 / 3) / 2, 12);
  });

  it('leaves the confidence of an engagement without respondents as it was', () => {
    const e = engagementWith();
    expect(assess(e).practices.find((p) => p.id === 'a')!.confidence).toBeCloseTo(1 / 5, 12);
    expect(assess(e).consensus).toBeNull();
  });

  it('assessment.json carries the consensus, and the practice confidence follows it', () => {
    const e = engagementWith({ responses: [respondent('r1', { 'e-1a': 'most', 'e-2a': 'none' }), respondent('r2', { 'e-1a': 'most', 'e-2a': 'most' })] });
    const a = assess(e);
    expect(a.consensus!.open_disagreements).toBe(1);
    // e: five criteria "most", practice source int-01. 1a: two agree (2/3); 2a: one agrees, open (1/3 ÷ 2); 3a-5a: the practice's source (1).
    expect(a.practices.find((p) => p.id === 'e')!.confidence).toBeCloseTo((2 / 3 + 1 / 6 + 3) / 5, 12);
  });
});

describe('planConsensus', () => {
  const e = engagementWith({
    responses: [
      respondent('r1', { 'b-1a': 'most', 'b-2a': 'none', 'b-3a': 'half', 'b-4a': 'some', 'b-5a': 'none' }),
      respondent('r2', { 'b-1a': 'most', 'b-2a': 'most', 'b-3a': 'half', 'b-4a': 'some', 'b-5a': 'some' }),
    ],
  });
  e.practices.practices.b = {
    answers: {
      'b-1a': { answer: 'most', sources: ['r1', 'r2'] },
      'b-3a': 'most',
      'b-4a': { answer: 'half', decision: { because: 'the workshop said so' } },
    },
  };
  const c = reconcile(e.model, e.practices, e.responses);

  it('accepts all: medians with the respondents as sources; leaves disagreements, differing answers and decisions alone', () => {
    const plan = planConsensus(e.model, c, { accept: ['all'], set: {} });
    expect(plan.updates.map((u) => [u.criterion, u.answer, u.sources.join(','), u.how])).toEqual([['b-5a', 'none', 'r1,r2', 'median']]);
    expect(plan.unchanged).toEqual(['b-1a']);
    expect(plan.skipped.map((s) => s.criterion)).toEqual(['b-2a', 'b-3a', 'b-4a']);
    expect(plan.skipped[0]!.reason).toMatch(/disagree/);
    expect(plan.skipped[1]!.reason).toMatch(/practices.yaml says most where the median is half: name it, or pass --force/);
    expect(plan.skipped[2]!.reason).toMatch(/settled in a workshop \(the workshop said so\)/);
  });

  it('with --force replaces differing answers; naming a disagreement takes its median', () => {
    const forced = planConsensus(e.model, c, { accept: ['all'], set: {}, force: true });
    expect(forced.updates.map((u) => u.criterion)).toEqual(['b-3a', 'b-5a']);
    const named = planConsensus(e.model, c, { accept: ['b-2a'], set: {} });
    expect(named.updates).toEqual([{ practice: 'b', criterion: 'b-2a', answer: 'none', sources: ['r1', 'r2'], before: null, how: 'median' }]);
  });

  it('records a workshop decision with its reason and date, the respondents as sources', () => {
    const plan = planConsensus(e.model, c, { accept: [], set: { 'b-2a': 'half', 'c-1a': 'some' }, because: 'agreed', date: '2026-03-10' });
    expect(plan.updates).toEqual([
      {
        practice: 'b',
        criterion: 'b-2a',
        answer: 'half',
        sources: ['r1', 'r2'],
        decision: { because: 'agreed', date: '2026-03-10' },
        before: null,
        how: 'workshop',
      },
      { practice: 'c', criterion: 'c-1a', answer: 'some', sources: [], decision: { because: 'agreed', date: '2026-03-10' }, before: null, how: 'workshop' },
    ]);
  });
});
