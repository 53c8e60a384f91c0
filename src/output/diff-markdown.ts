import type { AssessmentDiff, Change } from '../engine/diff.js';

const v = (x: number | null, pct = false) => (x === null ? '–' : pct ? `${(x * 100).toFixed(2)}%` : x.toFixed(2));

function arrow(c: Change, pct = false): string {
  const delta = c.from !== null && c.to !== null ? c.to - c.from : null;
  const sign = delta === null ? '' : ` (${delta >= 0 ? '+' : '−'}${pct ? `${Math.abs(delta * 100).toFixed(2)} pts` : Math.abs(delta).toFixed(2)})`;
  return `${v(c.from, pct)} → ${v(c.to, pct)}${sign}`;
}

/** The pull-request comment for `relm diff`: only what changed, old → new, two decimals. */
export function diffMarkdown(d: AssessmentDiff, base: string, head: string): string {
  const out: string[] = [`### relm: assessment changes ${base} → ${head}`, ''];
  if (!d.changed) {
    out.push('No change in scores, gaps, recommendations, backlog or release metrics.');
    return out.join('\n') + '\n';
  }
  out.push('| Overall | Change |', '|---|---|');
  out.push(`| Score | ${arrow(d.overall.score)} |`, `| Target | ${arrow(d.overall.target)} |`, `| Gap | ${arrow(d.overall.gap)} |`, `| Percent to target | ${arrow(d.overall.percent_to_target, true)} |`, '');
  if (d.perspectives.length) {
    out.push('| Perspective | Score | Gap |', '|---|---|---|');
    for (const p of d.perspectives) out.push(`| ${p.id} | ${arrow(p.score)} | ${arrow(p.gap)} |`);
    out.push('');
  }
  if (d.practices.length) {
    out.push('| Practice | Score | Level | Gap |', '|---|---|---|---|');
    for (const p of d.practices) out.push(`| ${p.name.replace(/\|/g, '\\|')} | ${arrow(p.score)} | ${v(p.level.from).replace('.00', '')} → ${v(p.level.to).replace('.00', '')} | ${arrow(p.gap)} |`);
    out.push('');
  }
  if (d.recommendations.added.length || d.recommendations.removed.length) {
    for (const r of d.recommendations.added) out.push(`- ➕ ${r.title} (\`${r.id}\`, ${r.practice})`);
    for (const r of d.recommendations.removed) out.push(`- ➖ ${r.title} (\`${r.id}\`, ${r.practice})`);
    out.push('');
  }
  if (d.backlog.length) {
    out.push('| Backlog | Change |', '|---|---|');
    for (const m of d.backlog) out.push(`| ${m.metric.replace(/_/g, ' ')} | ${arrow(m.change)} |`);
    out.push('');
  }
  if (d.releases.length) {
    out.push('| Release record | Change |', '|---|---|');
    for (const m of d.releases) out.push(`| ${m.metric.replace(/_/g, ' ')} | ${arrow(m.change, m.metric.endsWith('_rate'))} |`);
    out.push('');
  }
  return out.join('\n');
}
