import type { Finding } from '../engagement/diagnostics.js';
import { findCycle } from '../util/graph.js';
import { hint } from '../util/did-you-mean.js';
import type { Model, Recommendation } from './types.js';

/** Checks a schema-valid model beyond its schema: levels, unique ids, dependencies. */
export function checkModel(model: Model, file: string): Finding[] {
  const out: Finding[] = [];
  const err = (path: (string | number)[], code: string, message: string, at: 'key' | 'value' = 'value') =>
    out.push({ file, path, at, severity: 'error', code, message });

  const practiceIds = new Set<string>();
  const criterionIds = new Set<string>();
  const recs = new Map<string, { rec: Recommendation; path: (string | number)[] }>();
  model.practices.forEach((p, i) => {
    if (practiceIds.has(p.id)) err(['practices', i, 'id'], 'duplicate-id', `practice id "${p.id}" is used twice; ids must be unique`);
    practiceIds.add(p.id);
    const levels = new Set(p.criteria.map((c) => c.level));
    const missing = [1, 2, 3, 4, 5].filter((l) => !levels.has(l));
    if (missing.length) {
      err(['practices', i, 'criteria'], 'missing-level', `practice "${p.id}" has no criterion at level ${missing.join(', ')}; each level 1..5 needs at least one`, 'key');
    }
    p.criteria.forEach((c, j) => {
      if (criterionIds.has(c.id)) err(['practices', i, 'criteria', j, 'id'], 'duplicate-id', `criterion id "${c.id}" is used twice; ids must be unique`);
      criterionIds.add(c.id);
    });
    (p.recommendations ?? []).forEach((r, j) => {
      if (recs.has(r.id)) err(['practices', i, 'recommendations', j, 'id'], 'duplicate-id', `recommendation id "${r.id}" is used twice; ids must be unique`);
      else recs.set(r.id, { rec: r, path: ['practices', i, 'recommendations', j] });
    });
  });
  const skillIds = new Set<string>();
  (model.skills ?? []).forEach((s, i) => {
    if (skillIds.has(s.id)) err(['skills', i, 'id'], 'duplicate-id', `skill id "${s.id}" is used twice; ids must be unique`);
    skillIds.add(s.id);
  });
  for (const [id, { rec, path }] of recs) {
    (rec.depends_on ?? []).forEach((d, k) => {
      if (!recs.has(d)) err([...path, 'depends_on', k], 'unknown-recommendation', `recommendation "${id}" depends on "${d}", which the model does not define${hint(d, recs.keys())}`);
    });
  }
  const cycle = findCycle([...recs.keys()], (id) => recs.get(id)?.rec.depends_on ?? []);
  if (cycle) {
    err([...recs.get(cycle[0]!)!.path, 'depends_on'], 'dependency-cycle', `recommendations depend on each other in a cycle: ${cycle.join(' -> ')}; remove one of these dependencies`, 'key');
  }
  return out;
}
