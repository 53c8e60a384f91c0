/**
 * Similar texts, for duplicate candidates (docs/analysis.md, the backlog; docs/commands.md, `relm duplicates`). Pure, no I/O.
 *
 * Why it is built this way. Duplicate reports share a few *specific* words, often code identifiers
 * (`DFSClient`, `hadoop-client-minicluster`), and are written by different people in different words, so:
 * - Terms: identifiers count whole *and* split on `.`, `_`, `-` and camelCase (`FileSystem` also matches
 *   `file system`, the exact identifier counts extra); English stop words go; a plural-only stemmer folds
 *   `failures`/`failure` without conflating unrelated words; numbers (versions, years, ports) stay.
 * - Fields: the title says what the issue is, the description mostly adds context, logs and stack traces; so
 *   a title occurrence counts as 3 description ones, and only the first 100 description tokens are read
 *   (more adds noise, not recall).
 * - Weights: sublinear tf (1 + ln tf) × BM25's idf, then cosine normalisation: a similarity is in [0, 1]
 *   (1 = same terms), symmetric, and long texts do not win by length.
 * On the GitBugs Hadoop data (2,503 issues, 125 known duplicate pairs, test/engine/similarity.test.ts) this
 * puts the known duplicate in the top 5 for 85 % of the pairs, against 51 % for TF-IDF cosine over titles.
 * Bigrams, BM25 tf saturation, -ed/-ing stemming and dropping code blocks were tried: no gain, left out.
 *
 * Speed, with no all-pairs loop: term ids are numbered rarest first, and each doc queries an inverted index
 * (term -> docs) with its rarest terms until it has read POSTINGS_PER_QUERY postings (at least its two rarest
 * shared terms), accumulating partial scores only for docs that share them. Common terms cost the most and
 * weigh the least; findSimilar also reads at most POSTINGS_PER_TERM postings of any term (those where it weighs
 * most), so the budget and the cap bound every query and the work is linear in the number of docs. The best
 * partial scores are then scored exactly. Ties go to input order and the arithmetic runs in a fixed order: same input, same output.
 */

export interface SimilarityDoc {
  id: string;
  title: string;
  description?: string;
  group?: string;
}
export interface SimilarCandidate {
  id: string;
  similarity: number;
} // similarity in [0, 1], 1 = same text
export interface SimilarResult {
  id: string;
  candidates: SimilarCandidate[];
}

const TITLE_WEIGHT = 3;
const DESCRIPTION_TOKENS = 100;
/** A query reads the postings of its rarest terms first, up to this many postings ... */
const POSTINGS_PER_QUERY = 2000;
/** ... but always those of its this-many rarest shared terms, however common. */
const MIN_QUERY_TERMS = 2;
/**
 * findSimilar reads at most this many postings of any one term: those of the docs where the term weighs most.
 * Its index then holds at most this many postings per term (its size scales with the vocabulary, not with the
 * number of docs), and no query reads more than max(POSTINGS_PER_QUERY, MIN_QUERY_TERMS × this) postings, however
 * large the corpus and however common a doc's rarest terms: the work is linear in the number of docs. (Without
 * the cap, the rarest two terms of a doc made only of common words were read whole: postings in proportion to
 * the corpus, for every such doc.) On the GitBugs Hadoop data the top-5 hit rate is the same with any cap from
 * 50 up; on bench/similarity.mjs's 50,000 synthetic docs the planted copies are found as often as without it.
 */
const POSTINGS_PER_TERM = 500;
/** Candidates (best partial scores) scored exactly: this many per candidate asked for, at least RERANK_MIN. */
const RERANK_PER_TOP = 4;
const RERANK_MIN = 20;

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both ' +
    'but by can cannot could did do does doing done down during each either else etc even ever every few for from ' +
    'further get gets got had has have having he her here hers him his how however i if in into is it its itself just ' +
    'let may me might more most much must my no nor not now of off on once only or other our ours out over own per ' +
    'please same she should since so some such than that the their theirs them then there these they this those ' +
    'through thus to too under until up upon us use used uses using very via was we were what when where whether ' +
    'which while who whom why will with within without would yet you your yours eg ie e.g i.e'
  ).split(' '),
);

