import type { ChalkInstance } from 'chalk';
import type { Consensus, ConsensusPlan, ReconciledCriterion } from '../engine/reconcile.js';
import { maxOf } from '../util/arrays.js';

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}

const COUNT_TEXT: Record<ReconciledCriterion['status'], string> = {
  accepted: 'accepted',
  decided: 'settled in a workshop',
  pending: 'to accept',
  differs: 'differing from the median',
};

const STATUS_TEXT: Record<ReconciledCriterion['status'], string> = {
  accepted: 'accepted',
  decided: 'workshop',
  pending: 'to accept',
  differs: 'differs',
};

/** The human view of `relm reconcile`: the respondents, then per practice each criterion's answers, spread, proposal and consensus. */
export function formatConsensus(c: Consensus, names: ReadonlyMap<string, string>, col: ChalkInstance): string {
  const out: string[] = [];
  out.push(col.bold(`${plural(c.respondents.length, 'respondent')}`));
  const idW = maxOf(c.respondents.map((r) => r.id.length));
  for (const r of c.respondents) {
    out.push(
      `  ${pad(r.id, idW)}  ${pad(r.role ? `${r.name} (${r.role})` : r.name, 40)} ${r.date}  ${plural(r.answered, 'answer')} on ${plural(r.practices.length, 'practice')}`,
    );
  }
  const ids = c.respondents.map((r) => r.id);
  const critW = maxOf(
    c.criteria.map((x) => x.criterion.length),
    9,
  );
  const colW = maxOf(
    ids.map((id) => id.length),
    5,
  );
  let practice = '';
  for (const x of c.criteria) {
    if (x.practice !== practice) {
      practice = x.practice;
      out.push('');
      out.push(col.bold(`${names.get(x.practice) ?? x.practice} (${x.practice})`));
      out.push(col.dim(`  ${pad('criterion', critW)}  L  ${ids.map((id) => pad(id, colW)).join(' ')}  spread  median  consensus`));
    }
    const cells = ids.map((id) => pad(x.answers.find((a) => a.respondent === id)?.answer ?? '·', colW));
    const spread = pad(x.na_split ? `${x.spread} n/a` : String(x.spread), 6);
    const consensus = x.consensus === null ? '—' : x.consensus;
    const status =
      x.status === 'accepted'
        ? col.green(STATUS_TEXT.accepted)
        : x.status === 'decided'
          ? col.cyan(STATUS_TEXT.decided)
          : x.status === 'differs'
            ? col.yellow(STATUS_TEXT.differs)
            : STATUS_TEXT.pending;
    const flag = x.open ? col.red(' disagree') : '';
    out.push(
      `  ${pad(x.criterion, critW)}  ${x.level}  ${cells.join(' ')}  ${x.disagreement ? col.red(spread) : spread}  ${pad(x.proposal, 6)}  ${pad(consensus, 5)} ${status}${flag}`,
    );
    if (x.decision) out.push(col.dim(`  ${' '.repeat(critW)}  workshop${x.decision.date ? ` ${x.decision.date}` : ''}: ${x.decision.because}`));
  }
  out.push('');
  const counts = (['accepted', 'decided', 'pending', 'differs'] as const)
    .map((s) => [s, c.criteria.filter((x) => x.status === s).length] as const)
    .filter(([, n]) => n > 0);
  out.push(
    `${plural(c.criteria.length, 'criterion', 'criteria')} answered: ${counts.map(([s, n]) => `${n} ${COUNT_TEXT[s]}`).join(', ')}; ` +
      `${plural(c.disagreements, 'disagreement')} (a spread of 2 steps or more)${c.disagreements ? `, ${c.open_disagreements} open` : ''}.`,
  );
  if (c.unsettled)
    out.push(col.dim('Next: relm reconcile --accept all (the medians), then settle each disagreement: relm reconcile --set CRITERION=ANSWER --because "..."'));
  else if (c.open_disagreements) out.push(col.dim('Next: settle each open disagreement in a workshop: relm reconcile --set CRITERION=ANSWER --because "..."'));
  return out.join('\n') + '\n';
}

/** What `relm reconcile --accept / --set` wrote and left alone. */
export function formatPlan(plan: ConsensusPlan, col: ChalkInstance): string {
  const out: string[] = [];
  for (const u of plan.updates) {
    const how = u.how === 'workshop' ? `workshop: ${u.decision?.because}` : `median of ${plural(u.sources.length, 'respondent')}`;
    if (u.how === 'median' && u.before === u.answer)
      out.push(`${col.green('✔')} ${u.criterion}: ${u.answer} stays, now citing its ${plural(u.sources.length, 'respondent')}`);
    else out.push(`${col.green('✔')} ${u.criterion}: ${u.before ?? '—'} → ${col.bold(u.answer)} (${how})`);
  }
  for (const s of plan.skipped) out.push(`${col.yellow('•')} ${s.criterion} left as it is: ${s.reason}`);
  if (plan.unchanged.length) out.push(col.dim(`${plural(plan.unchanged.length, 'criterion', 'criteria')} already accepted.`));
  return out.length ? out.join('\n') + '\n' : '';
}
