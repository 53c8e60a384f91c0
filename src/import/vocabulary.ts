import type { ItemStatus, MaintenanceType, Priority } from '../engagement/types.js';

/**
 * The words trackers use for status, resolution, issue type and priority, and what they mean in relm.
 * Keys are normalised with `norm`: lower case, no apostrophes, "_" "-" and runs of spaces as one space.
 */
export function norm(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[\s_-]+/g, ' ');
}

function table<T>(groups: Record<string, readonly string[]>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [value, words] of Object.entries(groups)) for (const w of words) m.set(norm(w), value as T);
  return m;
}

/** Statuses of items still open, by what they mean. */
export const OPEN_STATUSES = table<ItemStatus>({
  new: [
    'open',
    'reopened',
    'to do',
    'todo',
    'backlog',
    'new',
    'unconfirmed',
    'triage',
    'needs triage',
    'untriaged',
    'submitted',
    'draft',
    'proposed',
    'requested',
    'funnel',
    'pending',
    'on hold',
    'awaiting',
    'needs info',
    'needinfo',
    'needs information',
    'info needed',
    'waiting for customer',
    'waiting for support',
    'waiting for triage',
    'feedback',
    'analysis',
    'investigating',
  ],
  approved: [
    'accepted',
    'approved',
    'selected for development',
    'selected',
    'ready',
    'ready for development',
    'ready for work',
    'confirmed',
    'committed',
    'refined',
    'groomed',
  ],
  scheduled: [
    'scheduled',
    'planned',
    'ready for release',
    'awaiting release',
    'waiting for release',
    'pending release',
    'ready to deploy',
    'ready for deployment',
  ],
  'in-progress': [
    'in progress',
    'patch available',
    'in review',
    'review',
    'code review',
    'under review',
    'peer review',
    'ready for review',
    'assigned',
    'in development',
    'development',
    'in dev',
    'implementing',
    'in implementation',
    'implement',
    'testing',
    'in test',
    'in testing',
    'in qa',
    'qa',
    'ready for qa',
    'ready for test',
    'verification',
    'in verification',
    'started',
    'active',
    'work in progress',
    'wip',
    'fix in progress',
    'building',
  ],
});

/**
 * Statuses of closed items. `closed` means the resolution decides (done when there is none); the others
 * say the outcome themselves (a resolution, when known, still wins).
 */
export const CLOSED_STATUSES = table<ItemStatus | 'closed'>({
  closed: ['resolved', 'closed', 'done', 'verified', 'complete', 'completed', 'released', 'deployed', 'fixed', 'shipped'],
  rejected: ['cancelled', 'canceled', 'rejected', 'declined', 'wont do', 'wont fix', 'wontfix', 'invalid', 'duplicate'],
  obsolete: ['obsolete', 'abandoned', 'expired'],
});

/** Resolutions of closed items. "Unresolved" and empty mean none. */
export const RESOLUTIONS = table<'done' | 'rejected' | 'obsolete'>({
  done: [
    'fixed',
    'done',
    'resolved',
    'implemented',
    'completed',
    'complete',
    'delivered',
    'fixed indirectly',
    'pending closed',
    'released',
    'deployed',
    'committed',
    'completed successfully',
  ],
  rejected: [
    'duplicate',
    'duplicated',
    'wont fix',
    'wontfix',
    'wont do',
    'wontdo',
    'invalid',
    'cannot reproduce',
    'cant reproduce',
    'cannot reproduce',
    'not reproducible',
    'incomplete',
    'not a problem',
    'not a bug',
    'notabug',
    'not our bug',
    'notourbug',
    'works for me',
    'worksforme',
    'works as designed',
    'working as intended',
    'as designed',
    'by design',
    'information provided',
    'workaround',
    'later',
    'remind',
    'declined',
    'rejected',
    'not planned',
    'moved',
    'spam',
    'cancelled',
    'canceled',
    'not applicable',
    'feedback received',
    'answered',
    'usage question',
    'question',
    'question answered',
    'works as intended',
  ],
  obsolete: ['obsolete', 'abandoned', 'expired', 'outdated', 'stale', 'auto closed', 'no longer relevant', 'inactive', 'superseded'],
});

export const NO_RESOLUTION = new Set(['', 'unresolved', 'none', '--', '---']);

/** Issue types (and type labels) by ISO/IEC 14764 maintenance type. */
export const TYPES = table<MaintenanceType>({
  corrective: ['bug', 'defect', 'incident', 'problem', 'error', 'fault', 'regression', 'security bug', 'vulnerability', 'hotfix'],
  perfective: [
    'improvement',
    'new feature',
    'feature',
    'wish',
    'story',
    'user story',
    'enhancement',
    'epic',
    'feature request',
    'change request',
    'suggestion',
    'documentation',
    'docs',
    'performance',
  ],
  adaptive: [
    'task',
    'sub task',
    'subtask',
    'technical task',
    'dependency upgrade',
    'dependencies',
    'dependency',
    'upgrade',
    'chore',
    'maintenance',
    'migration',
    'configuration',
    'environment',
    'compatibility',
  ],
  preventive: ['test', 'tests', 'testing', 'refactoring', 'refactor', 'technical debt', 'tech debt', 'cleanup', 'clean up', 'hardening'],
});

/** Priorities; the words in `NO_PRIORITY` mean "not set". */
export const PRIORITIES = table<Priority>({
  critical: ['blocker', 'critical', 'highest', 'p0', 'p1', 'urgent', 'immediate', 'showstopper'],
  high: ['major', 'high', 'p2', 'important'],
  medium: ['minor', 'medium', 'normal', 'moderate', 'p3', 'default'],
  low: ['trivial', 'low', 'lowest', 'p4', 'p5', 'planning', 'nice to have', 'someday'],
});

export const NO_PRIORITY = new Set(['', '--', '---', 'none', 'not prioritized', 'unprioritized', 'undefined', 'unset']);

/** `1 - Critical` (ServiceNow), `priority: high`, `prio/P2` (labels) -> the word itself. */
export function priorityWord(s: string): string {
  return norm(s)
    .replace(/^\d+ (?=[a-z])/, '')
    .replace(/^(priority|prio|pri)(?:\s*[:/]\s*|\s+)/, '')
    .trim();
}

export function lookupPriority(raw: string): Priority | null | undefined {
  const w = priorityWord(raw);
  if (NO_PRIORITY.has(w)) return null;
  return PRIORITIES.get(w);
}

/** `type: bug`, `kind/feature` -> the word. */
export function typeWord(s: string): string {
  return norm(s).replace(/^(type|kind|issue type)(?:\s*[:/]\s*|\s+)/, '');
}
