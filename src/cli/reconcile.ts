import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { parseAnswerWord } from '../engagement/responses-format.js';
import type { AnswerValue, Engagement } from '../engagement/types.js';
import { writePracticeAnswers, type CriterionUpdate, type ModelOrder } from '../engagement/write-practices.js';
import { assessPractices } from '../engine/assess.js';
import { planConsensus, reconcile, type ConsensusPlan } from '../engine/reconcile.js';
import type { PracticeResult } from '../engine/types.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { withEngagementLock } from '../io/lock.js';
import { formatConsensus, formatPlan } from '../output/reconcile.js';
import { isDate, localToday } from '../util/dates.js';
import { hint } from '../util/did-you-mean.js';
import { emit, loadValidated } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import { percent } from '../util/format.js';
import { writeChecked } from '../engagement/checked-write.js';
import type { RunContext } from './run-context.js';

interface ReconcileOptions extends CommonOptions {
  json?: boolean;
  accept?: string[] | boolean;
  set?: string[];
  because?: string;
  date?: string;
  force?: boolean;
}

function acceptList(v: string[] | boolean | undefined): string[] {
  if (v === undefined || v === false) return [];
  if (v === true) return ['all'];
  const list = v
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);
  return list.length ? list : ['all'];
}

/** --set crit=answer, repeatable. */
export function parseSets(flags: readonly string[], e: Engagement, only?: string): Record<string, AnswerValue> {
  const owner = new Map(e.model.practices.flatMap((p) => p.criteria.map((c) => [c.id, p.id] as const)));
  const out: Record<string, AnswerValue> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 0) throw new RelmError(`--set "${flag}": expected CRITERION=ANSWER`, EXIT_USAGE, 'e.g. --set release-policy-2a=half');
    const cid = flag.slice(0, eq).trim();
    const word = flag.slice(eq + 1).trim();
    const pid = owner.get(cid);
    if (!pid)
      throw new RelmError(
        `--set: "${cid}" is not a criterion of the model "${e.model.id}"${hint(cid, owner.keys())}`,
        EXIT_USAGE,
        '`relm explain PRACTICE` lists the criteria of a practice.',
      );
    if (only !== undefined && pid !== only)
      throw new RelmError(
        `--set: "${cid}" is a criterion of "${pid}", not of "${only}"`,
        EXIT_USAGE,
        `Explain that practice: relm explain ${pid} --set ${flag}`,
      );
    const answer = parseAnswerWord(word);
    if (!answer)
      throw new RelmError(
        `--set ${cid}: "${word}" is not an answer${hint(word, ['none', 'some', 'half', 'most', 'na'])}`,
        EXIT_USAGE,
        'Answer none, some, half, most or na.',
      );
    if (out[cid] !== undefined && out[cid] !== answer)
      throw new RelmError(`--set gives "${cid}" two answers, ${out[cid]} and ${answer}`, EXIT_USAGE, 'Pass one --set per criterion.');
    out[cid] = answer;
  }
  return out;
}

function checkAccept(e: Engagement, names: readonly string[], set: Record<string, AnswerValue>): void {
  const consensus = reconcile(e.model, e.practices, e.responses);
  const answered = new Set((consensus?.criteria ?? []).map((c) => c.criterion));
  const criteria = new Set(e.model.practices.flatMap((p) => p.criteria.map((c) => c.id)));
  const practices = new Set(e.model.practices.map((p) => p.id));
  for (const n of names) {
    if (n === 'all' || practices.has(n)) continue;
    if (!criteria.has(n))
      throw new RelmError(
        `--accept: "${n}" is neither a criterion nor a practice of the model${hint(n, [...criteria, ...practices])}`,
        EXIT_USAGE,
        'Name criteria or practices, comma-separated, or all.',
      );
    if (!answered.has(n))
      throw new RelmError(
        `--accept: no respondent answered "${n}", so there is nothing to accept`,
        EXIT_USAGE,
        `To record a workshop decision: --set ${n}=ANSWER --because "..."`,
      );
    if (set[n] !== undefined)
      throw new RelmError(`"${n}" is both accepted and --set`, EXIT_USAGE, 'Either take the median (--accept) or record a decision (--set), not both.');
  }
}

