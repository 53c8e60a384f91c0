import { describe, expect, it } from 'vitest';
import { checkReferences } from '../../src/engagement/checks/references.js';
import { engagementWith } from '../helpers/engagement.js';

const codes = (e: Parameters<typeof checkReferences>[0]) => checkReferences(e).map((f) => [f.code, (f.path ?? []).join('.'), f.severity]);

describe('v2 reference checks', () => {
  it('rejects two targets for one metric, naming both places', () => {
    const e = engagementWith({
      target: {
        targets: { default: 3 },
        dora: { change_failure_rate: 0.15 },
        requirements: [{ id: 'R1', title: 'Fewer failed releases', metric: { name: 'change_failure_rate', target: 0.1 } }],
      },
    });
    const f = checkReferences(e).find((x) => x.code === 'metric-target-conflict')!;
    expect(f).toMatchObject({ file: 'target.yaml', path: ['requirements', 0, 'metric', 'target'], severity: 'error' });
    expect(f.message).toContain('0.1');
    expect(f.message).toContain('dora.change_failure_rate sets 0.15');
    // The same value twice is one target.
    const same = engagementWith({
      target: {
        targets: {},
        dora: { change_failure_rate: 0.1 },
        requirements: [{ id: 'R1', title: 'x', metric: { name: 'change_failure_rate', target: 0.1 } }],
      },
    });
    expect(codes(same).filter(([c]) => c === 'metric-target-conflict')).toEqual([]);
  });

  it('asks for a dora target for every metric a requirement names', () => {
    const e = engagementWith({
      target: { targets: {}, dora: { lead_time_days: 7 }, requirements: [{ id: 'R1', title: 'x', metrics: ['lead_time_days', 'rework_rate'] }] },
    });
    expect(codes(e).filter(([c]) => c === 'metric-without-target')).toEqual([['metric-without-target', 'requirements.0.metrics.1', 'error']]);
  });

  it('checks that `first` names recommendations', () => {
    const e = engagementWith({ target: { targets: {}, first: ['nope'] } });
    expect(codes(e).filter(([c]) => c === 'unknown-recommendation')).toEqual([['unknown-recommendation', 'first.0', 'error']]);
  });

  it('warns that a practice with an empty answers map is not assessed, and does not call its criteria unanswered', () => {
    const e = engagementWith({ practices: { practices: { b: { answers: { 'b-1a': null } }, c: { answers: { 'c-1a': null }, rating: 2 } } } });
    const f = codes(e);
    expect(f).toContainEqual(['not-assessed', 'practices.b', 'warning']);
    expect(f.filter(([c, p]) => c === 'unanswered' || p === 'practices.c')).toEqual([]);
  });
});
