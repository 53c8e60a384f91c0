import type { Hints } from '../../util/did-you-mean.js';
import { findCycle } from '../../util/graph.js';
import { duplicates } from '../duplicate-ids.js';
import type { PlanFile } from '../types.js';
import type { Add } from './add.js';

/** plan.yaml: task ids, dependencies (on tasks or on recommendations), dates, no cycle. */
export function planChecks(plan: PlanFile, known: Set<string>, add: Add, hint: Hints): void {
  const tasks = plan.tasks;
  const ids = new Set([...tasks.map((t) => t.id), ...known]);
  duplicates(tasks, (i) => add('plan.yaml', ['tasks', i, 'id'], 'duplicate-id', `task id "${tasks[i]!.id}" is used twice`));
  tasks.forEach((t, i) => {
    (t.depends_on ?? []).forEach((d, k) => {
      if (!ids.has(d))
        add(
          'plan.yaml',
          ['tasks', i, 'depends_on', k],
          'unknown-task',
          `task "${t.id}" depends on "${d}", which is not a task of the plan${hint('unknown-task', d, ids)}`,
        );
    });
    if (t.start && t.due && t.due < t.start)
      add('plan.yaml', ['tasks', i, 'due'], 'due-before-start', `task "${t.id}" is due ${t.due}, before its start ${t.start}`);
  });
  const planCycle = findCycle(
    tasks.map((t) => t.id),
    (id) => tasks.find((t) => t.id === id)?.depends_on ?? [],
  );
  if (planCycle) {
    const i = tasks.findIndex((t) => t.id === planCycle[0]);
    add(
      'plan.yaml',
      ['tasks', i, 'depends_on'],
      'plan-cycle',
      `tasks depend on each other in a cycle: ${planCycle.join(' -> ')}; remove one of these dependencies`,
      'key',
    );
  }
}
