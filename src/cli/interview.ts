import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Engagement, PersonRef } from '../engagement/types.js';
import { interviewFor, interviewNotesWrite, savePracticeAnswers } from '../engagement/record-interview.js';
import { practiceState } from '../engagement/write-practices.js';
import { scorePractice, type PracticeScore } from '../engine/scoring.js';
import { choose } from './choice-prompt.js';
import { askPractice, type AskText, type Session } from './interview-practice.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { withEngagementLock } from '../io/lock.js';
import type { Practice } from '../model/types.js';
import { isDate, localToday } from '../util/dates.js';
import { hint } from '../util/did-you-mean.js';
import { loadValidated } from './context.js';
import { parsePerson } from './init.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import { targetOf } from '../engagement/targets.js';
import type { RunContext } from './run-context.js';

interface InterviewOptions extends CommonOptions {
  interviewee?: string[];
  role?: string[];
  date?: string;
}

/** 128 + SIGINT, what a shell reports for a command stopped with Ctrl-C. */
const EXIT_INTERRUPTED = 130;

/** --interviewee NAME (or "Name (Role)"), repeatable, with the i-th --role for the i-th interviewee. */
function interviewees(opts: InterviewOptions): PersonRef[] {
  const names = opts.interviewee ?? [];
  const roles = opts.role ?? [];
  if (!names.length) {
    if (roles.length || opts.date !== undefined) {
      throw new RelmError(
        '--role and --date describe an interview: pass --interviewee NAME too',
        EXIT_USAGE,
        'e.g. relm interview release-policy --interviewee "Hendrik Voss" --role "Release manager" --date 2026-04-01',
      );
    }
    return [];
  }
  if (roles.length > names.length)
    throw new RelmError(
      `${roles.length} --role flags for ${names.length} --interviewee`,
      EXIT_USAGE,
      'The i-th --role goes with the i-th --interviewee: --interviewee NAME --role ROLE, repeated.',
    );
  return names.map((n, i) => {
    const p = parsePerson(n);
    if (!p.name)
      throw new RelmError('--interviewee: the name is empty', EXIT_USAGE, 'Pass the name of the person interviewed, e.g. --interviewee "Hendrik Voss".');
    const role = roles[i]?.trim() || p.role;
    return role ? { name: p.name, role } : { name: p.name };
  });
}

function choosePractices(e: Engagement, ids: string[]): Practice[] {
  const byId = new Map(e.model.practices.map((p) => [p.id, p]));
  if (!ids.length) return e.model.practices;
  return [...new Set(ids)].map((id) => {
    const p = byId.get(id);
    if (!p) {
      throw new RelmError(
        `"${id}" is not a practice of the model "${e.model.id}"${hint(id, byId.keys())}`,
        EXIT_USAGE,
        `Name a practice id (e.g. ${e.model.practices[0]?.id ?? 'release-policy'}), or run \`relm interview\` without one to go through them all.`,
      );
    }
    return p;
  });
}

function scoreLine(s: PracticeScore): string {
  if (s.method === 'na') return 'not applicable';
  if (s.score === null) return 'not assessed';
  return `score ${s.score.toFixed(2)}, level ${s.level}`;
}

function levelLine(s: PracticeScore): string {
  return (s.levelScores ?? []).map((m, i) => `L${i + 1} ${m.toFixed(2)}`).join(' · ');
}

