import { posix } from 'node:path';
import { loadBuiltinModel } from '../model/builtin.js';
import { checkModel } from '../model/check.js';
import type { Model } from '../model/types.js';
import type { Diagnostic, Finding } from './diagnostics.js';
import { checkRecord } from './checks-record.js';
import { checkTeam } from './checks-team.js';
import { checkReferences } from './references.js';
import { resolveFindings } from './resolve.js';
import { validateSchema, type SchemaName } from './schemas.js';
import { fsSource, type FileSource, type ReadResult } from './source.js';
import type { Engagement, Interview } from './types.js';
import { decodeUtf8, parseYaml, YamlSource } from './yaml-source.js';

/** The engagement files, their schema and whether they must exist (DESIGN §2). */
export const ENGAGEMENT_FILES = [
  { key: 'manifest', file: 'relm.yaml', schema: 'relm', required: true },
  { key: 'practices', file: 'practices.yaml', schema: 'practices', required: true },
  { key: 'target', file: 'target.yaml', schema: 'target', required: true },
  { key: 'backlog', file: 'backlog.yaml', schema: 'backlog', required: false },
  { key: 'releases', file: 'releases.yaml', schema: 'releases', required: false },
  { key: 'team', file: 'team.yaml', schema: 'team', required: false },
  { key: 'plan', file: 'plan.yaml', schema: 'plan', required: false },
] as const satisfies readonly { key: string; file: string; schema: SchemaName; required: boolean }[];

type FileKey = (typeof ENGAGEMENT_FILES)[number]['key'];

export interface LoadResult {
  /** The typed engagement, or null when any file has an error. */
  engagement: Engagement | null;
  diagnostics: Diagnostic[];
  root: string;
  /** Positions a later finding (a policy failure, say) in the files read. */
  locate: (f: Finding) => Diagnostic;
}

/** Reads a file of the engagement from the working tree; one that leaves the folder is refused. */
export function readInside(root: string, rel: string): ReadResult {
  return fsSource(root).read(rel);
}

interface Parsed {
  source: YamlSource;
  data: unknown;
  valid: boolean;
}

