import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/finding.js';
import { escapeData, escapeProperty, github } from '../../src/output/github.js';
import { junit } from '../../src/output/junit.js';
import { RULES, ruleFor } from '../../src/diagnostics/rules.js';
import { sarif } from '../../src/output/sarif.js';
import type { FormatContext } from '../../src/output/types.js';
import { withSharedData } from '../helpers/shared-data.js';

const GOLDEN = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
const sarifSchema = withSharedData('schemas/sarif-schema-2.1.0.json');
const SARIF_SCHEMA = sarifSchema.paths[0]!;
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const ROOT = '/work/engagements/acme bank';
const ctx: FormatContext = { colors: new Chalk({ level: 0 }), root: ROOT };

const d = (
  file: string,
  line: number,
  col: number,
  endLine: number,
  endCol: number,
  severity: Diagnostic['severity'],
  code: string,
  message: string,
): Diagnostic => ({
  file,
  line,
  col,
  endLine,
  endCol,
  severity,
  code,
  message,
});

/** Findings that exercise every escape: %, comma, colon, CR/LF, markup, quotes, a control character, a space in a path. */
const DIAGNOSTICS: Diagnostic[] = [
  d('backlog.yaml', 7, 18, 7, 30, 'error', 'unknown-application', 'item "MR-1" names application "core, banking: 100%"\r\nsecond line <script>&"x"\'s'),
  d('backlog.yaml', 9, 5, 9, 11, 'warning', 'missing-closed', 'item "MR-2" is done but has no closed date; add closed: YYYY-MM-DD'),
  d('backlog.yaml', 14, 5, 14, 11, 'warning', 'missing-closed', 'item "MR-3" is rejected but has no closed date'),
  d('interviews/kick off.md', 2, 5, 2, 11, 'error', 'duplicate-id', 'interview id "int-01" is also used by interviews/int-01.md'),
  d(
    'practices.yaml',
    4,
    5,
    6,
    9,
    'warning',
    'unanswered',
    '2 of 7 criteria of "release-policy" are unanswered and count as "none": release-policy-4a, release-policy-5a',
  ),
  d('relm.yaml', 3, 3, 3, 9, 'error', 'unknown-key', 'unknown key "clinet" in "engagement"; did you mean "client"?'),
  d('releases.yaml', 9, 14, 9, 14, 'info', 'custom-note', 'a note with a bell \u0007 and an emoji 😀 – kept'),
];

function golden(name: string): string {
  return readFileSync(join(GOLDEN, name), 'utf8');
}

/** The version is the package's, checked separately; the golden file holds a placeholder. */
function sarifForGolden(out: string): string {
  return out.replace(`"semanticVersion": "${VERSION}"`, '"semanticVersion": "<version>"');
}

describe('golden output (no auto-update: a change of output must be reviewed and the golden file rewritten by hand)', () => {
  it('github', () => expect(github(DIAGNOSTICS, ctx)).toBe(golden('formats.github.txt')));
  it('junit', () => expect(junit(DIAGNOSTICS, ctx)).toBe(golden('formats.junit.xml')));
  it('junit without findings', () => expect(junit([], ctx)).toBe(golden('empty.junit.xml')));
  it('sarif', () => expect(sarifForGolden(sarif(DIAGNOSTICS, ctx))).toBe(golden('formats.sarif.json')));
  it('sarif without findings', () => expect(sarifForGolden(sarif([], ctx))).toBe(golden('empty.sarif.json')));
});

