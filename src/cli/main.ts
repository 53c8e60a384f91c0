import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { fsError, isFsError } from '../io/fs-errors.js';
import { FORMAT_NAMES, REPORT_FORMATS } from '../output/names.js';
import { IMPORTERS } from '../import/types.js';
import { printable, terminalSafe } from '../output/printable.js';
import { colorsFor } from './ui.js';
import { runContext, type RunContext, type RunIO } from './run-context.js';
import { withRunScope } from '../io/run-scope.js';
import { withSignalHandlersScoped } from '../io/interrupt.js';
import { PACKAGE_VERSION } from '../paths.js';
import { DEFAULT_WINDOW_DAYS } from '../engine/defaults.js';

// Only commander loads at start-up; each command imports what it needs when it runs.

export type { RunContext, RunIO, RunStream } from './run-context.js';

export interface CommonOptions {
  dir?: string;
  debug?: boolean;
}

function common(cmd: Command): Command {
  return cmd
    .option('-C, --dir <engagement>', 'the engagement folder (default: the nearest folder upward holding relm.yaml)')
    .option('--debug', 'print stack traces of unexpected errors');
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** A whole number within bounds: a value past them (1e9 days) is a usage error, not a crash later. */
function wholeNumber(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max.toLocaleString('en-GB')}`);
    return n;
  };
}

function score(v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n <= 5)) throw new InvalidArgumentError('expected a score from 0 to 5');
  return n;
}

function similarity(v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

/** The release-metrics window (docs/formulas.md: 180 days), for every command that assesses. */
function windowDays(): Option {
  return new Option('--window-days <days>', 'release-metrics window in days, ending with as_of (1 to 36,500)')
    .argParser(wholeNumber(1, 36_500))
    .default(DEFAULT_WINDOW_DAYS);
}

/** A command's action: loads its module when it runs and hands it the run's context before commander's arguments. */
function action<A extends unknown[]>(ctx: RunContext, load: () => Promise<(ctx: RunContext, ...args: A) => Promise<void> | void>) {
  return async (...args: A) => {
    const fn = await load();
    await fn(ctx, ...args);
  };
}

const collect = (v: string, p: string[]) => [...p, v];

/** A list, its items separated by commas, broken between items into lines of at most `width` characters. */
function wrapList(items: readonly string[], width: number): string {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 2 + item.length + 1 <= width) lines[last] += `, ${item}`;
    else lines.push(item);
  }
  return lines.join(',\n');
}
const FORMAT_HELP = `output format: ${FORMAT_NAMES.join(', ')}; repeatable`;
const OUTPUT_HELP = 'write the i-th format to this file ("-" for stdout); repeatable';

/** A fresh program per run: commander keeps the parsed options on it, so one must not serve two runs. */
function buildProgram(ctx: RunContext): Command {
  const program = new Command()
    .name('relm')
    .description('Release Management assessment toolkit: validate, score, analyse and report an engagement kept as YAML.')
    .version(PACKAGE_VERSION, '-V, --version')
    .showHelpAfterError('(run relm --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(terminalSafe(s, colorsFor(ctx, 'stdout').level > 0)),
      writeErr: (s) => ctx.stderr.write(terminalSafe(s, colorsFor(ctx, 'stderr').level > 0)),
    })
    .exitOverride();

  common(
    program
      .command('init [dir]')
      .description(
        'scaffold an engagement: relm.yaml, practices, target, plan, team, releases (and backlog with applications); asks on a terminal; never overwrites without --force',
      )
      .option('-y, --yes', 'ask nothing: take flags and defaults')
      .option('--client <name>', 'the client organisation')
      .option('--title <title>', 'the engagement title')
      .option('--as-of <date>', 'the reference date, YYYY-MM-DD (default: today)')
      .option('--consultant <name>', 'a consultant, "Name" or "Name (Role)"; repeatable', (v: string, p: string[] = []) => [...p, v])
      .option('--sponsor <name>', 'the sponsor, "Name" or "Name (Role)"')
      .option('--currency <code>', 'the currency of costs, an ISO 4217 code (default EUR)')
      .option('--day-rate <amount>', 'the cost of one person-day, for sizes and costs')
      .option(
        '--application <id[:platform[:criticality]]>',
        'an application in scope, e.g. core-banking:mainframe:high; repeatable',
        (v: string, p: string[] = []) => [...p, v],
      )
      .option('--add-missing', 'write only the files that are missing, keeping the others')
      .option(
        '--ci-install <spec>',
        'the npm spec CI installs relm from (relm.yaml ci.install): relm@0.2.0, a git URL with a tag, a tarball URL (default: how this relm was installed, else its git tag)',
      )
      .option('--force', 'overwrite existing files')
      .option(
        '--from <previous>',
        'start a re-assessment of a previous engagement folder: copies its model, targets, requirements, team and plan, carries its answers over to confirm, and links it for relm trend',
      ),
  ).action(action(ctx, async () => (await import('./init.js')).runInit));

  common(
    program
      .command('validate')
      .description('check the engagement files: schemas, references and consistency')
      .option('-f, --format <format>', FORMAT_HELP, collect, [])
      .option('-o, --output <file>', OUTPUT_HELP, collect, [])
      .option('--json', 'print the findings as JSON (the same as -f json)')
      .option('--quiet', 'report errors only (warnings still count for --max-warnings)')
      .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', wholeNumber(0, 1_000_000_000)),
  ).action(action(ctx, async () => (await import('./validate.js')).runValidate));

  common(
    program
      .command('check')
      .description('validate, then the CI policy of relm.yaml `check` (and flags); exit 1 on errors or a failed policy')
      .option('-f, --format <format>', FORMAT_HELP, collect, [])
      .option('-o, --output <file>', OUTPUT_HELP, collect, [])
      .option('--json', 'print the findings as JSON (the same as -f json)')
      .option('--quiet', 'report errors and policy failures only (warnings still count for --max-warnings)')
      .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', wholeNumber(0, 1_000_000_000))
      .option('--fail-under <score>', 'fail when the overall score is below this (overrides check.fail_under)', score)
      .option('--baseline <rev>', 'fail when the overall score dropped since this git revision by more than check.max_regression (default 0)')
      .addOption(windowDays()),
  ).action(action(ctx, async () => (await import('./check.js')).runCheck));

  common(
    program
      .command('diff <base> [head]')
      .description(
        'what changed in scores, gaps, recommendations, backlog and release metrics between two git revisions (head: the working tree), as Markdown for a pull request',
      )
      .option('--json', 'print the changes as JSON')
      .addOption(windowDays()),
  ).action(action(ctx, async () => (await import('./diff.js')).runDiff));

  common(
    program
      .command('model [practice]')
      .description(
        "the model at a glance: practices by perspective with their criteria per level; a practice id shows it in full; `skills` the skill catalogue (the model's, extended by team.yaml)",
      )
      .option('--json', 'print the model, the practice or the skills as JSON'),
  ).action(action(ctx, async () => (await import('./model.js')).runModel));

  common(
    program
      .command('ci')
      .description(
        'what the CI files install (relm.yaml ci.install) and run for every engagement of the repository, and whether they are up to date (exit 1 if not); --write rewrites them',
      )
      .option('--write', 'write the CI files for every engagement of the repository')
      .option('--force', 'with --write, replace CI files that relm did not write'),
  ).action(action(ctx, async () => (await import('./ci.js')).runCi));

  common(
    program
      .command('schema [name]')
      .description(
        "print one of relm's JSON Schemas (relm, practices, target, backlog, releases, team, plan, progress, model, interview, observation, responses, assessment, portfolio), or list them; --write refreshes the engagement's copies in .relm/schemas/, where editors find them",
      )
      .option('--write', "write every schema into the engagement's .relm/schemas/ (the files' modelines point there)"),
  ).action(action(ctx, async () => (await import('./schema.js')).runSchema));

  common(
    program
      .command('assess')
      .description('score current against target maturity and print a summary (or the assessment.json document)')
      .option('--json', 'print the assessment.json document')
      .addOption(windowDays())
      .option('-o, --output <file>', 'write the assessment.json document to a file'),
  ).action(action(ctx, async () => (await import('./assess.js')).runAssess));

  common(
    program
      .command('report')
      .description(
        'render the deliverables into out/: report, strategic-plan, presentation, training-plan, progress-report and progress-presentation (once progress.yaml exists), and assessment.json',
      )
      .option('--format <list>', `comma-separated formats: ${REPORT_FORMATS.join(', ')} (default: relm.yaml output.formats, else md,html)`)
      .option(
        '--only <list>',
        'comma-separated deliverables: report, plan, presentation, training, progress, progress-deck (default: all; the progress ones once progress.yaml exists)',
      )
      .option(
        '--browser-path <path>',
        'Chrome or Chromium to print PDFs with (default: CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH, then the usual install paths)',
      )
      .option(
        '--browser-timeout <seconds>',
        'how long printing the PDFs may take in all: starting the browser, every document, closing it (1 to 86,400)',
        wholeNumber(1, 86_400),
        120,
      )
      .option('--out <dir>', 'output folder (default: relm.yaml output.dir, else out)')
      .option('--draft', 'write the deliverables even when the preflight finds text or layout a client must not see (its findings become warnings)')
      .option('--since <rev>', "progress report: the last report's git revision (default: the newest tag progress-* or assessment-*)")
      .option('--today <date>', 'progress report: the date to measure to, YYYY-MM-DD (default: progress.yaml as_of, else today)')
      .option('--plan <rev>', 'progress report: the git revision whose roadmap is the plan (default: progress.yaml plan, else the newest tag assessment-*)')
      .addOption(windowDays()),
  ).action(action(ctx, async () => (await import('./report.js')).runReport));

  common(
    program
      .command('duplicates')
      .description('candidate duplicates among the open backlog items, each pair once; --record A B writes that A duplicates B')
      .option('--top <k>', 'how many similar items per item', positiveInt, 5)
      .option('--json', 'print [{id, candidates: [{id, similarity}]}] for every item')
      .option('--all-applications', 'compare items across applications too (default: within one application)')
      .option('--min <similarity>', 'show only candidates at least this similar (human output)', similarity, 0.3)
      .option('--all', 'compare closed items and recorded duplicates too (default: open items not yet recorded)')
      .option('--record <ids...>', 'record that the first item duplicates the second: writes duplicate_of into backlog.yaml')
      .option('--force', 'with --record: replace a duplicate_of the item already has'),
  ).action(action(ctx, async () => (await import('./duplicates.js')).runDuplicates));

  common(
    program
      .command('import <kind> <source>')
      .description('merge a Jira, Bugzilla, GitHub or ServiceNow export, git tags, or incidents into backlog.yaml / releases.yaml, keeping your edits')
      .addHelpText(
        'after',
        `\nKinds: ${wrapList(
          IMPORTERS.map((i) => `${i.kind} (${i.source})`),
          133 /* 140 columns with "Kinds: " */,
        )}.`,
      )
      .option('--application <id>', 'the application of every item (default: the first Component/s; git-tags: the repository folder name)')
      .option('--map <column=field>', 'map a column onto a field; repeatable', (v: string, p: string[] = []) => [...p, v])
      .option('--id-prefix <prefix>', 'put before every id of the source (git-tags default: "<application>@"; github default: "GH-")')
      .option('--encoding <name>', "the export's character encoding (default: detected; e.g. windows-1252, shift_jis, euc-kr, gb18030, utf-16le)")
      .option(
        '--date-format <format>',
        'how dates written in numbers read: dd/mm/yyyy or mm/dd/yyyy (default: found from the dates; ISO 8601 and Jira dates need none)',
      )
      .option('--from <source>', 'incidents: the system that exported them, servicenow or jira')
      .option('--window-hours <hours>', `incidents: how long before an incident a deployment of its application is suspected (default 24)`, positiveInt)
      .option('--force', "take the export's value wherever it differs, over your edits and conflicts")
      .option('--dry-run', 'print the diff it would write, write nothing'),
  ).action(action(ctx, async () => (await import('./import.js')).runImport));

  const templates = program
    .command('templates')
    .description('the report templates: list them, show the data they receive, or copy them into the engagement to edit');
  templates
    .command('list')
    .description('list the built-in templates')
    .action(action(ctx, async () => (await import('./templates.js')).runTemplatesList));
  common(
    templates
      .command('context [deliverable]')
      .description('the data a template receives, on this engagement: report (default), plan, presentation or training')
      .option('--json', 'print the data itself, as JSON')
      .addOption(windowDays()),
  ).action(action(ctx, async () => (await import('./templates.js')).runTemplatesContext));
  common(
    templates
      .command('eject [names...]')
      .description("copy built-in templates (all, or those named) into the engagement's templates/ folder, where they override the built-ins")
      .option('--force', 'overwrite templates already there'),
  ).action(action(ctx, async () => (await import('./templates.js')).runTemplatesEject));

  common(
    program
      .command('interview [practices...]')
      .description(
        'guided questionnaire at the terminal, practice by practice (all, or those named); writes the answers into practices.yaml, keeping its comments',
      )
      .option('--interviewee <name>', 'record the interview with this person ("Name" or "Name (Role)"); repeatable', (v: string, p: string[] = []) => [...p, v])
      .option('--role <role>', "the interviewee's role (the i-th --role goes with the i-th --interviewee); repeatable", (v: string, p: string[] = []) => [
        ...p,
        v,
      ])
      .option('--date <date>', 'the date of the interview, YYYY-MM-DD (default: today)'),
  ).action(action(ctx, async () => (await import('./interview.js')).runInterview));

  const status = common(
    program
      .command('status')
      .description('progress of the engagement plan (plan.yaml): tasks by phase, overdue, ready and blocked tasks')
      .option('--json', 'print {total, done, in_progress, blocked, overdue, percent_done, today, tasks}')
      .option('--today <date>', "the date to measure overdue tasks to, YYYY-MM-DD (default: today's date)")
      .option('--as-of', "measure overdue tasks to the engagement's as_of instead of today"),
  ).action(action(ctx, async () => (await import('./status.js')).runStatus));
  common(
    status
      .command('set <task> <status>')
      .description('set the status of a task in plan.yaml (todo, in-progress, done, blocked), keeping its comments')
      .option('--today <date>', "the date to measure overdue tasks to, YYYY-MM-DD (default: today's date)")
      .option('--as-of', "measure overdue tasks to the engagement's as_of instead of today"),
  ).action(action(ctx, async () => (await import('./status.js')).runStatusSet));

  const progress = common(
    program
      .command('progress')
      .description(
        'implementation of the recommendations (progress.yaml) against the plan: by phase done, in progress, late, not started; effort delivered; requirements met by done work',
      )
      .option('--json', 'print the progress document')
      .option('--today <date>', 'the date to measure to, YYYY-MM-DD (default: progress.yaml as_of, else today)')
      .option(
        '--plan <rev>',
        'the git revision whose roadmap is the plan (default: progress.yaml plan, else the newest tag assessment-*, else the working tree)',
      )
      .addOption(windowDays()),
  ).action(action(ctx, async () => (await import('./progress.js')).runProgress));
  common(
    progress
      .command('set <recommendation> <status>')
      .description(
        'record a recommendation as planned, in-progress, done or dropped in progress.yaml (its start and done dates kept in step), keeping comments',
      )
      .option('--date <date>', 'when the work started (in-progress) or was done (done), YYYY-MM-DD (default: today)')
      .option('--owner <name>', 'who carries it out')
      .option('--note <text>', 'add a note (what was done, why it is late or dropped)')
      .option('--today <date>', 'the date to measure the plan to, YYYY-MM-DD (default: progress.yaml as_of, else today)')
      .option('--plan <rev>', 'the git revision whose roadmap is the plan'),
  ).action(action(ctx, async () => (await import('./progress.js')).runProgressSet));

  common(
    program
      .command('trend [revs...]')
      .description(
        'the engagement across re-assessments: overall, perspective and requirement figures and DORA metrics at git revisions (default: the previous engagement, every tag assessment-*, oldest first, and the working tree), with a line chart',
      )
      .option('--json', 'print the figures at each revision as JSON')
      .option('--out <dir>', 'where charts/trend.svg goes (default: relm.yaml output.dir, else out)')
      .addOption(windowDays()),
  ).action(action(ctx, async () => (await import('./trend.js')).runTrend));

  program
    .command('portfolio <engagements...>')
    .description(
      'a private benchmark across engagements (folders or assessment.json files): per practice, perspective and metric the median and quartiles, and where each engagement stands',
    )
    .option('--json', 'print the portfolio document (also the benchmark file relm.yaml `benchmark` names)')
    .option('-o, --output <file>', 'write the portfolio document to a file')
    .option('--anonymise', 'name no client: engagements become E1, E2, … in order of their overall score')
    .option('--label <plural>', "what the engagements are, in the plural, for the report's sentences (default: engagements)")
    .option('--out <dir>', 'where charts/portfolio.svg goes (default: out)')
    .addOption(windowDays())
    .option('--debug', 'print stack traces of unexpected errors')
    .action(action(ctx, async () => (await import('./portfolio.js')).runPortfolio));

  const questionnaire = program
    .command('questionnaire')
    .description('questionnaires for many respondents: export one (Excel or an offline HTML form), import what comes back');
  common(
    questionnaire
      .command('export')
      .description(
        'write a questionnaire: an Excel workbook (drop-down answers, protected but for answers, notes and evidence) or, with --format html, an offline form that saves a JSON file',
      )
      .option('-o, --output <file>', 'the file to write (default: out/questionnaire[-name].xlsx or .html)')
      .option('--format <format>', 'xlsx (default; html when -o ends in .html) or html')
      .option('--practices <ids>', 'practice ids or perspectives, comma-separated; repeatable (default: every practice not marked na)', collect, [])
      .option('--for <person>', 'who it is for, "Name" or "Name (Role)" (default: the respondent fills in their name)')
      .option('--deadline <date>', 'the date to return it by, YYYY-MM-DD')
      .option('--force', 'overwrite the file if it exists'),
  ).action(action(ctx, async () => (await import('./questionnaire.js')).runQuestionnaireExport));
  common(
    questionnaire
      .command('import <file>')
      .description("read a returned questionnaire (.xlsx or the form's .json) into responses/<id>.yaml and its interview record; all or nothing")
      .option('--interviewee <person>', 'who answered, "Name" or "Name (Role)" (default: as the questionnaire says)')
      .option('--role <role>', "the respondent's role")
      .option('--date <date>', 'when they answered, YYYY-MM-DD (default: as the questionnaire says, else today)')
      .option('--force', 'replace answers the respondent gave before that differ'),
  ).action(action(ctx, async () => (await import('./questionnaire.js')).runQuestionnaireImport));

  common(
    program
      .command('reconcile')
      .description("the respondents' answers side by side with the proposed consensus (the median); --accept and --set write the consensus into practices.yaml")
      .option('--json', 'print the reconciliation as JSON')
      .option('--accept [which...]', 'write the proposals into practices.yaml: all (the default), criterion ids or practice ids, comma-separated')
      .option('--set <criterion=answer>', 'record a workshop decision (with --because); repeatable', collect, [])
      .option('--because <reason>', 'why the workshop settled on the --set answers')
      .option('--date <date>', 'the date of the workshop decision, YYYY-MM-DD (default: today)')
      .option('--force', 'with --accept all: also replace answers practices.yaml holds that differ from the median'),
  ).action(action(ctx, async () => (await import('./reconcile.js')).runReconcile));

  common(
    program
      .command('explain <practice>')
      .description(
        "why a practice scores what it scores: each level's criteria, m_l, score, level, gap, recommendations and evidence checks, and a what-if; writes nothing",
      )
      .option('--json', 'print the trace as JSON')
      .option(
        '--set <criterion=answer>',
        'a hypothetical answer, to see its effect on the practice, perspective, overall score and roadmap; repeatable',
        collect,
        [],
      )
      .addOption(windowDays()),
  ).action(action(ctx, async () => (await import('./explain.js')).runExplain));

  program
    .command('completion <shell>')
    .description('print a shell completion script for bash, zsh or fish, e.g. source <(relm completion bash)')
    .action(async (shell: string) => (await import('./completion.js')).runCompletion(ctx, program, shell));

  return program;
}

/** `relm help <name>` for a command that does not exist: commander would show the general help and exit 0. */
function unknownHelpTopic(program: Command, argv: readonly string[]): string | undefined {
  const args = argv.filter((a) => !a.startsWith('-'));
  if (args[0] !== 'help' || args.length < 2) return undefined;
  let cmd: Command = program;
  for (const name of args.slice(1)) {
    const sub = cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!sub) return args.slice(1).join(' ');
    cmd = sub;
  }
  return undefined;
}

/** One run of the command line `relm ...argv` in its context; leaves its exit code in ctx.exitCode. */
async function main(argv: readonly string[], ctx: RunContext): Promise<void> {
  const debug = argv.includes('--debug');
  const program = buildProgram(ctx);
  try {
    const topic = unknownHelpTopic(program, argv);
    if (topic !== undefined) {
      throw new RelmError(
        `no command "${topic}" to give help on${hintFor(program, topic)}`,
        EXIT_USAGE,
        `Commands: ${program.commands.map((c) => c.name()).join(', ')}; \`relm help <command>\` describes one.`,
      );
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // Asked-for help and the version exit 0; help shown because no command was given (commander's exit
      // code 1) and usage errors, which commander has printed, exit 2.
      const asked = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0);
      ctx.exitCode = asked ? 0 : EXIT_USAGE;
      return;
    }
    reportError(ctx, err, debug);
  }
}