/** Loads the engagement at `root` from the working tree, or from another source (a git revision). */
export function loadEngagement(root: string, source: FileSource = fsSource(root)): LoadResult {
  const findings: Finding[] = [];
  const sources = new Map<string, YamlSource>();

  const readYaml = (file: string, schema: SchemaName, bytes: Buffer): Parsed | null => {
    const decoded = decodeUtf8(file, bytes);
    if (!decoded.ok) {
      findings.push(decoded.finding);
      return null;
    }
    const source = new YamlSource(file, decoded.text);
    sources.set(file, source);
    const parsed = parseYaml(file, decoded.text);
    if (!parsed.ok) {
      findings.push(parsed.finding);
      return null;
    }
    const errors = validateSchema(schema, file, parsed.data);
    for (const f of errors) findings.push(f);
    return { source, data: parsed.data, valid: errors.length === 0 };
  };

  const files = {} as Record<FileKey, Parsed | null>;
  for (const spec of ENGAGEMENT_FILES) {
    const read = source.read(spec.file);
    if (!read.ok) {
      files[spec.key] = null;
      if (spec.required || read.reason !== 'it does not exist') {
        findings.push({
          file: spec.file,
          line: 1,
          col: 1,
          severity: 'error',
          code: 'missing-file',
          message: spec.required ? `${spec.file} is required but ${read.reason}; \`relm init\` writes a starting one` : `${spec.file} cannot be read: ${read.reason}`,
        });
      }
      continue;
    }
    files[spec.key] = readYaml(spec.file, spec.schema, read.bytes);
  }

  // The model: built in, or a file inside the engagement folder.
  let model: Model | null = null;
  const manifest = files.manifest?.valid ? (files.manifest.data as Engagement['manifest']) : null;
  const modelRef = manifest?.model ?? 'builtin';
  if (modelRef === 'builtin') {
    model = loadBuiltinModel();
  } else if (manifest) {
    const rel = posix.normalize(modelRef);
    const read = source.read(rel);
    if (!read.ok) {
      findings.push({ file: 'relm.yaml', path: ['model'], severity: 'error', code: 'model-not-found', message: `the model file cannot be used: ${read.reason}; name a file inside the engagement folder, or "builtin"` });
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
  const logo = manifest?.branding?.logo;
  if (logo !== undefined) {
    const read = source.read(posix.normalize(logo));
    const problem = !read.ok ? read.reason : !LOGO_TYPES[extOf(logo)] ? 'it is not a PNG, JPEG, GIF, WebP or SVG file' : read.bytes.length > MAX_LOGO_BYTES ? 'it is larger than 2 MB' : null;
    if (problem) findings.push({ file: 'relm.yaml', path: ['branding', 'logo'], severity: 'error', code: 'logo-not-usable', message: `the logo ${logo} cannot be used: ${problem}; name an image file inside the engagement folder` });
  }

  const interviews = loadInterviews(source, findings, sources);

  const allValid = ENGAGEMENT_FILES.every((s) => files[s.key] === null ? !s.required : files[s.key]!.valid);
  let engagement: Engagement | null = null;
  if (allValid && model && manifest) {
    engagement = {
      manifest,
      model,
      practices: files.practices!.data as Engagement['practices'],
      target: files.target!.data as Engagement['target'],
      backlog: (files.backlog?.data ?? null) as Engagement['backlog'],
      releases: (files.releases?.data ?? null) as Engagement['releases'],
      team: (files.team?.data ?? null) as Engagement['team'],
      plan: (files.plan?.data ?? null) as Engagement['plan'],
      interviews: interviews.list,
    };
    for (const check of [checkReferences, checkRecord, checkTeam]) for (const f of check(engagement)) findings.push(f);
  }

  const diagnostics = resolveFindings(findings, sources);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return { engagement: hasError || !interviews.valid ? null : engagement, diagnostics, root, locate: (f) => resolveFindings([f], sources)[0]! };
}

/** Image types a logo may have, by file extension, with their media type. */
export const LOGO_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' };
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const extOf = (path: string) => (path.split('.').pop() ?? '').toLowerCase();

/** The logo as a data URI (HTML and PDF both show it; nothing is fetched), or null. */
export function logoDataUri(root: string, logo: string | undefined): string | null {
  if (logo === undefined) return null;
  const type = LOGO_TYPES[extOf(logo)];
  const read = readInside(root, posix.normalize(logo));
  return type && read.ok ? `data:${type};base64,${read.bytes.toString('base64')}` : null;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function loadInterviews(files: FileSource, findings: Finding[], sources: Map<string, YamlSource>): { list: Interview[]; valid: boolean } {
  const list: Interview[] = [];
  let valid = true;
  const names = files.list('interviews').filter((n) => n.endsWith('.md'));
  for (const name of names) {
    const file = `interviews/${name}`;
    const read = files.read(`interviews/${name}`);
    if (!read.ok) {
      findings.push({ file, line: 1, col: 1, severity: 'error', code: 'unreadable-file', message: `cannot read the interview notes: ${read.reason}` });
      valid = false;
      continue;
    }
    const decoded = decodeUtf8(file, read.bytes);
    if (!decoded.ok) {
      findings.push(decoded.finding);
      valid = false;
      continue;
    }
    const m = FRONT_MATTER.exec(decoded.text);
    if (!m) {
      findings.push({ file, line: 1, col: 1, severity: 'error', code: 'missing-front-matter', message: 'interview notes start with a YAML front matter between --- lines (id, date, interviewees, practices)' });
      valid = false;
      continue;
    }
    const source = new YamlSource(file, m[1]!, 1);
    sources.set(file, source);
    const parsed = parseYaml(file, m[1]!);
    if (!parsed.ok) {
      findings.push({ ...parsed.finding, line: (parsed.finding.line ?? 1) + 1 });
      valid = false;
      continue;
    }
    const errors = validateSchema('interview', file, parsed.data);
    for (const f of errors) findings.push(f);
    if (errors.length) {
      valid = false;
      continue;
    }
    list.push({ ...(parsed.data as Omit<Interview, 'file' | 'body'>), file, body: decoded.text.slice(m[0].length) });
  }
  return { list, valid };
}
