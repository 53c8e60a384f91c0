import type { Engagement, EvidenceRef, PersonRef } from '../engagement/types.js';
import type { Assessment, PracticeResult, ReleaseAnalysis } from '../engine/types.js';
import { PERSPECTIVES, type Perspective } from '../model/types.js';
import { planView } from './plan-view.js';

export const PERSPECTIVE_NAMES: Record<Perspective, string> = {
  people: 'People',
  process: 'Process',
  technology: 'Technology',
  organization: 'Organization',
  integration: 'Integration',
};

export const PERSPECTIVE_QUESTIONS: Record<Perspective, string> = {
  people: 'Do the people who maintain and release the systems have the skills, roles and knowledge they need?',
  process: 'Are releases planned, prioritised, tested and documented in a repeatable, measured way?',
  technology: 'Do the tools, environments and automation support frequent, safe releases across platforms?',
  organization: 'Is the maintenance effort organised, governed and costed, and how does the business see IT?',
  integration: 'Is release management linked to change, configuration, incident, problem, availability and service level management?',
};

export const ENGAGEMENT_PHASES = [
  { name: 'Assessment', summary: 'gather information on the current release and maintenance practices, interview the people involved, analyse the backlog and the release record' },
  { name: 'Architecture and design', summary: 'define the desired future state, tactical recommendations and a strategic solution model' },
  { name: 'Planning', summary: 'the strategic plan: roadmap in phases, size and scope, training plan' },
  { name: 'Implementation', summary: 'carry out the recommendations phase by phase' },
  { name: 'Support', summary: 'measure the results and keep improving' },
];

export interface PracticeView extends PracticeResult {
  perspective_name: string;
  description: string | null;
  status: string;
  notes: string | null;
  evidence_refs: EvidenceRef[];
  sources: string[];
  levels: { level: number; value: number }[];
  criteria: { id: string; level: number; text: string; answer: string; notes: string | null }[];
}

function personLine(p: PersonRef): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

function statusOf(p: PracticeResult): string {
  if (p.na) return 'not applicable';
  if (!p.assessed) return 'not assessed';
  if (p.method === 'rating') return 'rated';
  return 'assessed';
}

/** The data the report templates see: the assessment joined with the engagement's texts. */
export function reportView(a: Assessment, e: Engagement) {
  const modelPractices = new Map(e.model.practices.map((p) => [p.id, p]));
  const practices: PracticeView[] = a.practices.map((p) => {
    const state = e.practices.practices[p.id] ?? {};
    const mp = modelPractices.get(p.id)!;
    const answers = state.answers ?? {};
    return {
      ...p,
      perspective_name: PERSPECTIVE_NAMES[p.perspective],
      description: mp.description ?? null,
      status: statusOf(p),
      notes: state.notes ?? state.na ?? null,
      evidence_refs: [
        ...(state.evidence ?? []),
        ...Object.values(answers).flatMap((x) => (x && typeof x === 'object' ? x.evidence ?? [] : [])),
      ],
      sources: state.sources ?? [],
      levels: (p.level_scores ?? []).map((value, i) => ({ level: i + 1, value })),
      criteria: mp.criteria.map((c) => {
        const x = answers[c.id];
        return {
          id: c.id,
          level: c.level,
          text: c.text,
          answer: x === undefined || x === null ? 'unanswered' : typeof x === 'string' ? x : x.answer,
          notes: x && typeof x === 'object' ? x.notes ?? null : null,
        };
      }),
    };
  });
  const byId = new Map(practices.map((p) => [p.id, p]));
  const gapOrder = [...practices].filter((p) => p.gap !== null).sort((x, y) => y.gap! - x.gap! || x.id.localeCompare(y.id));
  const m = e.manifest.engagement;
  const weakest = a.overall.weakest;
  return {
    client: m.client,
    title: a.engagement.title,
    as_of: a.as_of,
    assessed: e.practices.assessed ?? null,
    horizon: e.target.horizon ?? null,
    consultants: (m.consultants ?? []).map(personLine),
    sponsor: m.sponsor ? personLine(m.sponsor) : null,
    model: { name: e.model.name, version: e.model.version, practices: e.model.practices.length, criteria: e.model.practices.reduce((n, p) => n + p.criteria.length, 0) },
    overall: { ...a.overall, weakest_name: weakest ? PERSPECTIVE_NAMES[weakest] : null },
    counts: {
      practices: practices.length,
      assessed: practices.filter((p) => p.assessed).length,
      rated: practices.filter((p) => p.method === 'rating').length,
      not_assessed: practices.filter((p) => !p.assessed && !p.na).length,
      na: practices.filter((p) => p.na).length,
      interviews: e.interviews.length,
    },
    phases: ENGAGEMENT_PHASES,
    perspectives: PERSPECTIVES.map((k) => ({
      id: k,
      name: PERSPECTIVE_NAMES[k],
      question: PERSPECTIVE_QUESTIONS[k],
      ...a.perspectives[k],
      practices: a.perspectives[k].practices.map((id) => byId.get(id)!),
    })),
    top_gaps: gapOrder.filter((p) => p.gap! > 0).slice(0, 5),
    gap_table: gapOrder,
    requirements: (e.target.requirements ?? []).map((r, i) => ({
      rank: i + 1,
      id: r.id,
      title: r.title,
      description: r.description ?? null,
      metric: r.metric ?? null,
      practices: (r.practices ?? []).map((id) => byId.get(id)!),
    })),
    currency: a.engagement.currency,
    day_rate: a.engagement.day_rate,
    plan: planView(a, e),
    evidence: practices.filter((p) => p.evidence_refs.length).map((p) => ({ name: p.name, refs: p.evidence_refs })),
    calibration: calibrationView(practices),
    backlog: backlogView(a, e),
    releases: releasesView(a),
    interviews: e.interviews.map((iv) => ({
      id: iv.id,
      date: iv.date,
      interviewees: (iv.interviewees ?? []).map(personLine),
      practices: iv.practices ?? [],
      cited_by: practices.filter((p) => p.sources.includes(iv.id)).map((p) => p.name),
    })),
  };
}

