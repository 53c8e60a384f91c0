import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import {
  recommendationDeliverables,
  shortLevels,
  triggerRecommendations,
  type CriterionState,
  type SourcedRecommendation,
} from '../../src/engine/recommendations.js';
import type { PracticeResult } from '../../src/engine/types.js';
import { standingSentence } from '../../src/render/plan-view.js';
import { ROOT } from '../helpers/cli.js';

/** A practice judged on its answers, with its level means m_1..m_5 (an n/a level at 1), level, target and gap given by hand. */
const practice = (
  id: string,
  name: string,
  m: number[],
  level: number,
  target: number,
  gap: number,
  method: PracticeResult['method'] = 'answers',
): PracticeResult => ({
  id,
  name,
  perspective: 'process',
  weight: 1,
  assessed: true,
  na: false,
  method,
  score: null,
  level,
  level_scores: m,
  na_levels: [],
  target,
  gap,
  in_place: target - gap,
  rag: 'amber',
  coverage: 1,
  confidence: 1,
  evidence: [],
});
const rec = (id: string, practice: string, level: number, title: string, extra: Partial<SourcedRecommendation> = {}): SourcedRecommendation => ({
  id,
  practice,
  level,
  title,
  horizon: 'tactical',
  effort_days: 4,
  impact: 3,
  source: 'model',
  ...extra,
});
const states = (id: string, answers: [string, number, number | null][]): [string, CriterionState[]] => [
  id,
  answers.map(([c, level, value]) => ({ id: c, level, value })),
];

describe('a practice at its target level with criteria unmet below it (the thin fixture)', () => {
  // release-process: 1a most, 2a half, 3a na, 4a none, 5a none. m = 1, .5, n/a (1 for the gap), 0, 0; m' for the
  // level = 1, .5, .5, 0, 0, so level 3; target 3: gap = 0 + .5 + 0 = 0.5, all of it at level 2.
  const p = practice('rp', 'Release process', [1, 0.5, 1, 0, 0], 3, 3, 0.5);
  const criteria = new Map([
    states('rp', [
      ['rp-1a', 1, 1],
      ['rp-2a', 2, 0.5],
      ['rp-3a', 3, null],
      ['rp-4a', 4, 0],
      ['rp-5a', 5, 0],
    ]),
  ]);
  const recs = [rec('rp-2', 'rp', 2, 'Lift release process to level 2'), rec('rp-3', 'rp', 3, 'Lift release process to level 3')];
  const out = triggerRecommendations([p], recs, {}, [], [], new Map(), criteria);

  it('says it is at its target with half a level of criteria still unmet at level 2', () => {
    expect(shortLevels(p)).toEqual([2]);
    expect(standingSentence(p, shortLevels(p))).toBe("Release process is at level 3, its target, with 0.5 level's worth of criteria still unmet at level 2.");
  });

  it('completes level 2 rather than lifting the practice to a level it has passed', () => {
    expect(out.map((r) => [r.id, r.title, r.completes, r.criteria])).toEqual([['rp-2', 'Complete level 2 of release process', true, ['rp-2a']]]);
  });

  it('makes no recommendation for a level whose only criterion is out of scope (n/a)', () => {
    expect(out.find((r) => r.id === 'rp-3')).toBeUndefined();
  });
});

describe('standingSentence', () => {
  it('words a practice below, at and above its target', () => {
    // Maintenance and release skills in the example: m = 1, .5, .5, 0, 0; level 3, target 3, gap .5 + .5 = 1.
    expect(standingSentence({ name: 'Skills', level: 3, target: 3, gap: 1 }, [2, 3])).toBe(
      "Skills is at level 3, its target, with 1.0 level's worth of criteria still unmet at levels 2–3.",
    );
    expect(standingSentence({ name: 'Testing', level: 1, target: 4, gap: 2.5 }, [2, 3, 4])).toBe(
      "Testing is at level 1 of a target of 4, with 2.5 levels' worth of criteria unmet at levels 2–4.",
    );
    expect(standingSentence({ name: 'Tools', level: 4, target: 3, gap: 0.75 }, [1, 3])).toBe(
      "Tools is at level 4, above its target of 3, with 0.8 level's worth of criteria still unmet at levels 1 and 3.",
    );
  });
});

