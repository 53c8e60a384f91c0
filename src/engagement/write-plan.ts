import { parse } from 'yaml';
import type { PlanFile, TaskStatus } from './types.js';
import { setIn } from './yaml-edit.js';

/**
 * Sets the status of a task in plan.yaml text and returns the new text; comments and formatting of everything
 * else stay byte for byte. Throws when the plan has no task with that id (the CLI checks ids first).
 */
export function writeTaskStatus(text: string, taskId: string, status: TaskStatus): string {
  const plan = (parse(text) ?? {}) as Partial<PlanFile>;
  const index = (plan.tasks ?? []).findIndex((t) => t?.id === taskId);
  if (index < 0) throw new Error(`plan.yaml has no task "${taskId}"`);
  if (plan.tasks![index]!.status === status) return text;
  return setIn(text, ['tasks', index, 'status'], status, {
    order: (p) => (p.length === 2 ? ['id', 'title', 'phase', 'owner', 'start', 'due', 'status', 'depends_on', 'notes'] : undefined),
  });
}
