import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, deadPid, relmChild, relmInProcess, CHILD_TIMEOUT_MS, snapshotFiles } from '../helpers/cli.js';
import { withSharedData } from '../helpers/shared-data.js';

// End-to-end: the built CLI (in this process; in a child where it is interrupted or races) on engagements made in the test, with real git repositories and the real
// Hadoop export. Every child process has a timeout, so no test can hang.

const hadoop = withSharedData('gitbugs-hadoop/hadoop_bugs.csv');
const HADOOP = hadoop.paths[0]!;
const TIMEOUT = CHILD_TIMEOUT_MS;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** relm in this process, its output as written. */
const run = (args: string[], cwd: string, env: Record<string, string> = {}) => relmInProcess(args, cwd, env);
/**
 * relm in a child process: for the imports of thousands of rows, which compute for seconds without waiting (tens
 * of seconds on a busy machine) and in this process would hold the worker past vitest's 60 s for its reports.
 */
const runHeavy = (args: string[], cwd: string, env: Record<string, string> = {}) => relmChild(args, { cwd, env });

/** Runs relm in the background; resolves with its exit code (killed after TIMEOUT). */
function start(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): { done: Promise<{ status: number | null; stderr: string }>; kill: (s: NodeJS.Signals) => void } {
  const p = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += String(d)));
  const timer = setTimeout(() => p.kill('SIGKILL'), TIMEOUT);
  const done = new Promise<{ status: number | null; stderr: string }>((resolve) =>
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    }),
  );
  return { done, kill: (s) => p.kill(s) };
}

async function engagement(): Promise<string> {
  const dir = join(temp('relm-e2e-'), 'eng');
  const r = await run(['init', dir, '--yes', '--client', 'ACME', '--as-of', '2026-03-31'], tmpdir());
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

function gitRepo(dir: string, tags: { tag: string; commits: string[] }[]): void {
  mkdirSync(dir, { recursive: true });
  const git = (args: string[], date: string) =>
    execFileSync('git', args, {
      cwd: dir,
      timeout: TIMEOUT,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    });
  git(['init', '-q'], '2026-01-01T00:00:00Z');
  for (const t of tags) {
    for (const c of t.commits) git(['commit', '-q', '--allow-empty', '-m', c], c);
    git(['tag', t.tag], t.commits[t.commits.length - 1]!);
  }
}

const tempFiles = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));
const load = (path: string) => jsyaml.load(readFileSync(path, 'utf8'), { schema: jsyaml.CORE_SCHEMA }) as Record<string, Record<string, unknown>[]>;

describe('git tags of two repositories with the same tag names', () => {
  it('gives each application its own releases, with changes for lead time and no invented outcome', async () => {
    const eng = await engagement();
    const repos = temp('relm-repos-');
    const tags = [
      { tag: 'v1.0.0', commits: ['2026-01-05T10:00:00Z'] },
      { tag: 'v1.1.0', commits: ['2026-02-01T10:00:00Z', '2026-02-03T10:00:00Z'] },
    ];
    gitRepo(join(repos, 'billing'), tags);
    gitRepo(join(repos, 'payments'), tags);
    expect((await run(['import', 'git-tags', join(repos, 'billing')], eng)).status).toBe(0);
    const second = await run(['import', 'git-tags', join(repos, 'payments')], eng);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toContain('added 2, updated 0');
    const releases = load(join(eng, 'releases.yaml')).releases!;
    expect(releases.map((r) => r.id)).toEqual(['billing@v1.0.0', 'billing@v1.1.0', 'payments@v1.0.0', 'payments@v1.1.0']);
    expect(releases.every((r) => r.outcome === undefined)).toBe(true);
    expect(releases[1]!.changes).toEqual([
      { id: expect.any(String), committed: '2026-02-03T10:00:00+00:00' },
      { id: expect.any(String), committed: '2026-02-01T10:00:00+00:00' },
    ]);
    expect((await run(['validate'], eng)).status).toBe(0);
    const assessed = JSON.parse((await run(['assess', '--json', '--window-days', '365'], eng)).stdout) as { releases: { lead_time_days: number | null } };
    expect(assessed.releases.lead_time_days).not.toBeNull();

    // Forcing the same ids is a collision: a finding (exit 1), and the other application's records stay as they were.
    const before = readFileSync(join(eng, 'releases.yaml'), 'utf8');
    const clash = await run(['import', 'git-tags', join(repos, 'payments'), '--id-prefix', 'billing@'], eng);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toContain("collision: billing@v1.0.0 in releases.yaml belongs to billing, the export's to payments: left alone");
    expect(readFileSync(join(eng, 'releases.yaml'), 'utf8')).toBe(before);
  });
});

