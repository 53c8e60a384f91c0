import { posix } from 'node:path';
import { loadBuiltinModel } from '../model/builtin.js';
import { checkModel } from './checks/model.js';
import type { Model } from '../model/types.js';
import { finding, type Diagnostic, type Finding } from '../diagnostics/finding.js';
import { checkBenchmark } from './benchmark.js';
import { LOGO_TYPES, logoExtension, logoProblem } from './logo.js';
import { checkConfirmed, checkProgress } from './checks/progress.js';
import { checkRecord } from './checks/record.js';
import { checkTeam } from './checks/team.js';
import { checkReferences } from './checks/references.js';
import { resolveFindings } from './resolve.js';
import { checkResponses, loadResponses } from './responses.js';
import { checkSchema, type SchemaName } from './schemas.js';
import { fsSource, type FileSource, type ReadResult } from './source.js';
import type { CheckInput, Engagement, Interview, KnownIds, Observation } from './types.js';
import { isBroken, type Usable } from './usable.js';
import { isDate } from '../util/dates.js';
import { decodeUtf8, YamlSource } from './yaml-source.js';

/** The engagement files, their schema and whether they must exist (docs/engagement-files.md). */
export const ENGAGEMENT_FILES = [
  { key: 'manifest', file: 'relm.yaml', schema: 'relm', required: true },
  { key: 'practices', file: 'practices.yaml', schema: 'practices', required: true },
  { key: 'target', file: 'target.yaml', schema: 'target', required: true },
  { key: 'backlog', file: 'backlog.yaml', schema: 'backlog', required: false },
  { key: 'releases', file: 'releases.yaml', schema: 'releases', required: false },
  { key: 'team', file: 'team.yaml', schema: 'team', required: false },
  { key: 'plan', file: 'plan.yaml', schema: 'plan', required: false },
  { key: 'progress', file: 'progress.yaml', schema: 'progress', required: false },
] as const satisfies readonly { key: string; file: string; schema: SchemaName; required: boolean }[];

type FileKey = (typeof ENGAGEMENT_FILES)[number]['key'];

export interface LoadResult {
  /** The typed engagement, or null when any file has an error. */
  engagement: Engagement | null;
  diagnostics: Diagnostic[];
  root: string;
  /** Positions a later finding (a policy failure, say) in the files read. */
  locate: (f: Finding) => Diagnostic;
  /** The model relm.yaml names, when it loads (even if other files have errors). */
  model: Model | null;
}

/** Reads a file of the engagement from the working tree; one that leaves the folder is refused. */
export function readInside(root: string, rel: string): ReadResult {
  return fsSource(root).read(rel);
}

interface Parsed {
  source: YamlSource;
  data: unknown;
  valid: boolean;
  /** What the cross-file checks can use of it (all of it when valid). */
  usable: Usable;
}

/**
 * Loads the engagement at `root` from the working tree, or from another source (a git revision).
 * Every finding comes in one run: each file's syntax and schema check, then the cross-file checks over
 * everything that parsed, with only the broken parts left out (usable.ts).
 */
