import { Document, stringify, visit } from 'yaml';
import type { Model } from '../model/types.js';
import { modeline } from './modeline.js';
import { addDays } from '../util/dates.js';
import { WorkingDays } from '../util/workdays.js';
import type { Application, PersonRef, PlanTask } from './types.js';

export interface ScaffoldOptions {
  client: string;
  title: string;
  asOf: string;
  consultants: PersonRef[];
  sponsor?: PersonRef;
  /** ISO 4217 code (default EUR). */
  currency?: string;
  /** The cost of one person-day, in the currency. */
  dayRate?: number;
  applications: Application[];
  model: Model;
  /** relm.yaml `ci.install`: the npm spec the CI files install relm from. */
  ciInstall: string;
}

/** The standard engagement tasks (docs/engagement-files.md), with their offsets from the start in days. */
export const STANDARD_TASKS: (Omit<PlanTask, 'start' | 'due' | 'status'> & { startDay: number; days: number })[] = [
  { id: 'assemble-team', title: 'Assemble the engagement team', phase: 'assessment', owner: 'Lead consultant', startDay: 0, days: 3, depends_on: [] },
  {
    id: 'kickoff-plan',
    title: 'Kick-off and engagement plan',
    phase: 'assessment',
    owner: 'Lead consultant',
    startDay: 3,
    days: 4,
    depends_on: ['assemble-team'],
  },
  { id: 'gather-information', title: 'Gather information', phase: 'assessment', owner: 'Consultants', startDay: 7, days: 10, depends_on: ['kickoff-plan'] },
  { id: 'analyse-findings', title: 'Analyse findings', phase: 'assessment', owner: 'Consultants', startDay: 14, days: 7, depends_on: ['gather-information'] },
  {
    id: 'analyse-release-process',
    title: 'Analyse the current release process',
    phase: 'assessment',
    owner: 'Consultants',
    startDay: 14,
    days: 7,
    depends_on: ['gather-information'],
  },
  {
    id: 'tactical-recommendations',
    title: 'Tactical recommendations',
    phase: 'architecture',
    owner: 'Lead consultant',
    startDay: 21,
    days: 5,
    depends_on: ['analyse-findings', 'analyse-release-process'],
  },
  {
    id: 'strategic-model',
    title: 'Strategic solution model',
    phase: 'architecture',
    owner: 'Lead consultant',
    startDay: 24,
    days: 7,
    depends_on: ['tactical-recommendations'],
  },
  {
    id: 'training-requirements',
    title: 'Training requirements',
    phase: 'planning',
    owner: 'Consultants',
    startDay: 21,
    days: 5,
    depends_on: ['analyse-findings'],
  },
  { id: 'training-plan', title: 'Training plan', phase: 'planning', owner: 'Consultants', startDay: 28, days: 5, depends_on: ['training-requirements'] },
  {
    id: 'report-presentation',
    title: 'Report and management presentation',
    phase: 'planning',
    owner: 'Lead consultant',
    startDay: 31,
    days: 7,
    depends_on: ['tactical-recommendations', 'strategic-model'],
  },
  {
    id: 'strategic-plan-outline',
    title: 'Strategic plan outline',
    phase: 'planning',
    owner: 'Lead consultant',
    startDay: 35,
    days: 7,
    depends_on: ['strategic-model'],
  },
];

function comment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((l) => `${indent}# ${l}`.trimEnd())
    .join('\n');
}

function yamlValue(v: unknown): string {
  return stringify(v, { lineWidth: 0 }).trimEnd();
}

