import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appendIn, setIn } from '../../src/engagement/yaml-edit.js';

describe('setIn / appendIn: splice the edit, leave the rest', () => {
  it('quotes what a flow collection needs quoted', () => {
    const text = 'a: {b: [x], c: 1}  # keep\n';
    const out = appendIn(text, ['a', 'b'], 'y, z');
    expect(out).toBe('a: {b: [x, "y, z"], c: 1}  # keep\n');
    expect(setIn(out, ['a', 'd'], '{not a map}')).toBe('a: {b: [x, "y, z"], c: 1, d: "{not a map}"}  # keep\n');
    expect(setIn(text, ['a', 'c'], '[1]')).toBe('a: {b: [x], c: "[1]"}  # keep\n');
  });

  it('appends to a block sequence of block maps at its indentation', () => {
    const text = 'list:\n- name: a\n  role: x\n# after\n';
    expect(appendIn(text, ['list'], { name: 'b' }, { flow: (p) => p.length === 2 })).toBe('list:\n- name: a\n  role: x\n- {name: b}\n# after\n');
    expect(appendIn(text, ['list'], { name: 'b', tags: ['t'] })).toBe('list:\n- name: a\n  role: x\n- name: b\n  tags:\n    - t\n# after\n');
  });

  it('walks through sequence items by index', () => {
    const text = 'tasks:\n  - id: a\n    status: todo # first\n  - id: b\n';
    expect(setIn(text, ['tasks', 0, 'status'], 'done')).toBe('tasks:\n  - id: a\n    status: done # first\n  - id: b\n');
    expect(setIn(text, ['tasks', 1, 'status'], 'done')).toBe('tasks:\n  - id: a\n    status: todo # first\n  - id: b\n    status: done\n');
  });

  it('replaces a scalar with a block map below the key, keeping the comment on the key line', () => {
    const text = 'p:\n  q: 1   # was a number\n  r: 2\n';
    const out = setIn(text, ['p', 'q', 's'], 'x');
    expect(out).toBe('p:\n  q:   # was a number\n    s: x\n  r: 2\n');
    expect(parse(out)).toEqual({ p: { q: { s: 'x' }, r: 2 } });
  });

  it('writes a line break in a value so that it reads back', () => {
    const out = setIn('a: 1\n', ['b'], 'two\nlines: # no');
    expect(parse(out)).toEqual({ a: 1, b: 'two\nlines: # no' });
    expect(out.startsWith('a: 1\n')).toBe(true);
  });

  it('refuses what it cannot edit', () => {
    expect(() => setIn('a: [1, 2]\n', ['a', 'b'], 1)).toThrow(/not a mapping/);
    expect(() => setIn('a: : :\n  - x', ['a'], 1)).toThrow(/errors/);
    expect(() => appendIn('a: {b: 1}\n', ['a'], 1)).toThrow(/not a sequence/);
  });
});

describe('setIn over a block scalar', () => {
  it('replaces a | or > value with a plain one, keeping the line break and what follows', () => {
    const text = 'a:\n  notes: |-\n    line one\n    line two\n  sources: [x]\nb: >\n  folded\n';
    expect(setIn(text, ['a', 'notes'], 'one line')).toBe('a:\n  notes: one line\n  sources: [x]\nb: >\n  folded\n');
    expect(setIn(text, ['b'], 'plain')).toBe('a:\n  notes: |-\n    line one\n    line two\n  sources: [x]\nb: plain\n');
  });
});
