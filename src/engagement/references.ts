import type { Model, Recommendation } from '../model/types.js';
import { createHints, type Hints } from '../util/did-you-mean.js';
import { findCycle } from '../util/graph.js';
import { duplicates } from './duplicate-ids.js';
import { finding, type Finding } from '../diagnostics/finding.js';
import type { Code } from '../diagnostics/rules.js';
import { checkInput } from './check-input.js';
import type { CheckInput, Engagement, PlanFile } from './types.js';

/**
 * Cross-file checks: every id refers to something that exists, and the answers are complete and consistent.
 * Errors block the assessment; warnings are reported beside it. Each part runs when what it needs is usable
 * (CheckInput): a broken file hides only the checks that depend on it.
 */
export function checkReferences(input: CheckInput | Engagement): Finding[] {
  const e = checkInput(input);
  const out: Finding[] = [];
  const hint = createHints();
  const add = (file: string, path: (string | number)[], code: Code, message: string, at: 'key' | 'value' = 'value') =>
    out.push(finding(code, { file, path, at }, message));
  if (e.model) modelReferences(e, e.model, add, hint);
  if (e.target && e.asOf && e.target.horizon && e.target.horizon < e.asOf) {
    add('target.yaml', ['horizon'], 'horizon-past', `the horizon ${e.target.horizon} is before the as-of date ${e.asOf}`);
  }
  if (e.target) {
    const T = 'target.yaml';
    const requirements = e.target.requirements ?? [];
    duplicates(requirements, (i) => add(T, ['requirements', i, 'id'], 'duplicate-id', `requirement id "${requirements[i]!.id}" is used twice`));
    // Strategic goals: requirements name the goals they serve.
    const goals = e.target.goals ?? [];
    const goalIds = new Set(goals.map((g) => g.id));
    duplicates(goals, (i) => add(T, ['goals', i, 'id'], 'duplicate-id', `goal id "${goals[i]!.id}" is used twice`));
    requirements.forEach((r, i) =>
      (r.goals ?? []).forEach((g, k) => {
        // A goal left out as broken has its own schema finding: naming it here too would mislead.
        if (!goalIds.has(g) && !e.broken(T, ['goals'])) add(T, ['requirements', i, 'goals', k], 'unknown-goal', `requirement "${r.id}" serves "${g}", which is not a goal of target.yaml${goalIds.size ? hint('unknown-goal', g, goalIds) : '; list it under `goals` with an id and a title'}`);
      }),
    );
    goals.forEach((g, i) => {
      if (!requirements.some((r) => (r.goals ?? []).includes(g.id)) && !e.broken(T, ['requirements'])) {
        add(T, ['goals', i, 'id'], 'goal-without-requirement', `no requirement serves goal "${g.id}", so nothing on the plan is traced to it; add \`goals: [${g.id}]\` to the requirements that serve it`);
      }
    });
    // Metrics: one target each (DESIGN §3, v2), in `dora`; the older requirement `metric.target` must agree.
    const dora = e.target.dora ?? {};
    requirements.forEach((r, i) => {
      (r.metrics ?? []).forEach((name, k) => {
        const inline = r.metric?.name === name ? r.metric.target : undefined;
        if (dora[name as keyof typeof dora] === undefined && inline === undefined) {
          add(T, ['requirements', i, 'metrics', k], 'metric-without-target', `requirement "${r.id}" is measured by ${name}, which has no target: add \`${name}: <target>\` under \`dora\``);
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
      if (prev && cur && cur < prev) add(T, ['phases', i, 'end'], 'phase-order', `phase "${phases[i]!.id}" ends before phase "${phases[i - 1]!.id}"; list phases in order`);
    }
  }
  if (e.plan) planReferences(e.plan, e.ids.tasks, add, hint);
  const seen = new Map<string, string>();
  // Interviews and observations share one id space: practices cite both in `sources`.
  for (const iv of [...e.interviews, ...(e.observations ?? [])]) {
    const kind = iv.file.startsWith('observations/') ? 'observation' : 'interview';
    if (seen.has(iv.id)) add(iv.file, ['id'], 'duplicate-id', `${kind} id "${iv.id}" is also used by ${seen.get(iv.id)}`);
    seen.set(iv.id, iv.file);
  }
  return out;
}

type Add = (file: string, path: (string | number)[], code: Code, message: string, at?: 'key' | 'value') => void;

/** The checks that need the model: practice, criterion and recommendation ids, and the answers' completeness. */
function modelReferences(e: CheckInput, model: Model, add: Add, hint: Hints): void {
  const practices = new Map(model.practices.map((p) => [p.id, p]));
  const criterionOwner = new Map<string, string>();
  for (const p of model.practices) for (const c of p.criteria) criterionOwner.set(c.id, p.id);
  const interviewIds = e.ids.interviews;

  // practices.yaml
  const P = 'practices.yaml';
  const checkSources = (path: (string | number)[], sources: string[] | undefined) =>
    (sources ?? []).forEach((s, k) => {
      if (e.interviewsComplete && !interviewIds.has(s)) {
        add(P, [...path, 'sources', k], 'unknown-interview', `source "${s}" names no interview in interviews/*.md and no observation in observations/*.md${hint('unknown-interview', s, interviewIds)}`);
      }
    });
  const state = e.practices?.practices ?? null;
  for (const [pid, entry] of Object.entries(state ?? {})) {
    const practice = practices.get(pid);
    if (!practice) {
      add(P, ['practices', pid], 'unknown-practice', `"${pid}" is not a practice of the model "${model.id}"${hint('unknown-practice', pid, practices)}`, 'key');
      continue;
    }
    const s = entry ?? {};
    const answers = s.answers ?? {};
    // Assessed (DESIGN §3, v2): a rating, or at least one criterion answered; an empty answers map is not.
    const hasAnswers = Object.values(answers).some((a) => a !== null && a !== undefined);
    if (s.na !== undefined && (hasAnswers || s.rating !== undefined)) {
      add(P, ['practices', pid, 'na'], 'na-overrides', `practice "${pid}" is marked not applicable, so its ${hasAnswers ? 'answers' : 'rating'} are ignored`, 'key');
    } else if (hasAnswers && s.rating !== undefined) {
      add(P, ['practices', pid, 'rating'], 'rating-ignored', `practice "${pid}" has answers, so its rating is ignored; remove the rating or the answers`, 'key');
    }
    if (s.na === undefined && !hasAnswers && s.rating === undefined && !e.broken(P, ['practices', pid])) {
      add(
        P,
        ['practices', pid],
        'not-assessed',
        s.answers !== undefined
          ? `practice "${pid}" has no criterion answered yet: it is not assessed and left out of the scores`
          : `practice "${pid}" has neither answers nor a rating: it is left out of the scores`,
        'key',
      );
    }
    for (const [cid, answer] of Object.entries(answers)) {
      const owner = criterionOwner.get(cid);
      if (owner !== pid) {
        const where = owner ? `; it belongs to practice "${owner}"` : hint('unknown-criterion', cid, practice.criteria.map((c) => c.id));
        add(P, ['practices', pid, 'answers', cid], 'unknown-criterion', `"${cid}" is not a criterion of practice "${pid}"${where}`, 'key');
      }
      if (answer && typeof answer === 'object') {
        checkSources(['practices', pid, 'answers', cid], answer.sources);
        const from = (list: string[] | undefined) => (list?.length ? ` (${list.join(', ')})` : '');
        (answer.disagreements ?? []).forEach((d, k) => {
          const path = ['practices', pid, 'answers', cid, 'disagreements', k];
          checkSources(path, d.sources);
          add(
            P,
            path,
            'disagreement',
            `interviewees disagree on "${cid}": the answer is ${answer.answer}${from(answer.sources)}, but ${d.answer} was also given${from(d.sources)}; settle it, then remove the disagreement`,
          );
        });
      }
    }
    if (hasAnswers && s.na === undefined) {
      // Only an assessed practice can have unanswered criteria that count as "none". A broken answer is an error of its own, not "unanswered".
      const unanswered = practice.criteria
        .filter((c) => (answers[c.id] === undefined || answers[c.id] === null) && !e.broken(P, ['practices', pid, 'answers', c.id]))
        .map((c) => c.id);
      if (unanswered.length) {
        add(
          P,
          ['practices', pid, 'answers'],
          'unanswered',
          `${unanswered.length} of ${practice.criteria.length} criteria of "${pid}" are unanswered and count as "none": ${unanswered.join(', ')}`,
          'key',
        );
      }
    }
    checkSources(['practices', pid], s.sources);
  }
  for (const p of state ? model.practices : []) {
    if (!(p.id in state!) && !e.broken(P, ['practices', p.id])) {
      // The path names the practice that is missing; its position is the `practices` key.
      add(P, ['practices', p.id], 'not-assessed', `practice "${p.id}" is missing: it is left out of the scores; add it with answers or a rating`, 'key');
    }
  }

  // target.yaml
  const T = 'target.yaml';
  const targetIds = [...practices.keys(), 'default'];
  for (const pid of Object.keys(e.target?.targets ?? {})) {
    if (pid !== 'default' && !practices.has(pid)) {
      add(T, ['targets', pid], 'unknown-practice', `"${pid}" is not a practice of the model${hint('unknown-practice', pid, targetIds)}`, 'key');
    }
  }
  (e.target?.requirements ?? []).forEach((r, i) =>
    (r.practices ?? []).forEach((pid, k) => {
      if (!practices.has(pid)) add(T, ['requirements', i, 'practices', k], 'unknown-practice', `requirement "${r.id}" names "${pid}", which is not a practice of the model${hint('unknown-practice', pid, practices)}`);
    }),
  );
  [...e.interviews, ...(e.observations ?? [])].forEach((iv) =>
    (iv.practices ?? []).forEach((pid, k) => {
      if (!practices.has(pid)) add(iv.file, ['practices', k], 'unknown-practice', `"${pid}" is not a practice of the model${hint('unknown-practice', pid, practices)}`);
    }),
  );

  // Engagement-specific recommendations join the model's.
  const recs = new Map<string, Recommendation & { practice: string }>();
  for (const p of model.practices) for (const r of p.recommendations ?? []) recs.set(r.id, { ...r, practice: p.id });
  const own = e.target?.recommendations ?? [];
  own.forEach((r, i) => {
    if (recs.has(r.id)) add(T, ['recommendations', i, 'id'], 'duplicate-id', `recommendation id "${r.id}" is already used ${own.findIndex((o) => o.id === r.id) < i ? 'in this file' : 'by the model'}; choose another id`);
    if (!practices.has(r.practice)) add(T, ['recommendations', i, 'practice'], 'unknown-practice', `"${r.practice}" is not a practice of the model${hint('unknown-practice', r.practice, practices)}`);
    recs.set(r.id, r);
  });
  own.forEach((r, i) =>
    (r.depends_on ?? []).forEach((d, k) => {
      if (!recs.has(d) && !e.ids.recommendations.has(d)) add(T, ['recommendations', i, 'depends_on', k], 'unknown-recommendation', `"${r.id}" depends on "${d}", which no recommendation has as id${hint('unknown-recommendation', d, recs)}`);
    }),
  );
  (e.target?.first ?? []).forEach((id, k) => {
    if (!recs.has(id) && !e.ids.recommendations.has(id)) add(T, ['first', k], 'unknown-recommendation', `"${id}" in first is not a recommendation of the model or of target.yaml${hint('unknown-recommendation', id, recs)}`);
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

function planReferences(plan: PlanFile, known: Set<string>, add: Add, hint: Hints): void {
  const tasks = plan.tasks;
  const ids = new Set([...tasks.map((t) => t.id), ...known]);
  duplicates(tasks, (i) => add('plan.yaml', ['tasks', i, 'id'], 'duplicate-id', `task id "${tasks[i]!.id}" is used twice`));
  tasks.forEach((t, i) => {
    (t.depends_on ?? []).forEach((d, k) => {
      if (!ids.has(d)) add('plan.yaml', ['tasks', i, 'depends_on', k], 'unknown-task', `task "${t.id}" depends on "${d}", which is not a task of the plan${hint('unknown-task', d, ids)}`);
    });
    if (t.start && t.due && t.due < t.start) add('plan.yaml', ['tasks', i, 'due'], 'due-before-start', `task "${t.id}" is due ${t.due}, before its start ${t.start}`);
  });
  const planCycle = findCycle(tasks.map((t) => t.id), (id) => tasks.find((t) => t.id === id)?.depends_on ?? []);
  if (planCycle) {
    const i = tasks.findIndex((t) => t.id === planCycle[0]);
    add('plan.yaml', ['tasks', i, 'depends_on'], 'plan-cycle', `tasks depend on each other in a cycle: ${planCycle.join(' -> ')}; remove one of these dependencies`, 'key');
  }
}
