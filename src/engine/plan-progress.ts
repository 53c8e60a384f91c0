import type { PlanFile, PlanTask, TaskStatus } from '../engagement/types.js';

/** The engagement phases of plan.yaml, in order (docs/engagement-files.md). */
export const PLAN_PHASES = ['assessment', 'architecture', 'planning', 'implementation', 'support'] as const;
export type PlanPhase = (typeof PLAN_PHASES)[number];

export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in-progress', 'done', 'blocked'];

export interface TaskProgress {
  id: string;
  title: string;
  phase: PlanPhase | null;
  owner: string | null;
  start: string | null;
  due: string | null;
  status: TaskStatus;
  /** Not done and due before today. */
  overdue: boolean;
  /** To do, and every task it depends on is done: it can start. */
  ready: boolean;
}

/** The `relm status --json` document. */
export interface PlanStatus {
  total: number;
  done: number;
  in_progress: number;
  blocked: number;
  overdue: number;
  /** Share of the tasks that are done, 0..1 (1 for a plan without tasks, like percent_to_target). */
  percent_done: number;
  today: string;
  tasks: TaskProgress[];
}

/**
 * Progress of the engagement plan on `today` (YYYY-MM-DD): counts by status, overdue tasks (not done, due
 * before today), the share done by task count, and which tasks to do are ready (all dependencies done).
 * Tasks keep the plan's order.
 */
export function planStatus(plan: PlanFile, today: string): PlanStatus {
  const taskStatus = new Map(plan.tasks.map((t) => [t.id, t.status]));
  const tasks = plan.tasks.map(
    (t: PlanTask): TaskProgress => ({
      id: t.id,
      title: t.title,
      phase: t.phase ?? null,
      owner: t.owner ?? null,
      start: t.start ?? null,
      due: t.due ?? null,
      status: t.status,
      overdue: t.status !== 'done' && t.due !== undefined && t.due < today,
      ready: t.status === 'todo' && (t.depends_on ?? []).every((d) => taskStatus.get(d) === 'done'),
    }),
  );
  const count = (s: TaskStatus) => tasks.filter((t) => t.status === s).length;
  const done = count('done');
  return {
    total: tasks.length,
    done,
    in_progress: count('in-progress'),
    blocked: count('blocked'),
    overdue: tasks.filter((t) => t.overdue).length,
    percent_done: tasks.length === 0 ? 1 : done / tasks.length,
    today,
    tasks,
  };
}

/** The tasks by phase, in the order of PLAN_PHASES; tasks without a phase come last under `null`. */
export function tasksByPhase(tasks: readonly TaskProgress[]): { phase: PlanPhase | null; tasks: TaskProgress[] }[] {
  const groups = [...PLAN_PHASES, null].map((phase) => ({ phase, tasks: tasks.filter((t) => t.phase === phase) }));
  return groups.filter((g) => g.tasks.length > 0);
}
