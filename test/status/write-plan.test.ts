import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTaskStatus } from '../../src/engagement/write-plan.js';
import { ROOT } from '../helpers/cli.js';

const ACME = readFileSync(join(ROOT, 'examples/acme-bank/plan.yaml'), 'utf8');

describe('writeTaskStatus', () => {
  it('changes only the status line of that task, keeping the comment above it', () => {
    const out = writeTaskStatus(ACME, 'training-requirements', 'in-progress');
    const marker = '    # waiting for HR to release the 2026 skills matrix for the mainframe team\n    status: blocked\n';
    expect(ACME.split(marker)).toHaveLength(2);
    expect(out).toBe(ACME.replace(marker, marker.replace('status: blocked', 'status: in-progress')));
  });

  it('returns the text unchanged when the status is already that', () => {
    expect(writeTaskStatus(ACME, 'assemble-team', 'done')).toBe(ACME);
  });

  it('edits tasks written in flow style, and adds a missing status', () => {
    const text = 'tasks:\n  - {id: a, title: "A, first", status: todo}   # one\n  - {id: b, title: B}\n';
    expect(writeTaskStatus(text, 'a', 'done')).toBe('tasks:\n  - {id: a, title: "A, first", status: done}   # one\n  - {id: b, title: B}\n');
    expect(writeTaskStatus(text, 'b', 'blocked')).toBe(
      'tasks:\n  - {id: a, title: "A, first", status: todo}   # one\n  - {id: b, title: B, status: blocked}\n',
    );
  });

  it('refuses an unknown task', () => {
    expect(() => writeTaskStatus(ACME, 'nope', 'done')).toThrow(/no task "nope"/);
  });
});
