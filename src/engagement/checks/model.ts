import { isWindowedMetric } from '../../model/evidence.js';
import { finding, type Finding } from '../../diagnostics/finding.js';
import type { Code } from '../../diagnostics/rules.js';
import { metricPaths } from '../metrics.js';
import { findCycle } from '../../util/graph.js';
import { hint } from '../../util/did-you-mean.js';
import type { Model, Recommendation } from '../../model/types.js';

/** Checks a schema-valid model beyond its schema: levels, unique ids, dependencies. */
export function checkModel(model: Model, file: string): Finding[] {
  const out: Finding[] = [];
  const add = (path: (string | number)[], code: Code, message: string, at: 'key' | 'value' = 'value') => out.push(finding(code, { file, path, at }, message));

  const processIds = new Set((model.processes ?? []).map((x) => x.id));
  const practiceIds = new Set<string>();
  const criterionIds = new Set<string>();
  const recs = new Map<string, { rec: Recommendation; path: (string | number)[] }>();
  model.practices.forEach((p, i) => {
    if (practiceIds.has(p.id)) add(['practices', i, 'id'], 'duplicate-id', `practice id "${p.id}" is used twice; ids must be unique`);
    practiceIds.add(p.id);
    const levels = new Set(p.criteria.map((c) => c.level));
    const missing = [1, 2, 3, 4, 5].filter((l) => !levels.has(l));
    if (missing.length) {
      add(
        ['practices', i, 'criteria'],
        'missing-level',
        `practice "${p.id}" has no criterion at level ${missing.join(', ')}; each level 1..5 needs at least one`,
        'key',
      );
    }
    (p.links ?? []).forEach((l, j) => {
      if (!processIds.has(l))
        add(
          ['practices', i, 'links', j],
          'unknown-process',
          `practice "${p.id}" links to "${l}", which is not one of the model's processes${hint(l, processIds)}`,
        );
    });
    p.criteria.forEach((c, j) => {
      if (criterionIds.has(c.id)) add(['practices', i, 'criteria', j, 'id'], 'duplicate-id', `criterion id "${c.id}" is used twice; ids must be unique`);
      criterionIds.add(c.id);
    });
    (p.evidence ?? []).forEach((rule, j) => {
      const paths = metricPaths();
      if (!paths.has(rule.metric)) {
        add(['practices', i, 'evidence', j, 'metric'], 'unknown-metric', `"${rule.metric}" is not a metric of assessment.json${hint(rule.metric, paths)}`);
      } else if (rule.metric.startsWith('releases.bands.') !== (rule.min_band !== undefined)) {
        add(
          ['practices', i, 'evidence', j],
          'invalid-evidence-rule',
          rule.min_band !== undefined
            ? `min_band applies only to releases.bands.* metrics; use min or max for "${rule.metric}"`
            : `"${rule.metric}" is a band: compare it with min_band (low, medium, high, elite)`,
          'key',
        );
      } else if (rule.window_days !== undefined && !isWindowedMetric(rule.metric)) {
        add(
          ['practices', i, 'evidence', j, 'window_days'],
          'invalid-evidence-rule',
          `window_days applies to record metrics (releases.*, backlog.done_with_change_share), not to "${rule.metric}", which describes the backlog as it stands`,
          'key',
        );
      } else if (rule.min === undefined && rule.max === undefined && rule.min_band === undefined) {
        add(['practices', i, 'evidence', j], 'invalid-evidence-rule', `the rule on "${rule.metric}" needs min, max or min_band`, 'key');
      }
    });
    (p.recommendations ?? []).forEach((r, j) => {
      const own = new Set(p.criteria.map((c) => c.id));
      (r.parts ?? []).forEach((part, k) =>
        part.criteria.forEach((c, m) => {
          if (!own.has(c))
            add(
              ['practices', i, 'recommendations', j, 'parts', k, 'criteria', m],
              'unknown-criterion',
              `part "${part.title}" of recommendation "${r.id}" names "${c}", which is not a criterion of practice "${p.id}"${hint(c, own)}`,
            );
        }),
      );
      if (recs.has(r.id)) add(['practices', i, 'recommendations', j, 'id'], 'duplicate-id', `recommendation id "${r.id}" is used twice; ids must be unique`);
      else recs.set(r.id, { rec: r, path: ['practices', i, 'recommendations', j] });
    });
  });
  const skillIds = new Set<string>();
  (model.skills ?? []).forEach((s, i) => {
    if (skillIds.has(s.id)) add(['skills', i, 'id'], 'duplicate-id', `skill id "${s.id}" is used twice; ids must be unique`);
    skillIds.add(s.id);
  });
  const roleIds = new Set<string>();
  (model.roles ?? []).forEach((r, i) => {
    if (roleIds.has(r.id)) add(['roles', i, 'id'], 'duplicate-id', `role id "${r.id}" is used twice; ids must be unique`);
    roleIds.add(r.id);
    for (const s of Object.keys(r.requires ?? {})) {
      if (!skillIds.has(s))
        add(
          ['roles', i, 'requires', s],
          'role-unknown-skill',
          `role "${r.id}" requires "${s}", which the model's skills do not hold${hint(s, skillIds)}`,
          'key',
        );
    }
  });
  for (const [id, { rec, path }] of recs) {
    (rec.skills ?? []).forEach((sk, k) => {
      if (!skillIds.has(sk)) {
        add(
          [...path, 'skills', k],
          'unknown-skill',
          `recommendation "${id}" needs skill "${sk}", which the model's skills catalogue does not hold, so no course is planned for it${hint(sk, skillIds)}`,
        );
      }
    });
    (rec.depends_on ?? []).forEach((d, k) => {
      if (!recs.has(d))
        add(
          [...path, 'depends_on', k],
          'unknown-recommendation',
          `recommendation "${id}" depends on "${d}", which the model does not define${hint(d, recs.keys())}`,
        );
    });
  }
  const cycle = findCycle([...recs.keys()], (id) => recs.get(id)?.rec.depends_on ?? []);
  if (cycle) {
    add(
      [...recs.get(cycle[0]!)!.path, 'depends_on'],
      'dependency-cycle',
      `recommendations depend on each other in a cycle: ${cycle.join(' -> ')}; remove one of these dependencies`,
      'key',
    );
  }
  return out;
}
