/**
 * No people in team.yaml, no training plan (docs/deliverables.md): `relm report` writes the other deliverables and
 * says on stderr, in one line, why the training plan was left out and what to add; the report and the deck say in
 * the client's words what the plan needs; `--only training` is a usage error that writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAINING_NEEDS } from '../../src/render/headlines.js';
import { fixtureCopies, relm } from '../helpers/cli.js';

const copy = fixtureCopies();

describe('an engagement whose team.yaml records no people', () => {
  it('writes the report, plan and deck, not the training plan, with one line on stderr saying why and what to add', async () => {
    const dir = copy('test/fixtures/thin');
    const r = await relm(['report', '-C', dir, '--format', 'md']);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ['report.md', 'strategic-plan.md', 'presentation.md']) expect(existsSync(join(dir, 'out', f)), f).toBe(true);
    expect(existsSync(join(dir, 'out', 'training-plan.md'))).toBe(false);
    const notes = r.stderr.split('\n').filter((l) => l.includes('training plan'));
    expect(notes).toEqual([
      'relm report: the training plan was left out: the engagement has no team.yaml; add to team.yaml the people (each with their roles and current skill levels) and the roles (each with the skills it requires) to write it',
    ]);
    // The client reads what the plan needs, not an instruction to the tool's operator.
    const report = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    const deck = readFileSync(join(dir, 'out', 'presentation.md'), 'utf8');
    expect(report).toContain(TRAINING_NEEDS);
    expect(deck).toContain(TRAINING_NEEDS);
    for (const t of [report, deck]) expect(t).not.toMatch(/No team data was provided|to plan the training/);
  });

  it('says "records no people" when team.yaml is there but lists nobody', async () => {
    const dir = copy('test/fixtures/thin');
    writeFileSync(join(dir, 'team.yaml'), 'roles:\n  - id: release-manager\n    name: Release manager\n    requires: {}\npeople: []\n');
    const r = await relm(['report', '-C', dir, '--format', 'md']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('relm report: the training plan was left out: team.yaml records no people;');
    expect(existsSync(join(dir, 'out', 'training-plan.md'))).toBe(false);
  });

  it('refuses --only training with exit 2 and writes nothing', async () => {
    const dir = copy('test/fixtures/thin');
    const r = await relm(['report', '-C', dir, '--only', 'training', '--format', 'md']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--only training: there is no training plan to write: the engagement has no team.yaml');
    expect(r.stderr).toContain('Add to team.yaml the people');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
