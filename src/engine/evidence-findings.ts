import type { EvidenceResult, PracticeResult } from './types.js';
import { finding, type Finding } from '../diagnostics/finding.js';

function fmt(v: number | string | null): string {
  if (typeof v === 'string' || v === null) return String(v);
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

function expectation(e: EvidenceResult): string {
  if (e.min_band) return `the ${e.min_band} band or better`;
  if (e.min !== null && e.max !== null) return `between ${fmt(e.min)} and ${fmt(e.max)}`;
  return e.min !== null ? `at least ${fmt(e.min)}` : `at most ${fmt(e.max)}`;
}

/** Where the measured record disagrees with a practice's level: a warning at the practice in practices.yaml. */
export function evidenceFindings(practices: readonly PracticeResult[]): Finding[] {
  const out: Finding[] = [];
  for (const p of practices) {
    for (const e of p.evidence) {
      if (e.ok !== false) continue;
      out.push(
        finding(
          'evidence-mismatch',
          { file: 'practices.yaml', path: ['practices', p.id], at: 'key' },
          `"${p.id}" is at level ${p.level}, but ${e.metric}${e.window_days ? ` over the last ${e.window_days} days` : ''} is ${fmt(e.value)} where level ${e.from_level} expects ${expectation(e)}${e.says ? `: ${e.says}` : ''} Check the answers against the record.`,
        ),
      );
    }
  }
  return out;
}
