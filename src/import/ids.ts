/** Ids match ^[A-Za-z0-9][A-Za-z0-9._-]*$ (DESIGN §2). */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

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
