import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/assess.js';
import { buildCharts } from '../../src/render/assessment-charts.js';
import { INTEGRATION_LAYOUT, integrationDiagram, type IntegrationNode } from '../../src/render/charts/integration.js';
import { isNoDataChart } from '../../src/render/charts/svg.js';
import { miniEngagement } from '../helpers/mini-model.js';
import { find, hasClass, num, parseXml, textContent } from '../helpers/xml.js';

const nodes: IntegrationNode[] = [
  { name: 'Change management', current: 1.34375, target: 3.6667, linked: true },
  { name: 'Configuration <b>management</b> & "CMDB"', current: 1.125, target: 3, linked: true },
  { name: 'Incident management', current: null, target: 3, linked: true },
  { name: 'Problem management', current: 0, target: null, linked: true },
  { name: 'Availability management', current: 9, target: -1, linked: true },
  { name: 'Service level management', current: null, target: null, linked: false },
];

describe('the ITSM integration diagram', () => {
  const svg = integrationDiagram(nodes, { title: 'Release management and the ITSM processes' });
  const root = parseXml(svg);

  it('is well-formed, vector only and the same bytes for the same input', () => {
    expect(root.name).toBe('svg');
    expect(integrationDiagram(nodes, { title: 'Release management and the ITSM processes' })).toBe(svg);
    expect(svg).not.toMatch(/<(pattern|image|foreignObject|script|use)\b/);
    expect(svg).not.toMatch(/url\(/);
  });

  it('puts release management at the centre with one box per process, linked by a line', () => {
    const hub = find(root, 'g', 'relm-hub')[0]!;
    expect(textContent(hub)).toBe('Release management');
    const rect = find(hub, 'rect')[0]!;
    expect(num(rect, 'x') + num(rect, 'width') / 2).toBe(INTEGRATION_LAYOUT.width / 2);
    const boxes = find(root, 'g', 'relm-process');
    expect(boxes).toHaveLength(6);
    expect(find(root, 'line').filter((l) => hasClass(l, 'relm-link'))).toHaveLength(6);
    // The first box sits straight above the hub.
    const first = find(boxes[0]!, 'rect')[0]!;
    expect(num(first, 'x') + num(first, 'width') / 2).toBe(INTEGRATION_LAYOUT.width / 2);
  });

  it('labels each link with its current and target level, escaping the names', () => {
    const texts = find(root, 'g', 'relm-process').map(textContent);
    expect(texts[0]).toContain('now 1.3 · target 3.7');
    expect(texts[1]).toContain('Configuration <b>management</b> & "CMDB"');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;');
    expect(texts[2]).toContain('not assessed · target 3.0');
    expect(texts[3]).toContain('now 0.0');
    // Out-of-range figures are clamped to the 0–5 scale.
    expect(texts[4]).toContain('now 5.0 · target 0.0');
    expect(texts[5]).toContain('no practice links to it');
  });

  it('draws the current level as a bar and the target as a tick on a 0–5 scale', () => {
    const boxes = find(root, 'g', 'relm-process');
    const track = (b: (typeof boxes)[number]) => find(b, 'rect')[1]!;
    const bar = find(boxes[0]!, 'rect', 'relm-link-current')[0]!;
    expect(num(bar, 'width')).toBeCloseTo((num(track(boxes[0]!), 'width') * 1.34375) / 5, 1);
    const tick = find(boxes[0]!, 'line', 'relm-link-target')[0]!;
    expect(num(tick, 'x1')).toBeCloseTo(num(track(boxes[0]!), 'x') + (num(track(boxes[0]!), 'width') * 3.6667) / 5, 1);
    // Nothing measured: no bar; no target: no tick; not linked: no scale at all, and a dashed line.
    expect(find(boxes[2]!, 'rect', 'relm-link-current')).toHaveLength(0);
    expect(find(boxes[3]!, 'line', 'relm-link-target')).toHaveLength(0);
    expect(find(boxes[5]!, 'rect')).toHaveLength(1);
    expect(find(root, 'line', 'relm-link-none')[0]!.attrs['stroke-dasharray']).toBe('5 4');
  });

  it('describes itself for screen readers', () => {
    const desc = textContent(find(root, 'desc')[0]!);
    expect(desc).toContain('Release management at the centre, linked to 6 processes.');
    expect(desc).toContain('Change management: now 1.3 · target 3.7.');
  });

  it('shows "no data" without processes, and is left out of the deliverables when the model maps none', () => {
    expect(isNoDataChart(integrationDiagram([], { title: 'x' }))).toBe(true);
    const e = miniEngagement();
    expect(Object.keys(buildCharts(assess(e)))).toContain('itsm-integration');
    for (const p of e.model.practices) delete p.links;
    expect(Object.keys(buildCharts(assess(e)))).not.toContain('itsm-integration');
  });
});
