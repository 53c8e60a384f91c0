/**
 * Property tests of the engine (docs/formulas.md): random models, answers, targets, recommendations and phases,
 * checked against the invariants the formulas promise. Pure functions only, no binary. A fixed seed keeps
 * every run the same; a failure prints the counterexample and the path to replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, Engagement, Phase, PracticeState } from '../src/engagement/types.js';
import { assess, assessOverall, assessPerspectives, assessPractices } from '../src/engine/assess.js';
import { triggerRecommendations, type SourcedRecommendation } from '../src/engine/recommendations.js';
import { scheduleRoadmap } from '../src/engine/roadmap.js';
import { gapOf, ragOf, scorePractice } from '../src/engine/scoring.js';
import type { PracticeResult, RecommendationResult } from '../src/engine/types.js';
import { PERSPECTIVES, type Model, type Perspective, type Practice, type Recommendation } from '../src/model/types.js';

fc.configureGlobal({ seed: 42, numRuns: 200 });

const EPS = 1e-9;
const STEPS = ['none', 'some', 'half', 'most'] as const;

// ---------------------------------------------------------------------------------------------- arbitraries

/** 1 to 3 criteria at each level 1..5 (the model schema asks for at least one per level). */
const arbCriteriaPerLevel = fc.tuple(...[1, 2, 3, 4, 5].map(() => fc.integer({ min: 1, max: 3 })));

function criteriaOf(id: string, perLevel: readonly number[]): Practice['criteria'] {
  return perLevel.flatMap((n, i) => Array.from({ length: n }, (_, k) => ({ id: `${id}-${i + 1}${'abc'[k]}`, level: i + 1, text: 'x' })));
}

/** One answer: a step, na, unanswered (absent or null), sometimes in the long form with evidence. */
const arbAnswer: fc.Arbitrary<Answer | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Answer | undefined>('none', 'some', 'half', 'most', 'na', undefined, null) },
  { weight: 1, arbitrary: fc.constantFrom('none', 'some', 'half', 'most', 'na' as const).map((answer): Answer => ({ answer, evidence: [{ title: 'e' }] })) },
);

function answersFor(criteria: Practice['criteria'], values: readonly (Answer | undefined)[]): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  criteria.forEach((c, i) => {
    const v = values[i % values.length];
    if (v !== undefined) out[c.id] = v;
  });
  return out;
}

