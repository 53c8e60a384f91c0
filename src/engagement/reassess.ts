/**
 * The files of a re-assessment (`relm init --from <previous>`), made from the previous engagement's: the
 * manifest (with the new as_of and a link to the previous engagement), the targets, requirements and phases,
 * the team and the engagement plan (tasks to do again, moved to the new dates), and the answers carried over
 * "to confirm", each with the date it was last confirmed. Pure: the CLI reads and writes.
 */
import { isMap, isScalar, isSeq, parseDocument, YAMLMap, type Document, type Pair, type Scalar } from 'yaml';
import { addDays, daysBetween } from '../util/dates.js';
import { WorkingDays, type WorkCalendar } from '../util/workdays.js';
import { setIn } from './yaml-edit.js';

export interface ReassessOptions {
  /** The previous engagement's files, by name (relm.yaml, practices.yaml, target.yaml, and those it has). */
  files: Record<string, string>;
  /** The new reference date. */
  asOf: string;
  /** The previous engagement's as_of and practices `assessed` date. */
  previousAsOf: string;
  previousAssessed: string | null;
  /** The previous engagement folder, relative to the new one (forward slashes). */
  previousPath: string;
  client?: string;
  title?: string;
  calendar?: WorkCalendar;
}

const RENDER = { lineWidth: 0, flowCollectionPadding: false } as const;

function parse(name: string, text: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) throw new Error(`${name}: ${doc.errors[0]!.message}`);
  return doc;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

function removeKey(map: YAMLMap, key: string): boolean {
  const i = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  if (i < 0) return false;
  map.items.splice(i, 1);
  return true;
}

/** A scalar's text (a date written plainly or quoted), or undefined. */
function scalarText(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.value ? node.value : undefined;
}

/** The date of a workshop decision (`decision: {because, date}`), or undefined. */
function decisionDate(node: unknown): string | undefined {
  return isMap(node) ? scalarText(pairOf(node, 'date')?.value) : undefined;
}

/** A date scalar that stays plain (2026-03-15), never quoted. */
function dateNode(doc: Document, date: string): Scalar {
  return doc.createNode(date) as Scalar;
}

/**
 * practices.yaml carried over: every answer becomes `{answer, confirmed}` (an answer in full keeps its notes,
 * evidence and workshop decision, and is confirmed as of its own `confirmed` or its decision's date, whichever
 * is later); a rating or `na` gets the practice's `confirmed`; what cites the interviews is dropped (`sources`,
 * the interviewees' `disagreements`: the interviews stay with the previous engagement); `assessed` is the new
 * date, so that answers given from now on count as confirmed in this assessment. Counts what it carried.
 */
