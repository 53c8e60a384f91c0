import { describe, expect, it } from 'vitest';
import { markdownBlocks, plain, splitAtRules, type Block } from '../../src/render/office/blocks.js';
import { fitColumns, hex6, serialDay } from '../../src/render/office/common.js';
import { inheritTitle } from '../../src/render/office/pptx-template.js';
import { CHART_TOKEN } from '../../src/render/render-limits.js';
import { oneParagraphProperties, tableParts } from '../../src/render/office/pptx.js';
import { printWidths } from '../../src/render/office/xlsx.js';

describe('markdownBlocks: the rendered Markdown as blocks for the Office writers', () => {
  const md = [
    '# Title',
    '',
    '**Client** · date',
    '',
    '---',
    '',
    '## A *slide* title',
    '',
    `@@chart:${CHART_TOKEN}:radar@@`,
    '',
    '@@chart:radar@@',
    '',
    '- **Today:** 1.4 out of 5',
    '- Next',
    '',
    '| # | Name | Cost |',
    '|---:|---|---:|',
    '| 1 | A \\| B | €8,500 |',
    '',
    '3. third',
    '4. fourth',
  ].join('\n');
  const blocks = markdownBlocks(md);

  it('keeps headings, styled runs, chart placeholders, lists and tables with their alignment', () => {
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'rule', 'heading', 'chart', 'paragraph', 'list', 'table', 'list']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', runs: [{ text: 'Client', bold: true }, { text: ' · date' }] });
    expect(blocks[3]).toEqual({ kind: 'heading', level: 2, runs: [{ text: 'A ' }, { text: 'slide', italic: true }, { text: ' title' }] });
    expect(blocks[4]).toEqual({ kind: 'chart', name: 'radar' });
    // Without this run's token it is text (a note cannot place a chart).
    expect(blocks[5]).toEqual({ kind: 'paragraph', runs: [{ text: '@@chart:radar@@' }] });
    const list = blocks[6] as Extract<(typeof blocks)[number], { kind: 'list' }>;
    expect(list.items.map((i) => plain(i.runs))).toEqual(['Today: 1.4 out of 5', 'Next']);
    expect(list.items[0]!.runs[0]).toEqual({ text: 'Today:', bold: true });
    const table = blocks[7] as Extract<(typeof blocks)[number], { kind: 'table' }>;
    expect(table.align).toEqual(['right', null, 'right']);
    expect(table.rows[0]!.map(plain)).toEqual(['1', 'A | B', '€8,500']);
    expect(blocks[8]).toMatchObject({ kind: 'list', ordered: true, start: 3 });
  });

  it('splits a deck at its rules', () => {
    expect(splitAtRules(blocks).map((s) => s.length)).toEqual([2, 6]);
  });
});

describe('Office helpers', () => {
  it('hex6: brand colours as six hex digits, the default otherwise', () => {
    expect(hex6('#0b5')).toBe('00BB55');
    expect(hex6('#0b5394')).toBe('0B5394');
    expect(hex6('red')).toBe('1F5FA8');
    expect(hex6(null)).toBe('1F5FA8');
  });

  it('serialDay: spreadsheet day numbers', () => {
    expect(serialDay('1900-03-01')).toBe(61);
    expect(serialDay('2026-04-01')).toBe(46113);
  });

  it('fitColumns: the longest word of each column fits, the rest is shared by text length', () => {
    const w = fitColumns(
      [
        ['Step', 'Cost'],
        ['Write and adopt a release policy for all platforms', '€12,750'],
      ],
      100,
      1,
      0,
    );
    expect(w[1]).toBeGreaterThanOrEqual(7);
    expect(w[0]! + w[1]!).toBeCloseTo(100);
    expect(w[0]).toBeGreaterThan(w[1]!);
    // Too narrow for every longest word: shares of the minimum widths.
    expect(fitColumns([['aaaa', 'bbbbbbbb']], 6, 1, 0)).toEqual([2, 4]);
  });

  it('oneParagraphProperties: keeps only the paragraph properties at the start of a paragraph', () => {
    const xml =
      '<a:p><a:pPr marL="1"><a:buChar char="•"/></a:pPr><a:r><a:t>a</a:t></a:r><a:pPr indent="0"><a:buNone/></a:pPr><a:r><a:t>b</a:t></a:r></a:p><a:p><a:r><a:t>c</a:t></a:r><a:pPr/></a:p>';
    expect(oneParagraphProperties(xml)).toBe(
      '<a:p><a:pPr marL="1"><a:buChar char="•"/></a:pPr><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r></a:p><a:p><a:r><a:t>c</a:t></a:r></a:p>',
    );
  });

  it('inheritTitle: a title placeholder loses its own position and style, other shapes keep theirs', () => {
    const body =
      '<p:sp><p:nvSpPr><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="1" y="1"/></a:xfrm></p:spPr><p:txBody><a:bodyPr anchor="t"></a:bodyPr><a:p><a:r><a:rPr sz="1800"/><a:t>body</a:t></a:r></a:p></p:txBody></p:sp>';
    const title =
      '<p:sp><p:nvSpPr><p:nvPr><p:ph idx="101" type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="2" y="2"/></a:xfrm></p:spPr><p:txBody><a:bodyPr anchor="ctr"></a:bodyPr><a:p><a:pPr algn="l"/><a:r><a:rPr sz="2600" b="1"><a:solidFill><a:srgbClr val="1F5FA8"/></a:solidFill></a:rPr><a:t>Title</a:t></a:r><a:endParaRPr sz="2600"/></a:p></p:txBody></p:sp>';
    expect(inheritTitle(body + title)).toBe(
      body +
        '<p:sp><p:nvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr><a:normAutofit/></a:bodyPr><a:p><a:r><a:rPr lang="en-GB" dirty="0"/><a:t>Title</a:t></a:r></a:p></p:txBody></p:sp>',
    );
  });
});

