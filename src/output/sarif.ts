import { pathToFileURL } from 'node:url';
import type { Severity } from '../diagnostics/finding.js';
import { PACKAGE_VERSION } from '../paths.js';
import { RULES, ruleFor } from '../diagnostics/rules.js';
import { engagementPrefix, repositoryPath } from './paths.js';
import type { Formatter } from './types.js';

const VERSION = PACKAGE_VERSION;

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/relm-dev/relm';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path (forward slashes) as a relative URI reference. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** A folder as a file URL ending with a slash, as SARIF base URIs must. */
function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : href + '/';
}

/** Help in plain text: the catalogue's Markdown uses only backticks for code. */
function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}

/**
 * SARIF 2.1.0 for code scanning: one run, the rules used (from the catalogue in rules.ts), one result per
 * finding located relative to %SRCROOT%: the root of the git repository holding the engagement (so code
 * scanning places the findings of an engagement in a subfolder on the repository's files), else the
 * engagement root. Columns count UTF-16 code units, because that is what relm's positions are (offsets
 * into JavaScript strings).
 */
export const sarif: Formatter = (diagnostics, ctx) => {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  const artifactIndex = new Map<string, number>();
  const artifacts: object[] = [];

  const base = ctx.repoRoot && engagementPrefix(ctx.root, ctx.repoRoot) !== '' ? ctx.repoRoot : ctx.root;
  const prefix = base === ctx.root ? '' : engagementPrefix(ctx.root, base);
  const results = diagnostics.map((d) => {
    let index = ruleIndex.get(d.code);
    if (index === undefined) {
      const rule = ruleFor(d.code);
      // A code missing from the catalogue defaults to the level it was first reported with.
      const level = Object.hasOwn(RULES, d.code) ? rule.severity : LEVEL[d.severity];
      index = rules.length;
      ruleIndex.set(d.code, index);
      rules.push({
        id: d.code,
        name: rule.name,
        shortDescription: { text: rule.description },
        fullDescription: { text: `${rule.description} ${plain(rule.help)}` },
        help: { text: plain(rule.help), markdown: rule.help },
        defaultConfiguration: { level },
      });
    }
    const uri = relativeUri(repositoryPath(d.file, prefix));
    if (!artifactIndex.has(uri)) {
      artifactIndex.set(uri, artifacts.length);
      artifacts.push({ location: { uri, uriBaseId: SRCROOT } });
    }
    return {
      ruleId: d.code,
      ruleIndex: index,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: SRCROOT },
            region: {
              startLine: d.line,
              startColumn: d.col,
              endLine: Math.max(d.line, d.endLine),
              endColumn: d.endLine > d.line ? d.endCol : Math.max(d.col, d.endCol),
            },
          },
        },
      ],
    };
  });

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'relm', informationUri: INFORMATION_URI, semanticVersion: VERSION, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(base) } },
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