/** `relm reconcile`: the respondents' answers side by side; with --accept / --set, the consensus into practices.yaml. */
export async function runReconcile(ctx: RunContext, opts: ReconcileOptions): Promise<void> {
  const accept = acceptList(opts.accept);
  const sets = opts.set ?? [];
  if (sets.length && !opts.because?.trim())
    throw new RelmError(
      '--set records a workshop decision, which needs its reason',
      EXIT_USAGE,
      'Add --because "what the workshop found", e.g. --because "the web teams follow the policy, the mainframe team does not".',
    );
  if (opts.because !== undefined && !sets.length)
    throw new RelmError('--because gives the reason of a --set', EXIT_USAGE, 'e.g. relm reconcile --set release-policy-2a=half --because "..."');
  if (opts.date !== undefined && !isDate(opts.date))
    throw new RelmError(`--date: "${opts.date}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-03-10.');
  if (!accept.length && !sets.length) return list(ctx, opts);

  const root = findEngagementRoot(ctx.cwd, opts.dir);
  const result = await withEngagementLock(root, { command: 'reconcile' }, () => write(ctx, root, accept, sets, opts));
  if (!result) return;
  const { plan, before, after } = result;
  if (opts.json) {
    emit(ctx, JSON.stringify({ written: plan.updates, skipped: plan.skipped, unchanged: plan.unchanged }, null, 2) + '\n');
    return;
  }
  const c = colorsFor(ctx, 'stderr');
  writeErr(ctx, formatPlan(plan, c).trimEnd() || 'Nothing to accept.');
  for (const p of after) {
    const b = before.find((x) => x.id === p.id)!;
    const f = (x: number | null, d = 2) => (x === null ? 'n/a' : x.toFixed(d));
    const pct = (x: number) => percent(x, { spaced: true });
    writeErr(
      ctx,
      c.dim(
        `  ${p.id}: score ${f(b.score)} → ${f(p.score)}, level ${b.level ?? 'n/a'} → ${p.level ?? 'n/a'}, gap ${f(b.gap)} → ${f(p.gap)}, confidence ${pct(b.confidence)} → ${pct(p.confidence)}`,
      ),
    );
  }
  if (plan.updates.length) writeErr(ctx, c.dim(`  wrote ${relative(ctx.cwd, join(root, 'practices.yaml')) || 'practices.yaml'}`));
}

function list(ctx: RunContext, opts: ReconcileOptions): void {
  const e = loadValidated(ctx, opts)?.engagement;
  if (!e) return;
  const consensus = reconcile(e.model, e.practices, e.responses);
  if (opts.json) {
    emit(ctx, JSON.stringify(consensus ?? { respondents: [], criteria: [], disagreements: 0, open_disagreements: 0, unsettled: 0 }, null, 2) + '\n');
    return;
  }
  if (!consensus) {
    writeErr(
      ctx,
      'No questionnaire has come back yet: responses/ holds no answers. Send one with `relm questionnaire export`, then `relm questionnaire import FILE` what comes back.',
    );
    return;
  }
  const names = new Map(e.model.practices.map((p) => [p.id, p.name]));
  emit(ctx, formatConsensus(consensus, names, colorsFor(ctx, 'stdout')));
}

function write(
  ctx: RunContext,
  root: string,
  accept: string[],
  sets: string[],
  opts: ReconcileOptions,
): { plan: ConsensusPlan; before: PracticeResult[]; after: PracticeResult[] } | null {
  const e = loadValidated(ctx, opts)?.engagement;
  if (!e) return null;
  const set = parseSets(sets, e);
  checkAccept(e, accept, set);
  const consensus = reconcile(e.model, e.practices, e.responses);
  if (!consensus && accept.length)
    throw new RelmError(
      'no questionnaire has come back yet, so there is nothing to accept',
      EXIT_USAGE,
      'Import the returned questionnaires first: relm questionnaire import FILE.',
    );
  const plan = planConsensus(e.model, consensus, { accept, set, because: opts.because?.trim(), date: opts.date ?? localToday(ctx.now()), force: opts.force });
  const touched = [...new Set(plan.updates.map((u) => u.practice))];
  const before = assessPractices(e).filter((p) => touched.includes(p.id));
  if (!plan.updates.length) return { plan, before, after: before };
  const file = join(root, 'practices.yaml');
  let text = readFileSync(file, 'utf8');
  for (const pid of touched) {
    const answers: Record<string, CriterionUpdate> = {};
    for (const u of plan.updates.filter((x) => x.practice === pid))
      answers[u.criterion] = { answer: u.answer, sources: u.sources, ...(u.decision ? { decision: u.decision } : {}) };
    const order: ModelOrder = {
      practices: e.model.practices.map((p) => p.id),
      criteria: e.model.practices.find((p) => p.id === pid)!.criteria.map((c) => c.id),
    };
    text = writePracticeAnswers(text, { practice: pid, answers }, order);
  }
  writeChecked(root, [{ rel: 'practices.yaml', data: text }], 'reconcile');
  const again = loadValidated(ctx, opts)?.engagement;
  const after = again ? assessPractices(again).filter((p) => touched.includes(p.id)) : before;
  return { plan, before, after };
}
