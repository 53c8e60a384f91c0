import type { ChalkInstance } from 'chalk';
import type { Assessment, PracticeResult } from '../engine/types.js';
import { PERSPECTIVES } from '../model/types.js';
import { formatMoney, percent } from '../util/format.js';
import { printableDeep } from './printable.js';
import { maxOf } from '../util/arrays.js';
import { metricName } from '../render/words.js';

const BAR_WIDTH = 20;

function num(v: number | null, digits = 2): string {
  return v === null ? '–' : v.toFixed(digits);
}

/** A bar of 0..5 with the target marked: █ reached, ░ still to go, │ the target. */
export function bar(score: number | null, target: number | null, c: ChalkInstance): string {
  const cells = Array.from({ length: BAR_WIDTH }, () => ' ');
  const filled = score === null ? 0 : Math.round((score / 5) * BAR_WIDTH);
  const goal = target === null ? -1 : Math.min(BAR_WIDTH, Math.round((target / 5) * BAR_WIDTH));
  let s = '';
  for (let i = 0; i < BAR_WIDTH; i++) {
    if (i < filled) s += c.green('█');
    else if (i < goal) s += c.dim('░');
    else s += cells[i];
  }
  return s + (goal >= 0 ? c.cyan('│') : ' ');
}

function practiceLine(p: PracticeResult, nameWidth: number, c: ChalkInstance): string {
  const status = p.na ? c.dim('not applicable') : !p.assessed ? c.yellow('not assessed') : '';
  const gap = p.gap === null ? '' : p.gap > 0 ? c.red(num(p.gap)) : c.green(num(p.gap));
  const mismatch = p.evidence.some((e) => e.ok === false);
  const marks = (p.method === 'rating' ? c.dim(' (rating)') : '') + (mismatch ? c.red(' ⚠ evidence disagrees') : '');
  return `    ${p.name.padEnd(nameWidth)}  ${num(p.score).padStart(5)}  L${p.level ?? '–'}  ${num(p.target, 1).padStart(4)}  ${gap.padStart(gap ? gap.length + 5 - num(p.gap).length : 5)}  ${bar(p.score, p.target, c)}${marks}${status ? ' ' + status : ''}`;
}

