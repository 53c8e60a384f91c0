import { describe, expect, it } from 'vitest';
import { scorecard, statusIcon, SCORECARD_LAYOUT, STATUS_COLORS, type ScorecardRow } from '../../src/render/charts/scorecard.js';
import { isNoDataChart } from '../../src/render/charts/svg.js';
import { descendants, find, fontSize, num, parseXml, textContent, type XmlElement } from '../helpers/xml.js';
import { REALISTIC_SCORECARD } from './roadmap-fixtures.js';

const HOSTILE = `<script>alert("x")</script> & 'y'`;

function check(svg: string, title: string): XmlElement {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
  expect(textContent(find(root, 'title')[0]!)).toBe(title);
  expect(find(root, 'desc')).toHaveLength(1);
  expect(svg).not.toContain('<pattern');
  expect(svg).not.toMatch(/\d\.\d{3,}/);
  for (const e of descendants(root)) if (e.name === 'text' || e.name === 'tspan') expect(fontSize(e)).toBeGreaterThanOrEqual(11);
  return root;
}

const row = (perspective: string, practice: string, score: number | null, target: number | null, status: ScorecardRow['status']): ScorecardRow => ({
  perspective,
  practice,
  score,
  level: score === null ? null : Math.floor(score),
  target,
  gap: score === null || target === null ? null : Math.max(0, target - score),
  status,
});

const ROWS: ScorecardRow[] = [
  row('Process', 'Release policy', 1.5, 4, 'red'),
  row('People', 'Skills', 2.5, 3, 'amber'),
  row('Process', 'Testing', 3, 3, 'green'),
  row('People', 'Roles', null, 3, 'none'),
];

const rowsOf = (root: XmlElement): XmlElement[] => find(root, 'g', 'relm-scorecard-row');
const cellTexts = (r: XmlElement): string[] => find(r, 'text').map(textContent);