/** A plural stemmer (after Harman's S-stemmer): folds English plurals only, rarely conflating unrelated words. */
function stem(w: string): string {
  if (w.length <= 3 || !w.endsWith('s')) return w;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y'; // dependencies -> dependency
  if (w.length > 4 && /(?:ss|x|sh|[nrt]ch)es$/.test(w)) return w.slice(0, -2); // processes, indexes, crashes, patches (not caches)
  if (/(?:ss|us|is)$/.test(w)) return w; // class, status, analysis
  return w.slice(0, -1);
}

/** A word, or an identifier joined by `.`, `_` or `-` (`org.apache.FooBar`, `hadoop-common`, `max_retries`). */
const RAW_TOKEN = /[\p{L}\p{N}]+(?:[._-][\p{L}\p{N}]+)*/gu;
const ASCII = /^[\x00-\x7f]*$/;
const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const HAS_LETTER = /\p{L}/u;

/** A plain word with at most an initial capital: nothing to split. */
const PLAIN_WORD = /^\p{Lu}?[\p{Ll}\p{N}]*$/u;

/** The terms of one raw token: the identifier whole (when it has parts), then its stemmed parts less stop words. */
function tokenTerms(raw: string): string[] {
  const parts = PLAIN_WORD.test(raw) ? [raw] : raw.split(/[._-]/).flatMap((p) => p.split(CAMEL_BOUNDARY));
  const whole = raw.toLowerCase();
  const out = parts.length > 1 && HAS_LETTER.test(raw) && !STOP_WORDS.has(whole) ? [whole] : [];
  for (const p of parts) {
    const w = p.toLowerCase();
    if (w.length >= 2 && !STOP_WORDS.has(w)) out.push(stem(w));
  }
  return out;
}

/**
 * Unit-length term vectors of all docs, in compressed rows: doc d owns entries start[d] .. start[d+1]-1.
 * Term ids are numbered rarest first (document frequency, then first appearance), and each row is sorted
 * by id, so a row lists its rarest terms first and any two rows meet their shared terms in the same order.
 */
interface Vectors {
  start: Int32Array;
  term: Int32Array;
  weight: Float64Array;
  termCount: number;
}

