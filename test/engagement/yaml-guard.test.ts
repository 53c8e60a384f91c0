import { describe, expect, it } from 'vitest';
import { exceedsBudget, firstAliasOffset, positionAt, secondDocumentOffset, unclosedFlowOffset, unclosedQuoteOffset } from '../../src/engagement/yaml-guard.js';
import { decodeUtf8, parseYaml } from '../../src/engagement/yaml-source.js';

/** A billion laughs: `levels` levels of ten aliases each, 10^levels values once expanded. */
function laughs(levels: number): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n') + '\n';
}

describe('exceedsBudget', () => {
  it('counts shared values once per reference, as if expanded, and stops at the budget', () => {
    const leaf = [1, 2, 3];
    const shared = { a: leaf, b: leaf, c: [leaf, leaf] };
    // root, a, 1, 2, 3, b, 1, 2, 3, c, [leaf, leaf] → 1 + 4 + 4 + 1 + 4 + 4 = 18 values
    expect(exceedsBudget(shared, 18)).toBe(false);
    expect(exceedsBudget(shared, 17)).toBe(true);
  });

  it('stops on a cycle instead of looping', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(exceedsBudget(cyclic, 1000)).toBe(true);
  });
});

describe('parseYaml limits', () => {
  it('refuses a billion laughs quickly, at its first alias', () => {
    const r = parseYaml('team.yaml', laughs(10));
    expect(r).toMatchObject({ ok: false, finding: { code: 'too-large', line: 2, col: 10 } });
  });

  it('accepts a few aliases, and `*` that are not aliases', () => {
    expect(parseYaml('x.yaml', laughs(3))).toMatchObject({ ok: true });
    expect(parseYaml('x.yaml', 'notes: "**bold**" # *not an alias\nother: a*b\n')).toEqual({ ok: true, data: { notes: '**bold**', other: 'a*b' } });
  });

  it('turns deep nesting into too-deep, not a crash', () => {
    const r = parseYaml('plan.yaml', 'tasks: ' + '['.repeat(10000) + ']'.repeat(10000));
    expect(r).toMatchObject({ ok: false, finding: { code: 'too-deep', line: 1 } });
  });

  it('points at the opening of an unclosed quote or bracket, and at a second document', () => {
    expect(parseYaml('a.yaml', 'a: 1\nb: "open\nc: 2\n')).toMatchObject({ ok: false, finding: { code: 'yaml-syntax', line: 2, col: 4 } });
    expect(parseYaml('a.yaml', 'a: 1\nb: [x, y\n')).toMatchObject({ ok: false, finding: { code: 'yaml-syntax', line: 2, col: 4 } });
    expect(parseYaml('a.yaml', 'a: 1\n---\nb: 2\n')).toMatchObject({ ok: false, finding: { code: 'yaml-syntax', line: 2, col: 1 } });
  });

  it('never quotes a huge alias name whole', () => {
    const r = parseYaml('a.yaml', `a: *${'x'.repeat(100_000)}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.finding).toMatchObject({ line: 1, col: 4 });
      expect(r.finding.message.length).toBeLessThan(300);
    }
  });
});

describe('lexical positions', () => {
  it('finds the first alias outside comments, quotes and block scalars', () => {
    const text = '# *comment\na: "*quoted"\nb: |\n  *block\nc: [x, *real]\n';
    expect(positionAt(text, firstAliasOffset(text)!)).toEqual({ line: 5, col: 8 });
  });

  it('tells closed quotes from open ones, escapes included', () => {
    expect(unclosedQuoteOffset(`a: 'it''s'\nb: "say \\"hi\\""\n`)).toBeUndefined();
    expect(unclosedQuoteOffset('a: "ok"\nb: "ends in a backslash \\"\n')).toBe(11);
    expect(unclosedQuoteOffset("a: 'it''s\n")).toBe(3);
  });

  it('finds an unclosed flow collection and a second document', () => {
    expect(unclosedFlowOffset('a: [1, {b: 2}\n')).toBe(3);
    expect(secondDocumentOffset('---\na: 1\n')).toBeUndefined();
    expect(secondDocumentOffset('# c\n---\na: 1\n---\nb: 2\n')).toBe(13);
  });
});

describe('decodeUtf8', () => {
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
  const at = (b: Buffer) => {
    const r = decodeUtf8('f.yaml', b);
    return r.ok ? null : [r.finding.line, r.finding.col];
  };

  it('drops a BOM and accepts valid text', () => {
    expect(decodeUtf8('f.yaml', bytes('\ufeffa: é\n'))).toEqual({ ok: true, text: 'a: é\n' });
  });

  it('places the first invalid byte: not counting a BOM, past a real U+FFFD, for overlongs and surrogates', () => {
    expect(at(bytes('a: caf', [0xe9], '\n'))).toEqual([1, 7]);
    expect(at(bytes('\ufeffa: ', [0xff]))).toEqual([1, 4]);
    expect(at(bytes('a: \ufffd\nb: ', [0xc3, 0x28]))).toEqual([2, 4]);
    expect(at(bytes('a: ', [0xc0, 0x80]))).toEqual([1, 4]); // overlong NUL
    expect(at(bytes('a: ', [0xed, 0xa0, 0x80]))).toEqual([1, 4]); // a UTF-16 surrogate
    expect(at(bytes('a: ', [0xf4, 0x90, 0x80, 0x80]))).toEqual([1, 4]); // beyond U+10FFFF
    expect(at(bytes('a: ', [0xe2, 0x82]))).toEqual([1, 4]); // cut short at the end
  });

  it('names UTF-16', () => {
    const r = decodeUtf8('f.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: 1\n', 'utf16le')]));
    expect(r).toMatchObject({ ok: false, finding: { line: 1, col: 1, message: 'the file is UTF-16; save it as UTF-8' } });
  });
});

describe('YAML syntax errors say the common cause and the fix', () => {
  const message = (text: string) => {
    const r = parseYaml('x.yaml', text);
    if (r.ok) throw new Error('expected a finding');
    return `${r.finding.line}:${r.finding.col} ${r.finding.message}`;
  };

  it('an unquoted ": " in a block or flow value', () => {
    expect(message('a:\n  notes: No cost data: finance has none\n')).toBe(
      '2:22 YAML syntax error: the value of "notes" holds ": ", which YAML reads as the start of another key; put the value in quotes: notes: "No cost data: finance has none"',
    );
    expect(message('evidence: [{title: Plan: draft, ref: x}]\n')).toMatch(/^1:24 .*put the value in quotes: title: "Plan: draft"$/);
    expect(message('items:\n  - title: Fix: "crash" on save\n')).toMatch(/put the value in quotes: title: "Fix: \\"crash\\" on save"$/);
  });

  it('a # that cut a flow collection short', () => {
    expect(message('a: [x #1, y]\nb: 2\n')).toBe(
      '1:7 YAML syntax error: a # after a space starts a comment in YAML, so the rest of the line after "x" is dropped; put the text in quotes: "x #1"',
    );
  });

  it('a value starting with *, &, @, ` or %, but not an alias the user meant', () => {
    expect(message('notes: *important* stuff\n')).toMatch(
      /starts with \*, which YAML reads as an alias .*put the value in quotes: notes: "\*important\* stuff"$/,
    );
    expect(message('client: & Co\n')).toMatch(/starts with &, which YAML reads as an anchor/);
    expect(message('owner: @jdoe\n')).toMatch(/starts with @, which YAML reads as a reserved character; put the value in quotes: owner: "@jdoe"$/);
    expect(message('notes: `x` y\n')).toMatch(/starts with `/);
    expect(message('a: %x\n')).toMatch(/starts with %, which YAML reads as a directive/);
    expect(message('a: *P2\n')).toMatch(/the alias \*P2 names no anchor \(&P2\) before it/);
  });

  it('a duplicate key, by name and both lines', () => {
    expect(message('x:\n  a: 1\n  b: 2\n  a: 3\n')).toBe(
      '4:3 duplicate key "a" on lines 2 and 4: a key may appear only once in a mapping; remove one of them, or rename it',
    );
    expect(message('x: {a: 1, a: 2}\n')).toMatch(/^1:11 duplicate key "a" twice on line 1/);
  });
});
