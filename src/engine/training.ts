import type { TeamFile } from '../engagement/types.js';
import { skillCatalogue } from '../model/skills.js';
import type { Skill } from '../model/types.js';
import { addDays } from '../util/dates.js';
import { WorkingDays } from '../util/workdays.js';
import type { Training, TrainingNeed } from './types.js';

/** Skill level 3, proficient: works alone (docs/engagement-files.md). */
export const PROFICIENT = 3;

/** Courses start two weeks after as_of (time to book them), at most one starting each week. */
export const TRAINING_START_DAYS = 14;

/** When the roadmap first needs a skill: the phase whose recommendations name it first, and the date it starts. */
export interface SkillNeed {
  phase: string;
  /** The phase's index in the roadmap: 0 for the first. */
  index: number;
  /** The phase's first working day. */
  start: string;
}

export interface TrainingOptions {
  asOf?: string;
  /**
   * The first working day the plan's work can start: after the decision the deliverables ask for (roadmap timing).
   * No course is booked before it: training is part of what the decision approves.
   */
  from?: string;
  days?: WorkingDays;
  /** Skill id -> the first roadmap phase that needs it. */
  neededBy?: ReadonlyMap<string, SkillNeed>;
}

/**
 * Whether the team data can carry a training plan: it records at least one person. Without people there is no
 * one to train and no skill to measure, so the assessment has no training plan (and no training plan is written).
 */
export function recordsPeople(team: TeamFile | null | undefined): team is TeamFile {
  return (team?.people?.length ?? 0) > 0;
}

/**
 * Training needs and plan (docs/formulas.md, Training). For each person, role and required skill, gap =
 * max(0, required − level) (a skill not listed is level 0). Per skill: the people needing it, the course's
 * days per participant, participant-days and cost (a skill without a course is "no course: source one",
 * never counted as closed). Per role: qualified = people meeting every requirement; shortfall =
 * max(0, headcount − qualified); hires = max(0, headcount − people holding the role), which training cannot
 * close; to_train = shortfall − hires. Courses are scheduled on consecutive working days, the one needed
 * earliest first (then the one most people need), each starting in a new week from two weeks after as_of and
 * never before the decision (`from`); a course that ends on or after the start of the phase that needs it is late.
 */
export function planTraining(team: TeamFile, modelSkills: readonly Skill[] = [], opts: TrainingOptions = {}): Training {
  const { skills: catalogue } = skillCatalogue(team, modelSkills);
  const from = team.skills?.length ? 'team' : 'model';
  const days = opts.days ?? new WorkingDays();
  const neededBy = opts.neededBy ?? new Map<string, SkillNeed>();
  const roles = team.roles ?? [];
  const people = team.people ?? [];
  const roleById = new Map(roles.map((r) => [r.id, r]));
  const needs: TrainingNeed[] = [];
  for (const person of people) {
    for (const roleId of person.roles ?? []) {
      for (const [skill, required] of Object.entries(roleById.get(roleId)?.requires ?? {})) {
        const current = person.skills?.[skill] ?? 0;
        if (required > current) needs.push({ person: person.id, role: roleId, skill, current, required, gap: required - current });
      }
    }
  }
  const entryOf = new Map(catalogue.map((s) => [s.id, s]));
  const order = new Map(catalogue.map((s, i) => [s.id, i]));
  const skillIds = [...new Set(needs.map((n) => n.skill))].sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const skills = skillIds.map((id) => {
    const entry = entryOf.get(id);
    const who = [...new Set(needs.filter((n) => n.skill === id).map((n) => n.person))];
    const course = entry?.training ?? null;
    const courseDays = course?.days ?? 0;
    const participantDays = courseDays * who.length;
    return {
      id,
      name: entry?.name ?? id,
      course: course?.title ?? null,
      no_course: course === null,
      people: who,
      course_days: course ? courseDays : null,
      participant_days: participantDays,
      days: participantDays,
      cost: (course?.cost ?? 0) * who.length,
      needed_for: neededBy.get(id)?.phase ?? null,
    };
  });
  const roleResults = roles.map((r) => {
    const holders = people.filter((p) => (p.roles ?? []).includes(r.id));
    const qualified = holders.filter((p) => Object.entries(r.requires ?? {}).every(([s, lvl]) => (p.skills?.[s] ?? 0) >= lvl)).length;
    const headcount = r.headcount ?? holders.length;
    const shortfall = Math.max(0, headcount - qualified);
    const hires = Math.max(0, headcount - holders.length);
    return { id: r.id, name: r.name ?? r.id, headcount, holders: holders.length, qualified, shortfall, hires, to_train: shortfall - hires };
  });

  // The schedule: courses only; needed earliest first, then the most people, then catalogue order.
  const rankOf = (id: string) => neededBy.get(id)?.index ?? Infinity;
  const scheduled = skills
    .filter((s) => !s.no_course)
    .sort((a, b) => rankOf(a.id) - rankOf(b.id) || b.people.length - a.people.length || skillIds.indexOf(a.id) - skillIds.indexOf(b.id));
  const schedule: Training['schedule'] = [];
  if (opts.asOf) {
    // Two weeks after as_of to book, and never before the decision: the first working day after it.
    const booked = addDays(opts.asOf, TRAINING_START_DAYS);
    const first = days.onOrAfter(opts.from && opts.from > booked ? opts.from : booked);
    let prevEnd: string | null = null;
    scheduled.forEach((s, k) => {
      const weekly = addDays(first, 7 * k);
      const start = days.onOrAfter(prevEnd !== null && prevEnd >= weekly ? addDays(prevEnd, 1) : weekly);
      const end = days.span(start, Math.max(1, Math.ceil(s.course_days ?? 1)));
      prevEnd = end;
      const need = neededBy.get(s.id) ?? null;
      schedule.push({
        skill: s.id,
        course: s.course,
        start,
        end,
        course_days: s.course_days ?? 0,
        people: s.people,
        participant_days: s.participant_days,
        needed_for: need?.phase ?? null,
        needed_from: need?.start ?? null,
        // Late: it ends on or after the first day of the phase that needs it (for the first phase too: a phase that
        // starts the day after the decision cannot have its courses before it, and that is said as a risk).
        late: need !== null && end >= need.start,
      });
    });
  }
  const head = roleResults.reduce((t, r) => t + r.headcount, 0);
  // Single points of knowledge: a skill some role requires that only one person holds at proficient (3) or above.
  const required = [...new Set(roles.flatMap((r) => Object.keys(r.requires ?? {})))].sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : 1),
  );
  const single_points = required.flatMap((skill) => {
    const holders = people.filter((p) => (p.skills?.[skill] ?? 0) >= PROFICIENT);
    return holders.length === 1 ? [{ skill, name: entryOf.get(skill)?.name ?? skill, person: holders[0]!.id }] : [];
  });
  return {
    needs,
    skills,
    roles: roleResults,
    schedule,
    no_course: skills.filter((s) => s.no_course).map((s) => s.id),
    role_shortfall_share: head ? roleResults.reduce((t, r) => t + r.shortfall, 0) / head : null,
    single_points,
    hires_total: roleResults.reduce((t, r) => t + r.hires, 0),
    total_days: skills.reduce((t, s) => t + s.participant_days, 0),
    total_course_days: skills.reduce((t, s) => t + (s.course_days ?? 0), 0),
    total_cost: skills.reduce((t, s) => t + s.cost, 0),
    catalogue: from,
  };
}
