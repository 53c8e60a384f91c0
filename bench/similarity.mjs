// Benchmark of the duplicate finder (src/engine/similarity.ts): its quality on real data and its work on 50,000
// synthetic backlog items. Run `npm run build` first, then `node bench/similarity.mjs [docs]`.
//
// Target: on the GitBugs Hadoop export (../shared/data/gitbugs-hadoop: 2,503 Jira issues, 125 known duplicate
// pairs), the known duplicate is among the top 5 of either issue for at least 106 of the 125 pairs (84.8 %,
// the hit rate before findSimilar capped the postings read per term). Skipped when the data is not there.
// Shown: time, memory, postings read per query (bounded by the cap, whatever the size) and how often a planted
// copy finds its original first.
// The docs are generated deterministically (seeded PRNG): a 5,000-word vocabulary drawn with a Zipf-like
// distribution (some words are code identifiers), titles of 6-12 words, descriptions of 40-120 words,
// 20 groups. Every 50th doc is a reworded copy of an earlier doc of the same group, to check that the
// finder still ranks the original first at this size.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HERE, ROOT } from './lib/measure.mjs';

const { findSimilar, similarityPairs } = await import(pathToFileURL(join(ROOT, 'dist', 'engine', 'similarity.js')).href);

const N = Number(process.argv[2] ?? 50_000);
const VOCABULARY = 5_000;
const GROUPS = 20;

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20260101);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vi', 'so', 'de', 'po', 'ga', 'ble', 'tor', 'ment', 'ing', 'er', 'al', 'ex'];
const seen = new Set();
const words = [];
while (words.length < VOCABULARY) {
  let w = '';
  for (let s = int(2, 4); s > 0; s--) w += SYLLABLES[int(0, SYLLABLES.length - 1)];
  if (seen.has(w)) continue;
  seen.add(w);
  // about 1 word in 10 is a code identifier: FooBar, foo.bar.Baz, foo_bar
  const r = random();
  const h = w.length >> 1;
  if (r < 0.04) w = w[0].toUpperCase() + w.slice(1, h) + w[h].toUpperCase() + w.slice(h + 1);
  else if (r < 0.07) w = `org.${w.slice(0, h)}.${w[h].toUpperCase()}${w.slice(h + 1)}`;
  else if (r < 0.1) w = `${w.slice(0, h)}_${w.slice(h)}`;
  words.push(w);
}
// Zipf (s = 1): word of rank r drawn with probability proportional to 1/r.
const cumulative = new Float64Array(VOCABULARY);
for (let r = 0, sum = 0; r < VOCABULARY; r++) cumulative[r] = sum += 1 / (r + 1);
function word() {
  const x = random() * cumulative[VOCABULARY - 1];
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return words[lo];
}
const text = (n) => Array.from({ length: n }, word).join(' ');
/** A reworded copy: each word kept with probability 0.7, otherwise replaced. */
const reword = (s) =>
  s
    .split(' ')
    .map((w) => (random() < 0.7 ? w : word()))
    .join(' ');

const t0 = performance.now();
const docs = [];
const planted = []; // [copy index, original index]
for (let i = 0; i < N; i++) {
  if (i % 50 === 49) {
    const o = int(0, i - 1);
    const original = docs[o];
    docs.push({ id: `B-${i}`, title: reword(original.title), description: reword(original.description), group: original.group });
    planted.push([i, o]);
  } else {
    docs.push({ id: `B-${i}`, title: text(int(6, 12)), description: text(int(40, 120)), group: `app-${int(1, GROUPS)}` });
  }
}
console.log(`generated ${N} docs in ${(performance.now() - t0).toFixed(0)} ms`);

// Quality on real data.
const data = join(HERE, '..', 'shared', 'data', 'gitbugs-hadoop');
if (existsSync(join(data, 'hadoop_bugs.csv')) && existsSync(join(data, 'hadoop_duplicate_pairs.csv'))) {
  const { parse } = createRequire(join(ROOT, 'package.json'))('csv-parse/sync');
  const rows = parse(readFileSync(join(data, 'hadoop_bugs.csv')), { columns: true, relax_column_count: true });
  const known = parse(readFileSync(join(data, 'hadoop_duplicate_pairs.csv')), { columns: true });
  const real = rows.map((r) => ({ id: r['Issue id'], title: r.Summary ?? '', description: r.Description }));
  const inFile = new Set(real.map((d) => d.id));
  const pairs = known.filter((p) => inFile.has(p['Issue id']) && inFile.has(p['Duplicate id']));
  for (const top of [5, 10]) {
    const ranked = new Map(findSimilar(real, { top }).map((r) => [r.id, r.candidates.map((c) => c.id)]));
    const hits = pairs.filter(({ 'Issue id': a, 'Duplicate id': b }) => ranked.get(a).includes(b) || ranked.get(b).includes(a)).length;
    const ok = top !== 5 || hits >= 106;
    if (!ok) process.exitCode = 1;
    console.log(
      `GitBugs Hadoop (${real.length} issues, ${pairs.length} known duplicate pairs): recall@${top} ${hits}/${pairs.length} = ${((100 * hits) / pairs.length).toFixed(1)} %` +
        (top === 5 ? `  target ≥ 106/125: ${ok ? 'ok' : 'MISSED'}` : ''),
    );
  }
} else console.log(`GitBugs Hadoop data not found in ${data}: recall not measured`);

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
for (const sameGroup of [false, true]) {
  const start = performance.now();
  const stats = { queries: 0, postingsRead: 0 };
  const results = findSimilar(docs, { top: 5, sameGroup, stats });
  const ms = performance.now() - start;
  const first = planted.filter(([c, o]) => results[c].candidates[0]?.id === docs[o].id).length;
  console.log(
    `findSimilar top 5, sameGroup ${String(sameGroup).padEnd(5)}: ${ms.toFixed(0).padStart(6)} ms, ` +
      `rss ${mb(process.memoryUsage().rss)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}; ` +
      `${Math.round(stats.postingsRead / stats.queries)} postings read per query; ` +
      `planted copies with their original first: ${first}/${planted.length}`,
  );
}
const start = performance.now();
const pairs = similarityPairs(docs, { threshold: 0.5, sameGroup: true });
console.log(
  `similarityPairs threshold 0.5, sameGroup true: ${(performance.now() - start).toFixed(0).padStart(6)} ms, ` +
    `${pairs.length} pairs, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
);