function vectorize(docs: readonly SimilarityDoc[]): Vectors {
  const dictionary = new Map<string, number>();
  const termIds = new Map<string, number[]>(); // raw token -> its term ids: each distinct token is analysed once
  const df: number[] = [];
  const start = new Int32Array(docs.length + 1);
  // The rows' term ids (numbered in order of appearance) and frequencies, in growing typed arrays: a JS array
  // of numbers takes twice the memory, and a 200,000-item backlog has millions of entries.
  let rowTerms = new Int32Array(Math.max(1024, docs.length * 8));
  let rowTf = new Int32Array(rowTerms.length);
  let rows = 0;
  const tf: number[] = []; // the current doc's term frequencies by term id (0 = absent)
  const addToken = (raw: string, fieldWeight: number): void => {
    let ids = termIds.get(raw);
    if (ids === undefined) {
      ids = tokenTerms(raw).map((t) => {
        let id = dictionary.get(t);
        if (id === undefined) {
          id = df.length;
          dictionary.set(t, id);
          df.push(0);
          tf.push(0);
        }
        return id;
      });
      termIds.set(raw, ids);
    }
    for (const id of ids) {
      if (tf[id] === 0) {
        if (rows === rowTerms.length) {
          const bigger = new Int32Array(Math.ceil(rows * 1.5));
          bigger.set(rowTerms);
          rowTerms = bigger;
          const biggerTf = new Int32Array(bigger.length);
          biggerTf.set(rowTf);
          rowTf = biggerTf;
        }
        rowTerms[rows++] = id;
      }
      tf[id]! += fieldWeight;
    }
  };
  const add = (text: string, limit: number, fieldWeight: number): void => {
    if (!ASCII.test(text)) {
      let n = 0;
      for (const m of text.matchAll(RAW_TOKEN)) {
        if (n++ >= limit) break;
        addToken(m[0], fieldWeight);
      }
      return;
    }
    // ASCII text (the common case): the same tokens as RAW_TOKEN, found without a regular expression.
    let n = 0;
    const len = text.length;
    for (let p = 0; p < len && n < limit; ) {
      if (!isAlnum(text.charCodeAt(p))) {
        p++;
        continue;
      }
      const from = p;
      for (;;) {
        while (p < len && isAlnum(text.charCodeAt(p))) p++;
        const c = text.charCodeAt(p);
        if ((c === 0x2e || c === 0x5f || c === 0x2d) && p + 1 < len && isAlnum(text.charCodeAt(p + 1))) p++;
        else break;
      }
      n++;
      addToken(text.slice(from, p), fieldWeight);
    }
  };
  docs.forEach((doc, d) => {
    add(doc.title, Infinity, TITLE_WEIGHT);
    add(doc.description ?? '', DESCRIPTION_TOKENS, 1);
    for (let k = start[d]!; k < rows; k++) {
      const id = rowTerms[k]!;
      rowTf[k] = tf[id]!;
      tf[id] = 0;
      df[id]!++;
    }
    start[d + 1] = rows;
  });
  // Renumber the terms rarest first, then sort each row by the new ids and weigh it.
  const n = docs.length;
  const byRarity = df.map((_, t) => t).sort((x, y) => df[x]! - df[y]! || x - y);
  const rank = new Int32Array(df.length);
  byRarity.forEach((t, r) => (rank[t] = r));
  const idf = Float64Array.from(byRarity, (t) => Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5))); // BM25's idf, by new id
  const term = new Int32Array(rows);
  for (let k = 0; k < rows; k++) term[k] = rank[rowTerms[k]!]!;
  const weight = new Float64Array(rows);
  const tfByRank = new Float64Array(df.length);
  for (let d = 0; d < n; d++) {
    const from = start[d]!;
    const to = start[d + 1]!;
    for (let k = from; k < to; k++) tfByRank[term[k]!] = rowTf[k]!;
    if (to - from > 24) term.subarray(from, to).sort();
    else {
      // Short rows (titles): an insertion sort in place, without a subarray per row.
      for (let k = from + 1; k < to; k++) {
        const v = term[k]!;
        let m = k - 1;
        while (m >= from && term[m]! > v) {
          term[m + 1] = term[m]!;
          m--;
        }
        term[m + 1] = v;
      }
    }
    let norm = 0;
    for (let k = from; k < to; k++) {
      const w = (1 + Math.log(tfByRank[term[k]!]!)) * idf[term[k]!]!; // sublinear tf × idf
      weight[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = from; k < to; k++) weight[k]! /= norm;
  }
  return { start, term, weight, termCount: df.length };
}

/** Doc indices per group, groups in order of first appearance (one group for all without sameGroup). */
function partitions(docs: readonly SimilarityDoc[], sameGroup: boolean): number[][] {
  if (!sameGroup) return [docs.map((_, i) => i)];
  const byGroup = new Map<string | undefined, number[]>();
  docs.forEach((d, i) => {
    const g = byGroup.get(d.group);
    if (g) g.push(i);
    else byGroup.set(d.group, [i]);
  });
  return [...byGroup.values()];
}

/**
 * The inverted index of a partition (doc indices in increasing order), compressed: term t's postings (the docs
 * that have it, in increasing order, with their weights) are at postStart[t] .. postStart[t+1]-1; count[t] is
 * how many docs of the partition have term t. A term held by more than `cap` docs keeps only the `cap` postings
 * where it weighs most (ties: the lower doc indices).
 */