describe('scorecard', () => {
  it('groups practices under a header per perspective, in order of first appearance', () => {
    const root = check(scorecard(ROWS, { title: 'Current state' }), 'Current state');
    const order = descendants(root)
      .filter((e) => e.attrs.class === 'relm-scorecard-perspective' || e.attrs.class === 'relm-scorecard-row')
      .map((e) => (e.attrs.class === 'relm-scorecard-perspective' ? `# ${textContent(e)}` : textContent(find(e, 'tspan')[0]!)));
    expect(order).toEqual(['# Process', 'Release policy', 'Testing', '# People', 'Skills', 'Roles']);
  });

  it('draws the score as a bar on the 0–5 scale and the target as a tick', () => {
    const { barX, barWidth } = SCORECARD_LAYOUT;
    expect([barX, barWidth]).toEqual([276, 120]);
    const root = parseXml(scorecard(ROWS, { title: 'S' }));
    const [policy, testing, skills, roles] = rowsOf(root);
    // 120 px for 5 levels: 24 px a level.
    expect(num(find(policy!, 'rect', 'relm-scorecard-score')[0], 'width')).toBe(36);
    expect(num(find(policy!, 'line', 'relm-scorecard-target')[0], 'x1')).toBe(276 + 96);
    expect(num(find(skills!, 'rect', 'relm-scorecard-score')[0], 'width')).toBe(60);
    expect(num(find(testing!, 'line', 'relm-scorecard-target')[0], 'x1')).toBe(276 + 72);
    // Not scored: no bar, "none" written, the target still shown.
    expect(find(roles!, 'rect', 'relm-scorecard-score')).toHaveLength(0);
    expect(cellTexts(roles!)).toContain('none');
    expect(find(roles!, 'line', 'relm-scorecard-target')).toHaveLength(1);
    // Another scale: 10 levels of 12 px.
    const ten = parseXml(scorecard([row('P', 'x', 5, 8, 'amber')], { title: 'S', max: 10 }));
    expect(num(find(ten, 'rect', 'relm-scorecard-score')[0], 'width')).toBe(60);
    expect(num(find(ten, 'line', 'relm-scorecard-target')[0], 'x1')).toBe(276 + 96);
  });

  it('writes score, level, target and gap with consistent decimals, "–" where there is none', () => {
    const root = parseXml(scorecard(ROWS, { title: 'S' }));
    const [policy, , , roles] = rowsOf(root);
    expect(cellTexts(policy!).slice(1, 5)).toEqual(['1.5', '1', '4.0', '2.5']);
    expect(cellTexts(roles!).slice(1, 5)).toEqual(['none', '–', '3.0', '–']);
    const neg = parseXml(scorecard([{ ...ROWS[0]!, gap: -0.25, level: 2.5 }], { title: 'S' }));
    expect(cellTexts(rowsOf(neg)[0]!).slice(1, 5)).toEqual(['1.5', '2.5', '4.0', '−0.3']);
  });

  it('gives each status a colour, a shape and a word, and explains them in the legend', () => {
    const root = parseXml(scorecard(ROWS, { title: 'S' }));
    const cells = find(root, 'g', 'relm-scorecard-status');
    expect(cells.map((c) => c.attrs.class)).toEqual([
      'relm-scorecard-status relm-status-red',
      'relm-scorecard-status relm-status-green',
      'relm-scorecard-status relm-status-amber',
      'relm-scorecard-status relm-status-none',
    ]);
    expect(cells.map((c) => textContent(c))).toEqual(['Large gap', 'On target', 'Gap', 'Not rated']);
    expect(cells.map((c) => find(c, 'rect')[0]!.attrs.fill)).toEqual([
      STATUS_COLORS.red.tint,
      STATUS_COLORS.green.tint,
      STATUS_COLORS.amber.tint,
      STATUS_COLORS.none.tint,
    ]);
    // Each shape differs (circle with cross, tick, triangle, dash), so the status does not rest on colour.
    const shapes = (['red', 'amber', 'green', 'none'] as const).map((st) => statusIcon(st, 0, 0).replace(/ (fill|stroke)="#[0-9a-f]{6}"/g, ''));
    expect(new Set(shapes).size).toBe(4);
    expect(cells.map((c) => find(c, 'g', 'relm-status-icon')).every((g) => g.length === 1)).toBe(true);
    const leg = find(root, 'g', 'relm-legend')[0]!;
    expect(find(leg, 'text').map(textContent)).toEqual(['Score', 'Target', 'Large gap', 'Gap', 'On target', 'Not rated']);
    // Only the statuses present; the caller's words.
    const custom = parseXml(
      scorecard([ROWS[0]!], { title: 'S', statusLabels: { red: 'Act now' }, statusNotes: { red: 'Act now: 1.5 levels or more below target' } }),
    );
    expect(textContent(find(custom, 'g', 'relm-scorecard-status')[0]!)).toBe('Act now');
    expect(find(find(custom, 'g', 'relm-legend')[0]!, 'text').map(textContent)).toEqual(['Score', 'Target', 'Act now: 1.5 levels or more below target']);
  });

  it('wraps long practice names onto two lines, with "…" and a <title> past that', () => {
    const long = 'Configuration management and the definitive media library, with a very long qualifier that cannot fit';
    const root = parseXml(scorecard([row('Technology', long, 1, 3, 'red')], { title: 'S' }));
    const spans = find(rowsOf(root)[0]!, 'tspan').map(textContent);
    expect(spans).toHaveLength(2);
    expect(spans[1]!.endsWith('…')).toBe(true);
    expect(textContent(find(rowsOf(root)[0]!, 'title')[0]!)).toBe(long);
  });

  it('fits 28 practices on an A4 page, even with every name on two lines', () => {
    const real = parseXml(scorecard(REALISTIC_SCORECARD, { title: 'S' }));
    expect(rowsOf(real)).toHaveLength(28);
    expect(num(real, 'width')).toBe(700);
    expect(num(real, 'height')).toBeLessThanOrEqual(950);
    const long = Array.from({ length: 28 }, (_, i) =>
      row(`Perspective ${i % 6}`, `Integration of practice number ${i} with configuration and service level management`, 2, 3, 'amber'),
    );
    const worst = parseXml(scorecard(long, { title: 'S' }));
    expect(find(worst, 'g', 'relm-scorecard-perspective')).toHaveLength(6);
    expect(find(rowsOf(worst)[0]!, 'tspan')).toHaveLength(2);
    expect(num(worst, 'height')).toBeLessThanOrEqual(950);
  });

  it('is deterministic and escapes every text', () => {
    expect(scorecard(REALISTIC_SCORECARD, { title: 'S' })).toBe(scorecard(REALISTIC_SCORECARD, { title: 'S' }));
    const svg = scorecard([row(HOSTILE, HOSTILE, 2, 3, 'amber')], { title: HOSTILE, statusLabels: { amber: HOSTILE } });
    const root = check(svg, HOSTILE);
    expect(svg).not.toContain('<script');
    expect(textContent(find(root, 'g', 'relm-scorecard-perspective')[0]!)).toBe(HOSTILE);
  });

  it('gives a "no data" chart without rows, and treats an unknown status as none', () => {
    const svg = scorecard([], { title: 'S' });
    expect(isNoDataChart(svg)).toBe(true);
    const odd = parseXml(scorecard([{ ...ROWS[0]!, status: 'purple' as ScorecardRow['status'] }], { title: 'S' }));
    expect(find(odd, 'g', 'relm-scorecard-status')[0]!.attrs.class).toContain('relm-status-none');
  });
});