describe('github', () => {
  it('escapes data and properties as @actions/core does', () => {
    expect(escapeData('100% a:b, c\r\nd')).toBe('100%25 a:b, c%0D%0Ad');
    expect(escapeProperty('100% a:b, c\r\nd')).toBe('100%25 a%3Ab%2C c%0D%0Ad');
    // % first, so an escape is never escaped twice.
    expect(escapeProperty('%3A')).toBe('%253A');
  });

  it('writes one workflow command per finding, by severity', () => {
    const out = github(
      [
        d('dir,x:y/a b.yaml', 2, 3, 2, 8, 'error', 'odd:code,1', 'a%b\r\nc: d, e'),
        d('relm.yaml', 1, 1, 1, 1, 'warning', 'w', 'w'),
        d('relm.yaml', 1, 1, 1, 1, 'info', 'i', 'i'),
      ],
      ctx,
    );
    expect(out).toBe(
      '::error file=dir%2Cx%3Ay/a b.yaml,line=2,col=3,endLine=2,endColumn=8,title=odd%3Acode%2C1::a%25b%0D%0Ac: d, e\n' +
        '::warning file=relm.yaml,line=1,col=1,endLine=1,endColumn=1,title=w::w\n' +
        '::notice file=relm.yaml,line=1,col=1,endLine=1,endColumn=1,title=i::i\n',
    );
  });

  it('leaves columns out of a finding that spans lines (the runner drops such an annotation)', () => {
    expect(github([d('practices.yaml', 4, 5, 6, 9, 'warning', 'unanswered', 'm')], ctx)).toBe(
      '::warning file=practices.yaml,line=4,endLine=6,title=unanswered::m\n',
    );
  });

  it('prefixes paths with the engagement folder relative to repoRoot', () => {
    const one = [d('interviews/kick off.md', 2, 5, 2, 11, 'error', 'duplicate-id', 'm')];
    const inRepo = { ...ctx, root: '/repo/engagements/acme bank', repoRoot: '/repo' } as FormatContext;
    expect(github(one, inRepo)).toBe('::error file=engagements/acme bank/interviews/kick off.md,line=2,col=5,endLine=2,endColumn=11,title=duplicate-id::m\n');
    const atRoot = { ...ctx, root: '/repo', repoRoot: '/repo' } as FormatContext;
    expect(github(one, atRoot)).toBe('::error file=interviews/kick off.md,line=2,col=5,endLine=2,endColumn=11,title=duplicate-id::m\n');
  });

  it('compares real paths when the engagement is reached through a symlink, and ignores a repoRoot it is not inside', () => {
    const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'relm-github-')));
    try {
      mkdirSync(join(tmp, 'repo', 'engagements', 'acme'), { recursive: true });
      symlinkSync(join(tmp, 'repo'), join(tmp, 'link'));
      const one = [d('relm.yaml', 1, 1, 1, 1, 'error', 'x', 'm')];
      const linked = { ...ctx, root: join(tmp, 'link', 'engagements', 'acme'), repoRoot: join(tmp, 'repo') } as FormatContext;
      expect(github(one, linked)).toBe('::error file=engagements/acme/relm.yaml,line=1,col=1,endLine=1,endColumn=1,title=x::m\n');
      const outside = { ...ctx, root: '/elsewhere/acme', repoRoot: join(tmp, 'repo') } as FormatContext;
      expect(github(one, outside)).toBe('::error file=relm.yaml,line=1,col=1,endLine=1,endColumn=1,title=x::m\n');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('prints nothing without findings', () => expect(github([], ctx)).toBe(''));
});

// ---- JUnit: a small well-formedness checker (no XML parser among the dependencies, xmllint is not installed) ----

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const XML_FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = '[A-Za-z_][A-Za-z0-9._-]*';

