import { describe, expect, it } from 'vitest';
import type { TeamFile } from '../../src/engagement/types.js';
import { planTraining } from '../../src/engine/training.js';

const modelSkills = [
  { id: 'planning', name: 'Release planning', training: { title: 'Release planning course', days: 2, cost: 1500 } },
  { id: 'itil', name: 'ITIL foundation', training: { title: 'ITIL 4 Foundation', days: 3, cost: 1200 } },
];

describe('planTraining (DESIGN §3 Training)', () => {
  const team: TeamFile = {
    roles: [
      { id: 'rm', name: 'Release manager', headcount: 2, requires: { planning: 3, itil: 2 } },
      { id: 'dev', requires: { itil: 1 } },
    ],
    people: [
      { id: 'ann', roles: ['rm'], skills: { planning: 3, itil: 1 } }, // needs itil +1
      { id: 'bob', roles: ['rm', 'dev'], skills: { planning: 1 } }, // needs planning +2, itil +2 (rm) and itil +1 (dev)
      { id: 'cy', roles: ['dev'], skills: { itil: 2 } }, // qualified
    ],
  };
  const t = planTraining(team, modelSkills);

  it('lists each person × role × skill gap, a missing skill counting 0', () => {
    expect(t.needs).toEqual([
      { person: 'ann', role: 'rm', skill: 'itil', current: 1, required: 2, gap: 1 },
      { person: 'bob', role: 'rm', skill: 'planning', current: 1, required: 3, gap: 2 },
      { person: 'bob', role: 'rm', skill: 'itil', current: 0, required: 2, gap: 2 },
      { person: 'bob', role: 'dev', skill: 'itil', current: 0, required: 1, gap: 1 },
    ]);
  });

  it('plans one course per skill for the people needing it, days and cost times their number', () => {
    expect(t.skills).toEqual([
      { id: 'planning', name: 'Release planning', course: 'Release planning course', people: ['bob'], days: 2, cost: 1500 },
      { id: 'itil', name: 'ITIL foundation', course: 'ITIL 4 Foundation', people: ['ann', 'bob'], days: 6, cost: 2400 },
    ]);
    expect(t.total_days).toBe(8);
    expect(t.total_cost).toBe(3900);
    expect(t.catalogue).toBe('model');
  });

  it('schedules one session per course, the most-needed first, a week apart from two weeks after as_of', () => {
    expect(planTraining(team, modelSkills, '2026-03-31').schedule).toEqual([
      { skill: 'itil', course: 'ITIL 4 Foundation', start: '2026-04-14', end: '2026-04-16', people: ['ann', 'bob'] },
      { skill: 'planning', course: 'Release planning course', start: '2026-04-21', end: '2026-04-22', people: ['bob'] },
    ]);
    expect(t.schedule).toEqual([]);
  });

  it('counts qualified people and the shortfall per role; headcount defaults to the holders', () => {
    expect(t.roles).toEqual([
      { id: 'rm', name: 'Release manager', headcount: 2, qualified: 0, shortfall: 2 },
      { id: 'dev', name: 'dev', headcount: 2, qualified: 1, shortfall: 1 },
    ]);
  });

  it("prefers team.yaml's catalogue, and plans no cost for a skill no catalogue holds", () => {
    const own = planTraining({ ...team, skills: [{ id: 'itil', name: 'ITIL', training: { title: 'In-house ITIL', days: 1, cost: 100 } }] }, modelSkills);
    expect(own.catalogue).toBe('team');
    expect(own.skills).toEqual([
      { id: 'itil', name: 'ITIL', course: 'In-house ITIL', people: ['ann', 'bob'], days: 2, cost: 200 },
      { id: 'planning', name: 'planning', course: null, people: ['bob'], days: 0, cost: 0 },
    ]);
  });
});
