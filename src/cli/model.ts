import { findEngagementRoot } from '../engagement/find-root.js';
import { loadEngagement } from '../engagement/load.js';
import type { TeamFile } from '../engagement/types.js';
import { skillCatalogue } from '../model/skills.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { loadBuiltinModel } from '../model/builtin.js';
import type { Model } from '../model/types.js';
import { formatModelOverview, formatPractice, formatSkills, type SkillRow } from '../output/model.js';
import { hint } from '../util/did-you-mean.js';
import { emit } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor } from './ui.js';
import type { RunContext } from './run-context.js';

interface ModelOptions extends CommonOptions {
  json?: boolean;
}

/**
 * The model to show: the engagement's (relm.yaml `model`) inside an engagement, else the built-in one. The
 * engagement need not be valid; its model must load.
 */
function modelFor(ctx: RunContext, opts: ModelOptions): { model: Model; team: TeamFile | null; currency: string } {
  let root: string | null = null;
  try {
    root = findEngagementRoot(ctx.cwd, opts.dir);
  } catch (err) {
    if (opts.dir !== undefined) throw err;
  }
  if (!root) return { model: loadBuiltinModel(), team: null, currency: 'EUR' };
  const r = loadEngagement(root);
  if (!r.model) {
    throw new RelmError("the engagement's model cannot be loaded", EXIT_USAGE, 'Run `relm validate` to see why (relm.yaml `model`, or the model file).');
  }
  return { model: r.model, team: r.engagement?.team ?? null, currency: r.engagement?.manifest.engagement.currency ?? 'EUR' };
}

function skillRows(model: Model, team: TeamFile | null): SkillRow[] {
  const own = new Set((team?.skills ?? []).map((s) => s.id));
  const { skills, redefined } = skillCatalogue(team ?? {}, model.skills);
  return skills.map((s) => ({ ...s, from: redefined.includes(s.id) ? 'team-replaces' : own.has(s.id) ? 'team' : 'model' }));
}

/** `relm model [practice|skills] [--json]`: the model at a glance, one practice in full, or the skill catalogue. */
export function runModel(ctx: RunContext, what: string | undefined, opts: ModelOptions): void {
  const { model, team, currency } = modelFor(ctx, opts);
  const c = colorsFor(ctx, 'stdout');
  const json = (v: unknown) => emit(ctx, JSON.stringify(v, null, 2) + '\n');
  if (what === undefined) {
    if (opts.json) json(model);
    else emit(ctx, formatModelOverview(model, c));
    return;
  }
  if (what === 'skills') {
    const rows = skillRows(model, team);
    if (opts.json) json({ skills: rows, roles: model.roles ?? [] });
    else emit(ctx, formatSkills(rows, model, currency, c));
    return;
  }
  const practice = model.practices.find((p) => p.id === what);
  if (!practice) {
    throw new RelmError(
      `"${what}" is not a practice of the model "${model.id}"${hint(what, [...model.practices.map((p) => p.id), 'skills'])}`,
      EXIT_USAGE,
      '`relm model` lists the practices; `relm model skills` shows the skill catalogue.',
    );
  }
  if (opts.json) json(practice);
  else emit(ctx, formatPractice(practice, c));
}