/** A practice's state: answers, a quick rating, not applicable, or not assessed. */
function arbState(criteria: Practice['criteria']): fc.Arbitrary<PracticeState> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(arbAnswer, { minLength: 15, maxLength: 15 }).map((v) => ({ answers: answersFor(criteria, v) })) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }).map((rating) => ({ rating })) },
    { weight: 1, arbitrary: fc.constant({ na: 'not in scope' }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

const arbPracticeAndState = arbCriteriaPerLevel.chain((perLevel) => {
  const practice: Practice = { id: 'p', name: 'P', perspective: 'process', criteria: criteriaOf('p', perLevel) };
  return arbState(practice.criteria).map((state) => ({ practice, state }));
});

/** A practice answered criterion by criterion (for the monotonicity property). */
const arbAnswered = arbCriteriaPerLevel.chain((perLevel) => {
  const practice: Practice = { id: 'p', name: 'P', perspective: 'process', criteria: criteriaOf('p', perLevel) };
  return fc
    .tuple(fc.array(arbAnswer, { minLength: 15, maxLength: 15 }), fc.nat({ max: practice.criteria.length - 1 }))
    .map(([values, pick]) => ({ practice, answers: answersFor(practice.criteria, values), pick: practice.criteria[pick]!.id }));
});

const arbPerspective = fc.constantFrom<Perspective>(...PERSPECTIVES);
const arbTarget = fc.option(fc.constantFrom(0, 1, 2, 2.5, 3, 4, 5), { nil: undefined });
const arbWeights = fc.record(Object.fromEntries(PERSPECTIVES.map((k) => [k, fc.constantFrom(0, 0.5, 1, 2, 3)])) as Record<Perspective, fc.Arbitrary<number>>, {
  requiredKeys: [],
});

/** Model recommendations of practice `pid`, each depending only on recommendations made before it (no cycle). */
function arbRecs(pid: string, earlier: readonly string[]): fc.Arbitrary<Recommendation[]> {
  return fc
    .array(
      fc.record({
        level: fc.integer({ min: 1, max: 5 }),
        horizon: fc.constantFrom('tactical', 'strategic' as const),
        effort_days: fc.constantFrom(0, 0.5, 1, 3, 5, 10, 20),
        impact: fc.integer({ min: 1, max: 5 }),
        deps: fc.subarray([...earlier], { maxLength: Math.min(2, earlier.length) }),
      }),
      { maxLength: 3 },
    )
    .map((list) =>
      list.map((r, k) => ({
        id: `rec-${pid}-${k}`,
        level: r.level,
        title: `R ${pid} ${k}`,
        horizon: r.horizon,
        effort_days: r.effort_days,
        impact: r.impact,
        depends_on: r.deps,
      })),
    );
}

/** A whole engagement: a random model of 1 to 6 practices, their states, targets, weights and phases. */
const arbEngagement: fc.Arbitrary<Engagement> = fc
  .array(fc.tuple(arbPerspective, fc.constantFrom(undefined, 0.5, 1, 2, 3), arbCriteriaPerLevel), { minLength: 1, maxLength: 6 })
  .chain((specs) => {
    const practices: Practice[] = specs.map(([perspective, weight, perLevel], i) => ({
      id: `p${i}`,
      name: `Practice ${i}`,
      perspective,
      ...(weight === undefined ? {} : { weight }),
      criteria: criteriaOf(`p${i}`, perLevel),
    }));
    // Recommendations practice by practice, each free to depend on those of earlier practices.
    let recs: fc.Arbitrary<Recommendation[][]> = fc.constant([]);
    for (const p of practices) {
      recs = recs.chain((done) =>
        arbRecs(
          p.id,
          done.flat().map((r) => r.id),
        ).map((mine) => [...done, mine]),
      );
    }
    return fc
      .record({
        recs,
        states: fc.tuple(...practices.map((p) => fc.option(arbState(p.criteria), { nil: undefined, freq: 8 }))),
        targets: fc.tuple(...practices.map(() => arbTarget)),
        defaultTarget: arbTarget,
        weights: arbWeights,
        phases: fc.array(fc.option(fc.constantFrom(0, 3, 10, 25), { nil: undefined }), { maxLength: 4 }),
      })
      .map(({ recs, states, targets, defaultTarget, weights, phases }): Engagement => {
        const model: Model = {
          relm_model: 1,
          id: 'random',
          name: 'Random model',
          version: '1',
          practices: practices.map((p, i) => ({ ...p, recommendations: recs[i]! })),
        };
        const stateMap: Record<string, PracticeState> = {};
        practices.forEach((p, i) => {
          if (states[i] !== undefined) stateMap[p.id] = states[i]!;
        });
        const targetMap: Record<string, number> = {};
        if (defaultTarget !== undefined) targetMap.default = defaultTarget;
        practices.forEach((p, i) => {
          if (targets[i] !== undefined) targetMap[p.id] = targets[i]!;
        });
        return {
          manifest: { relm: 1, engagement: { client: 'Random Co', as_of: '2026-03-31', day_rate: 800 }, weights },
          model,
          practices: { practices: stateMap },
          target: {
            targets: targetMap,
            requirements: [{ id: 'R1', title: 'First', practices: [practices[practices.length - 1]!.id] }],
            phases: phases.map((c, k): Phase => ({ id: `P${k + 1}`, name: `Phase ${k + 1}`, ...(c === undefined ? {} : { capacity_days: c }) })),
          },
          backlog: null,
          releases: null,
          team: null,
          plan: null,
          interviews: [],
        };
      });
  });

/** Recommendations for the roadmap alone: dependencies only on earlier-made ones (no cycle), given in a shuffled order. */
const arbRoadmapInput = fc
  .array(fc.tuple(fc.constantFrom(0, 0.5, 1, 2, 5, 8, 13, 30), fc.array(fc.nat(), { maxLength: 3 })), { minLength: 1, maxLength: 15 })
  .chain((specs) => {
    const recs: RecommendationResult[] = specs.map(([effort, picks], i) => ({
      id: `r${i}`,
      practice: 'p',
      perspective: 'process',
      level: 1,
      covers: [1],
      title: `r${i}`,
      what: '',
      steps: [],
      criteria: [],
      short_levels: [1],
      completes: false,
      horizon: 'tactical',
      effort_days: effort,
      impact: 1,
      urgency: 1,
      priority: 100,
      bucket: 'high',
      rank: null,
      first: false,
      skills: [],
      owner: null,
      kpis: [],
      depends_on: i === 0 ? [] : [...new Set(picks.map((k) => `r${k % i}`))],
      phase: null,
      source: 'model',
      cost: null,
      alternatives: [],
    }));
    return fc.record({
      recs: fc.shuffledSubarray(recs, { minLength: recs.length, maxLength: recs.length }),
      phases: fc.array(fc.option(fc.constantFrom(0, 1, 2, 5, 10, 20, 40), { nil: undefined }), { maxLength: 5 }),
    });
  })
  .map(({ recs, phases }) => ({
    recs,
    phases: phases.map((c, k): Phase => ({ id: `P${k + 1}`, name: `P${k + 1}`, ...(c === undefined ? {} : { capacity_days: c }) })),
  }));

/** Practice results as the trigger step sees them: any level, score, target and perspective. */
const arbPracticeResults = fc
  .array(
    fc.record({
      perspective: arbPerspective,
      assessed: fc.boolean(),
      m: fc.tuple(...[1, 2, 3, 4, 5].map(() => fc.constantFrom(0, 0.25, 0.5, 0.75, 1))),
      target: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((list) =>
    list.map((p, i): PracticeResult => {
      let level = 0;
      while (level < 5 && p.m[level]! >= 0.5) level++;
      const gap = p.assessed && p.target !== null ? gapOf(p.m, p.target) : null;
      return {
        id: `p${i}`,
        name: `p${i}`,
        perspective: p.perspective,
        weight: 1,
        assessed: p.assessed,
        na: false,
        method: p.assessed ? 'answers' : 'not-assessed',
        score: p.assessed ? p.m.reduce<number>((a, b) => a + b, 0) : null,
        level: p.assessed ? level : null,
        level_scores: p.assessed ? [...p.m] : null,
        na_levels: [],
        target: p.target,
        gap,
        in_place: gap === null ? null : p.target! - gap,
        rag: ragOf(gap, p.assessed),
        coverage: 1,
        confidence: 1,
        evidence: [],
      };
    }),
  );

const arbTriggerInput = arbPracticeResults.chain((practices) =>
  fc.record({
    practices: fc.constant(practices),
    weights: arbWeights,
    recs: fc.array(
      fc.record({
        practice: fc.constantFrom(...practices.map((p) => p.id)),
        level: fc.integer({ min: 1, max: 5 }),
        impact: fc.integer({ min: 1, max: 5 }),
        effort_days: fc.constantFrom(0, 0.5, 1, 4, 10, 40),
        horizon: fc.constantFrom('tactical', 'strategic' as const),
      }),
      { maxLength: 12 },
    ),
  }),
);

// ---------------------------------------------------------------------------------------------- properties

const inRange = (v: number | null, lo: number, hi: number) => v === null || (v >= lo - EPS && v <= hi + EPS);

describe('scoring (docs/formulas.md, Practice)', () => {
  it('keeps scores within [0, 5], levels within 0..5 and each m_l within [0, 1]', () => {
    fc.assert(
      fc.property(arbPracticeAndState, ({ practice, state }) => {
        const s = scorePractice(practice, state);
        expect(inRange(s.score, 0, 5)).toBe(true);
        if (s.level !== null) expect(Number.isInteger(s.level) && s.level >= 0 && s.level <= 5).toBe(true);
        for (const m of s.levelScores ?? []) expect(inRange(m, 0, 1)).toBe(true);
        if (s.method === 'answers') {
          // m'_l: a level that does not apply counts as the level below it (level 1: 1) (docs/formulas.md).
          const counted: number[] = [];
          s.levelScores!.forEach((m, i) => counted.push(s.naLevels.includes(i + 1) ? (i ? counted[i - 1]! : 1) : m));
          expect(s.score).toBeCloseTo(
            counted.reduce((a, b) => a + b, 0),
            12,
          );
          // A_p = the largest L with m'_l ≥ 0.5 for every l ≤ L.
          const first = counted.findIndex((m) => m < 0.5);
          expect(s.level).toBe(first < 0 ? 5 : first);
          for (const l of s.naLevels) expect(s.levelScores![l - 1]).toBe(1); // nothing missing there for the gap
        }
        if (s.method === 'rating') expect([s.score, s.level]).toEqual([state.rating, state.rating]);
        if (s.method === 'na' || s.method === 'not-assessed') expect([s.score, s.level]).toEqual([null, null]);
        expect(inRange(s.coverage, 0, 1) && inRange(s.confidence, 0, 1)).toBe(true);
      }),
    );
  });

  it('never lowers the score or the level when one answer is raised (none -> some -> half -> most)', () => {
    fc.assert(
      fc.property(arbAnswered, fc.integer({ min: 1, max: 3 }), ({ practice, answers, pick }, by) => {
        const current = answers[pick];
        const value = current === null || current === undefined ? null : typeof current === 'string' ? current : current.answer;
        fc.pre(value !== 'na' && value !== 'most');
        // Unanswered counts as none: raising it starts from there.
        const from = value === null ? 0 : STEPS.indexOf(value);
        const raised = { ...answers, [pick]: STEPS[Math.min(3, from + by)]! };
        const before = scorePractice(practice, { answers });
        const after = scorePractice(practice, { answers: raised });
        expect(after.score!).toBeGreaterThanOrEqual(before.score! - EPS);
        expect(after.level!).toBeGreaterThanOrEqual(before.level!);
      }),
    );
  });
});

describe('gaps, perspectives and the overall figures (docs/formulas.md)', () => {
  it('gives every targeted practice a gap of what is missing up to the target (≥ target − score less the levels that do not apply, ≤ target, 0 exactly when every level up to it is in place), and none to the others', () => {
    fc.assert(
      fc.property(arbEngagement, (e) => {
        for (const p of assessPractices(e)) {
          const expected = e.target.targets[p.id] ?? e.target.targets.default ?? null;
          expect(p.target).toBe(p.na ? null : expected);
          if (p.assessed && p.target !== null) {
            expect(p.gap!).toBeGreaterThanOrEqual(0);
            // A level that does not apply counts in the score as the level below, but has nothing missing for the gap.
            const naUpToTarget = p.na_levels.filter((l) => l <= Math.ceil(p.target!)).length;
            expect(p.gap!).toBeGreaterThanOrEqual(p.target - p.score! - naUpToTarget - EPS);
            expect(p.gap!).toBeLessThanOrEqual(p.target + EPS);
            const holes = p.level_scores!.slice(0, Math.ceil(p.target)).some((m) => m < 1);
            expect(p.gap! > 0).toBe(holes);
            expect(p.in_place!).toBeCloseTo(p.target - p.gap!, 12);
          } else {
            expect(p.gap).toBeNull();
          }
        }
      }),
    );
  });

  it('keeps perspective and overall scores, targets and gaps within [0, 5], and percent_to_target within [0, 1]', () => {
    fc.assert(
      fc.property(arbEngagement, (e) => {
        const practices = assessPractices(e);
        const perspectives = assessPerspectives(practices, e.manifest.weights);
        for (const k of PERSPECTIVES) {
          const r = perspectives[k];
          expect([r.score, r.target, r.gap].every((v) => inRange(v, 0, 5))).toBe(true);
          // A weighted mean lies between the smallest and the largest of what it averages.
          const scores = practices.filter((p) => p.perspective === k && p.assessed).map((p) => p.score!);
          if (scores.length) expect(inRange(r.score, Math.min(...scores), Math.max(...scores))).toBe(true);
          else expect(r.score).toBeNull();
        }
        const overall = assessOverall(perspectives, practices);
        expect([overall.score, overall.target, overall.gap].every((v) => inRange(v, 0, 5))).toBe(true);
        expect(inRange(overall.percent_to_target, 0, 1)).toBe(true);
        if (overall.weakest !== null) {
          const weakest = perspectives[overall.weakest].score!;
          for (const k of PERSPECTIVES) if (perspectives[k].score !== null) expect(weakest).toBeLessThanOrEqual(perspectives[k].score!);
        }
      }),
    );
  });
});

describe('scheduleRoadmap (docs/formulas.md, Roadmap)', () => {
  it('never exceeds a phase capacity, never puts a recommendation before a dependency, and leaves the dependants of an unscheduled one unscheduled', () => {
    fc.assert(
      fc.property(arbRoadmapInput, ({ recs, phases }) => {
        const { roadmap, phaseOf } = scheduleRoadmap(recs, phases, 100);
        const index = new Map<string, number>();
        roadmap.phases.forEach((p, k) => p.recommendations.forEach((id) => index.set(id, k)));
        const effort = new Map(recs.map((r) => [r.id, r.effort_days]));

        // Each recommendation is placed exactly once: in one phase, or unscheduled.
        const placed = [...roadmap.phases.flatMap((p) => p.recommendations), ...roadmap.unscheduled];
        expect([...placed].sort()).toEqual(recs.map((r) => r.id).sort());
        roadmap.phases.forEach((p, k) => {
          const used = p.recommendations.reduce((t, id) => t + effort.get(id)!, 0);
          expect(p.used_days).toBeCloseTo(used, 9);
          if (phases[k]!.capacity_days !== undefined) expect(p.used_days).toBeLessThanOrEqual(phases[k]!.capacity_days! + EPS);
        });
        for (const r of recs) {
          const at = index.get(r.id);
          expect(phaseOf.get(r.id)).toBe(at === undefined ? null : phases[at]!.id);
          for (const d of r.depends_on) {
            const dep = index.get(d);
            if (dep === undefined) expect(at, `${r.id} is scheduled although its dependency ${d} is not`).toBeUndefined();
            else if (at !== undefined) expect(at, `${r.id} is placed before its dependency ${d}`).toBeGreaterThanOrEqual(dep);
          }
        }
      }),
    );
  });

  it('schedules everything in the first phase when there is one phase without a capacity', () => {
    fc.assert(
      fc.property(arbRoadmapInput, ({ recs }) => {
        const { roadmap } = scheduleRoadmap(recs, [{ id: 'P1', name: 'All' }], null);
        expect(roadmap.unscheduled).toEqual([]);
        expect(roadmap.phases[0]!.recommendations).toHaveLength(recs.length);
      }),
    );
  });
});

describe('triggerRecommendations (docs/formulas.md, Recommendations)', () => {
  it('gives priorities within [0, 100], 100 to the most urgent when any is urgent, and triggers exactly the recommendations covering a level up to the target that is not in place', () => {
    fc.assert(
      fc.property(arbTriggerInput, ({ practices, weights, recs }) => {
        const sourced: SourcedRecommendation[] = recs.map((r, i) => ({ ...r, id: `r${i}`, title: `r${i}`, source: 'model' }));
        const out = triggerRecommendations(practices, sourced, weights, []);
        const byId = new Map(practices.map((p) => [p.id, p]));
        for (const r of out) {
          expect(inRange(r.priority, 0, 100)).toBe(true);
          const p = byId.get(r.practice)!;
          // gap 0 ⇔ no recommendation: a triggered one always sits on a practice with a gap.
          expect(p.assessed && p.gap! > 0).toBe(true);
          expect(r.urgency).toBeCloseTo((1 + p.gap!) ** 2 - 1, 12);
          expect(r.bucket).toBe(r.priority >= 50 ? 'high' : r.priority >= 25 ? 'medium' : 'low');
        }
        // raw = urgency × impact × W_k / max(1, effort): with a perspective weight of 0 it is 0 even when urgent.
        if (out.some((r) => r.urgency > 0 && (weights[r.perspective] ?? 1) > 0)) expect(Math.max(...out.map((r) => r.priority))).toBe(100);
        else for (const r of out) expect(r.priority).toBe(0);
        const expected = sourced.filter((r) => {
          const p = byId.get(r.practice)!;
          const lower = Math.max(0, ...sourced.filter((o) => o.practice === r.practice && o.level < r.level).map((o) => o.level));
          const covered = [1, 2, 3, 4, 5].filter((l) => l > lower && l <= r.level);
          return p.assessed && p.target !== null && covered.some((l) => l <= p.target! && p.level_scores![l - 1]! < 1);
        });
        expect(out.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
      }),
    );
  });
});

describe('assess', () => {
  it('is deterministic (same input, same JSON) and leaves its input untouched', () => {
    fc.assert(
      fc.property(arbEngagement, (e) => {
        const input = JSON.stringify(e);
        const first = JSON.stringify(assess(e));
        expect(JSON.stringify(e)).toBe(input);
        expect(JSON.stringify(assess(JSON.parse(input) as Engagement))).toBe(first);
      }),
      { numRuns: 100 },
    );
  });
});
