import type { ChalkInstance } from 'chalk';
import { PERSPECTIVES, type Model, type Practice, type Skill } from '../model/types.js';
import { formatMoney } from '../util/format.js';
import { maxOf } from '../util/arrays.js';

const LEVEL_NAMES = ['', 'initial', 'repeatable', 'defined', 'managed', 'optimizing'];

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

/** Text from a model file on one line, for a terminal: no line breaks or control characters. */
function line(s: string | undefined): string {
  return (s ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Criteria per level, e.g. "L1 2 · L2 2 · L3 1 · L4 1 · L5 1". */
function perLevel(p: Practice): string {
  return [1, 2, 3, 4, 5].map((l) => `L${l} ${p.criteria.filter((c) => c.level === l).length}`).join(' · ');
}

/** `relm model`: the practices by perspective, with their criteria per level and recommendations. */
export function formatModelOverview(model: Model, c: ChalkInstance): string {
  const criteria = model.practices.reduce((n, p) => n + p.criteria.length, 0);
  const out = [
    c.bold(
      `${line(model.name)} (${model.id} ${model.version}): ${model.practices.length} practices, ${criteria} criteria, ${model.skills?.length ?? 0} skills`,
    ),
    c.dim(
      'Levels: 1 initial, 2 repeatable, 3 defined, 4 managed, 5 optimizing. `relm model <practice>` shows one in full, `relm model skills` the skill catalogue.',
    ),
  ];
  const width = maxOf(model.practices.map((p) => p.id.length));
  for (const k of PERSPECTIVES) {
    const ps = model.practices.filter((p) => p.perspective === k);
    if (!ps.length) continue;
    out.push('', c.bold(`${k[0]!.toUpperCase()}${k.slice(1)}`));
    for (const p of ps) {
      const recs = p.recommendations?.length ?? 0;
      const weight = (p.weight ?? 1) === 1 ? '' : `, weight ${p.weight}`;
      out.push(
        `  ${pad(p.id, width)}  ${line(p.name)}${c.dim(` (${p.criteria.length} criteria: ${perLevel(p)}; ${recs} recommendation${recs === 1 ? '' : 's'}${weight})`)}`,
      );
    }
  }
  return out.join('\n') + '\n';
}

/** `relm model <practice>`: the practice in full, criteria by level, recommendations and evidence rules. */
export function formatPractice(p: Practice, c: ChalkInstance): string {
  const out = [c.bold(`${line(p.name)} (${p.id})`), `${p.perspective} perspective, weight ${p.weight ?? 1}`];
  if (p.description) out.push('', line(p.description));
  out.push('', c.bold('Criteria') + c.dim(' (answer none, some, half, most or na in practices.yaml)'));
  for (const l of [1, 2, 3, 4, 5]) {
    const cs = p.criteria.filter((x) => x.level === l);
    if (!cs.length) continue;
    out.push(`  ${c.bold(`Level ${l}`)} ${c.dim(LEVEL_NAMES[l]!)}`);
    const width = maxOf(cs.map((x) => x.id.length));
    for (const x of cs) out.push(`    ${pad(x.id, width)}  ${line(x.text)}`);
  }
  const recs = p.recommendations ?? [];
  if (recs.length) {
    out.push('', c.bold('Recommendations') + c.dim(' (each lifts the practice to its level)'));
    for (const r of recs) {
      out.push(`  ${c.bold(r.id)}  to level ${r.level}: ${line(r.title)}`);
      const after = r.depends_on?.length ? `; after ${r.depends_on.join(', ')}` : '';
      out.push(c.dim(`    ${r.horizon}, ${r.effort_days} days, impact ${r.impact}/5${after}`));
      for (const a of r.alternatives ?? [])
        out.push(c.dim(`    alternative: ${line(a.title)}${a.effort_days !== undefined ? ` (${a.effort_days} days)` : ''}`));
    }
  }
  const rules = p.evidence ?? [];
  if (rules.length) {
    out.push('', c.bold('Evidence rules') + c.dim(' (what the record should show from a level on)'));
    for (const e of rules) {
      const bound = e.min_band
        ? `band ${e.min_band} or better`
        : [e.min !== undefined ? `≥ ${e.min}` : '', e.max !== undefined ? `≤ ${e.max}` : ''].filter(Boolean).join(' and ');
      out.push(`  from level ${e.from_level}: ${e.metric} ${bound}${e.says ? c.dim(` (${line(e.says)})`) : ''}`);
    }
  }
  return out.join('\n') + '\n';
}

export interface SkillRow extends Skill {
  /** Where the skill comes from: the model's catalogue, team.yaml, or team.yaml replacing the model's. */
  from: 'model' | 'team' | 'team-replaces';
}

/** `relm model skills`: the skill catalogue with its courses. */
export function formatSkills(rows: readonly SkillRow[], model: Model, currency: string, c: ChalkInstance): string {
  const own = rows.filter((r) => r.from !== 'model').length;
  const out = [
    c.bold(`Skill catalogue: ${rows.length} skills`) +
      c.dim(own ? ` (the model's, with ${own} from team.yaml)` : ` (the model "${model.id}"; team.yaml \`skills\` add to it)`),
    c.dim('Levels held and required in team.yaml: 0 none, 1 aware, 2 practitioner, 3 proficient, 4 expert.'),
    '',
  ];
  const w = maxOf(
    rows.map((r) => r.id.length),
    2,
  );
  const n = maxOf(
    rows.map((r) => [...line(r.name)].length),
    4,
  );
  for (const r of rows) {
    const t = r.training;
    const course = t
      ? `${line(t.title)}${t.days !== undefined ? `, ${t.days} day${t.days === 1 ? '' : 's'}` : ''}${t.cost !== undefined ? `, ${formatMoney(t.cost, currency)}` : ''}`
      : c.yellow('no course');
    const from = r.from === 'team' ? c.cyan(' [team.yaml]') : r.from === 'team-replaces' ? c.cyan(" [team.yaml, replaces the model's]") : '';
    out.push(`  ${pad(r.id, w)}  ${pad(line(r.name), n)}  ${course}${from}`);
  }
  const roles = model.roles ?? [];
  if (roles.length) {
    out.push('', c.bold(`The model's standard roles`) + c.dim(' (`relm init` writes them into team.yaml)'));
    const rw = maxOf(roles.map((r) => r.id.length));
    for (const r of roles) {
      const needs = Object.entries(r.requires ?? {})
        .map(([s, l]) => `${s} ${l}`)
        .join(', ');
      out.push(`  ${pad(r.id, rw)}  ${line(r.name)}${needs ? c.dim(`: ${needs}`) : ''}`);
    }
  }
  return out.join('\n') + '\n';
}