export function loadEngagement(root: string, source: FileSource = fsSource(root)): LoadResult {
  const findings: Finding[] = [];
  const sources = new Map<string, YamlSource>();
  const usable = new Map<string, Usable>();

  const readYaml = (file: string, schema: SchemaName, bytes: Buffer): Parsed | null => {
    const decoded = decodeUtf8(file, bytes);
    if (!decoded.ok) {
      findings.push(decoded.finding);
      return null;
    }
    const source = new YamlSource(file, decoded.text);
    sources.set(file, source);
    const parsed = source.parse();
    if (!parsed.ok) {
      findings.push(parsed.finding);
      return null;
    }
    const checked = checkSchema(schema, file, parsed.data);
    for (const f of checked.findings) findings.push(f);
    usable.set(file, checked.usable);
    return { source, data: parsed.data, valid: checked.findings.length === 0, usable: checked.usable };
  };

  const files = {} as Record<FileKey, Parsed | null>;
  for (const spec of ENGAGEMENT_FILES) {
    const read = source.read(spec.file);
    if (!read.ok) {
      files[spec.key] = null;
      if (spec.required || read.reason !== 'it does not exist') {
        findings.push(
          finding(
            'missing-file',
            { file: spec.file, line: 1, col: 1 },
            spec.required ? `${spec.file} is required but ${read.reason}; \`relm init\` writes a starting one` : `${spec.file} cannot be read: ${read.reason}`,
          ),
        );
      }
      continue;
    }
    files[spec.key] = readYaml(spec.file, spec.schema, read.bytes);
  }

  // The model: built in, or a file inside the engagement folder. Unknown when relm.yaml does not say (it
  // does not parse, or its `model` is broken): the checks that need the model are then left out.
  let model: Model | null = null;
  const rawManifest = files.manifest?.data;
  const manifestFields =
    rawManifest !== null && typeof rawManifest === 'object' && !Array.isArray(rawManifest) ? (rawManifest as Record<string, unknown>) : null;
  const rawModel = manifestFields?.model;
  const modelRef = !manifestFields ? null : rawModel === undefined ? 'builtin' : typeof rawModel === 'string' && rawModel ? rawModel : null;
  if (modelRef === 'builtin') {
    model = loadBuiltinModel();
  } else if (modelRef !== null) {
    const rel = posix.normalize(modelRef);
    const read = source.read(rel);
    if (!read.ok) {
      findings.push(
        finding(
          'model-not-found',
          { file: 'relm.yaml', path: ['model'] },
          `the model file cannot be used: ${read.reason}; name a file inside the engagement folder, or "builtin"`,
        ),
      );
    } else {
      const file = rel;
      const parsed = readYaml(file, 'model', read.bytes);
      if (parsed?.valid) {
        const modelFindings = checkModel(parsed.data as Model, file);
        for (const f of modelFindings) findings.push(f);
        if (!modelFindings.some((f) => f.severity === 'error')) model = parsed.data as Model;
      }
    }
  }

  // The logo of relm.yaml branding: an image file inside the engagement folder.
  const logo = (files.manifest?.usable.data as { branding?: { logo?: string } } | null | undefined)?.branding?.logo;
  if (logo !== undefined) {
    const read = source.read(posix.normalize(logo));
    const problem = !read.ok ? read.reason : logoProblem(logo, read.bytes);
    if (problem)
      findings.push(
        finding(
          'logo-not-usable',
          { file: 'relm.yaml', path: ['branding', 'logo'] },
          `the logo ${logo} cannot be used: ${problem}; name an image file inside the engagement folder`,
        ),
      );
  }

  // The benchmark of relm.yaml: a portfolio file inside the engagement folder.
  for (const f of checkBenchmark(source, (files.manifest?.usable.data as { benchmark?: string } | null | undefined)?.benchmark)) findings.push(f);

  const interviews = loadInterviews(source, findings, sources, usable);
  const observations = loadObservations(source, findings, sources, usable);
  const responses = loadResponses(source, findings, sources);

  const part = <T>(key: FileKey) => (files[key]?.usable.data ?? null) as T | null;
  const checks: CheckInput = {
    asOf: asOfIn(manifestFields),
    model,
    practices: part<Engagement['practices']>('practices'),
    target: part<Engagement['target']>('target'),
    backlog: part<Engagement['backlog']>('backlog'),
    releases: part<Engagement['releases']>('releases'),
    team: part<Engagement['team']>('team'),
    plan: part<Engagement['plan']>('plan'),
    progress: part<NonNullable<Engagement['progress']>>('progress'),
    reassessment: reassessmentIn(files.manifest?.usable.data),
    interviews: interviews.list,
    observations: observations.list,
    // Practices cite interviews and observations alike in `sources`.
    interviewsComplete: interviews.complete && observations.complete,
    ids: knownIds(files, new Set([...interviews.ids, ...observations.ids])),
    broken: (file, path) => {
      const u = usable.get(file);
      return u ? isBroken(u, path) : false;
    },
  };
  for (const check of [checkReferences, checkRecord, checkTeam, checkProgress, checkConfirmed, (c: CheckInput) => checkResponses(c, responses.list)]) {
    for (const f of check(checks)) {
      const u = f.path && usable.get(f.file);
      findings.push(u ? { ...f, path: u.toOriginal(f.path!) } : f);
    }
  }

  const diagnostics = resolveFindings(findings, sources);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const allValid = ENGAGEMENT_FILES.every((s) => (files[s.key] === null ? !s.required : files[s.key]!.valid));
  const manifest = files.manifest?.valid ? (files.manifest.data as Engagement['manifest']) : null;
  const engagement: Engagement | null =
    hasError || !allValid || !interviews.valid || !observations.valid || !responses.valid || !model || !manifest
      ? null
      : {
          manifest,
          model,
          practices: files.practices!.data as Engagement['practices'],
          target: files.target!.data as Engagement['target'],
          backlog: (files.backlog?.data ?? null) as Engagement['backlog'],
          releases: (files.releases?.data ?? null) as Engagement['releases'],
          team: (files.team?.data ?? null) as Engagement['team'],
          plan: (files.plan?.data ?? null) as Engagement['plan'],
          progress: (files.progress?.data ?? null) as Engagement['progress'],
          interviews: interviews.list,
          observations: observations.list,
          responses: responses.list,
        };
  return { engagement, diagnostics, root, locate: (f) => resolveFindings([f], sources)[0]!, model };
}

/** The logo as a data URI (HTML and PDF both show it; nothing is fetched), or null. */
export function logoDataUri(root: string, logo: string | undefined): string | null {
  if (logo === undefined) return null;
  const type = LOGO_TYPES[logoExtension(logo)];
  const read = readInside(root, posix.normalize(logo));
  return type && read.ok && !logoProblem(logo, read.bytes) ? `data:${type};base64,${read.bytes.toString('base64')}` : null;
}