function invertedIndex(
  part: readonly number[],
  v: Vectors,
  cap = Infinity,
): { count: Int32Array; postStart: Int32Array; postDoc: Int32Array; postWeight: Float64Array } {
  const { start, term, weight, termCount } = v;
  const count = new Int32Array(termCount);
  for (const i of part) for (let k = start[i]!; k < start[i + 1]!; k++) count[term[k]!]!++;
  const postStart = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) postStart[t + 1] = postStart[t]! + count[t]!;
  const postDoc = new Int32Array(postStart[termCount]!);
  const postWeight = new Float64Array(postStart[termCount]!);
  const fill = postStart.slice(0, termCount);
  for (const i of part) {
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const p = fill[term[k]!]!++;
      postDoc[p] = i;
      postWeight[p] = weight[k]!;
    }
  }
  if (!(cap < Infinity)) return { count, postStart, postDoc, postWeight };
  // Capped: each long list cut to its `cap` heaviest postings, the lists packed again.
  const cutStart = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) cutStart[t + 1] = cutStart[t]! + Math.min(count[t]!, cap);
  const cutDoc = new Int32Array(cutStart[termCount]!);
  const cutWeight = new Float64Array(cutStart[termCount]!);
  for (let t = 0; t < termCount; t++) {
    const from = postStart[t]!;
    const n = count[t]!;
    let to = cutStart[t]!;
    if (n <= cap) {
      cutDoc.set(postDoc.subarray(from, from + n), to);
      cutWeight.set(postWeight.subarray(from, from + n), to);
      continue;
    }
    // The cap-th heaviest weight (a numeric sort of a copy, native), then the postings above it and as many
    // at it as fit, each in doc order.
    const bar = Float64Array.from(postWeight.subarray(from, from + n)).sort()[n - cap]!;
    let atBar = cap;
    for (let p = from; p < from + n; p++) if (postWeight[p]! > bar) atBar--;
    for (let p = from; p < from + n; p++) {
      const w = postWeight[p]!;
      if (w > bar || (w === bar && atBar-- > 0)) {
        cutDoc[to] = postDoc[p]!;
        cutWeight[to++] = w;
      }
    }
  }
  return { count, postStart: cutStart, postDoc: cutDoc, postWeight: cutWeight };
}

/** What the queries of a search read, for the benchmark (bench/similarity.mjs): the work per query. */
export interface ScanStats {
  queries: number;
  postingsRead: number;
}

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * For every doc i of every partition, calls visit(i, touched, partial, unread, exact): the docs (≠ i, same
 * partition) that share one of i's query terms, their partial dot products with i, the norm of i's terms
 * left out of the query, and exact(j), the cosine of i and j. Query terms: i's terms found in at least one
 * other doc, rarest first, while the postings read stay within POSTINGS_PER_QUERY (at least MIN_QUERY_TERMS).
 */
