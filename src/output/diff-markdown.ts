import type { AssessmentDiff, Change, MetricChange, Unit } from '../engine/diff.js';
import { formatMoney } from '../util/format.js';
import { printable } from './printable.js';
import { pushAll } from '../util/arrays.js';

const MINUS = '−';

/** A figure as the comment shows it: whole numbers whole (with thousands separators), others to two decimals. */
function num(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-GB') : x.toFixed(2);
}

/** old → new (±delta), in the figure's unit. */
function arrow(c: Change, unit?: Unit, currency = 'EUR'): string {
  const show = (x: number | null) => {
    if (x === null) return '–';
    if (unit === 'share') return `${(x * 100).toFixed(2)}%`;
    if (unit === 'money') return formatMoney(x, currency);
    return num(unit === 'count' ? Math.round(x) : x);
  };
  let delta = '';
  if (c.from !== null && c.to !== null) {
    const d = c.to - c.from;
    // Six decimals first: 15.000000001 (float noise) is 15, a whole number.
    const size = Number(Math.abs(d).toFixed(6));
    const text =
      unit === 'share' ? `${(size * 100).toFixed(2)} pts` : unit === 'money' ? formatMoney(size, currency) : num(unit === 'count' ? Math.round(size) : size);
    delta = ` (${d >= 0 ? '+' : MINUS}${text})`;
  }
  return `${show(c.from)} → ${show(c.to)}${delta}`;
}

/** Scores, gaps and percentages keep two decimals whatever their value: they are averages. */
function score(c: Change, pct = false): string {
  const v = (x: number | null) => (x === null ? '–' : pct ? `${(x * 100).toFixed(2)}%` : x.toFixed(2));
  const delta = c.from !== null && c.to !== null ? c.to - c.from : null;
  const sign = delta === null ? '' : ` (${delta >= 0 ? '+' : MINUS}${pct ? `${Math.abs(delta * 100).toFixed(2)} pts` : Math.abs(delta).toFixed(2)})`;
  return `${v(c.from)} → ${v(c.to)}${sign}`;
}

/** What each figure is called in the comment. */
const LABELS: Record<string, string> = {
  day_rate: 'Day rate',
  roadmap_days: 'Roadmap effort (person-days)',
  roadmap_cost: 'Roadmap cost',
  unscheduled_days: 'Unscheduled effort (person-days)',
  training_days: 'Training days',
  training_cost: 'Training cost',
  'backlog.count': 'items',
  'backlog.open_count': 'open items',
  'backlog.open_effort_days': 'open effort (person-days)',
  'backlog.throughput_per_30_days': 'throughput (per 30 days)',
  'backlog.arrivals_per_30_days': 'arrivals (per 30 days)',
  'backlog.clearance_months': 'months to clear',
  'releases.count': 'releases in the window',
  'releases.deployment_frequency_per_week': 'deployment frequency (per week)',
  'releases.lead_time_days': 'lead time (days)',
  'releases.request_lead_time_days': 'request lead time (days)',
  'releases.change_failure_rate': 'change failure rate',
  'releases.recovery_hours': 'recovery time (hours)',
  'releases.rework_rate': 'rework rate',
};

function rows(title: string, list: readonly MetricChange[], prefix: string, currency: string): string[] {
  if (!list.length) return [];
  return [
    `| ${title} | Change |`,
    '|---|---|',
    ...list.map((m) => `| ${LABELS[prefix + m.metric] ?? m.metric.replace(/_/g, ' ')} | ${arrow(m.change, m.unit, currency)} |`),
    '',
  ];
}

/** Engagement text for one table cell: one line, printable (src/output/printable.ts), no `|` to split the cell. */
const cell = (s: string) => printable(s.replace(/\r?\n/g, ' ')).replace(/\|/g, '\\|');

/** The pull-request comment for `relm diff`: only what changed, old → new. */
export function diffMarkdown(d: AssessmentDiff, base: string, head: string): string {
  const out: string[] = [`### relm: assessment changes ${base} → ${head}`, ''];
  if (!d.changed) {
    out.push('No change in scores, gaps, recommendations, requirements, cost, backlog or release metrics.');
    return out.join('\n') + '\n';
  }
  out.push('| Overall | Change |', '|---|---|');
  out.push(
    `| Score | ${score(d.overall.score)} |`,
    `| Target | ${score(d.overall.target)} |`,
    `| Gap | ${score(d.overall.gap)} |`,
    `| Percent to target | ${score(d.overall.percent_to_target, true)} |`,
    '',
  );
  if (d.perspectives.length) {
    out.push('| Perspective | Score | Gap |', '|---|---|---|');
    for (const p of d.perspectives) out.push(`| ${cell(p.id)} | ${score(p.score)} | ${score(p.gap)} |`);
    out.push('');
  }
  if (d.practices.length) {
    out.push('| Practice | Score | Level | Gap |', '|---|---|---|---|');
    for (const p of d.practices) out.push(`| ${cell(p.name)} | ${score(p.score)} | ${arrow(p.level, 'count').replace(/ \(.*\)$/, '')} | ${score(p.gap)} |`);
    out.push('');
  }
  if (d.recommendations.added.length || d.recommendations.removed.length) {
    for (const r of d.recommendations.added) out.push(`- ➕ ${printable(r.title)} (\`${printable(r.id)}\`, ${printable(r.practice)})`);
    for (const r of d.recommendations.removed) out.push(`- ➖ ${printable(r.title)} (\`${printable(r.id)}\`, ${printable(r.practice)})`);
    out.push('');
  }
  if (d.requirements.length) {
    const word = (s: string | null) => (s === null ? '–' : s.replace(/-/g, ' '));
    const phase = (s: string | null) => (s === null ? 'not planned' : s === 'now' ? 'met now' : `by ${s}`);
    out.push('| Requirement | Status | Target reached |', '|---|---|---|');
    for (const r of d.requirements) {
      const status = r.status.from === r.status.to ? word(r.status.to) : `${word(r.status.from)} → ${word(r.status.to)}`;
      const reach =
        r.reaches_target.from === r.reaches_target.to ? phase(r.reaches_target.to) : `${phase(r.reaches_target.from)} → ${phase(r.reaches_target.to)}`;
      out.push(`| ${cell(r.title)} (\`${cell(r.id)}\`) | ${status} | ${reach} |`);
    }
    out.push('');
  }
  pushAll(out, rows('Size and cost', d.cost, '', d.currency));
  pushAll(out, rows('Backlog', d.backlog, 'backlog.', d.currency));
  pushAll(out, rows('Release record', d.releases, 'releases.', d.currency));
  return out.join('\n');
}
