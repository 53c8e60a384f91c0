import { ID } from '../util/ids.js';

export { ID };

/**
 * An export's key as a relm id: kept as is when valid (`HADOOP-123`, `13404344`), otherwise every run of
 * other characters becomes "-" (`release/1.0` -> `release-1.0`). Null when nothing usable is left.
 */
export function toId(raw: string): string | null {
  const s = raw.trim();
  if (ID.test(s)) return s;
  const id = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  return ID.test(id) ? id : null;
}

/** A name (a Jira component, a configuration item) as an application id: `HDFS Client` -> `hdfs-client`. */
export function slugify(name: string): string | null {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[^a-z0-9]+$/, '');
  return ID.test(id) ? id : null;
}

/** Release ids may be `application@tag` (docs/engagement-files.md, as `relm import git-tags` writes them). */
export const RELEASE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*(@[A-Za-z0-9][A-Za-z0-9._-]*)?$/;

/** A release id: an id, or `<prefix>@<tag>` when the prefix ends with "@". Null when not one. */
export function toReleaseId(raw: string): string | null {
  const at = raw.indexOf('@');
  if (at < 0) return toId(raw);
  const app = toId(raw.slice(0, at));
  const tag = toId(raw.slice(at + 1));
  return app && tag && RELEASE_ID.test(`${app}@${tag}`) ? `${app}@${tag}` : null;
}
