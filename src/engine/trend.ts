/**
 * The engagement across re-assessments (`relm trend`): the figures of each assessment, as assess() gives
 * them, side by side. Pure: the CLI reads the engagement at each revision; nothing is re-computed here
 * except each requirement's gap (the sum of its practices' gaps).
 */
import { PERSPECTIVES, type Perspective } from '../model/types.js';
import type { Assessment, Band, Overall, RequirementMetric, RequirementStatus } from './types.js';

export interface TrendPoint {
  /** The tag or revision, "working tree", or the previous engagement's folder. */
  label: string;
  /** The git revision read; null for a working tree. */
  revision: string | null;
  commit: string | null;
  /** The folder of a previous engagement (`previous` in relm.yaml); null for this one. */
  engagement: string | null;
  as_of: string;
  overall: Overall;
  perspectives: Record<Perspective, { score: number | null; target: number | null; gap: number | null }>;
  practices: { id: string; score: number | null; level: number | null; target: number | null; gap: number | null }[];
  requirements: {
    id: string;
    title: string;
    status: RequirementStatus;
    reaches_target: string | null;
    /** Σ gap of its practices; null when one of them is not assessed. */
    gap: number | null;
    metrics: RequirementMetric[];
  }[];
  requirements_met: number;
  dora: {
    deployment_frequency_per_week: number | null;
    lead_time_days: number | null;
    change_failure_rate: number | null;
    recovery_hours: number | null;
    band: Band | null;
  } | null;
}

export interface TrendSource {
  label: string;
  revision: string | null;
  commit: string | null;
  engagement: string | null;
}

/** One point of the trend: the assessment's figures, unrounded. */
export function trendPoint(a: Assessment, src: TrendSource): TrendPoint {
  const practices = new Map(a.practices.map((p) => [p.id, p]));
  return {
    ...src,
    as_of: a.as_of,
    overall: { ...a.overall },
    perspectives: Object.fromEntries(
      PERSPECTIVES.map((k) => [k, { score: a.perspectives[k].score, target: a.perspectives[k].target, gap: a.perspectives[k].gap }]),
    ) as TrendPoint['perspectives'],
    practices: a.practices.map((p) => ({ id: p.id, score: p.score, level: p.level, target: p.target, gap: p.gap })),
    requirements: a.requirements.map((t) => {
      const own = t.practices.map((id) => practices.get(id)).filter((p) => p !== undefined && !p.na);
      const gap = own.some((p) => p!.gap === null) ? null : own.reduce((s, p) => s + p!.gap!, 0);
      return { id: t.id, title: t.title, status: t.status, reaches_target: t.reaches_target, gap, metrics: t.metrics };
    }),
    requirements_met: a.requirements.filter((t) => t.status === 'met').length,
    dora: a.releases
      ? {
          deployment_frequency_per_week: a.releases.deployment_frequency_per_week,
          lead_time_days: a.releases.lead_time_days,
          change_failure_rate: a.releases.change_failure_rate,
          recovery_hours: a.releases.recovery_hours,
          band: a.releases.band,
        }
      : null,
  };
}
