import { skillCatalogue } from '../engine/training.js';
import { hint } from '../util/did-you-mean.js';
import type { Finding, Severity } from './diagnostics.js';
import { duplicates } from './duplicate-ids.js';
import type { Engagement } from './types.js';

const T = 'team.yaml';

/** References in team.yaml: people hold roles that exist; required and held skills are in the catalogue. */
export function checkTeam(e: Engagement): Finding[] {
  if (!e.team) return [];
  const out: Finding[] = [];
  const add = (path: (string | number)[], severity: Severity, code: string, message: string, at: 'key' | 'value' = 'value') => out.push({ file: T, path, at, severity, code, message });
  const { skills, from } = skillCatalogue(e.team, e.model.skills);
  const skillIds = new Set(skills.map((s) => s.id));
  const where = from === 'team' ? 'the skills of team.yaml' : `the skills catalogue of the model "${e.model.id}"`;
  const roles = e.team.roles ?? [];
  const roleIds = new Set(roles.map((r) => r.id));
  roles.forEach((r, i) => {
    for (const s of Object.keys(r.requires ?? {})) {
      if (!skillIds.has(s)) add(['roles', i, 'requires', s], 'warning', 'unknown-skill', `role "${r.id}" requires "${s}", which ${where} does not hold, so it has no course${hint(s, skillIds)}`, 'key');
    }
  });
  const people = e.team.people ?? [];
  people.forEach((p, i) => {
    (p.roles ?? []).forEach((r, k) => {
      if (!roleIds.has(r)) add(['people', i, 'roles', k], 'error', 'unknown-role', `"${p.id}" holds role "${r}", which team.yaml does not define${hint(r, roleIds)}`);
    });
    for (const s of Object.keys(p.skills ?? {})) {
      if (!skillIds.has(s)) add(['people', i, 'skills', s], 'warning', 'unknown-skill', `"${p.id}" has skill "${s}", which ${where} does not hold${hint(s, skillIds)}`, 'key');
    }
  });
  const catalogue = e.team.skills ?? [];
  duplicates(roles, (i) => add(['roles', i, 'id'], 'error', 'duplicate-id', `role id "${roles[i]!.id}" is used twice`));
  duplicates(people, (i) => add(['people', i, 'id'], 'error', 'duplicate-id', `person id "${people[i]!.id}" is used twice`));
  duplicates(catalogue, (i) => add(['skills', i, 'id'], 'error', 'duplicate-id', `skill id "${catalogue[i]!.id}" is used twice`));
  return out;
}