function scan(
  docs: readonly SimilarityDoc[],
  sameGroup: boolean,
  visit: (i: number, touched: Int32Array, partial: Float64Array, unread: number, exact: (j: number) => number) => void,
  cap = Infinity,
  stats?: ScanStats,
): void {
  const { start, term, weight, termCount } = vectorize(docs);
  const partial = new Float64Array(docs.length);
  const query = new Float64Array(termCount); // the current doc's weights, scattered by term id
  const exact = (j: number): number => {
    let s = 0;
    for (let k = start[j]!, end = start[j + 1]!; k < end; k++) s += query[term[k]!]! * weight[k]!;
    return s > 1 - 1e-12 ? 1 : s; // a unit vector with itself, up to rounding
  };
  const touchedAll = new Int32Array(docs.length);
  for (const part of partitions(docs, sameGroup)) {
    const { count, postStart, postDoc, postWeight } = invertedIndex(part, { start, term, weight, termCount }, cap);
    for (const i of part) {
      let touchedCount = 0;
      let read = 0;
      let used = 0;
      let k = start[i]!;
      for (const end = start[i + 1]!; k < end; k++) {
        const t = term[k]!;
        if (count[t]! < 2) continue;
        const n = postStart[t + 1]! - postStart[t]!; // the postings to read (count[t] unless capped)
        if (used >= MIN_QUERY_TERMS && read + n > POSTINGS_PER_QUERY) break;
        read += n;
        used++;
        const wq = weight[k]!;
        for (let p = postStart[t]!, pEnd = postStart[t + 1]!; p < pEnd; p++) {
          const j = postDoc[p]!;
          if (j === i) continue;
          if (partial[j] === 0) touchedAll[touchedCount++] = j;
          partial[j]! += wq * postWeight[p]!;
        }
      }
      if (stats) {
        stats.queries++;
        stats.postingsRead += read;
      }
      let unread = 0; // the norm of the query terms left out: exact(j) ≤ partial[j] + unread (Cauchy-Schwarz)
      for (const end = start[i + 1]!; k < end; k++) unread += weight[k]! * weight[k]!;
      for (let k = start[i]!; k < start[i + 1]!; k++) query[term[k]!] = weight[k]!;
      const touched = touchedAll.subarray(0, touchedCount);
      visit(i, touched, partial, Math.sqrt(unread), exact);
      for (let k = start[i]!; k < start[i + 1]!; k++) query[term[k]!] = 0;
      for (const j of touched) partial[j] = 0;
    }
  }
}

/** The (at most) k best of `items` (doc indices) by score, best first; ties: lower index. A bounded heap: O(n log k). */
function best(items: Int32Array, score: Float64Array, k: number): number[] {
  const heap: number[] = []; // the worst kept item on top
  const worse = (x: number, y: number): boolean => score[x]! < score[y]! || (score[x] === score[y] && x > y);
  const swap = (a: number, b: number): void => void ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  if (k <= 0) return heap;
  let floor = -Infinity; // the score of the worst kept item once the heap is full
  for (let n = 0; n < items.length; n++) {
    const x = items[n]!;
    if (score[x]! < floor) continue; // the common case, made cheap
    if (heap.length < k) {
      heap.push(x);
      for (let at = heap.length - 1, up = (at - 1) >> 1; at > 0 && worse(heap[at]!, heap[up]!); at = up, up = (at - 1) >> 1) swap(at, up);
    } else if (worse(heap[0]!, x)) {
      heap[0] = x;
      for (let at = 0; ; ) {
        const l = 2 * at + 1;
        let w = at;
        if (l < k && worse(heap[l]!, heap[w]!)) w = l;
        if (l + 1 < k && worse(heap[l + 1]!, heap[w]!)) w = l + 1;
        if (w === at) break;
        swap(at, w);
        at = w;
      }
    }
    if (heap.length === k) floor = score[heap[0]!]!;
  }
  return heap.sort((x, y) => (worse(x, y) ? 1 : -1));
}

/** For each doc (input order), its `top` most similar other docs, best first (ties: input order). With sameGroup, only docs with the same group are compared (docs without group form one group). Candidates below minSimilarity (default 0.05) are dropped. */
export function findSimilar(
  docs: readonly SimilarityDoc[],
  opts: { top: number; sameGroup?: boolean; minSimilarity?: number; stats?: ScanStats },
): SimilarResult[] {
  const minSimilarity = opts.minSimilarity ?? 0.05;
  const results: SimilarResult[] = docs.map((d) => ({ id: d.id, candidates: [] }));
  if (opts.top <= 0) return results;
  const similarity = new Float64Array(docs.length);
  scan(
    docs,
    opts.sameGroup ?? false,
    (i, touched, partial, _unread, exact) => {
      const shortlist = best(touched, partial, Math.max(RERANK_MIN, RERANK_PER_TOP * opts.top));
      const kept = shortlist.filter((j) => (similarity[j] = exact(j)) >= minSimilarity);
      kept.sort((x, y) => similarity[y]! - similarity[x]! || x - y);
      results[i]!.candidates = kept.slice(0, opts.top).map((j) => ({ id: docs[j]!.id, similarity: similarity[j]! }));
    },
    POSTINGS_PER_TERM,
    opts.stats,
  );
  return results;
}

