import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/engine/types.js';
import { doraBand } from '../../src/output/summary.js';

type Releases = NonNullable<Assessment['releases']>;
const plain = new Chalk({ level: 0 });
const rel = (band: Releases['band'], weakest: Releases['weakest']) => ({ band, weakest }) as Releases;

describe('relm assess: the DORA band in the terminal summary', () => {
  it('never prints the overall band alone: its weakest metric and band stand beside it', () => {
    // The example: medium overall (the lower-middle of low, medium, high, medium), change failure rate 24 % is low.
    expect(doraBand(rel('medium', { metric: 'change_failure_rate', band: 'low' }), plain)).toBe('DORA medium overall, weakest: change failure rate (low)');
    // Every metric in the same band: that is said, not a weakest one.
    expect(doraBand(rel('high', { metric: 'lead_time_days', band: 'high' }), plain)).toBe('DORA high overall, no metric below high');
    // No band at all (no metric measured): no data, never a band.
    expect(doraBand(rel(null, null), plain)).toBe('DORA band: no data');
  });
});
