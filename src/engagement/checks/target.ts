import type { Model, Recommendation } from '../../model/types.js';
import type { Hints } from '../../util/did-you-mean.js';
import { findCycle } from '../../util/graph.js';
import { duplicates } from '../duplicate-ids.js';
import type { CheckInput } from '../types.js';
import type { Add } from './add.js';

const T = 'target.yaml';

/** target.yaml against the model: the practices its targets and requirements name. */
export function targetPracticeChecks(e: CheckInput, model: Model, add: Add, hint: Hints): void {
  const practices = new Map(model.practices.map((p) => [p.id, p]));
  const targetIds = [...practices.keys(), 'default'];
  for (const pid of Object.keys(e.target?.targets ?? {})) {
    if (pid !== 'default' && !practices.has(pid)) {
      add(T, ['targets', pid], 'unknown-practice', `"${pid}" is not a practice of the model${hint('unknown-practice', pid, targetIds)}`, 'key');
    }
  }
  (e.target?.requirements ?? []).forEach((r, i) =>
    (r.practices ?? []).forEach((pid, k) => {
      if (!practices.has(pid))
        add(
          T,
          ['requirements', i, 'practices', k],
          'unknown-practice',
          `requirement "${r.id}" names "${pid}", which is not a practice of the model${hint('unknown-practice', pid, practices)}`,
        );
    }),
  );
}

/** target.yaml's own recommendations against the model's: ids, practices, dependencies, no cycle. */
export function targetRecommendationChecks(e: CheckInput, model: Model, add: Add, hint: Hints): void {
  const practices = new Map(model.practices.map((p) => [p.id, p]));
  // Engagement-specific recommendations join the model's.
  const recs = new Map<string, Recommendation & { practice: string }>();
  for (const p of model.practices) for (const r of p.recommendations ?? []) recs.set(r.id, { ...r, practice: p.id });
  const own = e.target?.recommendations ?? [];
  own.forEach((r, i) => {
    if (recs.has(r.id))
      add(
        T,
        ['recommendations', i, 'id'],
        'duplicate-id',
        `recommendation id "${r.id}" is already used ${own.findIndex((o) => o.id === r.id) < i ? 'in this file' : 'by the model'}; choose another id`,
      );
    if (!practices.has(r.practice))
      add(
        T,
        ['recommendations', i, 'practice'],
        'unknown-practice',
        `"${r.practice}" is not a practice of the model${hint('unknown-practice', r.practice, practices)}`,
      );
    recs.set(r.id, r);
  });
  own.forEach((r, i) =>
    (r.depends_on ?? []).forEach((d, k) => {
      if (!recs.has(d) && !e.ids.recommendations.has(d))
        add(
          T,
          ['recommendations', i, 'depends_on', k],
          'unknown-recommendation',
          `"${r.id}" depends on "${d}", which no recommendation has as id${hint('unknown-recommendation', d, recs)}`,
        );
    }),
  );
  (e.target?.first ?? []).forEach((id, k) => {
    if (!recs.has(id) && !e.ids.recommendations.has(id))
      add(
        T,
        ['first', k],
        'unknown-recommendation',
        `"${id}" in first is not a recommendation of the model or of target.yaml${hint('unknown-recommendation', id, recs)}`,
      );
  });
  const cycle = findCycle([...recs.keys()], (id) => {
    const r = recs.get(id)!;
    const lower = [...recs.values()].filter((o) => o.practice === r.practice && o.level < r.level).map((o) => o.id);
    return [...(r.depends_on ?? []), ...lower];
  });
  if (cycle) {
    const i = own.findIndex((r) => cycle.includes(r.id));
    add(
      i >= 0 ? T : 'relm.yaml',
      i >= 0 ? ['recommendations', i, 'depends_on'] : ['model'],
      'dependency-cycle',
      `recommendations depend on each other in a cycle: ${cycle.join(' -> ')}; remove one of these dependencies`,
      'key',
    );
  }
}

