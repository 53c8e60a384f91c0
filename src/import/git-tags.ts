import type { Release } from '../engagement/types.js';
import { isDateTime } from '../util/dates.js';
import { toId, toReleaseId } from './ids.js';
import type { ImportResult, ParseOptions, Problem } from './types.js';

/** A tag of a repository and its date: the tagger's (annotated tag), else the commit's (ISO 8601 with offset). */
export interface GitTag {
  name: string;
  date: string;
  /** The commits since the previous production tag (id and commit date); undefined for the first tag. */
  commits?: { id: string; committed: string }[];
}

/** The `git for-each-ref` format `readTagList` reads: name, tagger date, the tagged commit's date, the commit date. */
export const FOR_EACH_REF_FORMAT = '%(refname:strip=2)%09%(taggerdate:iso-strict)%09%(*committerdate:iso-strict)%09%(committerdate:iso-strict)';

/** Reads the output of `git for-each-ref --format=FOR_EACH_REF_FORMAT refs/tags`. A tag of a tree or blob has no date. */
export function readTagList(text: string): GitTag[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const [name = '', tagger = '', peeled = '', commit = ''] = line.split('\t');
      return { name, date: tagger || peeled || commit };
    });
}

const PRE_RELEASE = /^[-.+_]?(rc|alpha|beta|pre|preview|snapshot|dev|nightly|canary|m\d|a\d|b\d)/i;
const EMERGENCY = /hotfix|emergency/i;
const VERSION = /(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?/;

/**
 * What a tag says about a release: a name with hotfix or emergency is an emergency; x.0.0 is major; any
 * other version (x.y.0, or a regular x.y.z patch) is minor. A patch is not an emergency by itself: many
 * teams ship planned patch releases.
 */
export function releaseTypeOf(name: string): { type?: Release['type']; preRelease: boolean } {
  const m = VERSION.exec(name);
  const preRelease = !!m && PRE_RELEASE.test(name.slice(m.index + m[0].length));
  if (EMERGENCY.test(name)) return { type: 'emergency', preRelease };
  if (!m) return { preRelease };
  const [, , minor, patch, build] = m;
  const isMajor = Number(minor) === 0 && Number(patch ?? 0) === 0 && Number(build ?? 0) === 0;
  return { type: isMajor ? 'major' : 'minor', preRelease };
}

/** Whether a tag names a production release (not a pre-release such as 1.0.0-rc1). */
export const isProductionTag = (name: string): boolean => !releaseTypeOf(name).preRelease;

/**
 * A repository's tags as releases, oldest first: the id is `<application>@<tag>` (or `--id-prefix` and the
 * tag), so that two repositories with the same tag names never share a release; the tag's date is the
 * deployment, and the commits since the previous production tag are its `changes` (for lead time). The
 * outcome is left unset: a tag does not say whether the deployment failed. Pre-release tags (1.0.0-rc1,
 * 2.0-beta) are skipped: they do not reach production. `row` is the tag's index in the list given.
 */
export function parseGitTags(tags: readonly GitTag[], opts: Pick<ParseOptions, 'application' | 'idPrefix'> = {}): ImportResult {
  const prefix = opts.idPrefix ?? (opts.application ? `${opts.application}@` : '');
  const problems: Problem[] = [];
  const releases: (Release & { sort: number })[] = [];
  const seen = new Map<string, string>();
  tags.forEach((tag, row) => {
    const skip = (message: string) => problems.push({ row, message: `tag ${tag.name}: ${message}` });
    const tagId = toId(tag.name);
    const id = tagId && toReleaseId(prefix + tagId);
    if (!id) return skip('cannot be made an id');
    if (seen.has(id)) return skip(`gives the same id as tag ${seen.get(id)} ("${id}")`);
    if (!tag.date) return skip('has no date (it tags neither a commit nor an annotated tag of one)');
    if (!isDateTime(tag.date)) return skip(`unreadable date "${tag.date}"`);
    const { type, preRelease } = releaseTypeOf(tag.name);
    if (preRelease) return skip('a pre-release, not a production release');
    seen.set(id, tag.name);
    const release: Release & { sort: number } = { sort: Date.parse(tag.date), id } as Release & { sort: number };
    if (type) release.type = type;
    if (type === 'emergency') release.planned = false;
    if (opts.application) release.applications = [opts.application];
    release.deployed = tag.date;
    if (tag.commits?.length) release.changes = tag.commits.map((c) => ({ id: c.id, committed: c.committed }));
    releases.push(release);
  });
  releases.sort((a, b) => a.sort - b.sort || a.id.localeCompare(b.id));
  return { releases: releases.map(({ sort: _sort, ...r }) => r), problems };
}
