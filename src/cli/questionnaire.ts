import { existsSync, readFileSync } from 'node:fs';
import { readStdin, STDIN } from '../io/stdin.js';
import { basename, extname, join, relative, resolve } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { readAnswersJson, readWorkbook, type ImportFinding, type ReturnedQuestionnaire } from '../engagement/responses-read.js';
import { RESPONSES_DIR } from '../engagement/responses.js';
import { changedAnswers, newResponsesFile, updateResponsesFile, type ResponsesChange, type ResponsesOrder } from '../engagement/responses-write.js';
import type { Answer, Engagement, PersonRef, Responses } from '../engagement/types.js';
import { answerValue } from '../engine/scoring.js';
import { findInterview, newInterviewFile, nextInterviewId, updateInterviewFile } from '../engagement/write-interview.js';
import { EXIT_FINDINGS, EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { confineOutputFile } from '../io/staging.js';
import { withEngagementLock } from '../io/lock.js';
import { PERSPECTIVES } from '../model/types.js';
import { date as longDate } from '../render/words.js';
import { isDate, localToday } from '../util/dates.js';
import { hint } from '../util/did-you-mean.js';
import { loadValidated } from './context.js';
import { parsePerson } from './init.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import { writeChecked } from '../engagement/checked-write.js';
import type { RunContext } from './run-context.js';

interface ExportOptions extends CommonOptions {
  output?: string;
  format?: string;
  practices?: string[];
  for?: string;
  deadline?: string;
  force?: boolean;
}

interface ImportOptions extends CommonOptions {
  interviewee?: string;
  role?: string;
  date?: string;
  force?: boolean;
}

const FORMATS = ['xlsx', 'html'] as const;
type Format = (typeof FORMATS)[number];

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function shown(ctx: RunContext, path: string): string {
  if (path === STDIN) return 'standard input';
  return relative(ctx.cwd, path) || basename(path);
}

/** --practices: practice ids or perspective names, comma-separated and repeatable; default every practice not marked na. */
function choosePractices(e: Engagement, flags: readonly string[]): string[] {
  const names = flags
    .flatMap((f) => f.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length) return e.model.practices.filter((p) => e.practices.practices[p.id]?.na === undefined).map((p) => p.id);
  const ids = new Set(e.model.practices.map((p) => p.id));
  const chosen = new Set<string>();
  for (const n of names) {
    if ((PERSPECTIVES as readonly string[]).includes(n)) {
      for (const p of e.model.practices) if (p.perspective === n) chosen.add(p.id);
    } else if (ids.has(n)) chosen.add(n);
    else {
      throw new RelmError(
        `--practices: "${n}" is neither a practice of the model "${e.model.id}" nor a perspective${hint(n, [...ids, ...PERSPECTIVES])}`,
        EXIT_USAGE,
        'Name practice ids or perspectives, comma-separated, e.g. --practices release-policy,testing-strategy or --practices process; `relm assess` lists the practices.',
      );
    }
  }
  return e.model.practices.filter((p) => chosen.has(p.id)).map((p) => p.id);
}

function formatOf(opts: ExportOptions): Format {
  if (opts.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(opts.format))
      throw new RelmError(
        `--format: "${opts.format}" is not a questionnaire format${hint(opts.format, FORMATS)}`,
        EXIT_USAGE,
        'Choose xlsx (an Excel workbook) or html (an offline form that saves a JSON file).',
      );
    return opts.format as Format;
  }
  const ext = opts.output ? extname(opts.output).toLowerCase() : '';
  return ext === '.html' || ext === '.htm' ? 'html' : 'xlsx';
}

