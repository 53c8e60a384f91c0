import { describe, expect, it } from 'vitest';
import type { TeamFile } from '../../src/engagement/types.js';
import { planTraining } from '../../src/engine/training.js';
import { WorkingDays } from '../../src/util/workdays.js';

const modelSkills = [
  { id: 'planning', name: 'Release planning', training: { title: 'Release planning course', days: 2, cost: 1500 } },
  { id: 'itil', name: 'ITIL foundation', training: { title: 'ITIL 4 Foundation', days: 3, cost: 1200 } },
  { id: 'mainframe', name: 'Mainframe operations' }, // no course
];

describe('planTraining (docs/formulas.md, Training)', () => {
  const team: TeamFile = {
    roles: [
      { id: 'rm', name: 'Release manager', headcount: 2, requires: { planning: 3, itil: 2 } },
      { id: 'dev', requires: { itil: 1 } },
      { id: 'ops', name: 'Operator', headcount: 3, requires: { mainframe: 2 } }, // one person for three places
    ],
    people: [
      { id: 'ann', roles: ['rm'], skills: { planning: 3, itil: 1 } }, // needs itil +1
      { id: 'bob', roles: ['rm', 'dev'], skills: { planning: 1 } }, // needs planning +2, itil +2 (rm) and itil +1 (dev)
      { id: 'cy', roles: ['dev'], skills: { itil: 2 } }, // qualified
      { id: 'dee', roles: ['ops'], skills: { mainframe: 1 } }, // needs mainframe +1: no course
    ],
  };
  const t = planTraining(team, modelSkills);

  it('lists each person × role × skill gap, a missing skill counting 0', () => {
    expect(t.needs).toEqual([
      { person: 'ann', role: 'rm', skill: 'itil', current: 1, required: 2, gap: 1 },
      { person: 'bob', role: 'rm', skill: 'planning', current: 1, required: 3, gap: 2 },
      { person: 'bob', role: 'rm', skill: 'itil', current: 0, required: 2, gap: 2 },
      { person: 'bob', role: 'dev', skill: 'itil', current: 0, required: 1, gap: 1 },
      { person: 'dee', role: 'ops', skill: 'mainframe', current: 1, required: 2, gap: 1 },
    ]);
  });

  it('plans one course per skill: course days, participant-days and cost; a skill without a course is "source one", never counted', () => {
    expect(t.skills).toEqual([
      {
        id: 'planning',
        name: 'Release planning',
        course: 'Release planning course',
        no_course: false,
        people: ['bob'],
        course_days: 2,
        participant_days: 2,
        days: 2,
        cost: 1500,
        needed_for: null,
      },
      {
        id: 'itil',
        name: 'ITIL foundation',
        course: 'ITIL 4 Foundation',
        no_course: false,
        people: ['ann', 'bob'],
        course_days: 3,
        participant_days: 6,
        days: 6,
        cost: 2400,
        needed_for: null,
      },
      {
        id: 'mainframe',
        name: 'Mainframe operations',
        course: null,
        no_course: true,
        people: ['dee'],
        course_days: null,
        participant_days: 0,
        days: 0,
        cost: 0,
        needed_for: null,
      },
    ]);
    expect(t.no_course).toEqual(['mainframe']);
    expect(t.total_days).toBe(8); // participant-days
    expect(t.total_course_days).toBe(5); // 2 + 3, each course once
    expect(t.total_cost).toBe(3900);
    expect(t.catalogue).toBe('model');
  });

  it('counts qualified people and the shortfall per role, and a role with fewer people than its headcount as hires', () => {
    expect(t.roles).toEqual([
      { id: 'rm', name: 'Release manager', headcount: 2, holders: 2, qualified: 0, shortfall: 2, hires: 0, to_train: 2 },
      { id: 'dev', name: 'dev', headcount: 2, holders: 2, qualified: 1, shortfall: 1, hires: 0, to_train: 1 },
      // headcount 3, one person: 2 to hire, and the one person to train
      { id: 'ops', name: 'Operator', headcount: 3, holders: 1, qualified: 0, shortfall: 3, hires: 2, to_train: 1 },
    ]);
    expect(t.hires_total).toBe(2);
  });

  it('schedules courses on consecutive working days, one starting each week from two weeks after as_of, none across a weekend or holiday', () => {
    // as_of Tue 2026-03-31 + 14 = Tue 2026-04-14. ITIL (2 people) first: Tue 14 – Thu 16. Planning a week later:
    // Tue 21 is a holiday here, so Wed 22 – Thu 23.
    const days = new WorkingDays({ holidays: ['2026-04-21'] });
    const s = planTraining(team, modelSkills, { asOf: '2026-03-31', days }).schedule;
    expect(s.map((x) => [x.skill, x.start, x.end, x.course_days, x.participant_days])).toEqual([
      ['itil', '2026-04-14', '2026-04-16', 3, 6],
      ['planning', '2026-04-22', '2026-04-23', 2, 2],
    ]);
    expect(t.schedule).toEqual([]); // no as_of, no dates
  });

  it('never runs a course across a weekend: a three-day course starting on a Thursday ends on the Monday', () => {
    // as_of Thu 2026-04-02 + 14 = Thu 2026-04-16: Thu, Fri, Mon 20.
    const s = planTraining({ roles: [{ id: 'r', requires: { itil: 1 } }], people: [{ id: 'p', roles: ['r'] }] }, modelSkills, { asOf: '2026-04-02' }).schedule;
    expect(s.map((x) => [x.start, x.end])).toEqual([['2026-04-16', '2026-04-20']]);
  });

  it('schedules the course needed earliest first, before the phase that needs it, and flags one that ends too late', () => {
    const neededBy = new Map([
      ['planning', { phase: 'P1', index: 0, start: '2026-04-01' }],
      ['itil', { phase: 'P2', index: 1, start: '2026-04-20' }],
    ]);
    const s = planTraining(team, modelSkills, { asOf: '2026-03-31', neededBy }).schedule;
    // planning (P1) first: Tue 14 – Wed 15, after P1 started on the 1st: late (the first phase counts too); ITIL a
    // week later: Tue 21 – Thu 23, after P2 starts on the 20th: late.
    expect(s.map((x) => [x.skill, x.start, x.end, x.needed_for, x.late])).toEqual([
      ['planning', '2026-04-14', '2026-04-15', 'P1', true],
      ['itil', '2026-04-21', '2026-04-23', 'P2', true],
    ]);
    // P2 from 4 May: ITIL ends on 23 April, before it: on time.
    const later = new Map([...neededBy, ['itil', { phase: 'P2', index: 1, start: '2026-05-04' }]]);
    expect(planTraining(team, modelSkills, { asOf: '2026-03-31', neededBy: later }).schedule.map((x) => x.late)).toEqual([true, false]);
  });

  it('books no course before the decision: the first starts on the first working day after it, and one the first phase needs is late', () => {
    // The example's case: as_of Tue 31 March 2026 (+ 14 = 14 April), the report delivered and decided on Fri 24
    // April, work from Mon 27 April (`from`), phase 1 from 27 April, phase 2 from 1 July. planning (P1) Mon 27 –
    // Tue 28 April: it cannot come before phase 1, which starts the same day: late, a risk. ITIL (P2) a week later,
    // Mon 4 – Wed 6 May: well before 1 July.
    const neededBy = new Map([
      ['planning', { phase: 'P1', index: 0, start: '2026-04-27' }],
      ['itil', { phase: 'P2', index: 1, start: '2026-07-01' }],
    ]);
    const s = planTraining(team, modelSkills, { asOf: '2026-03-31', from: '2026-04-27', neededBy }).schedule;
    expect(s.map((x) => [x.skill, x.start, x.end, x.late])).toEqual([
      ['planning', '2026-04-27', '2026-04-28', true],
      ['itil', '2026-05-04', '2026-05-06', false],
    ]);
    for (const x of s) expect(x.start >= '2026-04-27').toBe(true);
    // A decision before the booking time changes nothing: two weeks after as_of still holds.
    const early = planTraining(team, modelSkills, { asOf: '2026-03-31', from: '2026-04-01' }).schedule;
    expect(early[0]!.start).toBe('2026-04-14');
  });

  it("extends the model's catalogue with team.yaml's (replacing a skill of the same id), and plans no cost for a skill no catalogue holds", () => {
    const own = planTraining(
      {
        ...team,
        roles: [...team.roles!, { id: 'ops', requires: { pipelines: 1, unlisted: 1 } }],
        people: [...team.people!.slice(0, 3), { id: 'dee', roles: ['ops'] }],
        skills: [
          { id: 'pipelines', name: 'CI/CD pipelines', training: { title: 'Pipelines course', days: 2, cost: 900 } },
          { id: 'itil', name: 'ITIL', training: { title: 'In-house ITIL', days: 1, cost: 100 } },
        ],
      },
      modelSkills,
    );
    expect(own.catalogue).toBe('team');
    // The model's order first (itil replaced in place), then team.yaml's own skills, then the unknown one.
    expect(own.skills.map((s) => [s.id, s.name, s.course, s.no_course, s.participant_days, s.cost])).toEqual([
      ['planning', 'Release planning', 'Release planning course', false, 2, 1500],
      ['itil', 'ITIL', 'In-house ITIL', false, 2, 200],
      ['pipelines', 'CI/CD pipelines', 'Pipelines course', false, 2, 900],
      ['unlisted', 'unlisted', null, true, 0, 0],
    ]);
  });
});
