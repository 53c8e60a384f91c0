import { describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/engagement/schemas.js';
import { loadBuiltinModel } from '../../src/model/builtin.js';
import { checkModel } from '../../src/engagement/checks/model.js';

const BUILTIN_PRACTICES = {
  people: ['maintenance-skills', 'roles-responsibilities', 'knowledge-training'],
  process: [
    'release-policy',
    'request-intake',
    'prioritization',
    'production-support',
    'maintenance-procedures',
    'testing-strategy',
    'scheduling-pacing',
    'planning-qa',
    'documentation',
    'duplicate-reduction',
  ],
  technology: ['lifecycle-tooling', 'build-deploy-automation', 'environments-test-data', 'platform-sync', 'configuration-dml'],
  organization: ['maintenance-organization', 'governance-cab', 'backlog-management', 'cost-benefit', 'communication-image'],
  integration: ['change-integration', 'configuration-integration', 'incident-problem-integration', 'availability-integration', 'service-level-integration'],
};

describe('the built-in model', () => {
  const model = loadBuiltinModel();

  it('is valid against schemas/model.schema.json and the model checks', () => {
    expect(validateSchema('model', 'release-management.yaml', model)).toEqual([]);
    expect(checkModel(model, 'release-management.yaml')).toEqual([]);
  });

  it('reports a role that requires a skill the model does not hold as an error of its own code', () => {
    const roles = [{ ...model.roles![0]!, requires: { 'no-such-skill': 2 } }];
    const found = checkModel({ ...model, roles }, 'release-management.yaml');
    expect(found).toMatchObject([{ code: 'role-unknown-skill', severity: 'error', path: ['roles', 0, 'requires', 'no-such-skill'], at: 'key' }]);
  });

  it("reports a recommendation part that names another practice's criterion as unknown-criterion", () => {
    const i = model.practices.findIndex((p) => p.id === 'production-support');
    const p = model.practices[i]!;
    const j = p.recommendations!.findIndex((r) => r.id === 'rec-production-support-2');
    const r = p.recommendations![j]!;
    const recommendations = p.recommendations!.map((x) => (x === r ? { ...r, parts: [{ criteria: ['governance-cab-2a'], title: 'Hold a CAB' }] } : x));
    const practices = model.practices.map((x) => (x === p ? { ...p, recommendations } : x));
    const found = checkModel({ ...model, practices }, 'release-management.yaml');
    expect(found).toMatchObject([{ code: 'unknown-criterion', severity: 'error', path: ['practices', i, 'recommendations', j, 'parts', 0, 'criteria', 0] }]);
    expect(found[0]!.message).toContain('not a criterion of practice "production-support"');
  });

  it('has exactly the practice ids of docs/engagement-files.md, in their perspectives', () => {
    for (const [perspective, ids] of Object.entries(BUILTIN_PRACTICES)) {
      expect(
        model.practices
          .filter((p) => p.perspective === perspective)
          .map((p) => p.id)
          .sort(),
      ).toEqual([...ids].sort());
    }
    expect(model.practices).toHaveLength(28);
  });

  it('has a description and criteria at every level for each practice, about 150 criteria in all', () => {
    let total = 0;
    for (const p of model.practices) {
      expect(p.description, p.id).toBeTruthy();
      expect(new Set(p.criteria.map((c) => c.level))).toEqual(new Set([1, 2, 3, 4, 5]));
      for (const c of p.criteria) expect(c.id.startsWith(`${p.id}-${c.level}`), c.id).toBe(true);
      total += p.criteria.length;
    }
    expect(total).toBeGreaterThanOrEqual(140);
  });

  it('has a recommendation for levels 2-5 of every practice, with alternatives for strategic ones', () => {
    for (const p of model.practices) {
      expect((p.recommendations ?? []).map((r) => r.level).sort(), p.id).toEqual([2, 3, 4, 5]);
      for (const r of p.recommendations ?? []) {
        if (r.horizon === 'strategic') expect((r.alternatives ?? []).length, r.id).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('has a skills catalogue with training courses', () => {
    expect((model.skills ?? []).length).toBeGreaterThanOrEqual(10);
    for (const s of model.skills ?? []) expect(s.training?.days, s.id).toBeGreaterThan(0);
  });
});

describe('the built-in model for the strategic plan', () => {
  const model = loadBuiltinModel();

  it('words the future state of every practice at every level, as short sentences', () => {
    for (const p of model.practices) {
      expect(Object.keys(p.future_state ?? {}).sort(), p.id).toEqual(['1', '2', '3', '4', '5']);
      for (const text of Object.values(p.future_state!)) {
        expect(text.split(' ').length, `${p.id}: ${text}`).toBeLessThanOrEqual(22);
        // A future state, not today's shortfall.
        expect(text, p.id).not.toMatch(/,\s*(but|though|even if)\b|\b(usually|sometimes|informally)\b/);
      }
    }
  });

  it('names the anticipated deliverables of every recommendation, each deliverable once in the model', () => {
    const all: string[] = [];
    for (const p of model.practices) {
      for (const r of p.recommendations ?? []) {
        expect((r.deliverables ?? []).length, r.id).toBeGreaterThanOrEqual(1);
        all.push(...r.deliverables!.map((d) => d.toLowerCase()));
      }
    }
    expect(model.practices.flatMap((p) => p.recommendations ?? [])).toHaveLength(112);
    expect(new Set(all).size).toBe(all.length);
  });
});
