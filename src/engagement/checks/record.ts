import { DEFAULT_RELEASE_POLICY } from '../../model/release-policy.js';
import { createHints } from '../../util/did-you-mean.js';
import { findCycle } from '../../util/graph.js';
import { toEpochMs } from '../../util/dates.js';
import { finding, type Finding } from '../../diagnostics/finding.js';
import type { Code } from '../../diagnostics/rules.js';
import { duplicates } from '../duplicate-ids.js';
import { checkInput } from '../check-input.js';
import type { CheckInput, Engagement } from '../types.js';
import { statusOf } from '../backlog-items.js';

const B = 'backlog.yaml';
const R = 'releases.yaml';
const CLOSED = ['done', 'rejected', 'obsolete'];

/** References and consistency of the backlog and the release record (issue: backlog and release analytics). */
export function checkRecord(input: CheckInput | Engagement): Finding[] {
  const e = checkInput(input);
  const out: Finding[] = [];
  const hint = createHints();
  const add = (file: string, path: (string | number)[], code: Code, message: string, at: 'key' | 'value' = 'value') =>
    out.push(finding(code, { file, path, at }, message));
  const asOf = e.asOf;
  const items = e.backlog?.items ?? [];
  const apps = e.backlog?.applications ?? [];
  const releases = e.releases?.releases ?? [];

  // Ids of entries that are broken in the file count as known: what names them is not "unknown".
  const appIds = new Set([...apps.map((a) => a.id), ...e.ids.applications]);
  duplicates(apps, (i) => add(B, ['applications', i, 'id'], 'duplicate-id', `application id "${apps[i]!.id}" is used twice`));
  duplicates(releases, (i) => add(R, ['releases', i, 'id'], 'duplicate-id', `release id "${releases[i]!.id}" is used twice`));
  const itemIndex = new Map<string, number>();
  items.forEach((it, i) => {
    if (itemIndex.has(it.id)) add(B, ['items', i, 'id'], 'duplicate-id', `item id "${it.id}" is used twice (first at item ${itemIndex.get(it.id)! + 1})`);
    else itemIndex.set(it.id, i);
  });
  const releaseIds = new Set([...releases.map((r) => r.id), ...e.ids.releases]);
  const knownItem = (id: string) => itemIndex.has(id) || e.ids.items.has(id);
  // The same capacity the release calendar uses: target.yaml's, else relm's default (unknown while target.yaml is broken).
  const capacity = e.target ? (e.target.release_policy?.capacity_days_per_release ?? DEFAULT_RELEASE_POLICY.capacity_days_per_release) : Infinity;

  items.forEach((it, i) => {
    const at = (k: string) => ['items', i, k];
    if (!appIds.has(it.application)) {
      add(
        B,
        at('application'),
        'unknown-application',
        `item "${it.id}" names application "${it.application}", which backlog.yaml does not list under applications${hint('unknown-application', it.application, appIds)}`,
      );
    }
    const status = statusOf(it);
    const broken = (k: string) => e.broken(B, at(k));
    if (it.closed !== undefined && it.closed < it.requested)
      add(B, at('closed'), 'closed-before-requested', `item "${it.id}" is closed ${it.closed}, before it was requested ${it.requested}`);
    if (CLOSED.includes(status) && it.closed === undefined && !broken('closed')) {
      add(
        B,
        at('status'),
        'missing-closed',
        `item "${it.id}" is ${status} but has no closed date; add closed: YYYY-MM-DD (throughput counts done items by it)`,
      );
    }
    if (!CLOSED.includes(status) && it.closed !== undefined && !broken('status'))
      add(B, at('closed'), 'closed-but-open', `item "${it.id}" has a closed date but its status is ${status}`);
    if (asOf && it.requested > asOf) add(B, at('requested'), 'after-as-of', `item "${it.id}" was requested ${it.requested}, after the as-of date ${asOf}`);
    if (it.duplicate_of !== undefined) {
      if (it.duplicate_of === it.id) add(B, at('duplicate_of'), 'self-reference', `item "${it.id}" cannot be a duplicate of itself`);
      else if (!knownItem(it.duplicate_of))
        add(
          B,
          at('duplicate_of'),
          'unknown-item',
          `item "${it.id}" is a duplicate of "${it.duplicate_of}", which is not in the backlog${hint('unknown-item', it.duplicate_of, itemIndex)}`,
        );
    }
    (it.supersedes ?? []).forEach((s, k) => {
      if (s === it.id) add(B, ['items', i, 'supersedes', k], 'self-reference', `item "${it.id}" cannot supersede itself`);
      else if (!knownItem(s))
        add(
          B,
          ['items', i, 'supersedes', k],
          'unknown-item',
          `item "${it.id}" supersedes "${s}", which is not in the backlog${hint('unknown-item', s, itemIndex)}`,
        );
    });
    if (it.release !== undefined && e.releases && !releaseIds.has(it.release)) {
      add(
        B,
        at('release'),
        'unknown-release',
        `item "${it.id}" names release "${it.release}", which releases.yaml does not hold${hint('unknown-release', it.release, releaseIds)}`,
      );
    }
    if ((status === 'approved' || status === 'scheduled') && !it.emergency && !broken('emergency') && (it.effort_days ?? 0) > capacity) {
      add(
        B,
        at('effort_days'),
        'exceeds-release-capacity',
        `item "${it.id}" needs ${it.effort_days} days, more than a release's capacity of ${capacity}: it gets a release of its own; consider splitting it`,
      );
    }
  });
  // Only an item with a duplicate_of can be on a loop: the search starts from those alone (same answer, less work).
  const cycle = findCycle(
    items.filter((it) => it.duplicate_of !== undefined).map((it) => it.id),
    (id) => {
      const d = items[itemIndex.get(id)!]?.duplicate_of;
      return d ? [d] : [];
    },
  );
  if (cycle)
    add(
      B,
      ['items', itemIndex.get(cycle[0]!)!, 'duplicate_of'],
      'duplicate-cycle',
      `duplicate_of links loop: ${cycle.join(' -> ')}; the original must not be a duplicate`,
    );

  const shippedIn = new Map<string, string>();
  releases.forEach((r, i) => {
    const at = (k: string) => ['releases', i, k];
    if (e.backlog) {
      (r.applications ?? []).forEach((a, k) => {
        if (!appIds.has(a))
          add(
            R,
            ['releases', i, 'applications', k],
            'unknown-application',
            `release "${r.id}" names application "${a}", which backlog.yaml does not list${hint('unknown-application', a, appIds)}`,
          );
      });
      (r.items ?? []).forEach((id, k) => {
        if (!itemIndex.has(id)) {
          if (!e.ids.items.has(id))
            add(
              R,
              ['releases', i, 'items', k],
              'unknown-item',
              `release "${r.id}" ships "${id}", which is not in the backlog${hint('unknown-item', id, itemIndex)}`,
            );
        } else {
          if (shippedIn.has(id)) add(R, ['releases', i, 'items', k], 'shipped-twice', `item "${id}" is also shipped in release "${shippedIn.get(id)}"`);
          shippedIn.set(id, r.id);
          const it = items[itemIndex.get(id)!]!;
          if (it.release !== undefined && it.release !== r.id)
            add(R, ['releases', i, 'items', k], 'release-mismatch', `release "${r.id}" ships "${id}", but the item names release "${it.release}"`);
        }
      });
    }
    const deployed = toEpochMs(r.deployed);
    if (r.restored && toEpochMs(r.restored) < deployed)
      add(R, at('restored'), 'restored-before-deployed', `release "${r.id}" is restored ${r.restored}, before it was deployed ${r.deployed}`);
    if (r.restored && (r.outcome ?? 'success') === 'success' && !e.broken(R, at('outcome')))
      add(R, at('restored'), 'restored-success', `release "${r.id}" succeeded, so restored is ignored; set outcome: failed, rolled-back or hotfixed`);
    (r.changes ?? []).forEach((c, k) => {
      if (c.committed && toEpochMs(c.committed) > deployed) {
        add(
          R,
          ['releases', i, 'changes', k, 'committed'],
          'committed-after-deployed',
          `change "${c.id}" was committed after release "${r.id}" was deployed; it is left out of the lead time`,
        );
      }
    });
    if (asOf && r.deployed.slice(0, 10) > asOf)
      add(R, at('deployed'), 'after-as-of', `release "${r.id}" was deployed after the as-of date ${asOf}; it is outside every window`);
  });
  return out;
}
