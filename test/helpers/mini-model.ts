import type { Model, Recommendation } from '../../src/model/types.js';
import { engagementWith } from './engagement.js';

const rec = (practice: string, level: number, extra: Partial<Recommendation> = {}): Recommendation => ({
  id: `${practice}-${level}`,
  level,
  title: `Lift ${practice} to ${level}`,
  horizon: 'tactical',
  effort_days: 2,
  impact: 3,
  ...extra,
});
const ladder = (practice: string, extra: Record<number, Partial<Recommendation>> = {}) => [2, 3, 4, 5].map((l) => rec(practice, l, extra[l]));
const plain = (p: string) => [1, 2, 3, 4, 5].map((l) => ({ id: `${p}-${l}a`, level: l, text: `${p} criterion at level ${l}` }));

/** A small custom model: criteria worded as today's facts, one practice with its own future-state wording. */
export function miniModel(): Model {
  return {
    relm_model: 1,
    id: 'mini',
    name: 'Mini model',
    version: '1.0.0',
    processes: [
      { id: 'change', name: 'Change management', link: 'Approved changes trigger releases.' },
      { id: 'incident', name: 'Incident management' },
    ],
    practices: [
      {
        id: 'alpha',
        name: 'Release process',
        perspective: 'process',
        links: ['change'],
        criteria: [
          { id: 'alpha-1a', level: 1, text: 'releases happen, but steps differ each time' },
          { id: 'alpha-2a', level: 2, text: 'A written release checklist is used for every release' },
          { id: 'alpha-2b', level: 2, text: 'Release dates are usually agreed a month ahead.' },
          { id: 'alpha-3a', level: 3, text: 'One procedure covers every team' },
          { id: 'alpha-4a', level: 4, text: 'Release outcomes are measured, at least for major releases, against targets' },
          { id: 'alpha-5a', level: 5, text: 'The procedure improves from measured outcomes' },
        ],
        recommendations: ladder('alpha'),
      },
      {
        id: 'beta',
        name: 'Team skills',
        perspective: 'people',
        criteria: [...plain('beta'), { id: 'beta-2b', level: 2, text: 'beta second criterion at level 2' }],
        future_state: { '1': 'Everyone can ship a release', '2': 'A skills matrix and a deputy for every role, kept current.' },
        recommendations: ladder('beta'),
      },
      { id: 'gamma', name: 'Tooling', perspective: 'technology', links: ['change'], weight: 3, criteria: plain('gamma'), recommendations: ladder('gamma') },
      { id: 'delta', name: 'Not in scope', perspective: 'organization', criteria: plain('delta'), recommendations: ladder('delta') },
      { id: 'eps', name: 'Not assessed yet', perspective: 'integration', links: ['change'], criteria: plain('eps'), recommendations: ladder('eps') },
      { id: 'zeta', name: 'Not targeted', perspective: 'organization', criteria: plain('zeta') },
    ],
  };
}

export function miniEngagement() {
  return engagementWith({
    model: miniModel(),
    practices: {
      practices: {
        alpha: { answers: { 'alpha-1a': 'most', 'alpha-2a': 'most', 'alpha-2b': 'half', 'alpha-3a': 'na', 'alpha-4a': 'none', 'alpha-5a': 'none' } },
        beta: { answers: { 'beta-1a': 'most', 'beta-2a': 'most', 'beta-2b': { answer: 'half' }, 'beta-3a': 'none' } },
        gamma: { rating: 2 },
        delta: { na: 'no organisation change in scope' },
        eps: {},
        zeta: { rating: 1 },
      },
    },
    target: {
      targets: { default: 3, alpha: 4, beta: 2, gamma: 2.5, zeta: 0 },
      phases: [{ id: 'P1', name: 'First', end: '2026-06-30', capacity_days: 6 }],
      // One option only, the same as planned: the roadmap keeps the planned 6 days (no scenario is recommended, so
      // nothing scales the capacity the placing tests count on).
      scenarios: [{ id: 'same', name: 'The same capacity', capacity_factor: 1 }],
    },
  });
}
