import { EXIT_USAGE, RelmError } from '../errors.js';
import { hint } from '../util/did-you-mean.js';
import { applyMapped, itemsFromRaw, type RawItem } from './items.js';
import { hasPath, isRecord, textOf, valuesAt, type JsonRecord } from './json.js';
import type { ImportResult, ParseOptions } from './types.js';
import { lookupPriority, norm } from './vocabulary.js';
import { CHANGE_KEY, joinWithin } from './fields.js';
import { pushAll } from '../util/arrays.js';

/** Labels that mean an issue was closed without doing it. */
const REJECTING_LABELS = new Set(['duplicate', 'wontfix', 'wont fix', 'invalid', 'not planned', 'works as intended', 'not a bug', 'question']);

/** `gh` prints a zero time for dates it does not have. */
const date = (v: unknown) => {
  const s = textOf(v);
  return s.startsWith('0001-01-01') ? '' : s;
};

/** `https://api.github.com/repos/owner/name` -> `name`. */
function repositoryOf(r: JsonRecord): string {
  const url = textOf(r.repository_url);
  const m = /\/repos\/[^/]+\/([^/?#]+)/.exec(url);
  return m ? m[1]! : '';
}

/** The records of a GitHub export: the array itself, or the `items` of a search result. */
function recordsOf(json: unknown): unknown[] {
  // `gh api --paginate --slurp` wraps the pages in one more list.
  if (Array.isArray(json)) return json.length && json.every(Array.isArray) ? json.flat() : json;
  if (isRecord(json) && Array.isArray(json.items)) return json.items;
  throw new RelmError(
    'the GitHub export is not a list of issues',
    EXIT_USAGE,
    'Export with `gh issue list --state all --limit 10000 --json number,title,body,state,labels,createdAt,closedAt,stateReason`, or save the REST API answer (GET /repos/OWNER/REPO/issues?state=all).',
  );
}

/** `https://github.com/o/r/pull/12` -> `o/r#12`. */
const PULL_URL = /github\.com\/([^/]+\/[^/]+)\/pull\/(\d+)/;

/**
 * The pull requests that close an issue (`gh issue list --json closedByPullRequestsReferences`, or the GraphQL
 * `closedByPullRequestsReferences {nodes}`), as `owner/repo#12` (or `#12` without an address). Distinct, in order.
 */
function closingPulls(v: unknown): string[] {
  const list = Array.isArray(v) ? v : isRecord(v) && Array.isArray(v.nodes) ? v.nodes : [];
  const out: string[] = [];
  for (const pr of list) {
    if (!isRecord(pr)) continue;
    const url = PULL_URL.exec(textOf(pr.url));
    const number = textOf(pr.number);
    const ref = url ? `${url[1]}#${url[2]}` : /^\d+$/.test(number) ? `#${number}` : '';
    if (ref && !out.includes(ref)) out.push(ref);
  }
  return out;
}

/** A label naming the approved change: the change's own key (CHG0012345, RFC-7), or `change: X` / `rfc: X`. */
function changeOfLabel(label: string): string | null {
  const t = label.trim();
  if (CHANGE_KEY.test(t)) return t;
  const m = /^(?:change|rfc)\s*[:=/]\s*(\S.*)$/i.exec(t);
  return m ? m[1]!.trim() : null;
}

/**
 * GitHub issues as backlog items, from `gh issue list --json number,title,body,state,labels,createdAt,
 * closedAt,stateReason` or from the REST API (created_at, state_reason, ...; pull requests are skipped).
 * Ids are `GH-<number>`; rows are the index in the list (0-based).
 */
export function parseGithub(json: unknown, opts: ParseOptions = {}): ImportResult {
  const list = recordsOf(json);
  const records = list.filter(isRecord);
  if (list.length && !records.some((r) => 'number' in r && 'title' in r)) {
    throw new RelmError(
      'the GitHub export holds no issues (no entry has a number and a title)',
      EXIT_USAGE,
      'Include at least the number, title, state and createdAt fields: `gh issue list --json number,title,body,state,labels,createdAt,closedAt,stateReason`.',
    );
  }
  for (const m of opts.map ?? []) {
    if (!hasPath(records, m.column)) {
      const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
      throw new RelmError(`--map: no issue in the GitHub export has "${m.column}"${hint(m.column, keys)}`, EXIT_USAGE, `Its fields are: ${keys.join(', ')}.`);
    }
  }
  const mapsApplication = (opts.map ?? []).some((m) => m.field === 'application');
  if (!opts.application && !mapsApplication && !records.some((r) => repositoryOf(r))) {
    throw new RelmError(
      'the GitHub export does not say which application the issues belong to: pass --application ID',
      EXIT_USAGE,
      'e.g. --application ledger-api (the repository name); the REST API answer names the repository itself.',
    );
  }

  const raws: RawItem[] = [];
  const skipped: { row: number; message: string }[] = [];
  list.forEach((entry, row) => {
    if (!isRecord(entry)) {
      skipped.push({ row, message: 'not an issue (not a JSON object)' });
      return;
    }
    const number = textOf(entry.number);
    if (entry.pull_request !== undefined) {
      skipped.push({ row, message: `#${number}: a pull request, not an issue` });
      return;
    }
    const labels = Array.isArray(entry.labels) ? entry.labels.map(textOf).filter(Boolean) : [];
    const state = textOf(entry.state);
    let reason = norm(textOf(entry.stateReason ?? entry.state_reason));
    if (reason === 'reopened') reason = '';
    const closed = norm(state) === 'closed';
    if (closed && (reason === '' || reason === 'completed')) {
      const rejecting = labels.find((l) => REJECTING_LABELS.has(norm(l)));
      if (rejecting) reason = rejecting;
    }
    const raw: RawItem = {
      row,
      id: /^\d+$/.test(number) ? number : '',
      title: textOf(entry.title),
      description: textOf(entry.body),
      issueType: textOf(entry.type),
      labels,
      status: state,
      // A closed issue without a reason was closed before GitHub recorded reasons: done.
      resolution: closed ? reason || 'completed' : '',
      priority: labels.find((l) => lookupPriority(l)) ?? '',
      created: date(entry.createdAt ?? entry.created_at),
      resolved: date(entry.closedAt ?? entry.closed_at),
      components: [],
      application: repositoryOf(entry),
      // The approved change: a label that names it, else the pull requests that close the issue.
      change:
        joinWithin([...new Set(labels.map(changeOfLabel).filter((x): x is string => x !== null))]) ||
        joinWithin(closingPulls(entry.closedByPullRequestsReferences)),
      extras: [],
    };
    for (const m of opts.map ?? []) applyMapped(raw, m.field, valuesAt(entry, m.column), m.column);
    raws.push(raw);
  });
  const result = itemsFromRaw(raws, {
    application: opts.application,
    idPrefix: opts.idPrefix ?? 'GH-',
    dateOrder: opts.dateOrder,
    values: opts.values,
    defaultType: 'corrective',
    idLabel: 'issue number',
    createdLabel: 'createdAt',
    resolvedLabel: 'closedAt',
    applicationHint: 'pass --application ID',
  });
  pushAll(result.problems, skipped);
  result.problems.sort((a, b) => a.row - b.row);
  return result;
}
