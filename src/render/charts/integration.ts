/**
 * The integration view of the solution model: release management at the centre, the ITSM processes it links
 * to around it, each with the current and target level of the link (a 0–5 bar: filled to the current level,
 * a tick at the target). Plain vector shapes and text, no patterns; the same input gives the same bytes.
 */
import { PALETTE, clampOrNull, cleanLabel, el, fittedText, noDataChart, n, svgDocument } from './svg.js';

export interface IntegrationNode {
  name: string;
  /** The link's current level (0–5), null when none of its practices is assessed. */
  current: number | null;
  target: number | null;
  /** false when no practice of the model links to the process. */
  linked: boolean;
}

export interface IntegrationOptions {
  title: string;
  /** The label of the hub (default "Release management"). */
  centre?: string;
}

export const INTEGRATION_LAYOUT = { width: 680, nodeWidth: 196, nodeHeight: 58, hubWidth: 168, hubHeight: 50 } as const;

const one = (x: number) => x.toFixed(1);

function figures(node: IntegrationNode): string {
  if (!node.linked) return 'no practice links to it';
  if (node.current === null) return node.target === null ? 'not assessed' : `not assessed · target ${one(node.target)}`;
  return node.target === null ? `now ${one(node.current)}` : `now ${one(node.current)} · target ${one(node.target)}`;
}

export function integrationDiagram(nodes: readonly IntegrationNode[], opts: IntegrationOptions): string {
  const { width, nodeWidth: nw, nodeHeight: nh, hubWidth: hw, hubHeight: hh } = INTEGRATION_LAYOUT;
  if (nodes.length === 0) return noDataChart(opts.title, width);
  const data = nodes.map((x) => ({
    name: cleanLabel(x.name),
    current: clampOrNull(x.current, 0, 5),
    target: clampOrNull(x.target, 0, 5),
    linked: x.linked,
  }));
  // Nodes on an ellipse around the hub, the first at the top, clockwise; more nodes make it taller.
  const rx = (width - nw) / 2 - 18;
  const ry = Math.max(128, data.length * 20);
  const cx = width / 2;
  const top = 40;
  const cy = top + nh / 2 + ry;
  const legendY = cy + ry + nh / 2 + 22;
  const height = legendY + 18;
  const at = (i: number) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / data.length;
    return { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
  };

  const edges: string[] = [];
  const boxes: string[] = [];
  data.forEach((d, i) => {
    const p = at(i);
    edges.push(
      el('line', {
        class: d.linked ? 'relm-link' : 'relm-link relm-link-none',
        x1: cx,
        y1: cy,
        x2: p.x,
        y2: p.y,
        stroke: d.linked ? PALETTE.accent : PALETTE.rule,
        'stroke-width': d.linked ? 2 : 1.5,
        'stroke-dasharray': d.linked ? null : '5 4',
      }),
    );
    const x = p.x - nw / 2;
    const y = p.y - nh / 2;
    const barX = x + 10;
    const barW = nw - 20;
    const barY = y + 42;
    const parts = [
      el('rect', { x, y, width: nw, height: nh, rx: 6, fill: PALETTE.white, stroke: d.linked ? PALETTE.accent : PALETTE.rule, 'stroke-width': 1.5 }),
      fittedText(d.name, nw - 16, { x: p.x, y: y + 17, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold', fill: PALETTE.ink }),
      fittedText(figures(d), nw - 16, { x: p.x, y: y + 33, 'text-anchor': 'middle', 'font-size': 11, fill: PALETTE.muted }),
    ];
    if (d.linked) {
      parts.push(el('rect', { x: barX, y: barY, width: barW, height: 8, rx: 2, fill: PALETTE.panel, stroke: PALETTE.rule, 'stroke-width': 0.5 }));
      if (d.current !== null && d.current > 0)
        parts.push(el('rect', { class: 'relm-link-current', x: barX, y: barY, width: (barW * d.current) / 5, height: 8, rx: 2, fill: PALETTE.accent }));
      if (d.target !== null) {
        const tx = barX + (barW * d.target) / 5;
        parts.push(el('line', { class: 'relm-link-target', x1: tx, y1: barY - 3, x2: tx, y2: barY + 11, stroke: PALETTE.ink, 'stroke-width': 2 }));
      }
    }
    boxes.push(el('g', { class: 'relm-process' }, parts));
  });

  const hub = el('g', { class: 'relm-hub' }, [
    el('rect', { x: cx - hw / 2, y: cy - hh / 2, width: hw, height: hh, rx: 8, fill: PALETTE.accent }),
    fittedText(opts.centre ?? 'Release management', hw - 16, {
      x: cx,
      y: cy + 5,
      'text-anchor': 'middle',
      'font-size': 13,
      'font-weight': 'bold',
      fill: PALETTE.white,
    }),
  ]);

  // Legend: what the bar in each box means.
  const lx = 16;
  const legend = el('g', { class: 'relm-legend', 'font-size': 11, fill: PALETTE.muted }, [
    el('rect', { x: lx, y: legendY - 8, width: 40, height: 8, rx: 2, fill: PALETTE.panel, stroke: PALETTE.rule, 'stroke-width': 0.5 }),
    el('rect', { x: lx, y: legendY - 8, width: 22, height: 8, rx: 2, fill: PALETTE.accent }),
    el('line', { x1: lx + 32, y1: legendY - 11, x2: lx + 32, y2: legendY + 3, stroke: PALETTE.ink, 'stroke-width': 2 }),
    fittedText('Link level, 0–5: now filled, target ticked (the mean of its practices)', width - lx - 64, { x: lx + 48, y: legendY }),
  ]);

  const desc =
    `${cleanLabel(opts.centre ?? 'Release management')} at the centre, linked to ${data.length} processes. ` +
    data.map((d) => `${d.name}: ${figures(d)}.`).join(' ');
  return svgDocument({
    width,
    height: Number(n(height)),
    title: opts.title,
    desc,
    className: 'relm-integration',
    body: [el('g', { class: 'relm-links' }, edges), hub, ...boxes, legend],
  });
}