export type ReportView = ReturnType<typeof reportView>;

function formatValue(v: number | string | null, metric: string): string {
  if (v === null) return 'no data';
  if (typeof v === 'string') return v;
  if (/(_share|_rate)$/.test(metric)) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** The evidence check, for the report: every rule that applied, the disagreements first. */
function calibrationView(practices: readonly PracticeView[]) {
  const rows = practices.flatMap((p) =>
    p.evidence.map((e) => ({
      practice: p.name,
      level: p.level,
      method: p.method,
      confidence: p.confidence,
      metric: e.metric,
      window: e.window_days,
      value: formatValue(e.value, e.metric),
      expected: e.min_band ? `${e.min_band} or better` : [e.min !== null ? `≥ ${formatValue(e.min, e.metric)}` : '', e.max !== null ? `≤ ${formatValue(e.max, e.metric)}` : ''].filter(Boolean).join(' and '),
      from_level: e.from_level,
      ok: e.ok,
      says: e.says,
    })),
  );
  return {
    checked: rows.length,
    mismatches: rows.filter((r) => r.ok === false),
    supported: rows.filter((r) => r.ok === true),
    no_data: rows.filter((r) => r.ok === null),
  };
}

const BAND_NAMES = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' } as const;

function backlogView(a: Assessment, e: Engagement) {
  const b = a.backlog;
  if (!b) return null;
  const title = new Map((e.backlog?.items ?? []).map((i) => [i.id, i.title]));
  const item = (id: string) => ({ id, title: title.get(id) ?? '' });
  return {
    ...b,
    by_priority_list: Object.entries(b.by_priority).map(([k, v]) => ({ key: k, count: v })),
    by_status_list: Object.entries(b.by_status).map(([k, v]) => ({ key: k, count: v })),
    type_mix: b.type_mix.map((t) => ({ ...t, reference_share: t.reference_share })),
    explicit_duplicates: b.duplicates.explicit.map(([dup, orig]) => ({ duplicate: item(dup), original: item(orig) })),
    candidate_duplicates: b.duplicates.candidates.map((c) => ({ a: item(c.a), b: item(c.b), similarity: c.similarity })),
    obsolete: b.obsolete_candidates.map((id) => ({
      ...item(id),
      by: (e.backlog?.items ?? []).filter((i) => (i.supersedes ?? []).includes(id)).map((i) => i.id),
    })),
    emergencies: b.emergency_open.map(item),
    calendar_effort: b.release_calendar.reduce((t, r) => t + r.effort_days, 0),
    calendar_items: b.release_calendar.reduce((t, r) => t + r.items.length, 0),
  };
}

const num = (v: number | null, unit: string, digits = 1) => (v === null ? null : `${v.toFixed(digits)} ${unit}`);
const pct = (v: number | null) => (v === null ? null : `${Math.round(v * 1000) / 10}%`);

/** The four DORA metrics as the documents show them: measured value (null: no data), band, target, thresholds. */
export function doraMetrics(r: ReleaseAnalysis) {
  const t = r.targets;
  const row = (key: keyof ReleaseAnalysis['bands'], name: string, value: string | null, target: string | null, thresholds: string) => ({ key, name, value, band: r.bands[key], target, thresholds });
  return [
    row('deployment_frequency_per_week', 'Deployment frequency', num(r.deployment_frequency_per_week, 'per week', 2), t.deployment_frequency_per_week !== undefined ? `${t.deployment_frequency_per_week} per week` : null, 'elite ≥ 7/week, high ≥ 1/week, medium ≥ 1/month'),
    row('lead_time_days', 'Lead time for changes', num(r.lead_time_days, 'days'), t.lead_time_days !== undefined ? `${t.lead_time_days} days` : null, 'elite < 1 day, high ≤ 1 week, medium ≤ 1 month'),
    row('change_failure_rate', 'Change failure rate', pct(r.change_failure_rate), t.change_failure_rate !== undefined ? pct(t.change_failure_rate) : null, 'elite ≤ 5%, high ≤ 10%, medium ≤ 15%'),
    row('recovery_hours', 'Deployment recovery time', num(r.recovery_hours, 'hours'), t.recovery_hours !== undefined ? `${t.recovery_hours} hours` : null, 'elite < 1 hour, high < 1 day, medium ≤ 1 week'),
  ];
}

function releasesView(a: Assessment) {
  const r = a.releases;
  if (!r) return null;
  return {
    ...r,
    band_name: r.band ? BAND_NAMES[r.band] : null,
    dora: doraMetrics(r).map((m) => ({ ...m, value: m.value ?? 'no data', band: m.band ? BAND_NAMES[m.band] : 'no data' })),
    rework: pct(r.rework_rate) ?? 'no data',
    emergency: pct(r.emergency_share) ?? 'no data',
    request_lead_time: num(r.request_lead_time_days, 'days') ?? 'no data',
    by_type: Object.entries(r.success_rate_by_type).map(([k, v]) => ({ key: k, ...v })),
    by_application: Object.entries(r.success_rate_by_application).map(([k, v]) => ({ key: k, ...v })),
  };
}
