import type { ChalkInstance } from 'chalk';
import type { Portfolio, PortfolioRow, Standing } from '../engine/portfolio.js';
import { printableDeep } from './printable.js';
import { percent } from '../util/format.js';

const MARK: Record<Standing, string> = { 'lowest-quartile': '▼', 'below-median': '▽', median: '=', 'above-median': '△', 'top-quartile': '▲' };
/** Up to this many engagements get a column of their own. */
const MAX_COLUMNS = 10;

function cell(s: string, w: number, right = true): string {
  const chars = [...s];
  if (chars.length > w) return `${chars.slice(0, w - 1).join('')}…`;
  const pad = ' '.repeat(w - chars.length);
  return right ? pad + s : s + pad;
}

function numberOf(r: PortfolioRow): (v: number) => string {
  if (r.id === 'change_failure_rate' || r.id === 'rework_rate') return (v) => percent(v);
  return (v) => (Math.round(v * 10) / 10).toFixed(1);
}

/** The human view of `relm portfolio`: the engagements, then one line per figure with its distribution and each engagement's standing. */
export function formatPortfolio(portfolio: Portfolio, c: ChalkInstance): string {
  // Client names, titles and practice names come from the engagements' files.
  const p = printableDeep(portfolio);
  const out: string[] = [c.bold(`Portfolio: ${p.engagements.length} ${p.population}${p.anonymised ? ' (anonymised)' : ''}`), ''];
  for (const e of p.engagements) {
    const who = p.anonymised ? `${e.practices_assessed} practices assessed` : `${e.client}, as of ${e.as_of} ${c.dim(`(${e.source})`)}`;
    out.push(`  ${e.id.padEnd(4)} ${who}`);
  }
  const columns = p.engagements.length <= MAX_COLUMNS ? p.engagements.map((e) => e.id) : [];
  const label = 34;
  const w = 8;
  const head = `${cell('', label, false)}${['n', 'lowest', 'Q1', 'median', 'Q3', 'highest'].map((h) => cell(h, w)).join('')}${columns.map((id) => cell(id, w)).join('')}`;
  const line = (r: PortfolioRow, indent = '') => {
    const f = numberOf(r);
    const d = r.distribution;
    const stats = d ? [String(d.n), f(d.min), f(d.q1), f(d.median), f(d.q3), f(d.max)] : ['0', '–', '–', '–', '–', '–'];
    const values = columns.map((id) => {
      const v = r.values.find((x) => x.engagement === id);
      return v && v.value !== null ? `${f(v.value)}${v.standing ? MARK[v.standing] : ''}` : '–';
    });
    const name = `${indent}${r.name}${r.higher_is_better ? '' : ' (less is better)'}`;
    return `${cell(name, label, false)}${stats.map((s) => cell(s, w)).join('')}${values.map((s) => cell(s, w)).join('')}`.trimEnd();
  };
  out.push('', c.bold(head.trimEnd()), line(p.overall));
  for (const r of p.perspectives) out.push(line(r, '  '));
  out.push('', c.bold('Practices'));
  for (const r of p.practices) out.push(line(r, '  '));
  if (p.metrics.length) {
    out.push('', c.bold('Release metrics'));
    for (const r of p.metrics) out.push(line(r, '  '));
  }
  out.push(
    '',
    c.dim(
      `Standing: ${MARK['lowest-quartile']} lowest quartile  ${MARK['below-median']} below the median  ${MARK.median} at the median  ${MARK['above-median']} above the median  ${MARK['top-quartile']} top quartile (quartiles by linear interpolation)`,
    ),
  );
  if (!columns.length) out.push(c.dim(`More than ${MAX_COLUMNS} engagements: each one's figures and standing are in --json.`));
  return out.join('\n') + '\n';
}
