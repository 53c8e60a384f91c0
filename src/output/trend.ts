import type { ChalkInstance } from 'chalk';
import type { TrendPoint } from '../engine/trend.js';
import { perspectiveName } from '../engine/portfolio.js';
import { PERSPECTIVES } from '../model/types.js';
import { printable, printableDeep } from './printable.js';
import { percent } from '../util/format.js';
const STATUS: Record<string, string> = { met: 'met', planned: 'planned', 'not-on-plan': 'not on plan', unknown: 'unknown' };

const f1 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(1));
const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : String(Math.round(v * 100) / 100));
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : percent(v));

function cell(s: string, w: number): string {
  const chars = [...s];
  return chars.length > w ? `${chars.slice(0, w - 1).join('')}…` : s + ' '.repeat(w - chars.length);
}

/** The human view of `relm trend`: one column per assessment, one row per figure. */
export function formatTrend(rawPoints: readonly TrendPoint[], rawClient: string, c: ChalkInstance): string {
  // Labels, titles and the client come from the engagement's files and git.
  const [points, client] = [printableDeep([...rawPoints]), printable(rawClient)];
  const col = 22;
  const head = 36;
  const out: string[] = [c.bold(`Trend: ${client}, ${points.length} assessment${points.length === 1 ? '' : 's'}`), ''];
  const row = (label: string, values: string[], style: (s: string) => string = (s) => s) =>
    out.push(`${style(cell(label, head - 2))}  ${values.map((v) => cell(v, col - 2)).join('  ')}`.trimEnd());
  row(
    '',
    points.map((p) => p.label),
    c.bold,
  );
  row(
    'as of',
    points.map((p) => p.as_of),
    c.dim,
  );
  row(
    'Overall score (0–5)',
    points.map((p) => f1(p.overall.score)),
    c.bold,
  );
  row(
    '  of the way to target',
    points.map((p) => pct(p.overall.percent_to_target)),
  );
  for (const k of PERSPECTIVES)
    row(
      `  ${perspectiveName(k)}`,
      points.map((p) => f1(p.perspectives[k].score)),
    );
  const reqs = [...new Map(points.flatMap((p) => p.requirements.map((r) => [r.id, r.title] as const))).entries()];
  if (reqs.length) {
    out.push('');
    row(
      'Requirements met',
      points.map((p) => `${p.requirements_met} of ${p.requirements.length}`),
      c.bold,
    );
    for (const [id, title] of reqs) {
      row(
        `  ${id} ${title}`,
        points.map((p) => {
          const r = p.requirements.find((x) => x.id === id);
          return r ? `${STATUS[r.status]}${r.gap !== null && r.gap > 0 ? ` (gap ${f1(r.gap)})` : ''}` : '–';
        }),
      );
    }
  }
  out.push('');
  row(
    'DORA',
    points.map((p) => (p.dora ? `band ${p.dora.band ?? '–'}` : 'no releases')),
    c.bold,
  );
  row(
    '  Deployments a week',
    points.map((p) => f2(p.dora?.deployment_frequency_per_week)),
  );
  row(
    '  Lead time (days)',
    points.map((p) => f2(p.dora?.lead_time_days)),
  );
  row(
    '  Change failure rate',
    points.map((p) => pct(p.dora?.change_failure_rate)),
  );
  row(
    '  Time to restore (hours)',
    points.map((p) => f2(p.dora?.recovery_hours)),
  );
  return out.join('\n') + '\n';
}
