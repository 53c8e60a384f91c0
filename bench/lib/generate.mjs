// Generates a large engagement for the benchmarks, deterministic (seeded), into the folder given: by default
// 50,000 backlog items and 5,000 releases (about 10 MB of YAML).
//   warnings     items spread evenly through backlog.yaml that are done without a closed date (a
//                `missing-closed` warning each): a file with findings, whose positions must be found
//   unknownRefs  items spread evenly that name a duplicate_of no item has (an `unknown-item` error each, with a
//                "did you mean" search over every item id): half are one-character typos of a real id, half are
//                ids of no resemblance
// `node bench/lib/generate.mjs DIR [items] [warnings] [unknownRefs]` writes one by hand.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function generate(dir, { items = 50_000, releases = Math.round(items / 10), warnings = 0, unknownRefs = 0 } = {}) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const f of ['relm.yaml', 'practices.yaml', 'target.yaml', 'team.yaml', 'interviews'])
    cpSync(join(root, 'examples', 'acme-bank', f), join(dir, f), { recursive: true });
  // mulberry32: a small 32-bit PRNG that stays exact in JavaScript numbers (an LCG on doubles does not).
  let seed = 42;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  // A vocabulary of 20,000 made-up words with a Zipf-like use (flattened head, as titles carry few stop words),
  // plus planted restatements below, for about as many similar-title pairs as real trackers have.
  const syllables = ['ba', 'ko', 'ri', 'tel', 'man', 'sor', 'vi', 'pen', 'dar', 'lo', 'gu', 'nex', 'fa', 'tri', 'mo', 'sul', 'qua', 'zen', 'pol', 'cy'];
  const vocab = Array.from(
    { length: 20000 },
    (_, i) =>
      syllables[i % 20] + syllables[Math.floor(i / 20) % 20] + syllables[Math.floor(i / 400) % 20] + (i >= 8000 ? syllables[Math.floor(i / 8000) % 20] : ''),
  );
  const zipf = (() => {
    const w = vocab.map((_, i) => 1 / (i + 50));
    const total = w.reduce((a, b) => a + b, 0);
    const cdf = [];
    let acc = 0;
    for (const x of w) cdf.push((acc += x / total));
    return () => {
      const r = rnd();
      let lo = 0;
      let hi = cdf.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      return vocab[lo];
    };
  })();
  const apps = Array.from({ length: 20 }, (_, i) => ({ id: `app-${String(i + 1).padStart(2, '0')}`, platform: pick(['mainframe', 'web', 'mobile', 'cloud']) }));
  const day = (offset) => new Date(Date.UTC(2026, 2, 31) - offset * 86_400_000).toISOString().slice(0, 10);
  const out = ['applications:'];
  for (const a of apps) out.push(`  - {id: ${a.id}, name: Application ${a.id}, platform: ${a.platform}, criticality: ${pick(['high', 'medium', 'low'])}}`);
  out.push('items:');
  const done = [];
  const titles = new Map();
  const every = (n) => (n > 0 ? Math.max(1, Math.floor(items / n)) : Infinity);
  const warnEvery = every(warnings);
  const refEvery = every(unknownRefs);
  let warned = 0;
  let refs = 0;
  for (let i = 0; i < items; i++) {
    const id = `MR-${100000 + i}`;
    const requested = Math.floor(rnd() * 1400) + 1;
    const status = pick(['new', 'approved', 'scheduled', 'in-progress', 'done', 'done', 'done', 'rejected']);
    // About 3 % of the requests restate an earlier one of the same application in other words, as people do.
    const app = pick(apps).id;
    const earlier = titles.get(app);
    let title;
    if (earlier?.length && rnd() < 0.03) {
      const words = pick(earlier).split(' ');
      words[Math.floor(rnd() * words.length)] = zipf();
      title = words.join(' ');
    } else title = Array.from({ length: 6 + Math.floor(rnd() * 6) }, zipf).join(' ');
    if (!titles.has(app)) titles.set(app, []);
    titles.get(app).push(title);
    const description = Array.from({ length: 8 + Math.floor(rnd() * 8) }, zipf).join(' ');
    out.push(`  - id: ${id}`);
    out.push(`    application: ${app}`);
    out.push(`    title: ${title}`);
    out.push(`    description: ${description}`);
    out.push(`    type: ${pick(['corrective', 'adaptive', 'perfective', 'perfective', 'preventive'])}`);
    out.push(`    priority: ${pick(['critical', 'high', 'medium', 'low'])}`);
    // Done without the closed date: a missing-closed warning.
    const warn = warned < warnings && i % warnEvery === warnEvery >> 1;
    if (warn) warned++;
    out.push(`    status: ${warn ? 'done' : status}`);
    out.push(`    requested: ${day(requested)}`);
    if (!warn && ['done', 'rejected'].includes(status)) {
      out.push(`    closed: ${day(Math.max(0, requested - 1 - Math.floor(rnd() * 60)))}`);
      if (status === 'done') done.push(id);
    }
    if (refs < unknownRefs && i % refEvery === refEvery >> 2) {
      // An id one character off a real one (a typo: 100123 -> 100I23), or one like none of them.
      const real = String(100000 + Math.floor(rnd() * Math.max(1, i)));
      const typo = refs % 2 === 0;
      out.push(`    duplicate_of: ${typo ? `MR-${real.slice(0, 3)}I${real.slice(4)}` : `ZZ-${String(refs).padStart(6, 'q')}-gone`}`);
      refs++;
    }
    out.push(`    effort_days: ${1 + Math.floor(rnd() * 15)}`);
    if (rnd() < 0.5) out.push(`    benefit: ${1000 * (1 + Math.floor(rnd() * 50))}`);
  }
  writeFileSync(join(dir, 'backlog.yaml'), out.join('\n') + '\n');
  const rel = ['releases:'];
  for (let i = 0; i < releases; i++) {
    const deployed = 1 + Math.floor(rnd() * 700);
    const ts = new Date(Date.UTC(2026, 2, 31, 22) - deployed * 86_400_000).toISOString().replace('.000Z', 'Z');
    const failed = rnd() < 0.15;
    rel.push(`  - id: R-${10000 + i}`);
    rel.push(`    type: ${pick(['major', 'minor', 'minor', 'emergency'])}`);
    rel.push(`    applications: [${pick(apps).id}]`);
    rel.push(`    deployed: ${ts}`);
    rel.push(`    outcome: ${failed ? pick(['failed', 'rolled-back', 'hotfixed']) : 'success'}`);
    if (failed) rel.push(`    restored: ${new Date(Date.parse(ts) + (1 + Math.floor(rnd() * 48)) * 3_600_000).toISOString().replace('.000Z', 'Z')}`);
    const shipped = done.splice(0, 8);
    if (shipped.length) rel.push(`    items: [${shipped.join(', ')}]`);
    rel.push(
      `    changes: [{id: CHG${100000 + i}, committed: ${new Date(Date.parse(ts) - (1 + Math.floor(rnd() * 400)) * 3_600_000).toISOString().replace('.000Z', 'Z')}}]`,
    );
  }
  writeFileSync(join(dir, 'releases.yaml'), rel.join('\n') + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'large-engagement', items = '50000', warnings = '0', unknownRefs = '0'] = process.argv.slice(2);
  generate(dir, { items: Number(items), warnings: Number(warnings), unknownRefs: Number(unknownRefs) });
}
