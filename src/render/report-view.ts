import type { Engagement, EvidenceRef, PersonRef } from '../engagement/types.js';
import type { Assessment, PracticeResult } from '../engine/types.js';
import { PERSPECTIVES, type Perspective } from '../model/types.js';

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
