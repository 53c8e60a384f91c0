import { parse } from 'yaml';
import { modeline } from './modeline.js';
import type { ProgressEntry, ProgressFile, ProgressStatus } from './types.js';
import { deleteIn, setIn, type EditOptions, type YamlPath } from './yaml-edit.js';

/** progress.yaml as `relm progress set` starts it. */
export function newProgressFile(): string {
  return [
    modeline('progress'),
    '# Implementation of the recommendations (format: relm schema progress); `relm progress set <id> <status>` keeps it.',
    '# Status: planned | in-progress | done | dropped. A done recommendation has its `done` date; notes say what was done, or why it is late or dropped.',
    'recommendations:',
    '',
  ].join('\n');
}

export interface ProgressChange {
  id: string;
  status: ProgressStatus;
  /** The date of the change: when work started (in-progress) or finished (done). */
  date: string;
  /** The date was given (--date): it replaces a date already written. */
  dateGiven?: boolean;
  owner?: string;
  /** Added to the notes (after what is there, as a new paragraph). */
  note?: string;
}

const KEYS = ['status', 'owner', 'started', 'done', 'notes', 'evidence'];
const OPTIONS: EditOptions = {
  flow: (p: YamlPath) => p[p.length - 2] === 'evidence',
  order: (p: YamlPath) => (p.length === 2 && p[0] === 'recommendations' ? KEYS : undefined),
};

/**
 * Sets a recommendation's status in progress.yaml text (null: a new file) and keeps its dates in step: work
 * in progress has a start (the date, unless it has one), done work its end (the date, unless it has one;
 * a given date replaces it), and a date the new status cannot have is removed (a done date when it is not
 * done, a start when it is planned again). Comments and everything else stay byte for byte.
 */
export function writeProgress(text: string | null, c: ProgressChange): { text: string; before: ProgressEntry | null; after: ProgressEntry; removed: string[] } {
  let out = text ?? newProgressFile();
  const data = (parse(out) ?? {}) as ProgressFile;
  const before = data.recommendations?.[c.id] ?? null;
  const base = ['recommendations', c.id];
  const after: ProgressEntry = { ...(before ?? {}), status: c.status };
  if (c.owner !== undefined) after.owner = c.owner;
  if (c.note?.trim()) after.notes = before?.notes ? `${before.notes}\n\n${c.note.trim()}` : c.note.trim();
  if (c.status === 'in-progress' || c.status === 'done') {
    if (c.status === 'in-progress' && (c.dateGiven || !after.started)) after.started = c.date;
    if (c.status === 'done' && (c.dateGiven || !after.done)) after.done = c.date;
  }
  const removed: string[] = [];
  if (c.status !== 'done' && after.done !== undefined) {
    removed.push(`done: ${after.done}`);
    delete after.done;
  }
  if (c.status === 'planned' && after.started !== undefined) {
    removed.push(`started: ${after.started}`);
    delete after.started;
  }
  if (!before) {
    const ordered = Object.fromEntries(KEYS.filter((k) => after[k as keyof ProgressEntry] !== undefined).map((k) => [k, after[k as keyof ProgressEntry]]));
    out = setIn(out, base, ordered, OPTIONS);
  } else {
    for (const key of KEYS) {
      const was = before[key as keyof ProgressEntry];
      const now = after[key as keyof ProgressEntry];
      if (now === undefined && was !== undefined) out = deleteIn(out, [...base, key], OPTIONS);
      else if (now !== undefined && JSON.stringify(now) !== JSON.stringify(was)) out = setIn(out, [...base, key], now, OPTIONS);
    }
  }
  return { text: out, before, after, removed };
}