function hintFor(program: Command, topic: string): string {
  const names = program.commands.map((c) => c.name());
  const close = names.find((n) => n.startsWith(topic.slice(0, 3)) && topic.length >= 3);
  return close ? ` (did you mean ${close}?)` : '';
}

function reportError(ctx: RunContext, err: unknown, debug: boolean): void {
  if (err instanceof RelmError) {
    ctx.stderr.write(`relm: ${printable(err.message.replace(/^relm: /, ''))}
${
  err.hint
    ? `  ${printable(err.hint)}
`
    : ''
}`);
    if (debug && err.stack) ctx.stderr.write(err.stack + '\n');
    ctx.exitCode = err.exitCode;
    return;
  }
  if (isFsError(err)) {
    // A file or folder that cannot be read or written: one line naming it, never "unexpected".
    const verb = /^(mkdir|rename|write|unlink|rmdir|copyfile|link|symlink|chmod|utime|rm)/.test(err.syscall ?? '')
      ? 'write'
      : err.syscall === 'open'
        ? 'open'
        : 'read';
    reportError(ctx, fsError(err, verb), debug);
    if (debug && err.stack) ctx.stderr.write(err.stack + '\n');
    return;
  }
  const e = err as Error;
  ctx.stderr.write(`relm: unexpected error: ${printable(String(e?.message ?? err))}\n`);
  ctx.stderr.write(debug && e?.stack ? e.stack + '\n' : '  Run again with --debug for the stack trace, and report it if it persists.\n');
  ctx.exitCode = EXIT_USAGE;
}

/**
 * Runs `relm ...argv` in the context it is handed and resolves to its exit code. Nothing of the process is
 * read or changed: the binary (bin/relm) hands it the process's streams, folder and environment, a test its
 * own, and runs in one process may overlap. The library code below the commands that needs the working
 * folder or environment (a path in an error message, the lock's wait) gets them from the run scope.
 */
export async function run(argv: readonly string[], io: RunIO): Promise<number> {
  const ctx = runContext(io);
  await withRunScope({ cwd: ctx.cwd, env: ctx.env, stdinIsTTY: ctx.stdin.isTTY }, () => withSignalHandlersScoped(() => main(argv, ctx)));
  return ctx.exitCode;
}