/** The similarity of two texts on the same scale, for pairs (used to list candidate duplicate pairs in a report). */
export function similarityPairs(
  docs: readonly SimilarityDoc[],
  opts: { threshold: number; sameGroup?: boolean },
): { a: string; b: string; similarity: number }[] {
  return topSimilarPairs(docs, { ...opts, limit: Infinity }).pairs;
}

/**
 * The pairs at or above the threshold, counted in full but returned only for the `limit` most similar (in
 * the order of similarityPairs): a backlog with many near-identical titles must not cost a sort of every pair.
 * `skip(a, b)` leaves a pair out altogether (e.g. duplicates already recorded).
 */
export function topSimilarPairs(
  docs: readonly SimilarityDoc[],
  opts: { threshold: number; sameGroup?: boolean; limit: number; skip?: (a: string, b: string) => boolean },
): { pairs: { a: string; b: string; similarity: number }[]; total: number } {
  const fi: number[] = [];
  const fj: number[] = [];
  const fs: number[] = [];
  pairScan(docs, opts.sameGroup ?? false, opts.threshold, (i, j, similarity) => {
    if (!opts.skip?.(docs[i]!.id, docs[j]!.id)) {
      fi.push(i);
      fj.push(j);
      fs.push(similarity);
    }
  });
  return topPairs(docs, fi, fj, fs, opts.limit);
}

/** The `limit` best of the found pairs, in the order of similarityPairs, and how many were found. */
function topPairs(
  docs: readonly SimilarityDoc[],
  fi: number[],
  fj: number[],
  fs: number[],
  limit: number,
): { pairs: { a: string; b: string; similarity: number }[]; total: number } {
  const total = fs.length;
  // Only pairs at least as similar as the limit-th best can be returned: find that bound with a numeric sort.
  let bound = -Infinity;
  if (total > limit) {
    const sorted = Float64Array.from(fs).sort();
    bound = sorted[total - limit]!;
  }
  const pairs: { a: string; b: string; similarity: number; i: number; j: number }[] = [];
  for (let k = 0; k < total; k++) if (fs[k]! >= bound) pairs.push({ a: docs[fi[k]!]!.id, b: docs[fj[k]!]!.id, similarity: fs[k]!, i: fi[k]!, j: fj[k]! });
  pairs.sort((x, y) => y.similarity - x.similarity || compare(x.a, y.a) || compare(x.b, y.b) || x.i - y.i || x.j - y.j);
  return { pairs: pairs.slice(0, limit).map(({ a, b, similarity }) => ({ a, b, similarity })), total };
}

/**
 * The pair search, threshold-aware (prefix filtering, after Bayardo et al. 2007), with the results of the plain
 * search (pairsByFullScan): each doc i meets the later docs j > i that share one of its query terms (chosen
 * as scan() chooses them), and a pair is found when their cosine reaches the threshold. Two savings:
 * - only the postings after i's own are read (the pair (i, j) with j < i was met from j);
 * - a doc met first at a query term from which on i's remaining weight (with the terms left out of the query)
 *   is below the threshold cannot reach it (Cauchy-Schwarz), so from that term on no new doc is taken, and
 *   the postings of the remaining, most common terms are not read at all. The docs already met are scored
 *   exactly, unless their partial score and i's remaining weight cannot reach the threshold either.
 */