export function carryPractices(
  text: string,
  o: Pick<ReassessOptions, 'asOf' | 'previousAsOf' | 'previousAssessed'>,
): { text: string; answers: number; ratings: number } {
  const doc = parse('practices.yaml', text);
  const root = doc.contents;
  if (!isMap(root)) throw new Error('practices.yaml: not a mapping');
  const lastConfirmed = o.previousAssessed ?? o.previousAsOf;
  let answers = 0;
  let ratings = 0;
  const assessed = pairOf(root, 'assessed');
  if (assessed) assessed.value = dateNode(doc, o.asOf);
  else (root.items as Pair[]).unshift(doc.createPair('assessed', o.asOf) as Pair);
  const practices = pairOf(root, 'practices')?.value;
  if (isMap(practices)) {
    for (const pp of practices.items) {
      const state = pp.value;
      if (!isMap(state)) continue;
      removeKey(state, 'sources');
      const has = (k: string) => pairOf(state, k) !== undefined;
      const answerMap = pairOf(state, 'answers')?.value;
      let answered = 0;
      if (isMap(answerMap)) {
        for (const ap of answerMap.items) {
          const v = ap.value;
          if (isScalar(v) && typeof v.value === 'string') {
            const m = new YAMLMap();
            m.flow = true;
            m.add(doc.createPair('answer', v.value));
            m.add(doc.createPair('confirmed', lastConfirmed));
            // The comment after the answer (the scaffold's criterion text) stays after it.
            m.comment = v.comment;
            ap.value = m;
            answered++;
          } else if (isMap(v) && pairOf(v, 'answer')) {
            removeKey(v, 'sources');
            // The interviewees' other answers cite interviews that stay with the previous engagement.
            removeKey(v, 'disagreements');
            // Last confirmed: its own date, or a workshop's decision after it, else the previous assessment's date.
            const dates = [scalarText(pairOf(v, 'confirmed')?.value), decisionDate(pairOf(v, 'decision')?.value)].filter((d): d is string => d !== undefined);
            const confirmed = dates.sort().at(-1) ?? lastConfirmed;
            const pair = pairOf(v, 'confirmed');
            if (!pair) v.add(doc.createPair('confirmed', confirmed));
            else if (scalarText(pair.value) !== confirmed) pair.value = dateNode(doc, confirmed);
            answered++;
          }
        }
      }
      answers += answered;
      if (!answered && (has('rating') || has('na')) && !has('confirmed')) {
        state.add(doc.createPair('confirmed', lastConfirmed));
        ratings++;
      }
    }
  }
  const header = [
    ` Carried over from the previous assessment (${o.previousAsOf}) by \`relm init --from\`: every answer is`,
    ` "to confirm" and keeps the date it was last confirmed. Re-answer it (or set \`confirmed\` to the day it was`,
    ` confirmed) as the interviews go; \`relm validate\` lists what is still to confirm, and what is stale.`,
  ].join('\n');
  // After the modeline, which must stay the first line (the parser hangs leading comments on the document,
  // or on the first key when no blank line follows them).
  const isModeline = (c: string) => /^ ?yaml-language-server:/.test(c);
  const firstKey = root.items[0]?.key as { commentBefore?: string | null } | undefined;
  let docComment = doc.commentBefore ?? '';
  let modeline: string | null = null;
  if (isModeline(docComment)) {
    [modeline, docComment] = [docComment.split('\n')[0]!, docComment.split('\n').slice(1).join('\n')];
  } else if (!docComment && firstKey?.commentBefore && isModeline(firstKey.commentBefore)) {
    const lines = firstKey.commentBefore.split('\n');
    modeline = lines[0]!;
    firstKey.commentBefore = lines.slice(1).join('\n') || null;
  }
  doc.commentBefore = [modeline, header, docComment].filter(Boolean).join('\n');
  return { text: doc.toString(RENDER), answers, ratings };
}

/** plan.yaml again: every task to do, its dates moved by the time between the two as_of dates, onto working days. */
export function carryPlan(text: string, days: number, calendar?: WorkCalendar): string {
  const doc = parse('plan.yaml', text);
  const work = new WorkingDays(calendar);
  const tasks = isMap(doc.contents) ? pairOf(doc.contents, 'tasks')?.value : undefined;
  if (isSeq(tasks)) {
    for (const t of tasks.items) {
      if (!isMap(t)) continue;
      const status = pairOf(t, 'status');
      if (status) status.value = doc.createNode('todo');
      for (const key of ['start', 'due']) {
        const p = pairOf(t, key);
        if (p && isScalar(p.value) && typeof p.value.value === 'string') p.value = dateNode(doc, work.onOrAfter(addDays(p.value.value, days)));
      }
    }
  }
  return doc.toString(RENDER);
}

/** relm.yaml: the new as_of (and client or title when given), and `previous` linking the engagement it re-assesses. */
export function carryManifest(text: string, o: Pick<ReassessOptions, 'asOf' | 'previousAsOf' | 'previousPath' | 'client' | 'title'>): string {
  let out = setIn(text, ['engagement', 'as_of'], o.asOf);
  if (o.client !== undefined) out = setIn(out, ['engagement', 'client'], o.client);
  if (o.title !== undefined) out = setIn(out, ['engagement', 'title'], o.title);
  return setIn(out, ['previous'], { path: o.previousPath, as_of: o.previousAsOf }, { flow: (p) => p.length === 1 && p[0] === 'previous' });
}

/** The re-assessment's files by name, from the previous engagement's. */
export function reassessFiles(o: ReassessOptions): { files: Record<string, string>; answers: number; ratings: number } {
  const out: Record<string, string> = {};
  out['relm.yaml'] = carryManifest(o.files['relm.yaml']!, o);
  const carried = carryPractices(o.files['practices.yaml']!, o);
  out['practices.yaml'] = carried.text;
  out['target.yaml'] = o.files['target.yaml']!;
  if (o.files['team.yaml'] !== undefined) out['team.yaml'] = o.files['team.yaml'];
  if (o.files['plan.yaml'] !== undefined) out['plan.yaml'] = carryPlan(o.files['plan.yaml'], daysBetween(o.previousAsOf, o.asOf), o.calendar);
  out['.gitignore'] = o.files['.gitignore'] ?? 'out/\n.relm/lock*\n.*.tmp\n';
  return { files: out, answers: carried.answers, ratings: carried.ratings };
}