/** `relm interview [practices...]`: a guided questionnaire that writes the answers into practices.yaml. */
export async function runInterview(ctx: RunContext, ids: string[], opts: InterviewOptions): Promise<void> {
  const people = interviewees(opts);
  if (opts.date !== undefined && !isDate(opts.date))
    throw new RelmError(`--date: "${opts.date}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-04-01.');
  if (ctx.stdin.isTTY !== true || ctx.stdout.isTTY !== true) {
    throw new RelmError(
      'relm interview asks its questions on a terminal, and there is none here',
      EXIT_USAGE,
      'Run it in an interactive terminal, or edit practices.yaml directly: answer each criterion with none, some, half, most or na (`relm schema practices` gives the format), then run `relm validate`.',
    );
  }
  const result = loadValidated(ctx, opts);
  if (!result) return;
  const e = result.engagement;
  const practices = choosePractices(e, ids);
  const interview = people.length ? interviewFor(e, people, opts.date ?? localToday(ctx.now())) : null;

  const { default: inquirer } = await import('inquirer');
  const askText: AskText = async (q) =>
    String(await inquirer.prompt([{ type: 'input', name: 'value', ...q } as never]).then((a) => (a as { value: unknown }).value)).trim();
  const c = colorsFor(ctx, 'stderr');
  const saved: string[] = [];
  let inProgress: string | null = null;
  const session: Session | null = interview ? { id: interview.id, who: interview.interviewees.map((p) => p.name).join(' and ') } : null;

  if (interview) {
    const who = interview.interviewees.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(', ');
    writeErr(ctx, `Interview ${c.bold(interview.id)} with ${who} on ${interview.date}: ${interview.existing ? 'adding to' : 'notes in'} ${interview.file}`);
  }
  writeErr(
    ctx,
    c.dim(
      'Answers are saved in practices.yaml after each practice. Enter keeps the current answer, Esc returns to it, ← (or < in a note) goes back a question; Ctrl-C stops, keeping the practices done.',
    ),
  );

  try {
    for (const [k, practice] of practices.entries()) {
      inProgress = null;
      const before = editable('practices.yaml', () => practiceState(readFileSync(join(result.root, 'practices.yaml'), 'utf8'), practice.id));
      const scoreBefore = scorePractice(practice, before);
      ctx.stderr.write('\n');
      writeErr(
        ctx,
        c.bold(`${practice.name} (${practice.id})`) + c.dim(` · ${practice.perspective}${practices.length > 1 ? ` · ${k + 1} of ${practices.length}` : ''}`),
      );
      if (practice.description) writeErr(ctx, c.dim(`  ${firstSentence(practice.description)}`));
      writeErr(
        ctx,
        `  now: ${scoreLine(scoreBefore)}; ${Math.round(scoreBefore.coverage * 100)} % of ${practice.criteria.length} criteria answered; target ${targetOf(e.target.targets, practice.id) ?? 'none'}`,
      );
      if (before?.na !== undefined) writeErr(ctx, c.yellow(`  marked not applicable (${before.na}): answers are kept but not scored while \`na\` is set`));

      if (practices.length > 1) {
        const go = await choose({
          message: `Interview ${practice.id}?`,
          choices: [
            { value: 'answer', name: 'answer its criteria' },
            { value: 'skip', name: 'skip it' },
            { value: 'stop', name: 'stop the interview here' },
          ],
          default: 'answer',
        });
        if (go === 'stop') break;
        if (go === 'skip') continue;
      }
      inProgress = practice.id;

      const got = await askPractice(practice, before, session, askText);
      // An answer given confirms one carried over from a previous assessment (it moves its `confirmed` date).
      for (const u of Object.values(got.answers)) u.confirmed = interview?.date ?? localToday(ctx.now());
      // Each practice is read, edited and written holding the engagement's write lock (not the whole interview).
      const out = await withEngagementLock(result.root, { command: `interview ${practice.id}` }, () => {
        const notes = interview && got.covered ? editable(interview.file, () => interviewNotesWrite(result.root, interview, got.said, e.model)) : null;
        const sources = interview && got.covered ? [interview.id] : [];
        return savePracticeAnswers(result.root, e.model, practice, { ...got, sources }, editable, notes ? [notes] : []);
      });
      inProgress = null;
      saved.push(practice.id);
      reportPractice(ctx, practice, scoreBefore, practiceState(out, practice.id), targetOf(e.target.targets, practice.id) ?? 'none', c);
    }
  } catch (err) {
    if ((err as Error | undefined)?.name === 'ExitPromptError') {
      ctx.stderr.write('\n');
      throw new RelmError(
        `interview stopped: ${[saved.length ? `${saved.join(', ')} saved in practices.yaml` : '', inProgress ? `the answers to ${inProgress} were not saved` : ''].filter(Boolean).join('; ') || 'nothing was saved'}`,
        EXIT_INTERRUPTED,
        inProgress
          ? `Run \`relm interview ${inProgress}${interview ? ` --interviewee "${interview.interviewees[0]!.name}" --date ${interview.date}` : ''}\` to take it up again.`
          : undefined,
      );
    }
    throw err;
  }
  ctx.stderr.write('\n');
  writeErr(
    ctx,
    `${c.green('✔')} ${saved.length === 1 ? '1 practice' : `${saved.length} practices`} saved in practices.yaml${interview && existsSync(join(result.root, interview.file)) ? `; interview notes in ${interview.file}` : ''}. Next: \`relm validate\`, then \`relm assess\`.`,
  );
}

/** Runs a read or edit of a file that someone may have changed (and broken) in an editor while the interview ran. */
function editable<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RelmError || (err as Error | undefined)?.name === 'ExitPromptError') throw err;
    throw new RelmError(
      `cannot edit ${file}: ${(err as Error).message}`,
      EXIT_USAGE,
      `It no longer parses as relm wrote or found it; fix it (see \`relm validate\`), then run \`relm interview\` again for the practices not saved.`,
    );
  }
}

function firstSentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^.*?[.!?](?=\s|$)/.exec(t);
  return m ? m[0] : t;
}

function reportPractice(
  ctx: RunContext,
  practice: Practice,
  before: PracticeScore,
  state: ReturnType<typeof practiceState>,
  target: number | string,
  c: ChalkInstance,
): void {
  const after = scorePractice(practice, state);
  const was = before.score === null ? '' : c.dim(` (was ${before.score.toFixed(2)}, level ${before.level})`);
  writeErr(ctx, `${c.green('✔')} ${practice.id} saved: ${c.bold(scoreLine(after))}${was}; target ${target}`);
  if (after.levelScores) writeErr(ctx, c.dim(`  by level: ${levelLine(after)}`));
  if (state?.rating !== undefined && state.answers)
    writeErr(ctx, c.yellow(`  its quick rating ${state.rating} is now ignored, as it has answers; remove \`rating\` from practices.yaml`));
}
