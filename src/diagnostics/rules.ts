/** What a finding code means and how to fix it: the rule catalogue that SARIF (and help texts) cite. */
export interface Rule {
  /** PascalCase name of the rule. */
  name: string;
  /** One sentence: what the finding says. */
  description: string;
  /** Two to four sentences telling the user how to fix it (Markdown). */
  help: string;
  /** The severity the code is emitted with. */
  severity: 'error' | 'warning';
}

const SCHEMA_HINT = 'The JSON Schemas in the `schemas/` folder of the relm package describe every file.';

/**
 * One entry per finding code that relm emits (validate, check, the model checks and questionnaire import).
 * A finding is built with `finding()` (./finding.ts), whose code must be a key of this catalogue and whose
 * severity is the one written here, so the catalogue and the emitting code cannot drift apart.
 */
export const RULES = {
  // Reading and parsing files
  'yaml-syntax': {
    name: 'YamlSyntax',
    description: 'The file is not valid YAML.',
    help: 'Look at the line shown and the one before it: the usual causes are an unclosed bracket or quote, a tab used for indentation, or text containing `: ` or starting with `#`. Indent with spaces and put such text in quotes.',
    severity: 'error',
  },
  'duplicate-key': {
    name: 'DuplicateKey',
    description: 'A mapping names the same key twice.',
    help: 'YAML keeps only one of two equal keys, so relm refuses the file rather than guess. Remove one of the entries, merge them, or rename one if both were meant.',
    severity: 'error',
  },
  'empty-file': {
    name: 'EmptyFile',
    description: 'The file holds no data: it is empty or holds only comments.',
    help: `Give the file the top-level keys its format needs, or delete an optional file (backlog.yaml, releases.yaml, team.yaml, plan.yaml) so that its analysis is reported as "no data". ${SCHEMA_HINT}`,
    severity: 'error',
  },
  'invalid-encoding': {
    name: 'InvalidEncoding',
    description: 'The file is not valid UTF-8.',
    help: 'relm reads every engagement file as UTF-8. Save the file as UTF-8 in your editor, or convert it, for example with `iconv -f WINDOWS-1252 -t UTF-8 in.yaml > out.yaml`.',
    severity: 'error',
  },
  'missing-file': {
    name: 'MissingFile',
    description: 'A required engagement file is missing, or an engagement file cannot be read.',
    help: 'relm.yaml, practices.yaml and target.yaml are required; `relm init` writes starting versions of them. If the file exists, check its permissions and that it is a regular file inside the engagement folder.',
    severity: 'error',
  },
  'unreadable-file': {
    name: 'UnreadableFile',
    description: 'A file of interview or observation notes exists but cannot be read.',
    help: 'relm found the file but could not read it. Check the file permissions, and that the path is a regular file inside the engagement folder rather than a folder or a link pointing outside it.',
    severity: 'error',
  },
  'missing-front-matter': {
    name: 'MissingFrontMatter',
    description: 'Interview or observation notes do not start with a YAML front matter.',
    help: 'Start each `interviews/*.md` and `observations/*.md` file with YAML between two `---` lines, holding at least `id` and `date` (and usually `interviewees`, or for an observation `observer`, and `practices`). The notes follow after the closing `---`.',
    severity: 'error',
  },

  // Schema validation
  'missing-key': {
    name: 'MissingKey',
    description: 'A required key is missing.',
    help: `Add the key named in the message to the mapping shown. ${SCHEMA_HINT}`,
    severity: 'error',
  },
  'unknown-key': {
    name: 'UnknownKey',
    description: 'The key is not part of the engagement format.',
    help: 'Unknown keys are errors so that a misspelt key is not silently ignored. Fix the spelling (the message suggests the closest known key and lists the allowed ones), move the key to where it belongs, or remove it.',
    severity: 'error',
  },
  'invalid-id': {
    name: 'InvalidId',
    description: 'An id is not of the allowed form.',
    help: 'Ids match `^[A-Za-z0-9][A-Za-z0-9._-]*$`: letters, digits, `.`, `_` and `-`, starting with a letter or digit. Rename the id (for example replace spaces with `-`) and update every place that refers to it.',
    severity: 'error',
  },
  'wrong-type': {
    name: 'WrongType',
    description: 'A value has the wrong type, for example a list where a mapping is expected.',
    help: 'Write the value as the message says. Quote text that YAML would otherwise read as a number or a boolean, and do not quote numbers.',
    severity: 'error',
  },
  'invalid-value': {
    name: 'InvalidValue',
    description: 'A value is not one of the allowed values, or not of the expected form.',
    help: 'Use one of the values the message lists, spelt exactly as listed; the message suggests the closest one. Values are case-sensitive.',
    severity: 'error',
  },
  'invalid-date': {
    name: 'InvalidDate',
    description: 'A date or date-time is not a real ISO 8601 date.',
    help: 'Write dates as `YYYY-MM-DD` (for example `2026-03-31`) and date-times with an offset (for example `2026-03-31T22:00:00Z`). The date must exist in the calendar: there is no 30 February.',
    severity: 'error',
  },
  'out-of-range': {
    name: 'OutOfRange',
    description: 'A number is outside its allowed range.',
    help: 'The message gives the bound that was crossed. Correct the number: for example maturity levels and targets are 0..5, impact 1..5 and skill levels 0..4.',
    severity: 'error',
  },
  'too-long': {
    name: 'TooLong',
    description: 'A text value is longer than relm accepts.',
    help: 'Names, titles and ids are limited to a few hundred characters and notes and descriptions to 100,000, so that a stray paste cannot make every report huge. Shorten the value, or keep long material in a file and cite it as evidence.',
    severity: 'error',
  },
  'empty-value': {
    name: 'EmptyValue',
    description: 'A text value that must not be empty is empty.',
    help: 'Fill the value in, or remove the key if it is optional. An empty pair of quotes (`""`) is empty too.',
    severity: 'error',
  },
  'too-few-items': {
    name: 'TooFewItems',
    description: 'A list has fewer entries than it needs.',
    help: 'The list needs at least the number of entries the message gives. Add entries, or remove the key if it is optional.',
    severity: 'error',
  },
  'duplicate-value': {
    name: 'DuplicateValue',
    description: 'A list names the same value twice.',
    help: 'Remove the repeated entry; the message gives the positions of both. A list of ids names each one once.',
    severity: 'error',
  },
  schema: {
    name: 'SchemaViolation',
    description: 'The file breaks a rule of its JSON Schema.',
    help: `Compare the value at the position shown with the file's format. ${SCHEMA_HINT}`,
    severity: 'error',
  },

  // Cross-references and consistency: practices.yaml, target.yaml, plan.yaml, interviews
  'unknown-practice': {
    name: 'UnknownPractice',
    description: 'An id does not name a practice of the model in use.',
    help: 'Only the practices of the model named by relm.yaml `model` can be answered, targeted or cited. Fix the spelling (the message suggests the closest practice id) or remove the entry.',
    severity: 'error',
  },
  'unknown-criterion': {
    name: 'UnknownCriterion',
    description: "An answer, or a part of a model recommendation, names a criterion that is not one of the practice's criteria.",
    help: "Each answer must name a criterion of the practice it sits under. Fix the criterion id, or move the answer under the practice it belongs to (the message names it when it belongs to another practice). A recommendation's parts name criteria of the recommendation's own practice.",
    severity: 'error',
  },
  'rating-ignored': {
    name: 'RatingIgnored',
    description: 'A practice has both answers and a rating, so the rating is ignored.',
    help: 'A practice with `answers` is scored from them. Remove `rating`, or remove `answers` if the quick rating is what you mean.',
    severity: 'warning',
  },
  'na-overrides': {
    name: 'NaOverrides',
    description: 'A practice marked not applicable also has answers or a rating, which are ignored.',
    help: 'A practice with `na` is left out of every score. Remove `na` if the practice applies, or remove its `answers` and `rating`.',
    severity: 'warning',
  },
  'metric-without-target': {
    name: 'MetricWithoutTarget',
    description: 'A requirement is measured by a metric that has no target.',
    help: "Each release metric has one target, in `dora` in target.yaml. Add the metric there (for example `dora: {change_failure_rate: 0.10}`), or remove it from the requirement's `metrics`.",
    severity: 'error',
  },
  'metric-target-conflict': {
    name: 'MetricTargetConflict',
    description: "A requirement's `metric.target` differs from the target `dora` sets for the same metric.",
    help: 'A metric has one target, so every deliverable shows the same one. Keep the target in `dora` and write `metrics: [name]` on the requirement (or make the two values equal).',
    severity: 'error',
  },
  'unknown-process': {
    name: 'UnknownProcess',
    description: 'A model practice links to an ITSM process the model does not list.',
    help: "Practices name the ITSM processes they link to by id. List the process under the model's top-level `processes` (id, name and what the link is), or correct the id in the practice's `links`.",
    severity: 'error',
  },
  'logo-not-usable': {
    name: 'LogoNotUsable',
    description: 'The logo named in relm.yaml `branding.logo` cannot be used.',
    help: 'The logo is embedded in the HTML and PDF deliverables, so it must be a readable image inside the engagement folder. Use a PNG, JPEG, GIF, WebP or SVG file of at most 2 MB (a raster image at most 8,000 pixels on a side), named relative to relm.yaml (for example `branding: {logo: assets/logo.png}`), or remove `logo`.',
    severity: 'error',
  },
  'not-assessed': {
    name: 'NotAssessed',
    description: 'A practice has neither answers nor a rating, so it is left out of the scores.',
    help: 'Such a practice counts in no score or gap. Answer its criteria under `answers`, give a quick `rating` from 0 to 5, or mark it `na: "reason"` if it does not apply to this organisation.',
    severity: 'warning',
  },
  unanswered: {
    name: 'Unanswered',
    description: 'Some criteria of a practice are unanswered and count as "none".',
    help: "Answer each criterion the message lists with `none`, `some`, `half`, `most` or `na`. Unanswered criteria count 0 and lower the practice's score.",
    severity: 'warning',
  },
  'unknown-interview': {
    name: 'UnknownInterview',
    description: 'A source names no interview in interviews/*.md and no observation in observations/*.md.',
    help: '`sources` lists the ids from the front matter of `interviews/*.md` and `observations/*.md`. Fix the id, or add the interview or observation notes with that `id`.',
    severity: 'warning',
  },
  'unknown-goal': {
    name: 'UnknownGoal',
    description: 'A requirement names a goal that target.yaml does not list.',
    help: "A requirement's `goals` lists ids of the strategic goals under `goals` in target.yaml (`goals: [{id: G-1, title: ...}]`). Fix the id, or add the goal.",
    severity: 'error',
  },
  'goal-without-requirement': {
    name: 'GoalWithoutRequirement',
    description: 'No requirement serves a strategic goal.',
    help: "The alignment matrix traces goals to the plan through the requirements that name them. Add the goal's id to the `goals` of the requirements that serve it, or remove the goal.",
    severity: 'warning',
  },
  'duplicate-id': {
    name: 'DuplicateId',
    description: 'Two entries of the same kind share an id.',
    help: 'Ids must be unique within their kind, or references to them are ambiguous. Give one of the entries a new id and update the references to it.',
    severity: 'error',
  },
  'phase-order': {
    name: 'PhaseOrder',
    description: 'A roadmap phase ends before the phase listed before it.',
    help: 'Phases are filled in the order listed, so their `end` dates must not decrease. Reorder the phases in target.yaml or correct the end date.',
    severity: 'warning',
  },
  'phase-dates': {
    name: 'PhaseDates',
    description: 'A roadmap phase ends before it starts.',
    help: 'A phase runs from its `start` to its `end`. Correct one of the two dates in target.yaml, or leave `start` out: a phase then starts after as_of (the first) or after the previous phase ends.',
    severity: 'error',
  },
  'roadmap-ended': {
    name: 'RoadmapEnded',
    description: 'Every roadmap phase ended before the as-of date, so no work can be scheduled.',
    help: 'The roadmap places work only in phases that have not ended. Add the next phases to target.yaml (with their `end` and `capacity_days`) to plan the work still open; until then every recommendation is reported as not scheduled.',
    severity: 'warning',
  },
  'horizon-past': {
    name: 'HorizonPast',
    description: "The target horizon lies before the engagement's as-of date.",
    help: 'target.yaml `horizon` is when the desired state should be reached. Move it after relm.yaml `engagement.as_of`, or correct `as_of`.',
    severity: 'warning',
  },
  'unknown-recommendation': {
    name: 'UnknownRecommendation',
    description: 'A dependency names a recommendation that is not defined.',
    help: 'Fix the id in `depends_on` (the message suggests the closest one), or remove the dependency. Recommendations come from the model and from target.yaml `recommendations`.',
    severity: 'error',
  },
  'dependency-cycle': {
    name: 'DependencyCycle',
    description: 'Recommendations depend on each other in a cycle.',
    help: 'A cycle can never be scheduled on the roadmap. Remove one `depends_on` link of the cycle the message lists; a recommendation also depends on the lower-level recommendations of its own practice.',
    severity: 'error',
  },
  'unknown-task': {
    name: 'UnknownTask',
    description: 'A task depends on an id that is not a task of the plan.',
    help: "A task can only depend on tasks listed in plan.yaml. Fix the id in the task's `depends_on`, or remove the dependency.",
    severity: 'error',
  },
  'due-before-start': {
    name: 'DueBeforeStart',
    description: 'A task is due before it starts.',
    help: "A task cannot be due before it starts. Correct the task's `start` or `due` date in plan.yaml.",
    severity: 'error',
  },

  // progress.yaml and re-assessments
  'done-before-started': {
    name: 'DoneBeforeStarted',
    description: 'A recommendation in progress.yaml is done before it started.',
    help: 'A recommendation cannot be finished before work on it started. Correct its `started` or `done` date in progress.yaml.',
    severity: 'error',
  },
  'progress-status-dates': {
    name: 'ProgressStatusDates',
    description: 'A recommendation in progress.yaml has a date its status does not have.',
    help: 'A `done` date belongs to a done recommendation, a `started` date to one in progress or done. Set the status that matches (`relm progress set <id> <status>` keeps the dates right), or remove the date.',
    severity: 'warning',
  },
  'stale-answer': {
    name: 'StaleAnswer',
    description: 'Answers of a practice were last confirmed longer ago than relm.yaml `stale_after_days` allows.',
    help: 'An answer carried over from an earlier assessment keeps the date it was last confirmed (`confirmed`). Check it with the people concerned, then re-answer it (an answer without `confirmed` counts as confirmed in this assessment) or set `confirmed` to the date. The age is relm.yaml `stale_after_days` (default 365 days before as_of).',
    severity: 'warning',
  },
  'answer-to-confirm': {
    name: 'AnswerToConfirm',
    description: 'Answers of a practice were carried over from the previous assessment and are not confirmed yet.',
    help: '`relm init --from` carries the previous answers over so that a re-assessment starts from them. Confirm each with the people concerned: re-answer it, or set its `confirmed` date to the day it was confirmed.',
    severity: 'warning',
  },
  'benchmark-not-usable': {
    name: 'BenchmarkNotUsable',
    description: 'The benchmark file named in relm.yaml `benchmark` cannot be used.',
    help: 'The report places the client against a benchmark built by `relm portfolio --json -o <file>`. Name that file, inside the engagement folder, relative to relm.yaml (for example `benchmark: benchmark.json`), or remove `benchmark`.',
    severity: 'error',
  },

  // The model
  'missing-level': {
    name: 'MissingLevel',
    description: 'A practice of the model has no criterion at some level from 1 to 5.',
    help: "A practice's level cannot be scored without criteria at every level. Add at least one criterion at each level the message lists.",
    severity: 'error',
  },
  'model-not-found': {
    name: 'ModelNotFound',
    description: 'The model file named in relm.yaml cannot be used.',
    help: 'The model file must exist, be readable and lie inside the engagement folder. Give relm.yaml `model` its path relative to relm.yaml, or write `model: builtin` for the built-in release-management model.',
    severity: 'error',
  },

  // backlog.yaml and releases.yaml
  'unknown-application': {
    name: 'UnknownApplication',
    description: 'An application id is not listed under backlog.yaml applications.',
    help: 'Items and releases can only name applications that backlog.yaml `applications` lists. Add the application there (with `id` and `name`), or fix the id; the message suggests the closest one.',
    severity: 'error',
  },
  'closed-before-requested': {
    name: 'ClosedBeforeRequested',
    description: 'A backlog item is closed before it was requested.',
    help: "An item cannot be closed before it was requested. Correct the item's `closed` or `requested` date.",
    severity: 'error',
  },
  'missing-closed': {
    name: 'MissingClosed',
    description: 'A done, rejected or obsolete item has no closed date.',
    help: 'Add `closed: YYYY-MM-DD` with the day the item was closed. Throughput counts done items by their closed date, so an item without one is left out of it.',
    severity: 'warning',
  },
  'closed-but-open': {
    name: 'ClosedButOpen',
    description: 'An item has a closed date but an open status.',
    help: 'A closed date says the item is finished. Set `status` to done, rejected or obsolete if it is, or remove `closed` if the item is still open.',
    severity: 'warning',
  },
  'after-as-of': {
    name: 'AfterAsOf',
    description: "A date lies after the engagement's as-of date.",
    help: 'relm.yaml `engagement.as_of` is the date every age and window is measured to, so later entries fall outside the analysis. Correct the date, or move `as_of` forward.',
    severity: 'warning',
  },
  'self-reference': {
    name: 'SelfReference',
    description: 'A backlog item is a duplicate of itself or supersedes itself.',
    help: 'An item cannot duplicate itself or make itself obsolete. Point `duplicate_of` or `supersedes` at another item, or remove the reference.',
    severity: 'error',
  },
  'unknown-item': {
    name: 'UnknownItem',
    description: 'An id does not name an item of backlog.yaml.',
    help: 'Releases, `duplicate_of` and `supersedes` can only name items of backlog.yaml. Fix the id (the message suggests the closest one), or add the item to backlog.yaml `items`.',
    severity: 'error',
  },
  'unknown-release': {
    name: 'UnknownRelease',
    description: 'An item names a release that releases.yaml does not hold.',
    help: "An item's `release` must be the id of a release in releases.yaml. Fix it (the message suggests the closest id), or add the release to releases.yaml.",
    severity: 'error',
  },
  'exceeds-release-capacity': {
    name: 'ExceedsReleaseCapacity',
    description: 'An item needs more effort than one release can hold.',
    help: 'The proposed release calendar gives such an item a release of its own. Split it into smaller items, or raise target.yaml `release_policy.capacity_days_per_release` if a larger release is realistic.',
    severity: 'warning',
  },
  'duplicate-cycle': {
    name: 'DuplicateCycle',
    description: 'duplicate_of links form a loop, so no item is the original.',
    help: 'The message lists the loop. Remove `duplicate_of` from the item that is the original of the others.',
    severity: 'error',
  },
  'shipped-twice': {
    name: 'ShippedTwice',
    description: 'A backlog item is listed in more than one release.',
    help: 'Keep the item in the `items` of the release that shipped it. If a follow-up really shipped later, record it as an item of its own.',
    severity: 'warning',
  },
  'release-mismatch': {
    name: 'ReleaseMismatch',
    description: 'A release ships an item whose own release field names another release.',
    help: "The item and the release disagree about where it shipped. Correct the item's `release` in backlog.yaml, or the release's `items` in releases.yaml.",
    severity: 'warning',
  },
  'restored-before-deployed': {
    name: 'RestoredBeforeDeployed',
    description: "A release's service is restored before it was deployed.",
    help: 'Service cannot be restored before the deployment that broke it. Correct `restored` or `deployed`; both are ISO 8601 date-times with an offset, for example `2026-01-16T04:00:00Z`.',
    severity: 'error',
  },
  'restored-success': {
    name: 'RestoredSuccess',
    description: 'A successful release has a restored time, which is ignored.',
    help: '`restored` measures recovery from a failed deployment. Set `outcome` to failed, rolled-back or hotfixed, or remove `restored`.',
    severity: 'warning',
  },
  'committed-after-deployed': {
    name: 'CommittedAfterDeployed',
    description: 'A change was committed after the release that ships it was deployed.',
    help: 'Such a change is left out of the lead time. Correct its `committed` time, or list it under the release that really shipped it.',
    severity: 'warning',
  },

  disagreement: {
    name: 'Disagreement',
    description: 'Interviewees gave different answers to a criterion, and the difference is not settled yet.',
    help: '`relm interview` records a second answer as a disagreement when asked to keep both. Settle it with the people concerned: set `answer` to the one that stands and remove the entry from `disagreements`, or record the decision of a workshop with `relm reconcile --set CRITERION=ANSWER --because "REASON"`, which keeps the other answers on record. Until then the report lists it in its appendix.',
    severity: 'warning',
  },

  // team.yaml
  'role-unknown-skill': {
    name: 'RoleUnknownSkill',
    description: "A role of the model requires a skill that the model's skills catalogue does not hold.",
    help: "Every skill a role `requires` must be one of the model's `skills`, or the role cannot be compared with the team. Add the skill to the model's `skills`, or fix the id in the role's `requires`.",
    severity: 'error',
  },
  'unknown-skill': {
    name: 'UnknownSkill',
    description: 'A skill is not in the skills catalogue, so no course can be planned for it.',
    help: "Training is planned from the courses of the skills catalogue: the model's skills, extended by team.yaml `skills`. Add the skill, with its `training`, to team.yaml `skills`, or fix the id (`relm model skills` lists the catalogue).",
    severity: 'warning',
  },
  'skill-redefined': {
    name: 'SkillRedefined',
    description: "A skill of team.yaml has the id of one of the model's skills and replaces it.",
    help: "team.yaml `skills` extend the model's catalogue; a skill with the id of one of the model's replaces it (its name and course). Remove it from team.yaml to use the model's, or give it another id to add a skill of your own (`relm model skills` lists the model's).",
    severity: 'warning',
  },
  'unknown-role': {
    name: 'UnknownRole',
    description: 'A person holds a role that team.yaml does not define.',
    help: 'People can only hold roles that team.yaml `roles` defines. Add the role there, or fix the id (the message suggests the closest one).',
    severity: 'error',
  },

  // The assessment
  'unknown-metric': {
    name: 'UnknownMetric',
    description: 'An evidence rule names a metric that assessment.json does not have.',
    help: "A rule's `metric` is a dotted path into assessment.json, such as `releases.change_failure_rate` or `backlog.open_age.median_days`. Correct the path; `relm schema assessment` lists the document's fields.",
    severity: 'error',
  },
  'invalid-evidence-rule': {
    name: 'InvalidEvidenceRule',
    description: 'An evidence rule has no bound, or compares a band with a number (or a number with a band).',
    help: 'Give a rule `min`, `max` or both for a numeric metric. A `releases.bands.*` metric holds a DORA band, so compare it with `min_band` (low, medium, high or elite).',
    severity: 'error',
  },
  'too-large': {
    name: 'TooLarge',
    description: 'The aliases of a YAML file expand to more values than relm reads.',
    help: 'An alias (`*name`) repeats the value of its anchor (`&name`), and aliases of anchors that hold aliases multiply, so a few lines can stand for billions of values. relm stops at about a million values beyond the size of the file. Write the values out, or use fewer nested aliases.',
    severity: 'error',
  },
  'too-deep': {
    name: 'TooDeep',
    description: 'The data of a YAML file is nested more than 100 levels deep.',
    help: "relm's files need fewer than ten levels of nesting, so this is usually an unclosed or stray bracket, or indentation gone wrong. Look at the line shown and the brackets before it.",
    severity: 'error',
  },
  'too-many-errors': {
    name: 'TooManyErrors',
    description: 'The schema check of a file stopped after 1,000 findings.',
    help: 'So many findings in one file usually repeat one mistake, such as a list of the wrong shape. Fix the findings shown and run relm validate again to see the rest.',
    severity: 'error',
  },
  'plan-cycle': {
    name: 'PlanCycle',
    description: 'Tasks of the engagement plan depend on each other in a cycle.',
    help: 'A task cannot start before itself. Remove one of the `depends_on` entries named in the message.',
    severity: 'error',
  },
  'evidence-mismatch': {
    name: 'EvidenceMismatch',
    description: "The measured record does not support the practice's assessed level.",
    help: "A metric that the model expects at this level is outside its bounds. Review the practice's answers (the level may be overstated) or the record in backlog.yaml and releases.yaml; the mismatch is also listed in the report.",
    severity: 'warning',
  },

  // Respondents (responses/*.yaml) and returned questionnaires
  'respondents-disagree': {
    name: 'RespondentsDisagree',
    description: 'The respondents answered a criterion two or more scale steps apart, or some say it does not apply, and no workshop has settled it.',
    help: "This is what a reconciliation workshop is for: `relm reconcile` shows each respondent's answer and the median. Record the answer the workshop agrees on with `relm reconcile --set CRITERION=ANSWER --because \"REASON\"`. Until then the disagreement halves the criterion's weight in the practice's confidence and is listed in the report.",
    severity: 'warning',
  },
  'respondent-without-interview': {
    name: 'RespondentWithoutInterview',
    description: 'A responses file has no interview record with the same id.',
    help: "Each respondent's answers (`responses/<id>.yaml`) go with an interview record `interviews/<id>.md`, which practices.yaml cites as a source. `relm questionnaire import` writes both; add the interview notes with that `id`, or rename the responses file after the interview it belongs to.",
    severity: 'warning',
  },
  'not-an-answer': {
    name: 'NotAnAnswer',
    description: 'A cell of a returned questionnaire holds something other than an answer of the scale.',
    help: 'Answers are none, some, half, most or n/a (or blank when the respondent does not know). Correct the cell named in the message, or ask the respondent what they meant, and import the file again: nothing is imported while a cell is wrong.',
    severity: 'error',
  },
  'answer-without-criterion': {
    name: 'AnswerWithoutCriterion',
    description: 'A returned questionnaire has an answer in a row without a criterion id.',
    help: 'relm reads answers by the criterion id of their row. Move the answer into the row of the criterion it belongs to, and import again.',
    severity: 'error',
  },
  'practice-mismatch': {
    name: 'PracticeMismatch',
    description: 'A row of a returned questionnaire names another practice than its criterion belongs to.',
    help: 'The practice and criterion cells are protected, so the row was changed after export. Restore the row from the questionnaire as sent, or export a fresh one, and import again.',
    severity: 'error',
  },
  'answered-twice': {
    name: 'AnsweredTwice',
    description: 'A returned questionnaire answers the same criterion twice, differently.',
    help: 'Rows were copied. Keep the row with the answer the respondent means and clear the other, then import again.',
    severity: 'error',
  },
  'note-without-answer': {
    name: 'NoteWithoutAnswer',
    description: 'A criterion has notes or evidence but no answer, so they are not imported.',
    help: "A respondent's notes are kept with their answer. Ask for the answer, or copy the notes into the interview record, then import again if needed.",
    severity: 'warning',
  },
  'not-a-date': {
    name: 'NotADate',
    description: 'The date of a returned questionnaire is not a date.',
    help: 'relm records when each respondent answered, in their responses file and interview record. Write the date as YYYY-MM-DD, or pass `--date` to `relm questionnaire import`.',
    severity: 'error',
  },
  'other-model': {
    name: 'OtherModel',
    description: 'The questionnaire was made for another maturity model than the engagement uses.',
    help: 'Its criteria would not match. Export a questionnaire from this engagement with `relm questionnaire export` and send that one.',
    severity: 'error',
  },
  'not-a-workbook': {
    name: 'NotAWorkbook',
    description: 'The returned file cannot be read as an Excel workbook.',
    help: 'relm reads .xlsx workbooks. Open the file in Excel and save it as "Excel Workbook (.xlsx)", then import that.',
    severity: 'error',
  },
  'workbook-too-large': {
    name: 'WorkbookTooLarge',
    description: 'The returned workbook holds more than a questionnaire can: too many filled cells, or parts that unpack to more than the limit.',
    help: 'relm reads only the cells a sheet holds, up to 100,000 filled cells and 32 MB a part, and refuses the rest at once (a zip bomb or a pasted data dump). Check that this is the questionnaire relm exported; delete sheets or cells pasted into it and save it again.',
    severity: 'error',
  },
  'no-questionnaire-sheet': {
    name: 'NoQuestionnaireSheet',
    description: 'No sheet of the workbook has the columns criterion and answer.',
    help: 'relm reads the sheets that `relm questionnaire export` wrote, by their header row. Check that this is the returned questionnaire and that its header rows are intact.',
    severity: 'error',
  },
  'not-json': {
    name: 'NotJson',
    description: 'The returned answers file is not valid JSON.',
    help: 'The questionnaire form saves valid JSON; the file may have been cut or edited. Ask the respondent to press Save answers again and send the new file.',
    severity: 'error',
  },
  'not-a-questionnaire': {
    name: 'NotAQuestionnaire',
    description: 'The JSON file is not the answers of a relm questionnaire.',
    help: 'relm reads the file that the questionnaire form\'s Save answers button writes, marked with `"format": "relm-questionnaire"`. Import that file.',
    severity: 'error',
  },

  // relm check: policy
  'policy-fail-under': {
    name: 'PolicyFailUnder',
    description: 'The overall score is below the minimum the check policy sets, or nothing is assessed.',
    help: 'The minimum comes from `--fail-under` or relm.yaml `check.fail_under`. Raise the score by closing gaps, or lower the threshold if it is too strict for this stage of the engagement.',
    severity: 'error',
  },
  'policy-min-perspective': {
    name: 'PolicyMinPerspective',
    description: "A perspective's score is below the minimum the check policy sets.",
    help: 'Improve the practices of the perspective the message names. If the policy is too strict for this stage of the engagement, lower relm.yaml `check.min_perspective`.',
    severity: 'error',
  },
  'policy-max-gap': {
    name: 'PolicyMaxGap',
    description: "A practice's gap between target and current score is larger than the check policy allows.",
    help: "Close the gap by raising the practice's maturity, or lower its target in target.yaml if it is unrealistic. Otherwise raise relm.yaml `check.max_gap`.",
    severity: 'error',
  },
  'policy-regression': {
    name: 'PolicyRegression',
    description: 'The overall score dropped by more than the check policy allows since the baseline.',
    help: 'The allowed drop is relm.yaml `check.max_regression` (0 when it is not set), measured against `--baseline REF`. Review the changes that lowered answers or ratings; if the drop is intended, raise `max_regression` or compare against a newer baseline.',
    severity: 'error',
  },
} satisfies Record<string, Rule>;

/** A finding code: a key of the catalogue. */
export type Code = keyof typeof RULES;

/** Whether a string is a code of the catalogue. */
export function isCode(code: string): code is Code {
  return Object.hasOwn(RULES, code);
}

/** The severity a code is emitted with. */
export function severityOf(code: Code): Rule['severity'] {
  return RULES[code].severity;
}

/** `some-code` -> `SomeCode`. */
function pascal(code: string): string {
  return code
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** The catalogue entry of a code, or a generic one for a code the catalogue does not know. */
export function ruleFor(code: string): Rule {
  if (isCode(code)) return RULES[code];
  return {
    name: pascal(code) || 'Finding',
    description: `relm reports "${code}".`,
    help: 'Read the message at the position shown and correct the file. Run `relm validate` again to confirm the fix.',
    severity: 'warning',
  };
}
