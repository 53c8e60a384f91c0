import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapLines, wrappedLabel, wrappedText } from '../../src/render/charts/wrap.js';
import { textWidth } from '../../src/render/charts/svg.js';
import { find, parseXml, textContent } from '../helpers/xml.js';

// At 10 px, textWidth gives 5.6 px a character: a 57 px line holds 10 characters, a 103 px line 18, a 107 px line 19.
const W10 = 57;

describe('wrapLines', () => {
  it('keeps a label that fits on one line, whitespace collapsed', () => {
    expect(wrapLines('  Release   policy ', 200, 10)).toEqual(['Release policy']);
    expect(wrapLines('', 200, 10)).toEqual([]);
    expect(wrapLines('   ', 200, 10)).toEqual([]);
  });

  it('breaks between words, filling each line greedily', () => {
    // "Release policy" is 14 characters (78.4 px) > 56; "and" joins "policy" (10 chars = 56 px).
    expect(wrapLines('Release policy and procedures', W10, 10)).toEqual(['Release', 'policy and', 'procedures']);
  });

  it('breaks a word longer than a line between characters with a hyphen, without losing any', () => {
    // Ten characters fit: nine letters and the hyphen; the rest of the word shares its line with the next.
    expect(wrapLines('Supercalifragilistic ok', W10, 10)).toEqual(['Supercali-', 'fragilist-', 'ic ok']);
    // A hyphenated break is not a cut: the label keeps no tooltip.
    expect(wrappedLabel('Supercalifragilistic', W10, 0, 0, { 'font-size': 10 }).markup).not.toContain('<title>');
    // Surrogate pairs stay whole.
    expect(wrapLines('😀😀😀😀😀😀😀😀😀😀😀😀', W10, 10)).toEqual(['😀😀😀😀😀😀😀😀😀😀', '😀😀']);
  });

  it('ends the last allowed line with an ellipsis, on a word boundary where it can', () => {
    // "procedures for all…" would be 19 characters: "all" goes.
    const lines = wrapLines('Release policy and procedures for all the applications', 103, 10, { maxLines: 2 });
    expect(lines).toEqual(['Release policy and', 'procedures for…']);
    expect(wrapLines('Release policy and procedures', 200, 10, { maxLines: 1 })).toEqual(['Release policy and procedures']);
    // One long word on the last line is cut between characters to make room for "…".
    expect(wrapLines('ab Supercalifragilistic', W10, 10, { maxLines: 2 })).toEqual(['ab', 'Supercali…']);
    // Trailing punctuation before the ellipsis goes.
    expect(wrapLines('Plan, build, test, deploy', 80, 10, { maxLines: 1 })).toEqual(['Plan, build…']);
  });

  it('counts bold text wider', () => {
    // 10 characters: 56 px regular, 59.92 px bold, in 57.
    expect(wrapLines('abcde fghi', W10, 10)).toEqual(['abcde fghi']);
    expect(wrapLines('abcde fghi', W10, 10, { bold: true })).toEqual(['abcde', 'fghi']);
  });

  it('survives a width narrower than one character', () => {
    expect(wrapLines('abc', 1, 10)).toEqual(['a', 'b', 'c']);
    expect(wrapLines('abc de', 1, 10, { maxLines: 2 })).toEqual(['a', 'b…']);
  });

  it('never exceeds the width and never cuts a word unless it says so with "…"', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,14}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 84, max: 300 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        (words, width, maxLines) => {
          const text = words.join(' ');
          const lines = wrapLines(text, width, 10, { maxLines });
          // Words are at most 14 characters (78.4 px) < 84 px: none needs breaking.
          for (const l of lines) expect(textWidth(l, 10)).toBeLessThanOrEqual(width);
          if (maxLines !== undefined) expect(lines.length).toBeLessThanOrEqual(maxLines);
          const cut = lines.length > 0 && lines[lines.length - 1]!.endsWith('…');
          const shownWords = lines
            .join(' ')
            .replace(/…$/, '')
            .split(' ')
            .filter((w) => w !== '');
          if (!cut) {
            expect(shownWords).toEqual(words);
          } else {
            // Every shown word but possibly the last is whole and in order; the last is a prefix of its word.
            shownWords.slice(0, -1).forEach((w, i) => expect(w).toBe(words[i]));
            expect(words[shownWords.length - 1]!.startsWith(shownWords[shownWords.length - 1]!)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('wrappedText and wrappedLabel', () => {
  it('writes one tspan a line, each placed absolutely, text escaped', () => {
    const svg = wrappedText(['a < b', 'c & "d"'], 10, 20, { 'font-size': 12, fill: '#000' }, 14);
    const t = parseXml(svg);
    expect(t.name).toBe('text');
    expect(t.attrs).toMatchObject({ x: '10', y: '20', 'font-size': '12' });
    const spans = find(t, 'tspan');
    expect(spans.map((s) => [s.attrs.x, s.attrs.y, textContent(s)])).toEqual([
      ['10', '20', 'a < b'],
      ['10', '34', 'c & "d"'],
    ]);
  });

  it('keeps the full text of a shortened label in a <title>', () => {
    const cut = wrappedLabel('Release policy and procedures for all', 107, 0, 12, { 'font-size': 10 }, { maxLines: 1 });
    expect(cut.lines).toEqual(['Release policy and…']);
    expect(cut.height).toBe(12);
    expect(textContent(find(parseXml(cut.markup), 'title')[0]!)).toBe('Release policy and procedures for all');
    // Broken over lines but complete: no title.
    const whole = wrappedLabel('Release policy and procedures', 107, 0, 12, { 'font-size': 10 });
    expect(whole.lines).toEqual(['Release policy and', 'procedures']);
    expect(whole.markup).not.toContain('<title>');
  });
});