hadoop.describe('the real Hadoop export, re-imported after hand edits', () => {
  // Four imports and a validate of 2,503 items, each write read back and checked first: more than the default 30 s on a loaded machine.
  it('leaves backlog.yaml byte-identical when nothing changed, and keeps the edits when the export changed', async () => {
    const eng = await engagement();
    expect((await runHeavy(['import', 'jira', HADOOP, '--application', 'hadoop'], eng)).status).toBe(0);
    const file = join(eng, 'backlog.yaml');
    const state = join(eng, '.relm/imports/jira.json');
    expect(existsSync(state)).toBe(true);

    // Hand edits: triage (priority), a reformatted application entry, a comment, a hand-written item in flow style.
    let text = readFileSync(file, 'utf8');
    text = text.replace(/(- id: "13404344"\n(?: {4}.*\n)*? {4}priority:) critical/, '$1 low    # triaged 2026-03-02');
    text = text.replace('  - {id: hadoop}\n', '  - {id: hadoop, name: Apache Hadoop}     # the platform\n');
    text += '  - {id: MR-1, application: hadoop, title: Written by hand, requested: 2026-01-01}\n';
    writeFileSync(file, text);

    const same = await runHeavy(['import', 'jira', HADOOP, '--application', 'hadoop'], eng);
    expect(same.status).toBe(0);
    expect(same.stderr).toContain('kept your edit to 13404344 priority (low)');
    expect(readFileSync(file, 'utf8')).toBe(text);

    // The tracker moved on: one issue reopened, and the triaged one re-prioritised there too (a conflict).
    const rows = readFileSync(HADOOP, 'utf8');
    const changed = join(temp('relm-csv-'), 'hadoop_bugs.csv');
    expect(rows).toContain(',13277068,Resolved,');
    expect(rows).toContain(',13404344,Resolved,Blocker,');
    writeFileSync(changed, rows.replace(',13277068,Resolved,', ',13277068,Open,').replace(',13404344,Resolved,Blocker,', ',13404344,Resolved,Minor,'));
    const dry = await runHeavy(['import', 'jira', changed, '--application', 'hadoop', '--dry-run'], eng);
    expect(dry.stdout).toContain('-    status: done\n+    status: new\n');
    expect(readFileSync(file, 'utf8')).toBe(text);
    const next = await runHeavy(['import', 'jira', changed, '--application', 'hadoop'], eng);
    expect(next.status).toBe(0);
    expect(next.stderr).toContain('updated 13277068: status, closed');
    expect(next.stderr).toContain('conflict: 13404344 priority is low in backlog.yaml, medium in the export: kept yours');
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('priority: low    # triaged 2026-03-02\n');
    expect(after).toContain('  - {id: hadoop, name: Apache Hadoop}     # the platform\n');
    expect(after).toContain('  - {id: MR-1, application: hadoop, title: Written by hand, requested: 2026-01-01}\n');
    // Only the changed lines differ.
    const a = text.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length - 1);
    expect((await run(['validate'], eng)).status).toBe(0);
  });
});

describe('encodings', () => {
  it('imports a Windows-1252 Jira export with its curly quotes, euro sign and dashes', async () => {
    const eng = await engagement();
    const csv =
      'Summary,Issue key,Status,Created,Resolved\n“Fee” of 5 € – wrong,ABC-1,Open,2026-01-02,\nResolved before it was created,ABC-2,Done,2026-02-01,2026-01-15\n';
    const special: Record<string, number> = { '“': 0x93, '”': 0x94, '€': 0x80, '–': 0x96 };
    const file = join(temp('relm-csv-'), 'excel.csv');
    writeFileSync(file, Uint8Array.from([...csv].map((ch) => special[ch] ?? ch.charCodeAt(0))));
    const r = await run(['import', 'jira', file, '--application', 'core'], eng);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('read as Windows-1252');
    expect(r.stderr).toContain('row 3: ABC-2: the dates contradict each other: Resolved 2026-01-15 is before Created 2026-02-01');
    const items = load(join(eng, 'backlog.yaml')).items!;
    expect(items.map((i) => i.title)).toEqual(['“Fee” of 5 € – wrong']);
    expect((await run(['validate'], eng)).status).toBe(0);
  });
});