/** target.yaml by itself: the horizon, requirements, goals, metric targets and phases. */
export function targetChecks(e: CheckInput, add: Add, hint: Hints): void {
  if (e.target && e.asOf && e.target.horizon && e.target.horizon < e.asOf) {
    add('target.yaml', ['horizon'], 'horizon-past', `the horizon ${e.target.horizon} is before the as-of date ${e.asOf}`);
  }
  if (e.target) {
    const requirements = e.target.requirements ?? [];
    duplicates(requirements, (i) => add(T, ['requirements', i, 'id'], 'duplicate-id', `requirement id "${requirements[i]!.id}" is used twice`));
    // Strategic goals: requirements name the goals they serve.
    const goals = e.target.goals ?? [];
    const goalIds = new Set(goals.map((g) => g.id));
    duplicates(goals, (i) => add(T, ['goals', i, 'id'], 'duplicate-id', `goal id "${goals[i]!.id}" is used twice`));
    requirements.forEach((r, i) =>
      (r.goals ?? []).forEach((g, k) => {
        // A goal left out as broken has its own schema finding: naming it here too would mislead.
        if (!goalIds.has(g) && !e.broken(T, ['goals']))
          add(
            T,
            ['requirements', i, 'goals', k],
            'unknown-goal',
            `requirement "${r.id}" serves "${g}", which is not a goal of target.yaml${goalIds.size ? hint('unknown-goal', g, goalIds) : '; list it under `goals` with an id and a title'}`,
          );
      }),
    );
    goals.forEach((g, i) => {
      if (!requirements.some((r) => (r.goals ?? []).includes(g.id)) && !e.broken(T, ['requirements'])) {
        add(
          T,
          ['goals', i, 'id'],
          'goal-without-requirement',
          `no requirement serves goal "${g.id}", so nothing on the plan is traced to it; add \`goals: [${g.id}]\` to the requirements that serve it`,
        );
      }
    });
    // Metrics: one target each (docs/formulas.md), in `dora`; the older requirement `metric.target` must agree.
    const dora = e.target.dora ?? {};
    requirements.forEach((r, i) => {
      (r.metrics ?? []).forEach((name, k) => {
        const inline = r.metric?.name === name ? r.metric.target : undefined;
        if (dora[name as keyof typeof dora] === undefined && inline === undefined) {
          add(
            T,
            ['requirements', i, 'metrics', k],
            'metric-without-target',
            `requirement "${r.id}" is measured by ${name}, which has no target: add \`${name}: <target>\` under \`dora\``,
          );
        }
      });
      if (r.metric) {
        const other = dora[r.metric.name as keyof typeof dora];
        if (other !== undefined && other !== r.metric.target) {
          add(
            T,
            ['requirements', i, 'metric', 'target'],
            'metric-target-conflict',
            `requirement "${r.id}" sets a ${r.metric.name} target of ${r.metric.target} here, but dora.${r.metric.name} sets ${other}: a metric has one target; write \`metrics: [${r.metric.name}]\` and keep the target in dora`,
          );
        }
      }
    });
    const phases = e.target.phases ?? [];
    duplicates(phases, (i) => add(T, ['phases', i, 'id'], 'duplicate-id', `phase id "${phases[i]!.id}" is used twice`));
    for (let i = 1; i < phases.length; i++) {
      const prev = phases[i - 1]!.end;
      const cur = phases[i]!.end;
      if (prev && cur && cur < prev)
        add(T, ['phases', i, 'end'], 'phase-order', `phase "${phases[i]!.id}" ends before phase "${phases[i - 1]!.id}"; list phases in order`);
    }
    phases.forEach((p, i) => {
      if (p.start && p.end && p.end < p.start)
        add(T, ['phases', i, 'end'], 'phase-dates', `phase "${p.id}" ends on ${p.end}, before it starts on ${p.start}; correct one of the dates`);
    });
    const ends = phases.map((p) => p.end);
    if (e.asOf && phases.length && ends.every((end) => end !== undefined && end < e.asOf!))
      add(
        T,
        ['phases', phases.length - 1, 'end'],
        'roadmap-ended',
        `every phase of the roadmap ended before the as-of date ${e.asOf} (the last on ${ends[ends.length - 1]}), so no work can be scheduled; add the next phases`,
      );
  }
}
