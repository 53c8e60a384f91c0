import { describe, expect, it } from 'vitest';
import { doraBands, binnedHistogram, gapBars, histogram, isNoDataChart, levelHeatmap, radarChart, stackedBars } from '../../src/render/charts/index.js';
import { binCounts, binLabel, GAP_BARS_LAYOUT, STACKED_BARS_LAYOUT, HISTOGRAM_LAYOUT } from '../../src/render/charts/bars.js';
import { DORA_LAYOUT } from '../../src/render/charts/dora.js';
import { escapeXml, fitText, hatchLines, n, niceScale, textOn, PALETTE } from '../../src/render/charts/svg.js';

// ---------------------------------------------------------------------------------------------
// A minimal XML well-formedness checker: Node has no DOMParser, and the charts need no more than
// balanced tags, quoted unique attributes, and no bare `<` or `&` in text or attribute values.

interface Element {
  name: string;
  attrs: Record<string, string>;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTR = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Throws on the first well-formedness error; returns every element in document order. */
function parseXml(xml: string): Element[] {
  const out: Element[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const text = (s: string): void => {
    if (BAD_AMP.test(s)) throw new Error(`bare & in text: ${s}`);
    if (stack.length === 0 && s.trim() !== '') throw new Error(`text outside the root: ${s}`);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      text(xml.slice(i));
      break;
    }
    text(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end === -1) throw new Error('unclosed comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end === -1) throw new Error('unclosed processing instruction');
      i = end + 2;
      continue;
    }
    if (xml[lt + 1] === '/') {
      NAME.lastIndex = lt + 2;
      const m = NAME.exec(xml);
      if (!m) throw new Error(`bad end tag at ${lt}`);
      const gt = xml.indexOf('>', lt);
      if (xml.slice(lt + 2 + m[0].length, gt).trim() !== '') throw new Error(`junk in end tag at ${lt}`);
      const open = stack.pop();
      if (open !== m[0]) throw new Error(`</${m[0]}> closes <${open ?? 'nothing'}> at ${lt}`);
      i = gt + 1;
      continue;
    }
    NAME.lastIndex = lt + 1;
    const m = NAME.exec(xml);
    if (!m) throw new Error(`bad start tag at ${lt}: ${xml.slice(lt, lt + 20)}`);
    let p = lt + 1 + m[0].length;
    const attrs: Record<string, string> = {};
    for (;;) {
      ATTR.lastIndex = p;
      const a = ATTR.exec(xml);
      if (!a) break;
      const [, key, , dq, sq] = a;
      const value = dq ?? sq ?? '';
      if (key! in attrs) throw new Error(`duplicate attribute ${key} on <${m[0]}>`);
      if (BAD_AMP.test(value)) throw new Error(`bare & in attribute ${key}`);
      attrs[key!] = value;
      p = ATTR.lastIndex;
    }
    const rest = /^\s*(\/?)>/.exec(xml.slice(p));
    if (!rest) throw new Error(`malformed tag <${m[0]}> at ${lt}: ${xml.slice(p, p + 30)}`);
    if (stack.length === 0) roots++;
    out.push({ name: m[0], attrs });
    if (rest[1] !== '/') stack.push(m[0]);
    i = p + rest[0].length;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return out;
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#10;/g, '\n')
    .replace(/&amp;/g, '&');

/** The text content of the first <name> element. */
function textOf(svg: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(svg);
  return m ? unescapeXml(m[1]!) : null;
}

/** Every <text> element's content, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text(?:\s[^>]*)?>([^<]*)<\/text>/g)].map((m) => unescapeXml(m[1]!));
}

const withClass = (els: Element[], cls: string): Element[] => els.filter((e) => (e.attrs.class ?? '').split(' ').includes(cls));
const num = (e: Element | undefined, key: string): number => Number(e?.attrs[key]);

/** The checks every chart must pass. */
function checkChart(svg: string, title: string): Element[] {
  const els = parseXml(svg);
  const root = els[0]!;
  if (!texts(svg).includes('no data')) expect(isNoDataChart(svg)).toBe(false);
  expect(root.name).toBe('svg');
  expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  expect(root.attrs.role).toBe('img');
  expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
  expect(Number(root.attrs.width)).toBeGreaterThanOrEqual(420);
  expect(Number(root.attrs.width)).toBeLessThanOrEqual(760);
  expect(root.attrs['font-family']).toContain('sans-serif');
  // The accessible name comes first, then the description.
  expect(els[1]!.name).toBe('title');
  expect(els[2]!.name).toBe('desc');
  expect(textOf(svg, 'title')).toBe(title);
  expect((textOf(svg, 'desc') ?? '').length).toBeGreaterThan(10);
  // Coordinates keep at most two decimals; a blank line would end an HTML block in Markdown.
  expect(svg).not.toMatch(/\d\.\d{3,}/);
  expect(svg).not.toMatch(/\n\s*\n/);
  // Font sizes stay readable at A4.
  for (const e of els) if (e.attrs['font-size']) expect(Number(e.attrs['font-size'])).toBeGreaterThanOrEqual(11);
  return els;
}

const HOSTILE = `<script>alert("x")</script> & 'y'`;

function expectEscaped(svg: string): void {
  parseXml(svg);
  expect(svg).not.toContain('<script');
  expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;');
}

function expectNoData(svg: string, title: string): void {
  checkChart(svg, title);
  expect(texts(svg)).toContain('no data');
  expect(isNoDataChart(svg)).toBe(true);
}

// ---------------------------------------------------------------------------------------------

describe('the well-formedness checker', () => {
  it('rejects what an XML parser would', () => {
    expect(parseXml('<svg a="1"><g/><text>a &amp; b</text></svg>').map((e) => e.name)).toEqual(['svg', 'g', 'text']);
    for (const bad of [
      '<svg><g></svg>',
      '<svg a="&"/>',
      '<svg>a & b</svg>',
      '<svg a="<"/>',
      '<svg a=1/>',
      '<svg a="1" a="2"/>',
      '<svg/><svg/>',
      '<svg>',
      'x<svg/>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

describe('svg helpers', () => {
  it('escapes the five XML specials, line breaks and characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\nb')).toBe('a&#10;b');
    expect(escapeXml('bell\u0007 lone\uD800')).toBe('bell\uFFFD lone\uFFFD');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('rounds numbers to two decimals without trailing zeros', () => {
    expect(n(3)).toBe('3');
    expect(n(2.5)).toBe('2.5');
    expect(n(1.234)).toBe('1.23');
    expect(n(1.999)).toBe('2');
    expect(n(0.1 + 0.2)).toBe('0.3');
    expect(n(-0.001)).toBe('0');
    expect(n(Number.NaN)).toBe('0');
    expect(n(Infinity)).toBe('0');
  });

  it('cuts long text with an ellipsis on code points', () => {
    expect(fitText('short', 200, 12)).toBe('short');
    const cut = fitText('a'.repeat(100), 100, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(20);
    expect(fitText('😀'.repeat(50), 60, 12)).toMatch(/^(😀)+…$/u);
  });

  it('hatches a rectangle with lines cut at its edges', () => {
    // Lines x + y = 10k through the 20 × 10 rectangle at (0, 0): c = 10, 20 (c = 0 and 30 touch a corner only).
    expect(hatchLines(0, 0, 20, 10, 10)).toBe('M0 10L10 0M10 10L20 0');
    expect(hatchLines(0, 0, 20, 10, 10, 1)).toBe('M1 9L9 1M11 9L19 1');
    expect(hatchLines(0, 0, 1, 1, 10, 1)).toBe('');
  });

  it('picks round scales and readable text colours', () => {
    expect(niceScale(40)).toEqual({ top: 40, step: 10 });
    expect(niceScale(88)).toEqual({ top: 100, step: 20 });
    expect(niceScale(2, 4)).toEqual({ top: 2, step: 1 });
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(textOn(PALETTE.accent)).toBe('#ffffff');
    expect(textOn(PALETTE.panel)).toBe(PALETTE.ink);
  });
});

describe('radarChart', () => {
  const axes = ['People', 'Process', 'Technology', 'Organization', 'Integration'];

  it('draws a polygon per series with hand-computed vertices', () => {
    const svg = radarChart(
      [
        { name: 'Current', values: [5, 2.5, 5, 5, 5] },
        { name: 'Target', values: [4, 4, 4, 4, 4] },
      ],
      axes,
      { title: 'Maturity' },
    );
    const els = checkChart(svg, 'Maturity');
    // The default size 600 gives r = 600/2 − 125 = 175, cx = 300, cy = 40 + 36 + 175 = 251.
    const spoke = els.find((e) => e.name === 'line' && e.attrs.x1 === '300' && e.attrs.y1 === '251' && e.attrs.x2 === '300');
    expect(spoke?.attrs.y2).toBe('76');
    const [current] = withClass(els, 'relm-radar-current');
    const points = current!.attrs.points!.split(' ');
    expect(points).toHaveLength(5);
    // Value 5 on axis 0 is the top of the outer ring: (cx, cy − r).
    expect(points[0]).toBe('300,76');
    // Value 2.5 on axis 1, at −90° + 72° = −18°: (300 + 87.5·cos 18°, 251 − 87.5·sin 18°) = (383.22, 223.96).
    expect(points[1]).toBe('383.22,223.96');
    const [target] = withClass(els, 'relm-radar-target');
    // Value 4 on axis 0: (300, 251 − 140).
    expect(target!.attrs.points!.split(' ')[0]).toBe('300,111');
    // Axis labels carry the values: "current → target".
    expect(texts(svg)).toContain('2.5 → 4');
    expect(texts(svg)).toEqual(expect.arrayContaining(['Current', 'Target', 'People', '1', '5']));
  });

  it('joins only neighbouring values when a series has gaps, and clamps to the scale', () => {
    const svg = radarChart([{ name: 'Current', values: [9, null, 3, 3, 3] }], axes, { title: 'Gaps' });
    const els = checkChart(svg, 'Gaps');
    expect(withClass(els, 'relm-radar-current').map((e) => e.name)).toEqual(['path']);
    // 9 is clamped to 5 (the top); segments 2→3, 3→4, 4→0 only.
    const d = withClass(els, 'relm-radar-current')[0]!.attrs.d!;
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d).toContain('L300 76');
    expect(texts(svg)).toContain('–');
  });

  it('honours max and size, and styles phase series', () => {
    const svg = radarChart(
      [
        { name: 'Now', values: [1, 1, 1, 1, 1], style: 'current' },
        { name: 'Phase 1', values: [2, 2, 2, 2, 2], style: 'phase' },
      ],
      axes,
      { title: 'Scaled', max: 4, size: 700 },
    );
    const els = checkChart(svg, 'Scaled');
    expect(els[0]!.attrs.width).toBe('700');
    // r = 350 − 125 = 225, cy = 76 + 225 = 301; value 2 of 4 on axis 0 → (350, 301 − 112.5).
    expect(withClass(els, 'relm-radar-phase')[0]!.attrs.points!.split(' ')[0]).toBe('350,188.5');
    expect(withClass(els, 'relm-radar-phase')[0]!.attrs['stroke-dasharray']).toBeTruthy();
  });

  it('escapes user text', () => {
    const svg = radarChart([{ name: HOSTILE, values: [1, 2, 3] }], [HOSTILE, 'b', 'c'], { title: HOSTILE });
    expectEscaped(svg);
    expect(textOf(svg, 'title')).toBe(HOSTILE);
  });

  it('renders "no data" for no series, all-null values or fewer than three axes', () => {
    expectNoData(radarChart([], axes, { title: 'Empty' }), 'Empty');
    expectNoData(radarChart([{ name: 'c', values: [null, null, null, null, null] }], axes, { title: 'Nulls' }), 'Nulls');
    expectNoData(radarChart([{ name: 'c', values: [1, 2] }], ['a', 'b'], { title: 'Two' }), 'Two');
  });

  it('is deterministic', () => {
    const make = (): string => radarChart([{ name: 'c', values: [1.234567, 2, 3, 4, 5] }], axes, { title: 't' });
    expect(make()).toBe(make());
  });
});

describe('gapBars', () => {
  const { plotX, plotWidth } = GAP_BARS_LAYOUT;

  it('draws current, gap and target in proportion to the scale', () => {
    const svg = gapBars(
      [
        { label: 'Planning', current: 2.5, target: 4 },
        { label: 'Testing', current: 1, target: null },
        { label: 'Deploy', current: 4, target: 3 },
      ],
      { title: 'Gaps' },
    );
    const els = checkChart(svg, 'Gaps');
    expect(plotWidth).toBe(360);
    const bars = withClass(els, 'relm-bar-current');
    // 360 px for 0..5: 72 px a point.
    expect(bars.map((b) => num(b, 'width'))).toEqual([180, 72, 288]);
    expect(bars.every((b) => num(b, 'x') === plotX)).toBe(true);
    // Only the first row falls short of its target: 2.5 → 4 is 108 px of gap starting at 216 + 180.
    const gaps = withClass(els, 'relm-bar-gap');
    expect(gaps).toHaveLength(1);
    expect([num(gaps[0], 'x'), num(gaps[0], 'width')]).toEqual([396, 108]);
    // Hatched with vector lines on a light ground, never a <pattern> (Chromium prints patterns as images).
    expect(gaps[0]!.attrs.fill).toBe(PALETTE.badTint);
    expect(svg).not.toMatch(/<pattern|url\(#/);
    const hatch = els.filter((e) => e.attrs.class === 'relm-hatch');
    expect(hatch.length).toBeGreaterThanOrEqual(2); // the bar's and the legend's
    // Every hatch line stays inside its rectangle: x 396..504, y of the first row's bar.
    const bar = { x0: 396, x1: 504, y0: num(gaps[0], 'y'), y1: num(gaps[0], 'y') + num(gaps[0], 'height') };
    const coords = [...hatch[1]!.attrs.d!.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(coords.length).toBeGreaterThan(20);
    for (const [x, y] of coords) {
      expect(x).toBeGreaterThanOrEqual(bar.x0);
      expect(x).toBeLessThanOrEqual(bar.x1);
      expect(y).toBeGreaterThanOrEqual(bar.y0);
      expect(y).toBeLessThanOrEqual(bar.y1);
    }
    // Two target markers (none for the null target), and the values at the end of each row.
    expect(withClass(els, 'relm-bar-target')).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['2.5 → 4', '1', '4 → 3']));
  });

  it('honours max, says "not scored" for a missing current, and escapes labels', () => {
    const svg = gapBars(
      [
        { label: HOSTILE, current: 5, target: 10 },
        { label: 'Unscored', current: null, target: 3 },
      ],
      { title: 'Max 10', max: 10 },
    );
    const els = checkChart(svg, 'Max 10');
    expect(withClass(els, 'relm-bar-current').map((b) => num(b, 'width'))).toEqual([180]);
    expect(texts(svg)).toContain('not scored');
    expectEscaped(svg);
  });

  it('puts a long practice name on two lines instead of cutting it, and makes the rows tall enough', () => {
    const name = 'Integration with configuration management';
    const one = gapBars([{ label: 'Short', current: 1, target: 3 }], { title: 't' });
    const two = gapBars([{ label: name, current: 1, target: 3 }], { title: 't' });
    expect(two).not.toContain('…');
    const lines = [...two.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(lines.length).toBe(2);
    expect(lines.join(' ')).toBe(name);
    // Two lines of 14 px need rows of 34 px, not 26: the chart is 8 px taller.
    const height = (svg: string) => Number(/<svg[^>]*height="([\d.]+)"/.exec(svg)![1]);
    expect(height(two) - height(one)).toBe(8);
  });

  it('renders "no data" when nothing is scored', () => {
    expectNoData(gapBars([], { title: 'Empty' }), 'Empty');
    expectNoData(gapBars([{ label: 'a', current: null, target: null }], { title: 'Nulls' }), 'Nulls');
  });

  it('is deterministic', () => {
    const make = (): string => gapBars([{ label: 'a', current: 1.11111, target: 3.33333 }], { title: 't' });
    expect(make()).toBe(make());
  });
});

describe('stackedBars', () => {
  const { plotX } = STACKED_BARS_LAYOUT;

  it('stacks parts in key order, in proportion, with values, totals and a legend', () => {
    const svg = stackedBars(
      [
        {
          label: 'Core',
          parts: [
            { key: 'perfective', value: 10 },
            { key: 'corrective', value: 30 },
          ],
        },
        {
          label: 'Portal',
          parts: [
            { key: 'corrective', value: 20 },
            { key: 'emergency', value: 5 },
          ],
        },
      ],
      ['corrective', 'perfective'],
      { title: 'Backlog' },
    );
    const els = checkChart(svg, 'Backlog');
    // Largest total 40 → scale 0..40 over 400 px: 10 px an item.
    const segs = withClass(els, 'relm-bar-segment');
    expect(segs.map((s) => [num(s, 'x'), num(s, 'width')])).toEqual([
      [plotX, 300],
      [plotX + 300, 100],
      [plotX, 200],
      [plotX + 200, 50],
    ]);
    // Keys first in the given order, then keys found only in the data.
    const legendTexts = texts(svg);
    expect(legendTexts.indexOf('corrective')).toBeLessThan(legendTexts.indexOf('perfective'));
    expect(legendTexts.indexOf('perfective')).toBeLessThan(legendTexts.indexOf('emergency'));
    expect(legendTexts).toEqual(expect.arrayContaining(['30', '10', '20', '5', '40', '25']));
    // Different keys, different fills; the third key on gets a texture, as vector marks, not a pattern.
    expect(new Set(segs.map((s) => s.attrs.fill)).size).toBe(3);
    expect(els.some((e) => e.attrs.class === 'relm-texture')).toBe(true);
    expect(svg).not.toMatch(/<pattern|url\(#/);
  });

  it('escapes labels and keys', () => {
    const svg = stackedBars([{ label: HOSTILE, parts: [{ key: HOSTILE, value: 3 }] }], [HOSTILE], { title: 't' });
    expectEscaped(svg);
  });

  it('renders "no data" for no rows or nothing to stack', () => {
    expectNoData(stackedBars([], [], { title: 'Empty' }), 'Empty');
    expectNoData(
      stackedBars(
        [
          {
            label: 'a',
            parts: [
              { key: 'x', value: 0 },
              { key: 'y', value: Number.NaN },
            ],
          },
        ],
        ['x'],
        { title: 'Zero' },
      ),
      'Zero',
    );
  });

  it('is deterministic', () => {
    const make = (): string => stackedBars([{ label: 'a', parts: [{ key: 'x', value: 1 / 3 }] }], ['x'], { title: 't' });
    expect(make()).toBe(make());
  });
});

describe('histogram', () => {
  it('bins [lo, hi) and labels bins as a reader says them', () => {
    expect(binCounts([1, 29, 30, 100, 400, 1000, -5, Number.NaN], [0, 30, 90, 180, 365, Infinity])).toEqual([3, 1, 1, 0, 2]);
    expect(binCounts([25], [0, 10, 20])).toEqual([0, 1]);
    expect(binLabel(0, 30)).toBe('0–30');
    expect(binLabel(365, Infinity)).toBe('365+');
  });

  it('draws bars in proportion with the count on each', () => {
    const svg = histogram([1, 29, 30, 100, 400, 1000], { title: 'Age', unit: 'days' });
    const els = checkChart(svg, 'Age');
    // Counts [2, 1, 1, 0, 2] on a 0..2 scale of 180 px.
    expect(HISTOGRAM_LAYOUT.plotHeight).toBe(180);
    expect(withClass(els, 'relm-bar').map((b) => num(b, 'height'))).toEqual([180, 90, 90, 180]);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(['0–30', '30–90', '90–180', '180–365', '365+', 'days']));
    expect(t.filter((x) => x === '0')).toHaveLength(2); // the empty bin's count and the axis' 0
  });

  it('takes custom bins, escapes the unit and rejects bad edges', () => {
    const svg = histogram([5, 15, 25], { title: 't', bins: [0, 10, 20], unit: HOSTILE });
    checkChart(svg, 't');
    expect(texts(svg)).toEqual(expect.arrayContaining(['0–10', '10–20']));
    expectEscaped(svg);
    expect(() => histogram([1], { title: 't', bins: [0] })).toThrow(RangeError);
    expect(() => histogram([1], { title: 't', bins: [0, 10, 5] })).toThrow(RangeError);
  });

  it('renders "no data" without finite values', () => {
    expectNoData(histogram([], { title: 'Empty' }), 'Empty');
    expectNoData(histogram([Number.NaN], { title: 'NaN' }), 'NaN');
  });

  it('is deterministic', () => {
    const make = (): string => histogram([3, 33, 333], { title: 't' });
    expect(make()).toBe(make());
  });

  it('draws counted bins (assessment.json open_age_bins) as it draws the values they count', () => {
    const bins = [
      { from: 0, to: 30, count: 2 },
      { from: 30, to: 90, count: 1 },
      { from: 90, to: 180, count: 1 },
      { from: 180, to: 365, count: 0 },
      { from: 365, to: null, count: 2 },
    ];
    expect(binnedHistogram(bins, { title: 'Age', unit: 'days' })).toBe(histogram([1, 29, 30, 100, 400, 1000], { title: 'Age', unit: 'days' }));
    expectNoData(binnedHistogram([{ from: 0, to: null, count: 0 }], { title: 'Empty' }), 'Empty');
  });
});

describe('levelHeatmap', () => {
  it('shades cells by value and prints percentages; unscored rows say so', () => {
    const svg = levelHeatmap(
      [
        { label: 'Planning', levels: [1, 0.5, 0.25, 0, null] },
        { label: 'Training', levels: null },
        { label: 'Empty', levels: [] },
      ],
      { title: 'Levels' },
    );
    const els = checkChart(svg, 'Levels');
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(['Level 1', 'Level 5', '100%', '50%', '25%', '0%', '–']));
    expect(t.filter((x) => x === 'not scored')).toHaveLength(2);
    const cells = withClass(els, 'relm-heat-cell');
    expect(cells).toHaveLength(5);
    expect(cells[0]!.attrs.fill).toBe(PALETTE.accent);
    expect(cells[3]!.attrs.fill).toBe(PALETTE.panel);
    // Darker for more: the 50% cell sits between.
    const grey = (hex: string): number => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
    expect(grey(cells[1]!.attrs.fill!)).toBeLessThan(grey(cells[2]!.attrs.fill!));
    expect(grey(cells[0]!.attrs.fill!)).toBeLessThan(grey(cells[1]!.attrs.fill!));
  });

  it('escapes labels', () => {
    expectEscaped(levelHeatmap([{ label: HOSTILE, levels: [1, 1, 1, 1, 1] }], { title: 't' }));
  });

  it('renders "no data" when no row is scored', () => {
    expectNoData(levelHeatmap([], { title: 'Empty' }), 'Empty');
    expectNoData(levelHeatmap([{ label: 'a', levels: null }], { title: 'Nulls' }), 'Nulls');
  });

  it('is deterministic', () => {
    const make = (): string => levelHeatmap([{ label: 'a', levels: [0.3333, 0.6667, 1, 0, 0] }], { title: 't' });
    expect(make()).toBe(make());
  });
});

describe('doraBands', () => {
  const { bandX, bandWidth, bandGap } = DORA_LAYOUT;

  it('fills the measured band and writes the value in it', () => {
    const svg = doraBands(
      [
        { name: 'Deployment frequency', value: '2.5 / week', band: 'high' },
        { name: 'Lead time', value: '40 days', band: 'low' },
        { name: 'Recovery', value: '', band: null },
      ],
      { title: 'DORA' },
    );
    const els = checkChart(svg, 'DORA');
    const hits = withClass(els, 'relm-dora-hit');
    expect(hits).toHaveLength(2);
    // high is the third column, low the first.
    expect(num(hits[0], 'x')).toBe(bandX + 2 * (bandWidth + bandGap));
    expect(withClass(els, 'relm-dora-high')).toHaveLength(1);
    expect(num(hits[1], 'x')).toBe(bandX);
    expect(texts(svg)).toEqual(expect.arrayContaining(['Low', 'Medium', 'High', 'Elite', '2.5 / week', '40 days', 'not measured']));
  });

  it('escapes names and values', () => {
    expectEscaped(doraBands([{ name: HOSTILE, value: HOSTILE.slice(0, 12), band: 'elite' }], { title: HOSTILE }));
  });

  it('renders "no data" without metrics', () => {
    expectNoData(doraBands([], { title: 'Empty' }), 'Empty');
  });

  it('is deterministic', () => {
    const make = (): string => doraBands([{ name: 'a', value: '1', band: 'medium' }], { title: 't' });
    expect(make()).toBe(make());
  });
});