function pairScan(docs: readonly SimilarityDoc[], sameGroup: boolean, threshold: number, found: (i: number, j: number, similarity: number) => void): void {
  const { start, term, weight, termCount } = vectorize(docs);
  const partial = new Float64Array(docs.length);
  const query = new Float64Array(termCount);
  const touched = new Int32Array(docs.length);
  let remaining = new Float64Array(64);
  const reach = threshold - 1e-9; // what a pair must reach, with room for rounding
  for (const part of partitions(docs, sameGroup)) {
    const { count, postStart, postDoc, postWeight } = invertedIndex(part, { start, term, weight, termCount });
    const cursor = postStart.slice(0, termCount); // each term's postings before it are of docs already queried
    for (const i of part) {
      // The query terms, as scan() picks them: the rarest shared terms within the postings budget.
      const first = start[i]!;
      const end = start[i + 1]!;
      let read = 0;
      let used = 0;
      let k = first;
      for (; k < end; k++) {
        const n = count[term[k]!]!;
        if (n < 2) continue;
        if (used >= MIN_QUERY_TERMS && read + n > POSTINGS_PER_QUERY) break;
        read += n;
        used++;
      }
      const queryEnd = k;
      let unread2 = 0; // the squared weight of i's terms left out of the query
      for (; k < end; k++) unread2 += weight[k]! * weight[k]!;
      // remaining[q - first]: the squared weight of the query terms from row entry q on (a term no other doc has counts 0).
      if (remaining.length <= queryEnd - first) remaining = new Float64Array(2 * (queryEnd - first + 1));
      remaining[queryEnd - first] = 0;
      for (let q = queryEnd - 1; q >= first; q--) remaining[q - first] = remaining[q - first + 1]! + (count[term[q]!]! < 2 ? 0 : weight[q]! * weight[q]!);
      let touchedCount = 0;
      let q = first;
      for (; q < queryEnd; q++) {
        const t = term[q]!;
        if (count[t]! < 2) continue;
        // A doc met from here on shares only these terms and the unread ones: it reaches at most their norm.
        if (Math.sqrt(remaining[q - first]! + unread2) < reach) break;
        let p = cursor[t]!;
        const pEnd = postStart[t + 1]!;
        while (p < pEnd && postDoc[p]! <= i) p++;
        cursor[t] = p;
        const wq = weight[q]!;
        for (; p < pEnd; p++) {
          const j = postDoc[p]!;
          if (partial[j] === 0) touched[touchedCount++] = j;
          partial[j]! += wq * postWeight[p]!;
        }
      }
      if (!touchedCount) continue;
      // What a met doc can still gain beyond its partial score: the norm of the query terms not read, and the unread.
      const rest = Math.sqrt((q < queryEnd ? remaining[q - first]! : 0) + unread2);
      for (let x = first; x < end; x++) query[term[x]!] = weight[x]!;
      for (let x = 0; x < touchedCount; x++) {
        const j = touched[x]!;
        if (partial[j]! + rest >= reach) {
          // The cosine, summed as scan()'s exact() sums it.
          let sim = 0;
          for (let y = start[j]!, yEnd = start[j + 1]!; y < yEnd; y++) sim += query[term[y]!]! * weight[y]!;
          if (sim > 1 - 1e-12) sim = 1;
          if (sim >= threshold) found(i, j, sim);
        }
        partial[j] = 0;
      }
      for (let x = first; x < end; x++) query[term[x]!] = 0;
    }
  }
}

/**
 * The plain pair search: every query term's postings read, both directions met, the later doc kept. Slower
 * than pairScan and with the same results; kept as the reference the tests hold pairScan to.
 */
export function pairsByFullScan(
  docs: readonly SimilarityDoc[],
  opts: { threshold: number; sameGroup?: boolean; limit: number },
): { pairs: { a: string; b: string; similarity: number }[]; total: number } {
  const fi: number[] = [];
  const fj: number[] = [];
  const fs: number[] = [];
  scan(docs, opts.sameGroup ?? false, (i, touched, partial, unread, exact) => {
    for (const j of touched) {
      if (j <= i || partial[j]! + unread < opts.threshold - 1e-9) continue; // cannot reach the threshold
      const similarity = exact(j);
      if (similarity >= opts.threshold) {
        fi.push(i);
        fj.push(j);
        fs.push(similarity);
      }
    }
  });
  return topPairs(docs, fi, fj, fs, opts.limit);
}