/** The terminal summary of `relm assess`: overall figures, then each perspective with its practices. */
export function formatSummary(assessment: Assessment, c: ChalkInstance): string {
  const a = printableDeep(assessment); // names, titles and ids come from the engagement
  const out: string[] = [];
  const o = a.overall;
  out.push(c.bold(`${a.engagement.client} — ${a.engagement.title}`) + c.dim(`  (as of ${a.as_of}, model ${a.model.id} ${a.model.version})`));
  out.push('');
  if (o.score === null) {
    out.push(`  ${c.bold('Nothing assessed yet')}: answer the criteria in practices.yaml (or run relm interview), then assess again.`);
  } else {
    out.push(
      `  Overall ${c.bold(num(o.score))} / 5   target ${num(o.target)}   gap ${o.gap ? c.red(num(o.gap)) : num(o.gap)}   ` +
        (o.percent_to_target === null ? '' : `${c.bold(`${Math.round(o.percent_to_target * 100)}%`)} of the way to target`) +
        (o.weakest ? `   weakest: ${c.yellow(o.weakest)}` : '') +
        c.dim(`   (${a.summary.assessed} of ${a.summary.practices} practices assessed)`),
    );
  }
  const nameWidth = maxOf(
    a.practices.map((p) => p.name.length),
    12,
  );
  out.push('');
  out.push(c.dim(`    ${'practice'.padEnd(nameWidth)}  score  lvl  target  gap`));
  for (const k of PERSPECTIVES) {
    const per = a.perspectives[k];
    out.push('');
    out.push(
      `  ${c.bold(k.padEnd(nameWidth + 2))}  ${c.bold(num(per.score).padStart(5))}       ${num(per.target, 1).padStart(4)}  ${num(per.gap).padStart(5)}  ${bar(per.score, per.target, c)}`,
    );
    for (const id of per.practices) {
      const p = a.practices.find((x) => x.id === id)!;
      out.push(practiceLine(p, nameWidth, c));
    }
  }
  const b = a.backlog;
  out.push('');
  if (b) {
    out.push(
      `  ${c.bold('Backlog')}   ${b.open_count} open of ${b.count}, ${num(b.open_effort_days, 0)} days of effort; median age ${num(b.open_age.median_days, 0)} days; ` +
        `${num(b.throughput_per_30_days, 1)} done / ${num(b.arrivals_per_30_days, 1)} arrived per 30 days; ` +
        (b.clearance_months === null ? c.red('not clearing') : `clears in ${num(b.clearance_months, 1)} months`) +
        (b.duplicates.candidates.length || b.obsolete_candidates.length
          ? c.yellow(`; ${b.duplicates.candidates.length} possible duplicates, ${b.obsolete_candidates.length} obsolete`)
          : ''),
    );
  } else out.push(c.dim('  Backlog   no data (no backlog.yaml)'));
  const r = a.releases;
  if (r?.count) {
    const pct = (v: number | null) => (v === null ? '–' : percent(v));
    out.push(
      `  ${c.bold('Releases')}  ${r.count} in ${r.window_days} days: ${num(r.deployment_frequency_per_week)}/week, lead time ${num(r.lead_time_days, 1)} d, ` +
        `change failure ${pct(r.change_failure_rate)}, recovery ${num(r.recovery_hours, 1)} h — ${doraBand(r, c)}`,
    );
  } else out.push(c.dim(r ? `  Releases  none deployed in the ${r.window_days} days up to ${a.as_of}` : '  Releases  no data (no releases.yaml)'));
  const recs = a.recommendations;
  out.push('');
  if (recs.length) {
    out.push(`  ${c.bold('Top recommendations')} ${c.dim(`(${recs.length} in all, in the customer's priority order)`)}`);
    for (const r of recs.slice(0, 8)) {
      const bucket = r.bucket === 'high' ? c.red('high  ') : r.bucket === 'medium' ? c.yellow('medium') : c.dim('low   ');
      out.push(
        `    ${bucket} ${String(Math.round(r.priority)).padStart(3)}  ${r.title} ${c.dim(`(${r.practice} → L${r.level}, ${r.effort_days} d, ${r.phase ?? 'unscheduled'})`)}`,
      );
    }
    out.push('');
    out.push(`  ${c.bold('Roadmap')}`);
    for (const p of a.roadmap.phases) {
      const cap = p.capacity_days === null ? 'no limit' : `${num(p.capacity_days, 0)} d`;
      out.push(
        `    ${p.id.padEnd(6)} ${p.name.padEnd(18)} ${String(p.recommendations.length).padStart(3)} recommendations, ${num(p.used_days, 1)} of ${cap}${p.end ? c.dim(`, ends ${p.end}`) : ''}`,
      );
    }
    if (a.roadmap.unscheduled.length)
      out.push(
        c.yellow(
          `    unscheduled: ${a.roadmap.unscheduled.length} recommendations, ${num(a.roadmap.unscheduled_days, 1)} d (no phase has room, or a dependency is unscheduled)`,
        ),
      );
    if (a.first_steps.length) {
      const title = new Map(recs.map((r) => [r.id, r.title]));
      out.push('');
      out.push(`  ${c.bold('First steps')}`);
      a.first_steps.forEach((id, i) => out.push(`    ${i + 1}. ${title.get(id)}`));
    }
  } else if (a.summary.assessed === 0) out.push(c.dim('  No recommendation yet: nothing is assessed.'));
  else out.push(c.dim('  No recommendation is triggered: every assessed practice is at its target level.'));
  if (a.training) {
    const t = a.training;
    const courses = t.skills.filter((s) => !s.no_course).length;
    const train = t.roles.filter((r) => r.to_train > 0);
    out.push(
      `  ${c.bold('Training')}  ${t.needs.length} skill gaps, ${courses} courses, ${num(t.total_days, 0)} participant-days, ${formatMoney(t.total_cost, a.engagement.currency)}` +
        (train.length ? c.yellow(`; to train in ${train.map((r) => r.id).join(', ')}`) : '') +
        (t.hires_total ? c.yellow(`; ${t.hires_total} to hire`) : '') +
        (t.no_course.length ? c.yellow(`; no course for ${t.no_course.join(', ')}`) : ''),
    );
  }
  out.push('');
  out.push(c.dim(`  score 0–5 (sum of the level means), lvl = highest level with every level up to it at least half met; │ marks the target`));
  if (a.practices.some((p) => p.evidence.some((e) => e.ok === false)))
    out.push(c.dim(`  ⚠ evidence disagrees: the measured record contradicts the level (see relm validate, evidence-mismatch)`));
  return out.join('\n') + '\n';
}

/** The overall DORA band never alone (docs/formulas.md): beside it the weakest metric and its band, as the deliverables say it. */
export function doraBand(r: NonNullable<Assessment['releases']>, c: ChalkInstance): string {
  if (!r.band) return 'DORA band: no data';
  const w = r.weakest;
  return (
    `DORA ${c.bold(r.band)} overall` +
    (w && w.band !== r.band ? `, weakest: ${metricName(w.metric)} (${c.bold(w.band)})` : w ? `, no metric below ${w.band}` : '')
  );
}
