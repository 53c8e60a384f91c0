import type { TeamFile } from '../engagement/types.js';
import type { Skill } from '../model/types.js';
import { addDays } from '../util/dates.js';
import type { Training, TrainingNeed } from './types.js';

/** The skills catalogue in force: team.yaml's when it has one, else the model's. */
export function skillCatalogue(team: TeamFile, modelSkills: readonly Skill[] = []): { skills: readonly Skill[]; from: 'team' | 'model' } {
  return team.skills?.length ? { skills: team.skills, from: 'team' } : { skills: modelSkills, from: 'model' };
}

/**
 * Training needs and plan (DESIGN §3 Training): for each person, role and required skill, gap = max(0,
 * required − level) (a skill not listed is level 0); per skill, the people needing it and the course's days
 * and cost times their number; per role, qualified = people meeting every requirement, shortfall =
 * max(0, headcount − qualified), headcount defaulting to the people who hold the role.
 */
/** Courses start two weeks after as_of, one a week, the one most people need first. */
export const TRAINING_START_DAYS = 14;

export function planTraining(team: TeamFile, modelSkills: readonly Skill[] = [], asOf?: string): Training {
  const { skills: catalogue, from } = skillCatalogue(team, modelSkills);
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
  const order = new Map(catalogue.map((s, i) => [s.id, i]));
  const skillIds = [...new Set(needs.map((n) => n.skill))].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  const skills = skillIds.map((id) => {
    const entry = catalogue.find((s) => s.id === id);
    const who = [...new Set(needs.filter((n) => n.skill === id).map((n) => n.person))];
    return {
      id,
      name: entry?.name ?? id,
      course: entry?.training?.title ?? null,
      people: who,
      days: (entry?.training?.days ?? 0) * who.length,
      cost: (entry?.training?.cost ?? 0) * who.length,
    };
  });
  const roleResults = roles.map((r) => {
    const holders = people.filter((p) => (p.roles ?? []).includes(r.id));
    const qualified = holders.filter((p) => Object.entries(r.requires ?? {}).every(([s, lvl]) => (p.skills?.[s] ?? 0) >= lvl)).length;
    const headcount = r.headcount ?? holders.length;
    return { id: r.id, name: r.name ?? r.id, headcount, qualified, shortfall: Math.max(0, headcount - qualified) };
  });
  const bySize = [...skills].sort((a, b) => b.people.length - a.people.length || skillIds.indexOf(a.id) - skillIds.indexOf(b.id));
  const perSession = (id: string) => catalogue.find((s) => s.id === id)?.training?.days ?? 0;
  const schedule = asOf
    ? bySize.map((s, k) => {
        const start = addDays(asOf, TRAINING_START_DAYS + 7 * k);
        return { skill: s.id, course: s.course, start, end: addDays(start, Math.max(0, Math.ceil(perSession(s.id)) - 1)), people: s.people };
      })
    : [];
  return {
    needs,
    skills,
    roles: roleResults,
    schedule,
    role_shortfall_share: (() => {
      const head = roleResults.reduce((t, r) => t + r.headcount, 0);
      return head ? roleResults.reduce((t, r) => t + r.shortfall, 0) / head : null;
    })(),
    total_days: skills.reduce((t, s) => t + s.days, 0),
    total_cost: skills.reduce((t, s) => t + s.cost, 0),
    catalogue: from,
  };
}
