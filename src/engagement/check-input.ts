import type { CheckInput, Engagement } from './types.js';

const ids = (list: readonly { id: string }[] | undefined) => new Set((list ?? []).map((x) => x.id));

/**
 * The cross-file checks' view of an engagement: load.ts builds it from the usable part of each file; a valid
 * engagement (as the engine and tests hold it) converts whole.
 */
export function checkInput(e: CheckInput | Engagement): CheckInput {
  if (!('manifest' in e)) return e;
  return {
    asOf: e.manifest.engagement.as_of,
    model: e.model,
    practices: e.practices,
    target: e.target,
    backlog: e.backlog,
    releases: e.releases,
    team: e.team,
    plan: e.plan,
    progress: e.progress ?? null,
    reassessment: { previousAsOf: e.manifest.previous?.as_of ?? null, staleAfterDays: e.manifest.stale_after_days ?? null },
    interviews: e.interviews,
    observations: e.observations ?? [],
    interviewsComplete: true,
    ids: {
      items: ids(e.backlog?.items),
      applications: ids(e.backlog?.applications),
      releases: ids(e.releases?.releases),
      roles: ids(e.team?.roles),
      skills: ids(e.team?.skills),
      tasks: ids(e.plan?.tasks),
      recommendations: ids(e.target.recommendations),
      // Practices cite interviews and observations alike in `sources`.
      interviews: ids([...e.interviews, ...(e.observations ?? [])]),
    },
    broken: () => false,
  };
}
