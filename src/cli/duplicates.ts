import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { findEngagementRoot } from '../engagement/find-root.js';
import type { BacklogItem } from '../engagement/types.js';
import { setIn } from '../engagement/yaml-edit.js';
import { candidatePairs, duplicateCandidates, isCandidate } from '../engine/duplicates.js';
import { EXIT_FINDINGS, EXIT_USAGE, RelmError } from '../errors.js';
import { ITEM_ORDER } from '../import/fields.js';
import { withEngagementLock } from '../io/lock.js';
import { formatDuplicates, formatRecorded } from '../output/duplicates.js';
import { hint } from '../util/did-you-mean.js';
import { emit, emitJsonList, loadValidated } from './context.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';
import { writeChecked } from '../engagement/checked-write.js';
import type { RunContext } from './run-context.js';

interface DuplicatesOptions extends CommonOptions {
  top: number;
  json?: boolean;
  allApplications?: boolean;
  min: number;
  all?: boolean;
  record?: string[];
  force?: boolean;
}

export async function runDuplicates(ctx: RunContext, opts: DuplicatesOptions): Promise<void> {
  if (opts.record) return recordDuplicate(ctx, opts.record, opts);
  // Comparing items needs the engagement only: neither the assessment nor the evidence check.
  const result = loadValidated(ctx, opts);
  if (!result) return;
  const engagement = result.engagement;
  if (!engagement.backlog)
    throw new RelmError('the engagement has no backlog.yaml: there is nothing to compare', EXIT_USAGE, 'Create backlog.yaml, or fill it with `relm import`.');
  const results = duplicateCandidates(engagement.backlog, { top: opts.top, allApplications: opts.allApplications, all: opts.all });
  if (opts.json)
    await emitJsonList(ctx, results); // as JSON.stringify(results, null, 2), written a piece at a time
  else {
    const items = engagement.backlog.items ?? [];
    const titles = new Map(items.map((i) => [i.id, i.title]));
    const leftOut = opts.all ? 0 : items.filter((i) => !isCandidate(i)).length;
    emit(
      ctx,
      formatDuplicates(candidatePairs(results, opts.min), titles, colorsFor(ctx, 'stdout'), {
        min: opts.min,
        compared: results.length,
        all: !!opts.all,
        leftOut,
      }),
    );
  }
}

/** `relm duplicates --record A B`: A is a duplicate of B; writes `duplicate_of: B` on A, keeping the rest of backlog.yaml byte for byte. */
async function recordDuplicate(ctx: RunContext, ids: string[], opts: DuplicatesOptions): Promise<void> {
  if (ids.length !== 2)
    throw new RelmError(
      `--record takes two ids, the duplicate and the original (got ${ids.length})`,
      EXIT_USAGE,
      'e.g. relm duplicates --record MR-1042 MR-0999',
    );
  const [id, original] = ids as [string, string];
  if (id === original) throw new RelmError(`${id} cannot be a duplicate of itself`, EXIT_USAGE);
  const root = findEngagementRoot(ctx.cwd, opts.dir);
  await withEngagementLock(root, { command: `duplicates --record ${id} ${original}` }, () => {
    const file = join(root, 'backlog.yaml');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new RelmError('the engagement has no backlog.yaml: there is nothing to record', EXIT_USAGE, 'Create backlog.yaml, or fill it with `relm import`.');
    }
    let items: BacklogItem[];
    try {
      const doc = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) as { items?: BacklogItem[] } | null;
      items = Array.isArray(doc?.items) ? doc.items : [];
    } catch (err) {
      throw new RelmError(
        `backlog.yaml is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
        EXIT_FINDINGS,
        'Fix it (see `relm validate`) and record again; nothing was written.',
      );
    }
    const ids = items.map((i) => String(i?.id));
    const index = ids.indexOf(id);
    for (const x of [id, original]) {
      if (!ids.includes(x))
        throw new RelmError(`backlog.yaml has no item "${x}"${hint(x, ids)}`, EXIT_USAGE, 'Run `relm duplicates` to list the candidates and their ids.');
    }
    const item = items[index]!;
    const other = items[ids.indexOf(original)]!;
    if (other.duplicate_of === id)
      throw new RelmError(
        `${original} is recorded as a duplicate of ${id}: the two cannot be duplicates of each other`,
        EXIT_USAGE,
        `Keep one as the original: remove duplicate_of from ${original} first, or record ${original} ${id}.`,
      );
    const previous = item.duplicate_of;
    if (previous !== undefined && previous !== original && !opts.force) {
      throw new RelmError(
        `${id} is already recorded as a duplicate of ${previous}`,
        EXIT_USAGE,
        `Pass --force to make it a duplicate of ${original} instead; nothing was written.`,
      );
    }
    if (previous !== original) {
      const data = setIn(text, ['items', index, 'duplicate_of'], original, { order: (p) => (p.length === 2 ? ITEM_ORDER : undefined) });
      writeChecked(root, [{ rel: 'backlog.yaml', data }], `duplicates --record ${id} ${original}`);
    }
    writeErr(ctx, formatRecorded(id, original, previous, 'backlog.yaml'));
  });
}
