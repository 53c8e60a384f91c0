import type { Skill } from './types.js';

/**
 * The skills catalogue in force: the model's, extended by team.yaml's `skills`; a skill of team.yaml with the
 * id of one of the model's replaces it in place (`redefined` lists those ids).
 */
export function skillCatalogue(team: { skills?: readonly Skill[] }, modelSkills: readonly Skill[] = []): { skills: readonly Skill[]; redefined: string[] } {
  const own = new Map((team.skills ?? []).map((s) => [s.id, s]));
  const redefined = modelSkills.filter((s) => own.has(s.id)).map((s) => s.id);
  const skills = [...modelSkills.map((s) => own.get(s.id) ?? s), ...(team.skills ?? []).filter((s) => !redefined.includes(s.id))];
  return { skills, redefined };
}
