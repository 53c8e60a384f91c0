import type { ChalkInstance } from 'chalk';
import type { AnswerChange, Explanation, Figures } from '../engine/explain.js';
import { percent } from '../util/format.js';
import { maxOf } from '../util/arrays.js';

const n2 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : String(Math.round(x * 100) / 100));
/** m_l and the gap's terms to three places: the answer values make them exact (0.375, 0.125). */
const n3 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : String(Math.round(x * 1000) / 1000));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : percent(x, { spaced: true }));

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function changeLine(ch: AnswerChange): string {
  return `${ch.criterion} (level ${ch.level}) ${ch.from ?? 'unanswered'} → ${ch.to}`;
}

export function setCommand(practice: string, changes: readonly AnswerChange[]): string {
  return `relm explain ${practice} ${changes.map((c) => `--set ${c.criterion}=${c.to}`).join(' ')}`;
}

function arrow(a: string, b: string, c: ChalkInstance): string {
  return a === b ? `${a} (no change)` : `${a} → ${c.bold(b)}`;
}

/** The human view of `relm explain`: the calculation, step by step, with the figures `relm assess` reports. */
export function formatExplanation(x: Explanation, c: ChalkInstance): string {
  const out: string[] = [];
  const p = x.practice;
  out.push(c.bold(`${p.name} (${p.id})`) + c.dim(` · ${p.perspective} · weight ${p.weight}`));
  if (p.method === 'na') {
    out.push(`Not applicable: ${p.na}. It is left out of every score, gap and recommendation.`);
    return out.join('\n') + '\n';
  }
  if (p.method === 'not-assessed') {
    out.push('Not assessed: no criterion is answered and there is no rating, so it is left out of every figure.');
  } else if (p.method === 'rating') {
    out.push(`Quick rating ${x.rating}: m_l = 1 for the levels up to it and 0 above (the criteria are not answered).`);
  }
  if (x.practice_backing && p.method === 'answers') out.push(c.dim(`Backing every answer: ${x.practice_backing}`));
  out.push('');
  const critW = maxOf(
    x.levels.flatMap((l) => l.criteria.map((k) => k.id.length)),
    9,
  );
  for (const l of x.levels) {
    const head = `Level ${l.level}  m_${l.level} = ${l.applies ? n3(l.m) : 'n/a (every criterion is na: counts 1)'}`;
    out.push(c.bold(head) + (l.up_to_target && l.missing > 0 ? c.yellow(`  missing ${n3(l.missing)} up to the target`) : ''));
    if (p.method !== 'answers') continue;
    for (const k of l.criteria) {
      const value = k.answer === 'na' ? 'left out' : k.answer === null ? '0 (unanswered)' : n2(k.value);
      const backing: string[] = [];
      if (k.source.respondents.length) backing.push(`respondents ${k.source.respondents.map((r) => `${r.respondent} ${r.answer}`).join(', ')}`);
      if (k.source.decision) backing.push(`workshop: ${k.source.decision.because}`);
      if (k.source.sources.length) backing.push(`sources ${k.source.sources.join(', ')}`);
      if (k.source.evidence.length) backing.push(`evidence: ${k.source.evidence.map((e) => e.title).join('; ')}`);
      if (!backing.length && k.answer !== null) backing.push(x.practice_backing ? 'backed by the practice' : 'no evidence or source');
      const conf = k.confidence === null ? '' : ` → confidence ${n2(k.confidence)}`;
      out.push(`  ${pad(k.id, critW)}  ${pad(k.answer ?? '—', 5)} ${pad(value, 14)}${c.dim(backing.join(' · ') + conf)}`);
    }
  }
  out.push('');
  if (x.score === null) return out.join('\n') + '\n';
  const ms = x.levels.map((l) => n3(l.m)).join(' + ');
  out.push(`Score   S = m_1 + … + m_5 = ${ms} = ${c.bold(n3(x.score))}`);
  out.push(`Level   ${c.bold(String(x.level))}: ${x.level_why}`);
  if (x.target === null) {
    out.push('Target  none (target.yaml has no target for it and no default): no gap, no recommendation.');
  } else {
    out.push(`Target  ${c.bold(String(x.target))} (target.yaml ${x.target_from === 'practice' ? `targets.${p.id}` : 'targets.default'})`);
    const whole = Math.floor(x.target);
    const terms = x.levels.filter((l) => l.up_to_target).map((l) => (l.level <= whole ? `(1 − ${n3(l.m)})` : `${n3(x.target! - whole)} × (1 − ${n3(l.m)})`));
    out.push(
      `Gap     G = Σ over the levels up to the target of (1 − m_l) = ${terms.length ? terms.join(' + ') : '0'} = ${c.bold(n3(x.gap))}; in place ${n3(x.in_place)} of ${x.target}`,
    );
  }
  if (p.method === 'answers') {
    out.push(
      `Coverage ${pct(x.coverage)} of the criteria answered; confidence ${pct(x.confidence)} = the mean backing of the ${x.answered} answered (evidence or a source 1; respondents: a third each who agree, halved while they disagree)`,
    );
  } else {
    out.push(`Confidence ${pct(x.confidence)} (a rating is backed when the practice cites evidence or a source)`);
  }
  out.push(c.dim(`Perspective ${x.perspective.id}: score ${n2(x.perspective.score)}, target ${n2(x.perspective.target)}, gap ${n2(x.perspective.gap)}`));

  out.push('');
  out.push(c.bold('Recommendations'));
  if (!x.recommendations.length) out.push('  The model has none for this practice.');
  for (const r of x.recommendations) {
    const covers = r.covers.length === 1 ? `covers level ${r.covers[0]}` : `covers levels ${r.covers[0]}–${r.covers[r.covers.length - 1]}`;
    const state = r.triggered ? c.yellow('triggered') : c.green('not triggered');
    const plan = r.triggered
      ? c.dim(` — priority ${n2(r.priority)} (${r.bucket})${r.rank ? `, requirement ${r.rank}` : ''}, ${r.phase ? `phase ${r.phase}` : 'unscheduled'}`)
      : '';
    out.push(`  ${r.id} (level ${r.level}, ${covers}): ${state}: ${r.why}${plan}`);
    out.push(c.dim(`    ${r.title}`));
  }

  out.push('');
  out.push(c.bold('Evidence checks'));
  if (!x.evidence.length && !x.evidence_later.length) out.push('  The model names no measured evidence for this practice.');
  for (const ev of x.evidence) {
    const expect = ev.min_band
      ? `the ${ev.min_band} band or better`
      : [ev.min !== null ? `≥ ${ev.min}` : '', ev.max !== null ? `≤ ${ev.max}` : ''].filter(Boolean).join(' and ');
    const state = ev.ok === null ? c.dim('no data') : ev.ok ? c.green('supports the level') : c.red('mismatch');
    out.push(
      `  ${ev.metric} = ${ev.value === null ? 'no data' : typeof ev.value === 'number' ? n2(ev.value) : ev.value}${ev.window_days ? ` (last ${ev.window_days} days)` : ''}; from level ${ev.from_level} expects ${expect}: ${state}`,
    );
  }
  for (const r of x.evidence_later) out.push(c.dim(`  ${r.metric}: applies from level ${r.from_level}; the practice is at level ${x.level}`));

  if (x.target !== null) {
    out.push('');
    out.push(c.bold('What if'));
    const w = x.what_if;
    if (!w.close_gap.length) out.push('  The gap is 0: every level up to the target is fully in place.');
    else {
      out.push(`  To close the gap (${n2(x.gap)} → 0), ${w.close_gap.length} answer${w.close_gap.length === 1 ? '' : 's'} must be most:`);
      for (const ch of w.close_gap) out.push(`    ${changeLine(ch)}`);
      out.push(c.dim(`    try it: ${setCommand(p.id, w.close_gap)}`));
      if (w.reach_level.length && w.reach_level.length < w.close_gap.length) {
        out.push(
          `  To reach level ${Math.ceil(x.target)} alone (each level up to it at least half in place), ${w.reach_level.length} would do: ${w.reach_level.map((ch) => ch.criterion).join(', ')}`,
        );
      }
    }
  }

  if (x.set) {
    const s = x.set;
    out.push('');
    out.push(c.bold(`With ${s.changes.map((ch) => `${ch.criterion}=${ch.to}`).join(', ')} (nothing is written)`));
    const fig = (f: Figures) => ({ score: n2(f.score), level: String(f.level ?? 'n/a'), gap: n2(f.gap), confidence: pct(f.confidence) });
    const b = fig(s.practice.before);
    const a = fig(s.practice.after);
    out.push(`  ${p.id}: score ${arrow(b.score, a.score, c)}, level ${arrow(b.level, a.level, c)}, gap ${arrow(b.gap, a.gap, c)}`);
    out.push(
      `  ${s.perspective.id}: score ${arrow(n2(s.perspective.before.score), n2(s.perspective.after.score), c)}, gap ${arrow(n2(s.perspective.before.gap), n2(s.perspective.after.gap), c)}`,
    );
    out.push(
      `  overall: score ${arrow(n2(s.overall.before.score), n2(s.overall.after.score), c)}, gap ${arrow(n2(s.overall.before.gap), n2(s.overall.after.gap), c)}, to target ${arrow(pct(s.overall.before.percent_to_target), pct(s.overall.after.percent_to_target), c)}`,
    );
    const r = s.roadmap;
    const roadmap: string[] = [];
    if (r.removed.length) roadmap.push(`no longer needed: ${r.removed.join(', ')}`);
    if (r.added.length) roadmap.push(`newly needed: ${r.added.join(', ')}`);
    const MOVES = 8;
    for (const m of r.moved.slice(0, MOVES)) roadmap.push(`${m.id} moves ${m.from ?? 'unscheduled'} → ${m.to ?? 'unscheduled'}`);
    if (r.moved.length > MOVES) roadmap.push(`… and ${r.moved.length - MOVES} more move (--json lists them)`);
    if (r.total_days.before !== r.total_days.after) roadmap.push(`scheduled effort ${n2(r.total_days.before)} → ${n2(r.total_days.after)} person-days`);
    if (r.first_steps.before.join() !== r.first_steps.after.join()) roadmap.push(`first steps become ${r.first_steps.after.join(', ') || 'none'}`);
    for (const q of r.requirements) roadmap.push(`requirement ${q.id}: ${q.before} → ${q.after}`);
    out.push(`  roadmap:${roadmap.length ? '' : ' no change'}`);
    for (const line of roadmap) out.push(`    ${line}`);
  }
  return out.join('\n') + '\n';
}