describe('safe writers', () => {
  it('two writers at once, repeated: nothing is lost', async () => {
    const eng = await engagement();
    const tasks = ['assemble-team', 'kickoff-plan', 'gather-information', 'analyse-findings', 'analyse-release-process', 'tactical-recommendations'];
    for (let round = 0; round < 3; round++) {
      const a = tasks[round * 2]!;
      const b = tasks[round * 2 + 1]!;
      const results = await Promise.all([start(['status', 'set', a, 'done'], eng).done, start(['status', 'set', b, 'blocked'], eng).done]);
      for (const r of results) expect(r.status, r.stderr).toBe(0);
      const plan = load(join(eng, 'plan.yaml')).tasks!;
      expect(plan.find((t) => t.id === a)!.status).toBe('done');
      expect(plan.find((t) => t.id === b)!.status).toBe('blocked');
    }
    // Two imports into backlog.yaml at once: both sets of items arrive.
    const csv = (key: string) => {
      const f = join(temp('relm-csv-'), `${key}.csv`);
      writeFileSync(f, `Summary,Issue key,Status,Created\n${Array.from({ length: 200 }, (_, i) => `Issue ${i},${key}-${i},Open,2026-01-02`).join('\n')}\n`);
      return f;
    };
    const [x, y] = [csv('AAA'), csv('BBB')];
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all([
        start(['import', 'jira', x, '--application', 'a'], eng).done,
        start(['import', 'jira', y, '--application', 'b'], eng).done,
      ]);
      for (const r of results) expect(r.status, r.stderr).toBe(0);
      const ids = load(join(eng, 'backlog.yaml')).items!.map((i) => String(i.id));
      expect(ids.filter((i) => i.startsWith('AAA-'))).toHaveLength(200);
      expect(ids.filter((i) => i.startsWith('BBB-'))).toHaveLength(200);
    }
  });

  it('a second writer waits, then fails with a clear message while the first holds the lock', async () => {
    const eng = await engagement();
    // A live process holds the lock (this test's own process: it is running).
    mkdirSync(join(eng, '.relm/lock'), { recursive: true });
    writeFileSync(
      join(eng, '.relm/lock.owner'),
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), command: 'import jira', since: '2026-03-31T10:00:00Z' }),
    );
    const r = await run(['status', 'set', 'assemble-team', 'done'], eng, { RELM_LOCK_WAIT_MS: '300' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`the engagement is being changed by relm import jira (process ${process.pid}, since 2026-03-31T10:00:00Z)`);
    expect(load(join(eng, 'plan.yaml')).tasks!.find((t) => t.id === 'assemble-team')!.status).toBe('todo');
  });

  it('a lock dated in the future is taken over once untouched for 30 s, unless its holder runs', async () => {
    // `touch -d 2099-01-01 .relm/lock`, a clock set wrong or a restored copy: the lock looked fresh until that date.
    const stale = await engagement();
    const held = await engagement();
    const future = new Date('2099-01-01T00:00:00Z');
    const { hostname } = await import('node:os');
    // A holder that runs on this machine (a child of this test, killed at the end).
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore', timeout: TIMEOUT });
    try {
      for (const eng of [stale, held]) {
        mkdirSync(join(eng, '.relm/lock'), { recursive: true });
        utimesSync(join(eng, '.relm/lock'), future, future);
      }
      writeFileSync(
        join(held, '.relm/lock.owner'),
        JSON.stringify({ pid: holder.pid, host: hostname(), command: 'import jira', since: '2099-01-01T00:00:00Z' }),
      );
      // A writer that gives up before the 30 s are over writes nothing and says so.
      const early = await run(['status', 'set', 'assemble-team', 'done'], stale, { RELM_LOCK_WAIT_MS: '300' });
      if (early.status !== 0) expect(early.stderr).toContain('nothing was written');
      // Writers that wait long enough (in child processes: both wait at once): the untouched lock is taken over;
      // the live holder's is not.
      const [taken, refused] = await Promise.all([
        start(['status', 'set', 'assemble-team', 'done'], stale, { RELM_LOCK_WAIT_MS: '120000' }).done,
        start(['status', 'set', 'assemble-team', 'done'], held, { RELM_LOCK_WAIT_MS: '40000' }).done,
      ]);
      expect(taken.status, taken.stderr).toBe(0);
      expect(load(join(stale, 'plan.yaml')).tasks!.find((t) => t.id === 'assemble-team')!.status).toBe('done');
      expect(existsSync(join(stale, '.relm/lock'))).toBe(false);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(`the engagement is being changed by relm import jira (process ${holder.pid}, since 2099-01-01T00:00:00Z)`);
      expect(existsSync(join(held, '.relm/lock'))).toBe(true);
      expect(load(join(held, 'plan.yaml')).tasks!.find((t) => t.id === 'assemble-team')!.status).toBe('todo');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a writer killed mid-write leaves the file whole; the next run takes over its lock and removes its temporary file', async () => {
    // Enough rows that a kill lands while the file is read, merged or written, whatever the machine's speed.
    const ROWS = 2000;
    const eng = await engagement();
    const csv = join(temp('relm-csv-'), 'big.csv');
    writeFileSync(
      csv,
      `Summary,Issue key,Status,Created,Description\n${Array.from({ length: ROWS }, (_, i) => `Issue number ${i},BIG-${i},Open,2026-01-02,${'words '.repeat(40)}`).join('\n')}\n`,
    );
    expect((await runHeavy(['import', 'jira', csv, '--application', 'big'], eng)).status).toBe(0);
    const whole = readFileSync(join(eng, 'backlog.yaml'), 'utf8');
    const changed = csv.replace('big.csv', 'big2.csv');
    writeFileSync(changed, readFileSync(csv, 'utf8').replace(/,Open,/g, ',In Progress,'));
    for (const ms of [200, 600, 1000]) {
      const w = start(['import', 'jira', changed, '--application', 'big'], eng);
      setTimeout(() => w.kill('SIGKILL'), ms);
      await w.done;
      const now = readFileSync(join(eng, 'backlog.yaml'), 'utf8');
      // Wholly old or wholly new, never a mix.
      expect(now === whole || (load(join(eng, 'backlog.yaml')).items!.length === ROWS && !now.includes('status: new'))).toBe(true);
    }
    // What a kill -9 at the worst moment leaves: a temporary file and the lock of a dead process.
    const dead = deadPid();
    writeFileSync(join(eng, `.backlog.yaml.${dead}.abc123.tmp`), 'items:\n  - id: half');
    mkdirSync(join(eng, '.relm/lock'), { recursive: true });
    writeFileSync(
      join(eng, '.relm/lock.owner'),
      JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), command: 'import jira', since: '2026-03-31T10:00:00Z' }),
    );
    const next = await runHeavy(['import', 'jira', changed, '--application', 'big'], eng, { RELM_LOCK_WAIT_MS: '2000' });
    expect(next.status, next.stderr).toBe(0);
    expect(tempFiles(eng)).toEqual([]);
    expect(existsSync(join(eng, '.relm/lock'))).toBe(false);
    expect(load(join(eng, 'backlog.yaml')).items!.every((i) => i.status === 'in-progress')).toBe(true);
  });

  it('an import interrupted by SIGINT, SIGTERM or SIGHUP exits 130, 143 or 129 and applies nothing', async () => {
    const csv = join(temp('relm-csv-'), 'large.csv');
    writeFileSync(
      csv,
      `Summary,Issue key,Status,Created,Description\n${Array.from({ length: 5000 }, (_, i) => `Issue ${i},SIG-${i},Open,2026-01-02,${'text '.repeat(20)}`).join('\n')}\n`,
    );
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      const eng = await engagement();
      const before = snapshotFiles(eng);
      const w = start(['import', 'jira', csv, '--application', 'big'], eng);
      // The signal comes once the import holds the lock (its owner note is written): it has read the export and
      // is parsing and merging 5,000 rows, without waiting on anything (the signal is handled in between).
      let ended = false;
      void w.done.then(() => (ended = true));
      while (!ended && !existsSync(join(eng, '.relm/lock.owner'))) await new Promise((r) => setTimeout(r, 5));
      w.kill(signal);
      const r = await w.done;
      expect(r.status, `${signal}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toContain(`relm: interrupted by ${signal}; nothing was imported`);
      expect(snapshotFiles(eng)).toEqual(before);
      expect(existsSync(join(eng, '.relm/lock'))).toBe(false);
    }
  });

  it('keeps the file mode, writes through a symlink inside the engagement and refuses one leaving it', async () => {
    const eng = await engagement();
    const plan = join(eng, 'plan.yaml');
    chmodSync(plan, 0o600);
    expect((await run(['status', 'set', 'assemble-team', 'done'], eng)).status).toBe(0);
    expect(statSync(plan).mode & 0o777).toBe(0o600);

    // plan.yaml a link to a file in a subfolder: the link stays, the target changes.
    mkdirSync(join(eng, 'data'));
    renameSync(plan, join(eng, 'data/plan.yaml'));
    symlinkSync('data/plan.yaml', plan);
    expect((await run(['status', 'set', 'kickoff-plan', 'done'], eng)).status).toBe(0);
    expect(lstatSync(plan).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(eng, 'data/plan.yaml'), 'utf8')).toMatch(/id: kickoff-plan\n(?: {4}.*\n)*? {4}status: done/);

    // A link leaving the engagement is refused, and nothing is written there.
    const outside = join(temp('relm-outside-'), 'plan.yaml');
    writeFileSync(outside, readFileSync(join(eng, 'data/plan.yaml')));
    rmSync(plan);
    symlinkSync(outside, plan);
    const before = readFileSync(outside, 'utf8');
    const r = await run(['status', 'set', 'gather-information', 'done'], eng);
    expect(r.status).not.toBe(0); // the loader already refuses to read it
    expect(readFileSync(outside, 'utf8')).toBe(before);
    // The import reads backlog.yaml itself: the writer refuses the link.
    const backlog = join(temp('relm-outside-'), 'backlog.yaml');
    writeFileSync(backlog, 'items: []\n');
    symlinkSync(backlog, join(eng, 'backlog.yaml'));
    const csv = join(temp('relm-csv-'), 'a.csv');
    writeFileSync(csv, 'Summary,Issue key,Status,Created\nOne,A-1,Open,2026-01-02\n');
    const imp = await run(['import', 'jira', csv, '--application', 'core'], eng);
    expect(imp.status).toBe(2);
    expect(imp.stderr).toContain('backlog.yaml leads outside the engagement folder');
    expect(readFileSync(backlog, 'utf8')).toBe('items: []\n');
  });

  it('relm init writes a .gitignore for the lock, temporary files and out/', async () => {
    const eng = await engagement();
    expect(readFileSync(join(eng, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['out/', '.relm/lock*', '.*.tmp']));
  });
});

describe('incidents and duplicates through the CLI', () => {
  it('attributes incidents to releases (outcome and restored), and records a confirmed duplicate', async () => {
    const eng = await engagement();
    writeFileSync(
      join(eng, 'releases.yaml'),
      'releases:\n  - id: billing@v1.0.0\n    applications: [billing]\n    deployed: 2026-03-01T20:00:00Z\n  - id: billing@v1.1.0\n    applications: [billing]\n    deployed: 2026-03-10T20:00:00Z\n',
    );
    const inc = join(temp('relm-inc-'), 'incidents.csv');
    writeFileSync(
      inc,
      'Number,Opened,Resolved,Configuration item\nINC1,2026-03-02 01:00:00,2026-03-02 04:30:00,Billing\nINC2,2026-03-20 01:00:00,2026-03-20 02:00:00,Billing\n',
    );
    const missing = await run(['import', 'incidents', inc], eng);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('needs --from servicenow or jira');
    const r = await run(['import', 'incidents', inc, '--from', 'servicenow', '--window-hours', '12'], eng);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('INC1 -> billing@v1.0.0 (5.0 h after its deployment)');
    const releases = load(join(eng, 'releases.yaml')).releases!;
    expect(releases[0]).toMatchObject({ id: 'billing@v1.0.0', outcome: 'failed', restored: '2026-03-02T04:30:00Z' });
    // No incident followed billing@v1.1.0 within the span the export covers: a success, not an unknown.
    expect(releases[1]!.outcome).toBe('success');
    expect(existsSync(join(eng, '.relm/imports/incidents.json'))).toBe(true);

    writeFileSync(
      join(eng, 'backlog.yaml'),
      'applications:\n  - {id: core}\n  - {id: billing}\nitems:\n  - {id: A-1, application: core, title: Interest rounding is wrong for half cents, requested: 2026-01-02}\n  - {id: A-2, application: core, title: Interest rounding wrong for half cents, requested: 2026-01-05}\n  - {id: A-3, application: core, title: Dark mode for the portal, requested: 2026-01-06}\n',
    );
    const listed = await run(['duplicates'], eng);
    expect(listed.stdout.match(/A-1/g)).toHaveLength(1);
    expect(listed.stdout).toContain('1 candidate pair at similarity');
    expect((await run(['duplicates', '--record', 'A-2', 'A-1'], eng)).status).toBe(0);
    expect(readFileSync(join(eng, 'backlog.yaml'), 'utf8')).toContain(
      '  - {id: A-2, application: core, title: Interest rounding wrong for half cents, requested: 2026-01-05, duplicate_of: A-1}\n',
    );
    expect((await run(['duplicates'], eng)).stdout).toContain('0 candidate pairs');
    expect((await run(['duplicates', '--all'], eng)).stdout).toContain('1 candidate pair');
    expect((await run(['duplicates', '--record', 'A-1', 'A-2'], eng)).stderr).toContain('A-2 is recorded as a duplicate of A-1');
  });
});