function decodeEntities(s: string, where: string): string {
  return s.replace(/&([^;]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`${where}: bare & in ${JSON.stringify(s)}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[ref]) return named[ref];
    if (/^#[0-9]+$/.test(ref)) return String.fromCodePoint(Number(ref.slice(1)));
    if (/^#x[0-9A-Fa-f]+$/.test(ref)) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    throw new Error(`${where}: unknown entity &${ref};`);
  });
}

/** Parses the XML subset the formatters write (declaration, elements, attributes, text); throws where it is not well-formed. */
function parseXml(xml: string): XmlElement {
  if (XML_FORBIDDEN.test(xml)) throw new Error('a character XML 1.0 forbids');
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (!decl) throw new Error('no XML declaration with encoding UTF-8 at the start');
  let pos = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`, 'y');
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    if (text) {
      if (stack.length) stack.at(-1)!.text += decodeEntities(text, 'text');
      else if (text.trim()) throw new Error(`text outside the root element: ${JSON.stringify(text)}`);
    }
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at offset ${lt}: ${JSON.stringify(xml.slice(lt, lt + 40))}`);
    const [, close, name, rawAttrs, selfClose] = m;
    if (close) {
      if (rawAttrs || selfClose) throw new Error(`malformed end tag </${name}>`);
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
    } else {
      if (!stack.length && root) throw new Error('more than one root element');
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs!.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
        if (a[1]! in attrs) throw new Error(`attribute ${a[1]} twice on <${name}>`);
        if (a[2]!.includes('<')) throw new Error(`< in attribute ${a[1]}`);
        attrs[a[1]!] = decodeEntities(a[2]!, `attribute ${a[1]}`);
      }
      const el: XmlElement = { name: name!, attrs, children: [], text: '' };
      if (stack.length) stack.at(-1)!.children.push(el);
      else root = el;
      if (!selfClose) stack.push(el);
    }
    pos = lt + m[0].length;
  }
  if (stack.length) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

describe('junit', () => {
  it('the checker rejects what is not well-formed', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(() => parseXml(head + '<a><b></a></b>')).toThrow(/closes/);
    expect(() => parseXml(head + '<a>x & y</a>')).toThrow(/bare &/);
    expect(() => parseXml(head + '<a t="<"/>')).toThrow();
    expect(() => parseXml(head + '<a>\u0001</a>')).toThrow(/forbids/);
    expect(() => parseXml(head + '<a/><b/>')).toThrow(/root/);
    expect(() => parseXml('<a/>')).toThrow(/declaration/);
    expect(parseXml(head + '<a x="1 &amp; 2">&lt;ok&gt;</a>')).toEqual({ name: 'a', attrs: { x: '1 & 2' }, children: [], text: '<ok>' });
  });

  it('is well-formed, one testsuite per file and one testcase per (file, code); errors fail, warnings pass with <system-out>', () => {
    const root = parseXml(junit(DIAGNOSTICS, ctx));
    expect(root.name).toBe('testsuites');
    const suites = root.children;
    expect(suites.map((s) => s.attrs.name)).toEqual(['backlog.yaml', 'interviews/kick off.md', 'practices.yaml', 'relm.yaml', 'releases.yaml']);
    const cases = suites.flatMap((s) => s.children);
    expect(cases).toHaveLength(6);
    expect(root.attrs).toMatchObject({ name: 'relm', tests: '6', failures: '3' });
    expect(suites.map((s) => s.attrs.failures)).toEqual(['1', '1', '0', '1', '0']);
    for (const s of suites) {
      expect(s.attrs.tests).toBe(String(s.children.length));
      for (const c of s.children) {
        expect(c.attrs.classname).toBe(s.attrs.name);
        expect(c.children).toHaveLength(1);
      }
    }
    expect(cases.map((c) => `${c.attrs.name} ${c.children[0]!.name}`)).toEqual([
      'unknown-application failure',
      'missing-closed system-out',
      'duplicate-id failure',
      'unanswered system-out',
      'unknown-key failure',
      'custom-note system-out',
    ]);
    const [app, closed] = suites[0]!.children;
    // Markup, quotes and line breaks survive escaping; the text lists `line:col message`.
    expect(app!.children[0]!.attrs).toEqual({ type: 'error', message: DIAGNOSTICS[0]!.message });
    expect(app!.children[0]!.text).toBe(`7:18 ${DIAGNOSTICS[0]!.message}`);
    expect(closed!.children[0]!.attrs).toEqual({});
    expect(closed!.children[0]!.text).toBe(`9:5 warning: ${DIAGNOSTICS[1]!.message}\n14:5 warning: ${DIAGNOSTICS[2]!.message}`);
    // The bell is shown escaped (the one sanitiser, src/output/printable.ts); the emoji is kept.
    expect(suites[4]!.children[0]!.children[0]!.text).toBe('9:14 info: a note with a bell \\x07 and an emoji 😀 – kept');
  });

  it('passes an engagement that has only warnings', () => {
    const root = parseXml(junit([d('practices.yaml', 4, 5, 4, 5, 'warning', 'unanswered', 'two unanswered')], ctx));
    expect(root.attrs).toMatchObject({ tests: '1', failures: '0', errors: '0' });
    expect(root.children[0]!.children[0]!.children).toEqual([{ name: 'system-out', attrs: {}, children: [], text: '4:5 warning: two unanswered' }]);
  });

  it('strips lone surrogates, which XML cannot hold', () => {
    const root = parseXml(junit([d('a.yaml', 1, 1, 1, 1, 'error', 'x', 'half \uD83D pair')], ctx));
    expect(root.children[0]!.children[0]!.children[0]!.text).toBe('1:1 half  pair');
  });

  it('shows a pass when there are no findings', () => {
    const root = parseXml(junit([], ctx));
    expect(root.attrs).toMatchObject({ name: 'relm', tests: '1', failures: '0' });
    expect(root.children).toHaveLength(1);
    expect(root.children[0]!.attrs.name).toBe('relm');
    expect(root.children[0]!.children).toEqual([{ name: 'testcase', attrs: { classname: 'relm', name: 'engagement is valid' }, children: [], text: '' }]);
  });
});

// ---- SARIF ----

interface SarifLog {
  runs: {
    tool: { driver: { semanticVersion: string; rules: { id: string; name: string; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: { location: { uri: string; uriBaseId: string } }[];
    results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  }[];
}

// RFC 3986 character set: unreserved, reserved and valid percent-encodings only (a raw space is not a URI).
const URI_CHARS = String.raw`(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*`;
const URI_REFERENCE = new RegExp(`^${URI_CHARS}$`);
const URI = new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${URI_CHARS}$`);

/**
 * The OASIS schema is draft-04 (`id`, `$schema` draft-04), which Ajv 8 does not load. It uses no keyword
 * whose meaning changed after draft-04 (no boolean exclusiveMinimum/Maximum, only local $refs), so it is
 * validated by Ajv's default draft-07 with `id` renamed `$id`.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
  expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  const text = JSON.stringify(schema);
  expect(text).not.toMatch(/"exclusive(Minimum|Maximum)":\s*(true|false)/);
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', { type: 'string', validate: (s: string) => URI.test(s) });
  ajv.addFormat('uri-reference', { type: 'string', validate: (s: string) => URI_REFERENCE.test(s) });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
  return ajv.compile({ ...rest, $id: String(id) });
}

describe('sarif', () => {
  sarifSchema.it('validates against the OASIS SARIF 2.1.0 schema, with and without findings', () => {
    const validate = sarifValidator();
    for (const diags of [DIAGNOSTICS, []]) {
      const ok = validate(JSON.parse(sarif(diags, ctx)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  sarifSchema.it('the validator rejects a raw space in a URI and a bad level', () => {
    const validate = sarifValidator();
    const log = JSON.parse(sarif(DIAGNOSTICS, ctx)) as SarifLog;
    log.runs[0]!.artifacts[0]!.location.uri = 'kick off.md';
    expect(validate(log)).toBe(false);
    const log2 = JSON.parse(sarif(DIAGNOSTICS, ctx)) as SarifLog;
    log2.runs[0]!.results[0]!.level = 'info';
    expect(validate(log2)).toBe(false);
  });

  it('lists the rules used once each, and every result points at its rule', () => {
    const log = JSON.parse(sarif(DIAGNOSTICS, ctx)) as SarifLog;
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['unknown-application', 'missing-closed', 'duplicate-id', 'unanswered', 'unknown-key', 'custom-note']);
    expect(run.results).toHaveLength(DIAGNOSTICS.length);
    run.results.forEach((r, i) => {
      expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
      expect(r.ruleId).toBe(DIAGNOSTICS[i]!.code);
    });
    expect(run.results.map((r) => r.level)).toEqual(['error', 'warning', 'warning', 'error', 'warning', 'error', 'note']);
    // A code the catalogue does not know gets a generic rule at the level it was reported with.
    expect(rules[5]).toMatchObject({ name: 'CustomNote', defaultConfiguration: { level: 'note' } });
    expect(rules[0]).toMatchObject({ name: 'UnknownApplication', defaultConfiguration: { level: 'error' } });
  });

  it('locates files relative to %SRCROOT%, percent-encoded, each artifact once', () => {
    const run = (JSON.parse(sarif(DIAGNOSTICS, ctx)) as SarifLog).runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/engagements/acme%20bank/' } });
    expect(run.artifacts.map((a) => a.location.uri)).toEqual(['backlog.yaml', 'interviews/kick%20off.md', 'practices.yaml', 'relm.yaml', 'releases.yaml']);
    expect(run.artifacts.every((a) => a.location.uriBaseId === '%SRCROOT%')).toBe(true);
    expect(run.results[3]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('interviews/kick%20off.md');
  });

  it('locates files relative to the repository when the engagement is a subfolder of one, so code scanning places them', () => {
    const inRepo: FormatContext = { ...ctx, repoRoot: '/work' };
    const run = (JSON.parse(sarif(DIAGNOSTICS, inRepo)) as SarifLog).runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/' } });
    expect(run.artifacts.map((a) => a.location.uri)).toEqual([
      'engagements/acme%20bank/backlog.yaml',
      'engagements/acme%20bank/interviews/kick%20off.md',
      'engagements/acme%20bank/practices.yaml',
      'engagements/acme%20bank/relm.yaml',
      'engagements/acme%20bank/releases.yaml',
    ]);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'engagements/acme%20bank/backlog.yaml',
      uriBaseId: '%SRCROOT%',
    });
    // The same paths as the GitHub annotations give.
    expect(github(DIAGNOSTICS, inRepo)).toContain('file=engagements/acme bank/backlog.yaml,');
    // An engagement outside the repository (another checkout) stays relative to itself.
    const outside = (JSON.parse(sarif(DIAGNOSTICS, { ...ctx, repoRoot: '/elsewhere' })) as SarifLog).runs[0]!;
    expect(outside.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/engagements/acme%20bank/' } });
    if (existsSync(SARIF_SCHEMA)) {
      const validate = sarifValidator();
      expect(validate(JSON.parse(sarif(DIAGNOSTICS, inRepo)))).toBe(true);
    }
  });

  it('carries the package version and is deterministic', () => {
    const out = sarif(DIAGNOSTICS, ctx);
    expect((JSON.parse(out) as SarifLog).runs[0]!.tool.driver.semanticVersion).toBe(VERSION);
    expect(sarif(DIAGNOSTICS, ctx)).toBe(out);
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('gives a run with no results for no findings', () => {
    const run = (JSON.parse(sarif([], ctx)) as SarifLog).runs[0]!;
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toEqual([]);
    expect(run.artifacts).toEqual([]);
  });
});

// ---- The rule catalogue ----

const DOCUMENTED_CODES = [
  'yaml-syntax',
  'duplicate-key',
  'empty-file',
  'invalid-encoding',
  'missing-file',
  'missing-key',
  'unknown-key',
  'invalid-id',
  'wrong-type',
  'invalid-value',
  'invalid-date',
  'out-of-range',
  'empty-value',
  'too-few-items',
  'duplicate-value',
  'schema',
  'unknown-practice',
  'unknown-criterion',
  'rating-ignored',
  'na-overrides',
  'not-assessed',
  'unanswered',
  'unknown-interview',
  'duplicate-id',
  'phase-order',
  'horizon-past',
  'unknown-recommendation',
  'dependency-cycle',
  'missing-level',
  'model-not-found',
  'unknown-task',
  'due-before-start',
  'missing-front-matter',
  'unreadable-file',
  'unknown-application',
  'closed-before-requested',
  'missing-closed',
  'closed-but-open',
  'after-as-of',
  'self-reference',
  'unknown-item',
  'unknown-release',
  'exceeds-release-capacity',
  'duplicate-cycle',
  'shipped-twice',
  'release-mismatch',
  'restored-before-deployed',
  'restored-success',
  'committed-after-deployed',
  'unknown-skill',
  'unknown-role',
  'evidence-mismatch',
  'policy-fail-under',
  'policy-min-perspective',
  'policy-max-gap',
  'policy-regression',
];

describe('rules', () => {
  it('has an entry for every documented code', () => {
    expect(DOCUMENTED_CODES.filter((c) => !Object.hasOwn(RULES, c))).toEqual([]);
  });

  it('names rules in PascalCase, uniquely, with a one-sentence description and a 2-4 sentence help', () => {
    const names = new Set<string>();
    for (const [code, rule] of Object.entries(RULES)) {
      expect(rule.name, code).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(names.has(rule.name), `${code}: name ${rule.name} used twice`).toBe(false);
      names.add(rule.name);
      expect(rule.description, code).toMatch(/^[^\n]+\.$/);
      expect(rule.description.split(/(?<=[.!?])\s+/), code).toHaveLength(1);
      const sentences = rule.help.split(/(?<=[.!?])\s+/).length;
      expect(sentences >= 2 && sentences <= 4, `${code}: help has ${sentences} sentence(s)`).toBe(true);
      expect(rule.help, code).toMatch(/\.$/);
      expect(['error', 'warning']).toContain(rule.severity);
    }
  });

  it('gives a generic entry for an unknown code', () => {
    expect(ruleFor('unknown-key')).toBe(RULES['unknown-key']);
    expect(ruleFor('some-new-check')).toMatchObject({ name: 'SomeNewCheck', severity: 'warning' });
    expect(ruleFor('toString').name).toBe('ToString');
  });
});
