import { describe, expect, it } from 'vitest';
import { printable, printableDeep, printableFinding } from '../../src/output/printable.js';
import { text } from '../../src/output/text.js';
import { stylish } from '../../src/output/stylish.js';
import { Chalk } from 'chalk';
import type { Diagnostic } from '../../src/diagnostics/finding.js';

describe('printable: the one sanitiser', () => {
  it('shows control characters escaped and leaves the rest alone', () => {
    expect(printable('a\x1b]0;title\x07b\x1b[2Jc')).toBe('a\\x1b]0;title\\x07b\\x1b[2Jc');
    expect(printable('one\ntwo\r\tthree')).toBe('one\\ntwo\\r\\tthree');
    expect(printable('\x00\x7f\x9b')).toBe('\\x00\\x7f\\x9b');
    expect(printable('abc\u202edcba\u2066\u2028')).toBe('abc\\u{202e}dcba\\u{2066}\\u{2028}');
    expect(printable('Zürich – 😀 « » €')).toBe('Zürich – 😀 « » €');
  });

  it('keeps line breaks only for formats that encode them', () => {
    expect(printable('a\r\nb\x1b', { lineBreaks: true })).toBe('a\r\nb\\x1b');
  });

  it('walks plain values, maps included, without touching their prototypes', () => {
    const v = printableDeep({ a: ['x\n'], m: new Map([['k\x1b', 'v\x07']]), n: 1, ['__proto__']: 'p\n' } as Record<string, unknown>);
    expect(v.a).toEqual(['x\\n']);
    expect([...(v.m as Map<string, string>)]).toEqual([['k\\x1b', 'v\\x07']]);
    expect(v.n).toBe(1);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(printableFinding({ file: 'a\nb.md', code: 'c', message: 'm\x1b' })).toEqual({ file: 'a\\nb.md', code: 'c', message: 'm\\x1b' });
  });

  it('is what the line formats print: one line per finding, whatever the file name holds', () => {
    const d: Diagnostic = {
      file: 'interviews/a\n::error::x.md',
      line: 1,
      col: 1,
      endLine: 1,
      endCol: 1,
      severity: 'error',
      code: 'missing-front-matter',
      message: 'bad \x1b[2J',
    };
    expect(text([d], { colors: new Chalk({ level: 0 }), root: '/' })).toBe('interviews/a\\n::error::x.md:1:1 error missing-front-matter bad \\x1b[2J\n');
    expect(stylish([d], { colors: new Chalk({ level: 0 }), root: '/' })).not.toMatch(/\x1b/);
  });
});