describe('recommendation parts: only what the unmet criteria ask', () => {
  const parts = (a: string, b: string): SourcedRecommendation['parts'] => [
    {
      criteria: [a],
      title: 'Define an emergency change procedure',
      description: 'Write the procedure.',
      steps: ['Name the approver'],
      deliverables: ['Procedure'],
    },
    { criteria: [b], title: 'Set up an on-call rota', description: 'Set up the rota.', steps: ['Publish the rota'], deliverables: ['On-call rota'] },
  ];
  const base = {
    description: 'Write a procedure and set up an on-call rota.\nFirst steps:\n- Name the approver\n- Publish the rota',
    deliverables: ['Procedure', 'On-call rota'],
  };
  // ps: 1a most, 2a half, 2b most: m = 1, .75, ...; level 2, target 2, gap .25, triggered by 2a alone.
  const ps = practice('ps', 'Production support', [1, 0.75, 0, 0, 0], 2, 2, 0.25);
  const psCriteria = new Map([
    states('ps', [
      ['ps-1a', 1, 1],
      ['ps-2a', 2, 0.5],
      ['ps-2b', 2, 1],
    ]),
  ]);
  const r = rec('ps-2', 'ps', 2, 'Define an emergency change procedure and on-call rota', { ...base, parts: parts('ps-2a', 'ps-2b') });

  it('leaves out the part whose criterion is met (the rota exists)', () => {
    const [out] = triggerRecommendations([ps], [r], {}, [], [], new Map(), psCriteria);
    expect(out).toMatchObject({
      title: 'Define an emergency change procedure',
      what: 'Write the procedure.',
      steps: ['Name the approver'],
      criteria: ['ps-2a'],
    });
    expect(recommendationDeliverables(r, 'answers', out!.criteria)).toEqual(['Procedure']);
  });

  it('leaves out the part whose criterion is out of scope (n/a), and keeps everything when both are unmet', () => {
    // dml: 3a none, 3b na: m_3 = 0 (3b left out), triggered by 3a alone.
    const dml = practice('dml', 'Configuration', [1, 1, 0, 0, 0], 2, 3, 1);
    const dmlCriteria = (b: number | null) =>
      new Map([
        states('dml', [
          ['d-1a', 1, 1],
          ['d-2a', 2, 1],
          ['d-3a', 3, 0],
          ['d-3b', 3, b],
        ]),
      ]);
    const r3 = rec('d-3', 'dml', 3, 'Appoint a configuration librarian and define the configuration model', {
      parts: [
        { criteria: ['d-3a'], title: 'Appoint a configuration librarian' },
        { criteria: ['d-3b'], title: 'Define the configuration model' },
      ],
    });
    expect(triggerRecommendations([dml], [r3], {}, [], [], new Map(), dmlCriteria(null))[0]!.title).toBe('Appoint a configuration librarian');
    // 3b answered none as well: m_3 = 0, both parts asked for, the model's own title stands.
    expect(triggerRecommendations([dml], [r3], {}, [], [], new Map(), dmlCriteria(0))[0]!.title).toBe(r3.title);
    // 3a in place and 3b out of scope: m_3 = 1, nothing is missing at level 3, so nothing is recommended.
    const done = practice('dml', 'Configuration', [1, 1, 1, 0, 0], 3, 3, 0);
    const allMet = new Map([
      states('dml', [
        ['d-1a', 1, 1],
        ['d-2a', 2, 1],
        ['d-3a', 3, 1],
        ['d-3b', 3, null],
      ]),
    ]);
    expect(triggerRecommendations([done], [r3], {}, [], [], new Map(), allMet)).toEqual([]);
  });

  it('keeps every part for a practice judged by a rating (its criteria are not known)', () => {
    const rated = practice('ps', 'Production support', [1, 0, 0, 0, 0], 1, 2, 1, 'rating');
    const [out] = triggerRecommendations([rated], [r], {}, [], [], new Map(), psCriteria);
    expect(out).toMatchObject({ title: r.title, steps: ['Name the approver', 'Publish the rota'], criteria: [] });
    expect(recommendationDeliverables(r, 'rating', [])).toEqual(base.deliverables);
  });
});

describe('the example engagement', () => {
  const a = assess(loadEngagement(resolve(ROOT, 'examples/acme-bank')).engagement!);
  const byId = new Map(a.recommendations.map((r) => [r.id, r]));

  it('recommends only the unmet or in-scope parts the notes do not already describe', () => {
    // production-support-2b (the 24/7 on-call rota) is answered most; 2a is half.
    expect(byId.get('rec-production-support-2')).toMatchObject({ title: 'Define an emergency change procedure', criteria: ['production-support-2a'] });
    // configuration-dml-3b (the configuration model) is n/a: the sponsor left it out of scope; 3a is none.
    expect(byId.get('rec-configuration-dml-3')).toMatchObject({ title: 'Appoint a configuration librarian', criteria: ['configuration-dml-3a'] });
    expect(a.recommendations.some((r) => /on-call rota|configuration model/.test(`${r.title} ${r.what} ${r.steps.join(' ')}`))).toBe(false);
  });
});
