import { skillCatalogue } from '../../model/skills.js';
import { createHints } from '../../util/did-you-mean.js';
import { finding, type Finding } from '../../diagnostics/finding.js';
import type { Code } from '../../diagnostics/rules.js';
import { duplicates } from '../duplicate-ids.js';
import { checkInput } from '../check-input.js';
import type { CheckInput, Engagement } from '../types.js';

const T = 'team.yaml';

/**
 * References in team.yaml: people hold roles that exist; required and held skills are in the catalogue (the
 * model's skills, extended by team.yaml's). Skill checks need the model's catalogue, so they wait for the model.
 */
export function checkTeam(input: CheckInput | Engagement): Finding[] {
  const e = checkInput(input);
  if (!e.team) return [];
  const out: Finding[] = [];
  const hint = createHints();
  const add = (path: (string | number)[], code: Code, message: string, at: 'key' | 'value' = 'value') =>
    out.push(finding(code, { file: T, path, at }, message));
  const catalogue = e.team.skills ?? [];
  const model = e.model;
  const { skills, redefined } = skillCatalogue(e.team, model?.skills);
  const skillIds = new Set([...skills.map((s) => s.id), ...e.ids.skills]);
  const where = `neither team.yaml's skills nor the catalogue of the model "${model?.id}" holds`;
  const checkSkill = (s: string, path: (string | number)[], message: (hint: string) => string) => {
    if (model && !skillIds.has(s)) add(path, 'unknown-skill', message(hint('unknown-skill', s, skillIds)), 'key');
  };
  if (model) {
    catalogue.forEach((s, i) => {
      if (redefined.includes(s.id))
        add(
          ['skills', i, 'id'],
          'skill-redefined',
          `skill "${s.id}" is also in the model's catalogue; this definition replaces the model's (remove it here to use the model's course)`,
        );
    });
  }
  const roles = e.team.roles ?? [];
  const roleIds = new Set([...roles.map((r) => r.id), ...e.ids.roles]);
  roles.forEach((r, i) => {
    for (const s of Object.keys(r.requires ?? {}))
      checkSkill(s, ['roles', i, 'requires', s], (h) => `role "${r.id}" requires "${s}", which ${where}, so it has no course${h}`);
  });
  const people = e.team.people ?? [];
  people.forEach((p, i) => {
    (p.roles ?? []).forEach((r, k) => {
      if (!roleIds.has(r))
        add(['people', i, 'roles', k], 'unknown-role', `"${p.id}" holds role "${r}", which team.yaml does not define${hint('unknown-role', r, roleIds)}`);
    });
    for (const s of Object.keys(p.skills ?? {})) checkSkill(s, ['people', i, 'skills', s], (h) => `"${p.id}" has skill "${s}", which ${where}${h}`);
  });
  duplicates(roles, (i) => add(['roles', i, 'id'], 'duplicate-id', `role id "${roles[i]!.id}" is used twice`));
  duplicates(people, (i) => add(['people', i, 'id'], 'duplicate-id', `person id "${people[i]!.id}" is used twice`));
  duplicates(catalogue, (i) => add(['skills', i, 'id'], 'duplicate-id', `skill id "${catalogue[i]!.id}" is used twice`));
  return out;
}
