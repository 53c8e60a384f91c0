/**
 * Carry-over and reconcile, end to end on the bundled example: a workshop decision settles the interviewees'
 * disagreement, and `init --from` keeps the decision's date and drops the disagreements that cite interviews
 * it does not copy (no unknown-interview warning in the re-assessment).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, relmInProcess } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const run = (dir: string, args: string[]) => relmInProcess([...args, '-C', dir], dir);
const codes = async (dir: string) =>
  (JSON.parse((await run(dir, ['validate', '-f', 'json'])).stdout) as { code: string; message: string }[]).map((d) => `${d.code} ${d.message}`);

describe('a workshop decision and the carry-over', () => {
  it('settles the disagreement with --set, then init --from carries the answer confirmed on the decision date, citing nothing it does not copy', async () => {
    const eng = copyFixture('examples/acme-bank');
    dirs.push(eng);
    const file = join(eng, 'practices.yaml');
    // Two interviewees answered release-policy-3a differently.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '      release-policy-3a: none\n',
        '      release-policy-3a: {answer: none, sources: [int-01], disagreements: [{answer: half, sources: [int-02]}]}\n',
      ),
    );
    expect((await codes(eng)).filter((c) => c.startsWith('disagreement '))).toEqual([
      'disagreement interviewees disagree on "release-policy-3a": the answer is none (int-01), but half was also given (int-02); settle it, then remove the disagreement',
    ]);

    const r = await run(eng, ['reconcile', '--set', 'release-policy-3a=some', '--because', 'The workshop found a policy draft.', '--date', '2026-04-20']);
    expect(r.status, r.stderr).toBe(0);
    const answer = parse(readFileSync(file, 'utf8')).practices['release-policy'].answers['release-policy-3a'];
    expect(answer).toMatchObject({ answer: 'some', decision: { because: 'The workshop found a policy draft.', date: '2026-04-20' } });
    expect((await codes(eng)).filter((c) => c.startsWith('disagreement '))).toEqual([]);

    const next = join(eng, '..', 'acme-2027');
    dirs.push(next);
    const init = await relmInProcess(['init', next, '--from', eng, '--as-of', '2027-03-31'], eng);
    expect(init.status, init.stderr).toBe(0);
    const carried = parse(readFileSync(join(next, 'practices.yaml'), 'utf8')).practices['release-policy'].answers;
    // Decided on 20 April 2026, after the assessment of 15 March: confirmed on the decision's date.
    expect(carried['release-policy-3a']).toEqual({
      answer: 'some',
      decision: { because: 'The workshop found a policy draft.', date: '2026-04-20' },
      confirmed: '2026-04-20',
    });
    expect(carried['release-policy-2a'].confirmed).toBe('2026-03-15');
    const found = await codes(next);
    expect(found.filter((c) => /unknown-interview|disagreement /.test(c))).toEqual([]);
  });
});
