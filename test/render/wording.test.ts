/**
 * Wording a partner would correct (issue 27 item 6): acronyms keep their capitals inside a title, "one release in
 * k" only where it is true, and the model's texts agree with the DORA 2023 cluster table relm bands with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bandOf, targetChecks } from '../../src/engine/releases.js';
import type { Assessment } from '../../src/engine/types.js';
import { loadBuiltinModel } from '../../src/model/builtin.js';
import { practiceGapsTitle, releaseSentence } from '../../src/render/headlines.js';
import { inSentence, oneReleaseIn } from '../../src/render/words.js';
import { ROOT } from '../helpers/cli.js';

describe('wording', () => {
  it('keeps an acronym in capitals inside a title ("CAB", never "cAB")', () => {
    expect(inSentence('CAB and change governance')).toBe('CAB and change governance');
    expect(inSentence('Release policy')).toBe('release policy');
    const practice = (id: string, name: string, gap: number) => ({ id, name, gap });
    const a = {
      practices: [practice('a', 'Release policy', 2), practice('b', 'CAB and change governance', 1.5), practice('c', 'DML and baselines', 1)],
      summary: { practice_gaps: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
    } as unknown as Assessment;
    expect(practiceGapsTitle(a)).toBe('Release policy, CAB and change governance and DML and baselines are furthest from target');
  });

  it('says "one release in k" only as far as the rate supports it', () => {
    expect(oneReleaseIn(0.25)).toBe('One release in four');
    expect(oneReleaseIn(0.5)).toBe('One release in two');
    expect(oneReleaseIn(0.45)).toBe('Almost one release in two');
    expect(oneReleaseIn(7 / 29)).toBe('Almost one release in four'); // 24.1%
    expect(oneReleaseIn(0.27)).toBe('More than one release in four');
    expect(oneReleaseIn(0.4)).toBeNull(); // 1 / 0.4 = 2.5: neither one in two nor one in three
    expect(oneReleaseIn(0.05)).toBeNull(); // one in twenty: the percentage reads better
    expect(oneReleaseIn(0)).toBeNull();
    const rel = (cfr: number) => {
      const values = {
        change_failure_rate: cfr,
        lead_time_days: null,
        recovery_hours: null,
        deployment_frequency_per_week: null,
        request_lead_time_days: null,
        rework_rate: null,
      };
      const targets = { change_failure_rate: 0.1 };
      return { window_days: 180, count: 20, outcome_known: 20, ...values, targets, target_checks: targetChecks(values, targets) } as unknown as NonNullable<
        Assessment['releases']
      >;
    };
    expect(releaseSentence(rel(0.45))).toBe('Almost one release in two fails or needs a fix: a change failure rate of 45% against a target of 10%.');
    expect(releaseSentence(rel(0.4))).toBe('40% of releases fail or need a fix: a change failure rate of 40% against a target of 10%.');
  });

  it('cites the DORA 2023 clusters in the model as relm bands them (high: at most 10 % failed changes)', () => {
    const model = loadBuiltinModel();
    const text = readFileSync(join(ROOT, 'src', 'model', 'release-management.yaml'), 'utf8');
    expect(text).not.toMatch(/high[- ]performer/i);
    expect(text).not.toMatch(/DORA[^.\n]*\d+\s*[-–]\s*\d+\s*%/);
    // Each evidence rule that names a cluster sets its threshold at that cluster's boundary.
    let checked = 0;
    for (const p of model.practices)
      for (const r of p.evidence ?? []) {
        const m = /DORA 2023(?:'s)? (elite|high|medium|low) cluster/.exec(r.says ?? '');
        if (!m) continue;
        const cluster = m[1];
        const metric = r.metric.replace(/^releases\.(bands\.)?/, '') as Parameters<typeof bandOf>[0];
        checked++;
        if (r.min_band !== undefined) expect(r.min_band, r.says).toBe(cluster);
        if (r.max !== undefined) {
          expect(bandOf(metric, r.max * 0.99 - 0.001), r.says).toBe(cluster);
          expect(bandOf(metric, r.max * 1.01 + 0.001), r.says).not.toBe(cluster);
        }
      }
    expect(checked).toBeGreaterThanOrEqual(6);
    // And a percentage beside a cluster is that cluster's change-failure boundary.
    const bounds: Record<string, number> = { elite: 5, high: 10, medium: 15 };
    for (const m of text.matchAll(/DORA 2023(?:'s)? (elite|high|medium) cluster \((?:at most )?(\d+) %/g)) expect(Number(m[2]), m[0]).toBe(bounds[m[1]!]);
  });
});