/** `key:` and a block list whose entries are each one flow mapping on a line, as a person would write them. */
function yamlFlowList(key: string, entries: object[]): string {
  const doc = new Document({ [key]: entries });
  visit(doc, { Map: (_, node, path) => void (path.length > 2 && (node.flow = true)) });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** The files `relm init` writes, by relative path. Pure: the CLI decides whether and how to write them. */
export function scaffoldFiles(o: ScaffoldOptions): Record<string, string> {
  const files: Record<string, string> = {};
  // Every date relm proposes falls on a working day (the default calendar: Monday to Friday).
  const work = new WorkingDays();

  files['relm.yaml'] = [
    modeline('relm'),
    '# relm engagement manifest (format: relm schema relm).',
    '# Every age and window in the analysis is measured to engagement.as_of.',
    yamlValue({
      relm: 1,
      engagement: {
        client: o.client,
        title: o.title,
        as_of: o.asOf,
        ...(o.consultants.length ? { consultants: o.consultants } : {}),
        ...(o.sponsor ? { sponsor: o.sponsor } : {}),
        currency: o.currency ?? 'EUR',
        ...(o.dayRate !== undefined ? { day_rate: o.dayRate } : {}),
      },
      model: 'builtin',
      weights: { people: 1, process: 1, technology: 1, organization: 1, integration: 1 },
      output: { dir: 'out', formats: ['md', 'html'] },
      ci: { install: o.ciInstall },
    }),
    '# Score gates for relm check (and CI), off until you set them; then run `relm ci --write`:',
    '# check: {fail_under: 2.0, min_perspective: 1.5, max_gap: 3, max_regression: 0.25}',
    '',
  ].join('\n');

  const p: string[] = [
    modeline('practices'),
    '# Current state: one entry per practice of the model (format: relm schema practices).',
    '# Answer each criterion with none (0), some (0.25), half (0.5), most (1) or na (does not apply),',
    '# or in full: {answer: half, notes: "...", evidence: [{title: ..., ref: ...}]}.',
    '# A practice may instead take a quick `rating: 0..5` (used while no criterion is answered), or `na: "why"`.',
    '# A practice with nothing answered and no rating is "not assessed": it is left out of every score.',
    `assessed: ${o.asOf}`,
    'practices:',
  ];
  for (const practice of o.model.practices) {
    p.push('');
    p.push(comment(`${practice.name} (${practice.perspective})`, '  '));
    p.push(`  ${practice.id}:`);
    p.push('    notes: ""');
    p.push('    sources: []');
    p.push('    answers:');
    for (const c of practice.criteria) p.push(`      ${c.id}:   # L${c.level} ${c.text.replace(/\n/g, ' ')}`);
  }
  files['practices.yaml'] = p.join('\n') + '\n';

  const horizon = addDays(o.asOf, 365);
  files['target.yaml'] = [
    modeline('target'),
    '# Desired future state (format: relm schema target).',
    `horizon: ${horizon}`,
    '# Target level 0..5 per practice; `default` applies to every practice not listed.',
    'targets:',
    '  default: 3',
    "# The organisation's strategic goals that release management serves (the plan traces them to the work):",
    '#   - {id: G-1, title: Reliable digital services, description: ...}',
    'goals: []',
    "# The customer's requirements, most important first, each naming the practices it depends on and the goals it serves:",
    '#   - {id: REQ-1, title: Fewer failed releases, practices: [testing-strategy], goals: [G-1], metrics: [change_failure_rate]}',
    '# (a metric named by a requirement takes its target from `dora` below: one target per metric).',
    'requirements: []',
    '# Roadmap phases in order; capacity_days is the effort (person-days) a phase can absorb.',
    yamlValue({
      phases: [
        { id: 'P1', name: 'Stabilise', end: work.onOrAfter(addDays(o.asOf, 91)), capacity_days: 60 },
        { id: 'P2', name: 'Standardise', end: work.onOrAfter(addDays(o.asOf, 214)), capacity_days: 90 },
        { id: 'P3', name: 'Optimise', end: work.onOrAfter(horizon), capacity_days: 90 },
      ],
    }),
    'release_policy: {cadence_days: 14, capacity_days_per_release: 20}',
    'dora: {deployment_frequency_per_week: 1, lead_time_days: 7, change_failure_rate: 0.15, recovery_hours: 24}',
    '',
  ].join('\n');

  files['plan.yaml'] = [
    modeline('plan'),
    "# The engagement's own project plan (format: relm schema plan). Status: todo | in-progress | done | blocked.",
    yamlValue({
      tasks: STANDARD_TASKS.map(({ startDay, days, ...t }) => ({
        id: t.id,
        title: t.title,
        phase: t.phase,
        owner: t.owner,
        start: work.onOrAfter(addDays(o.asOf, startDay)),
        due: work.onOrAfter(addDays(o.asOf, startDay + days)),
        status: 'todo',
        depends_on: t.depends_on,
      })),
    }),
    '',
  ].join('\n');

  if (o.applications.length) {
    const apps = o.applications.map((a) => ({
      id: a.id,
      name: a.name ?? a.id,
      ...(a.platform ? { platform: a.platform } : {}),
      ...(a.criticality ? { criticality: a.criticality } : {}),
    }));
    files['backlog.yaml'] = [
      modeline('backlog'),
      '# Maintenance backlog (format: relm schema backlog); `relm import` fills it from Jira, Bugzilla, GitHub exports.',
      '# Applications: platform (e.g. mainframe, web, mobile) and criticality (critical, high, medium, low).',
      yamlFlowList('applications', apps),
      '# Items, one per maintenance request:',
      '#   - {id: MR-1001, application: ' +
        apps[0]!.id +
        ', title: ..., type: corrective, priority: high, status: approved, requested: ' +
        o.asOf +
        ', effort_days: 3}',
      'items: []',
      '',
    ].join('\n');
  }

  files['releases.yaml'] = [
    modeline('releases'),
    '# Release history (format: relm schema releases); `relm import servicenow` or `relm import git-tags` fills it.',
    '# One entry per production deployment; outcome: success, failed, rolled-back or hotfixed.',
    '#   - {id: R-2026-01, type: minor, applications: [' +
      (o.applications[0]?.id ?? 'core-banking') +
      '], deployed: ' +
      o.asOf +
      'T20:00:00Z, outcome: success, items: [MR-1001]}',
    'releases: []',
    '',
  ].join('\n');

  const roles = (o.model.roles ?? []).map((r) => ({
    id: r.id,
    name: r.name,
    headcount: 1,
    ...(r.requires && Object.keys(r.requires).length ? { requires: r.requires } : {}),
  }));
  files['team.yaml'] = [
    modeline('team'),
    '# People, roles and skills (format: relm schema team). Skill levels: 0 none, 1 aware, 2 practitioner,',
    "# 3 proficient (works alone), 4 expert (teaches others). `relm model skills` lists the model's skills and courses;",
    "# add your own under `skills:` (same format), which extends the model's catalogue.",
    roles.length
      ? `# The model's standard roles: set headcount to the places needed, remove the roles the organisation does not have.`
      : '# The roles, each with the skill levels it requires:',
    roles.length ? yamlFlowList('roles', roles) : 'roles: []',
    '# The people, each with the roles held and the skill levels held:',
    `#   - {id: jdoe, name: J. Doe, roles: [${roles[0]?.id ?? 'release-manager'}], fte: 1, skills: {${Object.keys(roles[0]?.requires ?? { 'release-planning': 2 })[0]}: 2}}`,
    'people: []',
    '',
  ].join('\n');

  // Generated deliverables; relm's write lock and the temporary files of interrupted writes.
  files['.gitignore'] = 'out/\n.relm/lock*\n.*.tmp\n';
  return files;
}