describe('tableParts: a table longer than a slide continues on the next (pptx)', () => {
  const box = { x: 0.5, y: 1.5, w: 12.3, h: 4.6 };
  const row = (i: number) =>
    `| Risk ${i}: a risk described at length so that its row takes two or three lines of text on a slide at fourteen points | Mitigation ${i}: what to do about it, also at some length |`;
  const md = (n: number) =>
    `Lead sentence before the table.\n\n| Risk | Mitigation |\n|---|---|\n${Array.from({ length: n }, (_, i) => row(i + 1)).join('\n')}\n\nA sentence after the table.\n`;
  const rowsOf = (part: Block[]) => part.filter((b) => b.kind === 'table').flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => plain(r[0]!)) : []));

  it('keeps a table that fits on one slide', () => {
    expect(tableParts(markdownBlocks(md(3)), box)).toHaveLength(1);
  });

  it('splits ten long rows in order, the lead on the first part, the text after on the last, no part with one row', () => {
    const parts = tableParts(markdownBlocks(md(10)), box);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap(rowsOf)).toEqual(
      Array.from({ length: 10 }, (_, i) =>
        row(i + 1)
          .split(' | ')[0]!
          .slice(2),
      ),
    );
    for (const p of parts) expect(rowsOf(p).length).toBeGreaterThanOrEqual(2);
    // The last two parts share their rows evenly.
    const [a, b] = parts.slice(-2).map((p) => rowsOf(p).length) as [number, number];
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    expect(plain((parts[0]![0] as Extract<Block, { kind: 'paragraph' }>).runs)).toBe('Lead sentence before the table.');
    expect(parts.slice(1).some((p) => p.some((x) => x.kind === 'paragraph' && plain(x.runs).startsWith('Lead')))).toBe(false);
    const end = parts[parts.length - 1]!.at(-1)!;
    expect(end.kind === 'paragraph' ? plain(end.runs) : end.kind).toBe('A sentence after the table.');
  });
});

describe('printWidths: a wide sheet prints legibly, one landscape page wide', () => {
  it('keeps the widths of a sheet that fits at about 70 %', () => {
    expect(printWidths([30, 60, 12, 45], [true, true, false, true])).toEqual({ widths: [30, 60, 12, 45], wrapped: [false, false, false, false] });
  });

  it('narrows the widest text columns to one cap, wraps them, and leaves numbers alone', () => {
    // 14 + 45 + 4 × 8 + 5 × 60 = 391 characters: the text columns are capped until the sum is at most 209 (146 ÷ 0.7).
    const natural = [14, 45, 8, 8, 8, 8, 60, 60, 60, 60, 60];
    const text = [true, true, false, false, false, false, true, true, true, true, true];
    const { widths, wrapped } = printWidths(natural, text);
    // Cap 27: 14 + 27 + 32 + 5 × 27 = 208 ≤ 209 (cap 28 gives 214).
    expect(widths).toEqual([14, 27, 8, 8, 8, 8, 27, 27, 27, 27, 27]);
    expect(wrapped).toEqual([false, true, false, false, false, false, true, true, true, true, true]);
  });

  it('never narrows a text column under 20 characters, however many there are', () => {
    const { widths } = printWidths(Array(20).fill(60), Array(20).fill(true));
    expect(widths).toEqual(Array(20).fill(20));
  });
});