/** relm.yaml's `previous.as_of` and `stale_after_days`, as far as they are usable. */
function reassessmentIn(manifest: unknown): CheckInput['reassessment'] {
  const m = (manifest ?? {}) as { previous?: { as_of?: unknown }; stale_after_days?: unknown };
  const previousAsOf = m.previous?.as_of;
  return {
    previousAsOf: typeof previousAsOf === 'string' && isDate(previousAsOf) ? previousAsOf : null,
    staleAfterDays: typeof m.stale_after_days === 'number' ? m.stale_after_days : null,
  };
}

/** relm.yaml's as-of date when it is one, even if something else in the file is broken. */
function asOfIn(manifest: Record<string, unknown> | null): string | null {
  const e = manifest?.engagement;
  const v = e !== null && typeof e === 'object' ? (e as Record<string, unknown>).as_of : undefined;
  return typeof v === 'string' && isDate(v) ? v : null;
}

/** The ids a list of the file gives, its broken entries included: a reference to one of those is not "unknown". */
function idsIn(data: unknown, key: string): Set<string> {
  const list = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  const out = new Set<string>();
  if (Array.isArray(list))
    for (const x of list) if (x !== null && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string') out.add((x as { id: string }).id);
  return out;
}

function knownIds(files: Record<FileKey, Parsed | null>, interviews: Set<string>): KnownIds {
  const raw = (key: FileKey) => files[key]?.data;
  return {
    items: idsIn(raw('backlog'), 'items'),
    applications: idsIn(raw('backlog'), 'applications'),
    releases: idsIn(raw('releases'), 'releases'),
    roles: idsIn(raw('team'), 'roles'),
    skills: idsIn(raw('team'), 'skills'),
    tasks: idsIn(raw('plan'), 'tasks'),
    recommendations: idsIn(raw('target'), 'recommendations'),
    interviews,
  };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function loadInterviews(files: FileSource, findings: Finding[], sources: Map<string, YamlSource>, usable: Map<string, Usable>) {
  return loadNotes<Interview>(files, findings, sources, usable, {
    dir: 'interviews',
    schema: 'interview',
    what: 'interview notes',
    keys: 'id, date, interviewees, practices',
  });
}

/** observations/*.md: what the assessors saw for themselves (id, date, observer, title, practices). */
function loadObservations(files: FileSource, findings: Finding[], sources: Map<string, YamlSource>, usable: Map<string, Usable>) {
  return loadNotes<Observation>(files, findings, sources, usable, {
    dir: 'observations',
    schema: 'observation',
    what: 'observation notes',
    keys: 'id, date, observer, title, practices',
  });
}

/** Markdown notes with a YAML front matter, one folder of them: each checked against its schema. */
function loadNotes<T extends { file: string; id: string; date: string; body: string }>(
  files: FileSource,
  findings: Finding[],
  sources: Map<string, YamlSource>,
  usable: Map<string, Usable>,
  kind: { dir: string; schema: SchemaName; what: string; keys: string },
): { list: T[]; valid: boolean; complete: boolean; ids: Set<string> } {
  const list: T[] = [];
  const ids = new Set<string>();
  let valid = true;
  let complete = true;
  const names = files.list(kind.dir).filter((n) => n.endsWith('.md'));
  for (const name of names) {
    const file = `${kind.dir}/${name}`;
    const read = files.read(file);
    if (!read.ok) {
      findings.push(finding('unreadable-file', { file, line: 1, col: 1 }, `cannot read the ${kind.what}: ${read.reason}`));
      valid = false;
      complete = false;
      continue;
    }
    const decoded = decodeUtf8(file, read.bytes);
    if (!decoded.ok) {
      findings.push(decoded.finding);
      valid = complete = false;
      continue;
    }
    const m = FRONT_MATTER.exec(decoded.text);
    if (!m) {
      findings.push(finding('missing-front-matter', { file, line: 1, col: 1 }, `${kind.what} start with a YAML front matter between --- lines (${kind.keys})`));
      valid = complete = false;
      continue;
    }
    const source = new YamlSource(file, m[1]!, 1);
    sources.set(file, source);
    const parsed = source.parse();
    if (!parsed.ok) {
      findings.push({ ...parsed.finding, line: (parsed.finding.line ?? 1) + 1 });
      valid = complete = false;
      continue;
    }
    const checked = checkSchema(kind.schema, file, parsed.data);
    for (const f of checked.findings) findings.push(f);
    usable.set(file, checked.usable);
    const id = (parsed.data as { id?: unknown }).id;
    if (typeof id === 'string') ids.add(id);
    else complete = false;
    if (checked.findings.length) valid = false;
    const data = checked.usable.data as Omit<T, 'file' | 'body'> | null;
    // A broken note still counts for the checks when its id and date are usable.
    if (data && typeof data.id === 'string' && typeof data.date === 'string') list.push({ ...data, file, body: decoded.text.slice(m[0].length) } as T);
  }
  return { list, valid, complete, ids };
}