/** `relm questionnaire export`: an Excel workbook (or an offline HTML form) for one respondent, or for anyone. */
export async function runQuestionnaireExport(ctx: RunContext, opts: ExportOptions): Promise<void> {
  const format = formatOf(opts);
  if (opts.deadline !== undefined && !isDate(opts.deadline))
    throw new RelmError(`--deadline: "${opts.deadline}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-03-20.');
  const who = opts.for !== undefined ? parsePerson(opts.for) : null;
  if (who && !who.name)
    throw new RelmError('--for: the name is empty', EXIT_USAGE, 'Pass who the questionnaire is for, e.g. --for "Hendrik Voss (Release manager)".');
  const result = loadValidated(ctx, opts);
  if (!result) return;
  const e = result.engagement;
  const practices = choosePractices(e, opts.practices ?? []);
  if (!practices.length)
    throw new RelmError(
      'there is no practice to ask about: every practice is marked not applicable',
      EXIT_USAGE,
      'Name the practices to ask about with --practices.',
    );
  const defaultName = `questionnaire${who ? `-${slug(who.name)}` : ''}.${format}`;
  const out = confineOutputFile(
    result.root,
    opts.output ? resolve(ctx.cwd, opts.output) : join(result.root, e.manifest.output?.dir ?? 'out', defaultName),
    opts.output ? '-o' : 'relm.yaml output.dir',
    e.manifest.model ? [e.manifest.model] : [],
  );
  if (existsSync(out) && !opts.force) {
    throw new RelmError(
      `${shown(ctx, out)} already exists; relm does not overwrite it (it may be a questionnaire someone filled in)`,
      EXIT_USAGE,
      'Pass -o with another file name, or --force to replace it.',
    );
  }

  const { questionnaireSpec } = await import('../render/questionnaire.js');
  const spec = questionnaireSpec(e, { practices, for: who, deadline: opts.deadline ? longDate(opts.deadline) : null });
  const bytes =
    format === 'xlsx'
      ? await (await import('../render/questionnaire-xlsx.js')).questionnaireXlsx(spec)
      : (await import('../render/questionnaire-html.js')).questionnaireHtml(spec);
  atomicWrite(out, bytes);
  const criteria = spec.perspectives.reduce((n, k) => n + k.practices.reduce((m, p) => m + p.criteria.length, 0), 0);
  const c = colorsFor(ctx, 'stderr');
  writeErr(
    ctx,
    `${c.green('✔')} wrote ${shown(ctx, out)}: ${practices.length} practice${practices.length === 1 ? '' : 's'}, ${criteria} statements${who ? `, for ${opts.for}` : ''}.`,
  );
  writeErr(
    ctx,
    c.dim(
      format === 'xlsx'
        ? '  Send it out; when it comes back: relm questionnaire import FILE.xlsx'
        : '  Send it out; the respondent opens it in a browser, answers, and saves a JSON file. Then: relm questionnaire import FILE.json',
    ),
  );
}

async function readReturned(ctx: RunContext, file: string, e: Engagement): Promise<ReturnedQuestionnaire> {
  let bytes: Buffer;
  try {
    bytes = file === STDIN ? readStdin('relm questionnaire import', 'relm questionnaire import - < answers.json') : readFileSync(file);
  } catch (err) {
    if (err instanceof RelmError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new RelmError(
      `cannot read ${shown(ctx, file)}: ${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}`,
      EXIT_USAGE,
      'Name the questionnaire file that came back (.xlsx or .json).',
    );
  }
  const ext = extname(file).toLowerCase();
  const zip = bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (ext === '.json' || (!zip && ext !== '.xlsx')) return readAnswersJson(bytes.toString('utf8'), e.model);
  if (ext === '.xls')
    throw new RelmError(
      `${shown(ctx, file)} is an old-style Excel file (.xls)`,
      EXIT_USAGE,
      'Open it in Excel and save it as "Excel Workbook (.xlsx)", then import that.',
    );
  return readWorkbook(bytes, e.model);
}

function printFindings(ctx: RunContext, file: string, findings: readonly ImportFinding[]): void {
  const c = colorsFor(ctx, 'stderr');
  for (const f of findings) {
    const sev = f.severity === 'error' ? c.red('error') : c.yellow('warning');
    writeErr(ctx, `${file}: ${c.bold(f.where)}: ${sev} ${f.message} ${c.dim(f.code)}`);
  }
}

/** The respondent: --interviewee (with --role) over what the questionnaire says. */
function respondentOf(q: ReturnedQuestionnaire, opts: ImportOptions): PersonRef {
  if (opts.interviewee !== undefined) {
    const p = parsePerson(opts.interviewee);
    if (!p.name) throw new RelmError('--interviewee: the name is empty', EXIT_USAGE, 'Pass who answered, e.g. --interviewee "Hendrik Voss (Release manager)".');
    const role = opts.role?.trim() || p.role || (q.respondent && q.respondent.name.toLowerCase() === p.name.toLowerCase() ? q.respondent.role : undefined);
    return role ? { name: p.name, role } : { name: p.name };
  }
  if (!q.respondent)
    throw new RelmError('the questionnaire does not say who answered it', EXIT_USAGE, 'Pass --interviewee "Name (Role)"; nothing was written.');
  const role = opts.role?.trim() || q.respondent.role;
  return role ? { name: q.respondent.name, role } : { name: q.respondent.name };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

interface Target {
  id: string;
  existing: Responses | null;
  interviewFile: string;
  interviewExists: boolean;
}

/** The respondent's id: their responses file, else an interview with them on that date, else the next free interview id. */
function targetFor(e: Engagement, who: PersonRef, date: string): Target {
  const existing = (e.responses ?? []).find((r) => sameName(r.respondent.name, who.name)) ?? null;
  if (existing) {
    const iv = e.interviews.find((i) => i.id === existing.id);
    return { id: existing.id, existing, interviewFile: iv?.file ?? `interviews/${existing.id}.md`, interviewExists: !!iv };
  }
  const iv = findInterview(e.interviews, date, [who.name]);
  if (iv && !(e.responses ?? []).some((r) => r.id === iv.id)) return { id: iv.id, existing: null, interviewFile: iv.file, interviewExists: true };
  const id = nextInterviewId([...e.interviews.map((i) => i.id), ...e.interviews.map((i) => basename(i.file)), ...(e.responses ?? []).map((r) => r.id)]);
  return { id, existing: null, interviewFile: `interviews/${id}.md`, interviewExists: false };
}

/** `relm questionnaire import`: a returned questionnaire into responses/<id>.yaml and its interview record; all or nothing. */
export async function runQuestionnaireImport(ctx: RunContext, file: string, opts: ImportOptions): Promise<void> {
  if (opts.date !== undefined && !isDate(opts.date))
    throw new RelmError(`--date: "${opts.date}" is not a date`, EXIT_USAGE, 'Write it as YYYY-MM-DD, e.g. 2026-03-05.');
  const path = file === STDIN ? STDIN : resolve(ctx.cwd, file);
  const root = findEngagementRoot(ctx.cwd, opts.dir);
  const first = loadValidated(ctx, opts)?.engagement;
  if (!first) return;
  const q = await readReturned(ctx, path, first);
  // --date says when they answered: a date cell that cannot be read does not matter then.
  if (opts.date !== undefined) q.findings = q.findings.filter((f) => f.code !== 'not-a-date');
  printFindings(ctx, shown(ctx, path), q.findings);
  const failed = q.findings.filter((f) => f.severity === 'error');
  const errors = failed.reduce((n, f) => n + (f.cells ?? 1), 0);
  if (failed.length && !errors) {
    writeErr(ctx, `relm: nothing was imported from ${shown(ctx, path)} (see above).`);
    ctx.exitCode = EXIT_FINDINGS;
    return;
  }
  if (errors) {
    writeErr(
      ctx,
      `relm: ${errors} cell${errors === 1 ? '' : 's'} of ${shown(ctx, path)} cannot be read; fix ${errors === 1 ? 'it' : 'them'} (or ask the respondent to) and import again. Nothing was imported.`,
    );
    ctx.exitCode = EXIT_FINDINGS;
    return;
  }
  if (!q.answers.length) {
    throw new RelmError(
      `${shown(ctx, path)} holds no answer: every statement is blank`,
      EXIT_FINDINGS,
      'Is this the questionnaire as it was sent out? Nothing was imported.',
    );
  }
  const who = respondentOf(q, opts);
  const date = opts.date ?? q.date ?? localToday(ctx.now());

  const outcome = await withEngagementLock(root, { command: `questionnaire import ${basename(path)}` }, () => {
    // Read again holding the lock: another command may have changed the files since.
    const e = loadValidated(ctx, opts)?.engagement;
    if (!e) return null;
    const target = targetFor(e, who, date);
    const order: ResponsesOrder = {
      practices: e.model.practices.map((p) => p.id),
      criteria: (pid) => e.model.practices.find((p) => p.id === pid)?.criteria.map((c) => c.id) ?? [],
    };
    const rec = { respondent: who, date, from: basename(path) };
    const responsesFile = `${RESPONSES_DIR}/${target.id}.yaml`;
    const abs = join(root, responsesFile);
    let text: string;
    let changed = 0;
    if (target.existing) {
      const changes = changedAnswers(target.existing, q.answers);
      if (changes.length && !opts.force) {
        const list = changes.slice(0, 10).map(changeLine).join('; ');
        throw new RelmError(
          `${responsesFile} already holds ${changes.length} different answer${changes.length === 1 ? '' : 's'} from ${target.existing.respondent.name}: ${list}${changes.length > 10 ? '; …' : ''}`,
          EXIT_FINDINGS,
          'If this questionnaire is their newer word, pass --force to replace those answers; nothing was written.',
        );
      }
      changed = changes.length;
      text = updateResponsesFile(readFileSync(abs, 'utf8'), rec, q.answers, order);
    } else {
      text = newResponsesFile(target.id, rec, q.answers, order);
    }
    const practices = [...new Set(q.answers.map((a) => a.practice))];
    const names = new Map(e.model.practices.map((p) => [p.id, p.name]));
    const name = (id: string) => names.get(id) ?? id;
    const interviewAbs = join(root, target.interviewFile);
    const interviewText = target.interviewExists
      ? updateInterviewFile(readFileSync(interviewAbs, 'utf8'), { interviewees: [who], practices }, name)
      : newInterviewFile({ id: target.id, date, interviewees: [who], practices }, name);
    // Both files are ready before either is written.
    writeChecked(
      root,
      [
        { rel: target.interviewFile, data: interviewText },
        { rel: responsesFile, data: text },
      ],
      `questionnaire import ${basename(path)}`,
    );
    return { target, responsesFile, practices: practices.length, changed };
  });
  if (!outcome) return;
  const c = colorsFor(ctx, 'stderr');
  const { target } = outcome;
  const person = who.role ? `${who.name} (${who.role})` : who.name;
  writeErr(
    ctx,
    `${c.green('✔')} ${person}: ${q.answers.length} answer${q.answers.length === 1 ? '' : 's'} on ${outcome.practices} practice${outcome.practices === 1 ? '' : 's'}${q.blank ? `, ${q.blank} left blank` : ''} → ${outcome.responsesFile}` +
      `${target.existing ? ` (updated${outcome.changed ? `, ${outcome.changed} replaced` : ''})` : ''}; interview record ${target.interviewFile} ${target.interviewExists ? 'updated' : 'created'}.`,
  );
  writeErr(ctx, c.dim('  Next: relm reconcile, to compare the respondents and propose the consensus.'));
}

/** `release-policy-2a: none → half`, or `…: half, notes or evidence changed` when only those differ. */
function changeLine(ch: ResponsesChange): string {
  const word = (a: Answer) => answerValue(a) ?? 'blank';
  const before = word(ch.before);
  const after = word(ch.after);
  return before === after ? `${ch.criterion}: ${after}, notes or evidence changed` : `${ch.criterion}: ${before} → ${after}`;
}
