import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/render/browser.js';
import { BIN, CHILD_TIMEOUT_MS, copyFixture, relm, ROOT } from '../helpers/cli.js';
import { pdfIt } from '../helpers/run.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function example(): string {
  const d = copyFixture('examples/acme-bank');
  dirs.push(d);
  return d;
}

/** Runs bin/relm asynchronously, so that a server in this process can answer meanwhile. */
function relmAsync(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, timeout: CHILD_TIMEOUT_MS, killSignal: 'SIGKILL' });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stderr }));
  });
}

/** A 5,000-character word in a note: it must wrap, not run off the page. */
const LONG_WORD = 'x'.repeat(2500) + 'y'.repeat(2500);

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
/** Text as pdftotext lays it out, with every run of white space (line wraps, columns) as one space. */
const words = (file: string) => pdftotext(file).replace(/\s+/g, ' ');

describe('relm report: the four deliverables', () => {
  let dir: string;
  let out: string;
  let requests: string[];
  let server: Server;
  beforeAll(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    dir = example();
    out = join(dir, 'out');
    // A note that would fetch an image and follow links if the browser were allowed to.
    const file = join(dir, 'practices.yaml');
    const url = `http://127.0.0.1:${port}`;
    const text = readFileSync(file, 'utf8').replace(
      '  release-policy:\n    notes: |-\n',
      `  release-policy:\n    notes: |-\n      ![tracker](${url}/pixel.png) <img src="${url}/raw.png"> see [the wiki](${url}/page).\n      ${LONG_WORD}\n`,
    );
    expect(text).toContain('/pixel.png');
    writeFileSync(file, text);
  });
  afterAll(() => server.close());

  pdfIt('writes md, html and pdf for report, strategic plan, presentation and training plan; fetches nothing', async () => {
    const r = await relmAsync(['report', '-C', dir, '--format', 'md,html,pdf', '--browser-timeout', '200']);
    expect(r.stderr).not.toContain('error');
    expect(r.status).toBe(0);
    const files = readdirSync(out).sort();
    for (const base of ['report', 'strategic-plan', 'presentation', 'training-plan']) {
      for (const ext of ['md', 'html', 'pdf']) expect(files).toContain(`${base}.${ext}`);
    }
    expect(files).toContain('assessment.json');
    const charts = readdirSync(join(out, 'charts'));
    for (const c of ['backlog.svg', 'dora.svg', 'gaps.svg', 'perspectives.svg', 'roadmap.svg', 'roadmap_slide.svg', 'scorecard.svg'])
      expect(charts).toContain(c);
    expect(requests).toEqual([]); // network blocked while printing
    // Opened as a file, the HTML loads nothing either: a policy that allows nothing from elsewhere, and the
    // note's image is a link to it.
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
    expect(html).toMatch(/<a class="remote-image" href="http:\/\/127\.0\.0\.1:\d+\/pixel\.png">tracker<\/a>/);
    expect(html).not.toMatch(/<img[^>]+http/);
  });

  pdfIt('wraps a 5,000-character word instead of letting it run off the A4 page', () => {
    const info = pdfinfo(join(out, 'report.pdf'));
    expect(info).toMatch(/Page size:\s+595\.92 x 841\.92 pts \(A4\)/);
    const text = pdftotext(join(out, 'report.pdf'));
    // Every character printed, none clipped (the word may run over a page break: the footers go first).
    expect(text.replace(/\n[^\n]*· Confidential\s+page \d+ of \d+\s*(?=\n|\f)/g, '').replace(/\s+/g, '')).toContain(LONG_WORD);
    const widest = Math.max(...text.split('\n').map((l) => l.length));
    expect(widest).toBeLessThan(300);
  });

  pdfIt('prints the report on A4 with its title, author, page numbers and the sections a client expects', () => {
    const info = pdfinfo(join(out, 'report.pdf'));
    expect(info).toMatch(/Title:\s+Analysis report: Release Management Assessment — Northwind Mutual Insurance/);
    expect(info).toMatch(/Author:\s+Elena Marsh, Jonas Becker/);
    expect(info).toMatch(/Page size:\s+595\.92 x 841\.92 pts \(A4\)/);
    const text = pdftotext(join(out, 'report.pdf'));
    const flat = text.replace(/\s+/g, ' ');
    for (const s of [
      'Contents',
      'Executive summary',
      'Current release management',
      'Requirements and expectations',
      'Gap analysis',
      'Alternatives for reaching the desired state',
      'Tactical recommendations',
      'Business case',
      'Risks to delivery',
      'Maintenance backlog',
      'Release record',
      'Training requirements',
      'Appendix A. The recommendations in detail',
      'Appendix B. Practice by practice',
      'Appendix C. Method and sources',
    ]) {
      expect(flat).toContain(s);
    }
    expect(text).toMatch(/Northwind Mutual Insurance · Analysis report · Confidential\s+page 3 of \d+\s*\n/); // the running footer
    expect(flat).toContain('Write and adopt a release policy');
  });

  pdfIt('prints the presentation as 8 to 13 16:9 slides, one message each (a table continued on the next slide counted once)', () => {
    const info = pdfinfo(join(out, 'presentation.pdf'));
    const text = words(join(out, 'presentation.pdf'));
    const continued = [...text.matchAll(/\((\d+) of (\d+)\)/g)].filter((m) => Number(m[1]) > 1).length;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]) - continued;
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(13);
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number);
    expect(w! / h!).toBeCloseTo(16 / 9, 2);
    expect(text).toContain('of the way to its target');
    expect(text).toContain('Decide by 24 April 2026');
  });

  pdfIt('prints the strategic plan and the training plan', () => {
    const plan = words(join(out, 'strategic-plan.pdf'));
    for (const s of [
      'Roadmap',
      'Milestones',
      'Initiatives',
      'Next steps',
      'Size and scope',
      'Risks',
      'Change',
      'Configuration management',
      'Incident',
      'Problem',
      'Availability',
      'Service level',
      'the ITSM processes',
    ]) {
      expect(plan).toContain(s);
    }
    const training = words(join(out, 'training-plan.pdf'));
    for (const s of ['Courses and dates', 'Skill gaps by person', 'Role coverage', '€16,000']) expect(training).toContain(s);
    // The example has nobody to hire and a course for every skill: those sections are left out, not printed empty.
    for (const s of ['Training cannot close these', 'These gaps stay open until a course']) expect(training).not.toContain(s);
  });

  it('writes byte-identical md, html, svg and json on every run', async () => {
    const d = example();
    expect((await relm(['report', '-C', d])).status).toBe(0);
    const read = () =>
      Object.fromEntries(
        ['report.md', 'report.html', 'presentation.html', 'strategic-plan.md', 'training-plan.html', 'assessment.json', 'charts/roadmap.svg'].map((f) => [
          f,
          readFileSync(join(d, 'out', f), 'utf8'),
        ]),
      );
    const first = read();
    expect((await relm(['report', '-C', d])).status).toBe(0);
    expect(read()).toEqual(first);
    // The example has 12 practices with a gap above 0 (of 28): the heading counts what the chart lists.
    expect(first['report.md']!).toContain('![The 12 practices with the largest gaps: current and target level](charts/gaps.svg)');
    expect(first['report.html']!).toMatch(/<figure class="chart" aria-label="[^"]+"><svg/);
    expect(first['presentation.html']!.match(/<section class="slide"/g)!.length).toBeGreaterThanOrEqual(8);
  });

  it('renders only what --only names', async () => {
    const d = example();
    expect((await relm(['report', '-C', d, '--only', 'plan,training', '--format', 'md'])).status).toBe(0);
    expect(
      readdirSync(join(d, 'out'))
        .filter((f) => f.endsWith('.md'))
        .sort(),
    ).toEqual(['strategic-plan.md', 'training-plan.md']);
  });
});

describe('relm report: templates', () => {
  it('uses a template or partial from the engagement in place of the built-in one', async () => {
    const d = example();
    mkdirSync(join(d, 'templates', 'partials'), { recursive: true });
    writeFileSync(join(d, 'templates', 'partials', 'title-block.hbs'), 'Confidential — prepared for {{text client}}\n');
    writeFileSync(join(d, 'templates', 'training-plan.md.hbs'), '# Our own training plan\n\n{{> title-block}}\n\n{{training.total_days}} days.\n');
    expect((await relm(['report', '-C', d, '--format', 'md'])).status).toBe(0);
    expect(readFileSync(join(d, 'out', 'training-plan.md'), 'utf8')).toBe(
      '# Our own training plan\n\nConfidential — prepared for Northwind Mutual Insurance\n\n23 days.\n',
    );
    expect(readFileSync(join(d, 'out', 'report.md'), 'utf8')).toContain('Confidential — prepared for Northwind Mutual Insurance');
  });

  it('reports a template error without a stack trace, and writes nothing', async () => {
    const d = example();
    mkdirSync(join(d, 'templates'), { recursive: true });
    writeFileSync(join(d, 'templates', 'report.md.hbs'), '# {{nosuchfield}}\n');
    const r = await relm(['report', '-C', d, '--format', 'md']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('relm: templates/report.md.hbs:1:5 "nosuchfield" is neither in the data here nor a helper');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(d, 'out'))).toBe(false);
  });

  it('ejects the built-in templates, refusing to overwrite', async () => {
    const d = example();
    expect((await relm(['templates', 'eject', '-C', d])).status).toBe(0);
    expect(readFileSync(join(d, 'templates', 'report.md.hbs'), 'utf8')).toBe(readFileSync(join(ROOT, 'templates', 'report.md.hbs'), 'utf8'));
    expect(existsSync(join(d, 'templates', 'partials', 'title-block.hbs'))).toBe(true);
    const again = await relm(['templates', 'eject', 'report.md.hbs', '-C', d]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    // The ejected templates render the same report.
    expect((await relm(['report', '-C', d, '--format', 'md'])).status).toBe(0);
  });
});

describe('relm report: no browser', () => {
  it('exits 2 with how to install one, writing nothing, while md and html still work', async () => {
    const d = example();
    const r = await relm(['report', '-C', d, '--format', 'md,pdf', '--browser-path', '/nonexistent/chrome']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('apt-get install chromium');
    expect(existsSync(join(d, 'out'))).toBe(false);
    const bad = await relm(['report', '-C', d, '--format', 'pdf'], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('CHROME_PATH');
    expect((await relm(['report', '-C', d, '--format', 'md,html'])).status).toBe(0);
  });

  it('finds no browser where there is none, and says so', () => {
    expect(() => findBrowser(undefined, { PATH: '/nonexistent' }, 'plan9')).toThrow(/no Chrome or Chromium found/);
  });

  pdfIt('stops the browser at --browser-timeout, whatever it was doing, and leaves nothing behind', async () => {
    const d = example();
    const tmp = mkdtempSync(join(tmpdir(), 'relm-timeout-'));
    dirs.push(tmp);
    const r = await relm(['report', '-C', d, '--format', 'pdf', '--browser-timeout', '1'], { env: { TMPDIR: tmp } });
    // One second may or may not be enough on a fast machine: either it printed, or it said why not.
    if (r.status !== 0) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/printing the PDFs took longer than 1 s \(stopped while [a-z]+/);
      expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
      expect(existsSync(join(d, 'out'))).toBe(false);
    } else {
      expect(statSync(join(d, 'out', 'report.pdf')).size).toBeGreaterThan(1000);
    }
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('relm report: reproducible PDFs', () => {
  pdfIt('prints byte-identical PDFs for the same SOURCE_DATE_EPOCH, with its date and no trace of the browser', async () => {
    const d = example();
    const run = async () => {
      const r = await relm(['report', '-C', d, '--format', 'pdf', '--only', 'training,presentation', '--browser-timeout', '200'], {
        env: { SOURCE_DATE_EPOCH: '1767225600' },
      });
      expect(r.status, r.stderr).toBe(0);
      return ['training-plan.pdf', 'presentation.pdf'].map((f) => readFileSync(join(d, 'out', f)));
    };
    const first = await run();
    const second = await run();
    for (const [i, pdf] of first.entries()) expect(Buffer.compare(pdf, second[i]!), `run 2 differs in file ${i}`).toBe(0);
    const info = pdfinfo(join(d, 'out', 'training-plan.pdf'));
    expect(info).toMatch(/CreationDate:\s+Thu Jan {2}1 00:00:00 2026 UTC/);
    expect(info).toMatch(/ModDate:\s+Thu Jan {2}1 00:00:00 2026 UTC/);
    expect(info).toMatch(/Producer:\s+relm \d/);
    expect(info).toMatch(/Title:\s+Training plan: /);
    const bytes = first[0]!.toString('latin1');
    expect(bytes).not.toContain('HeadlessChrome');
    expect(bytes).not.toContain('Skia/PDF');
  });

  it('refuses a SOURCE_DATE_EPOCH that is not a number of seconds before doing anything', async () => {
    const d = example();
    for (const bad of ['yesterday', '-1', '1.5', '99999999999999', '253402300800']) {
      const r = await relm(['report', '-C', d, '--format', 'md'], { env: { SOURCE_DATE_EPOCH: bad } });
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('SOURCE_DATE_EPOCH');
      expect(r.stderr).toContain('is not a whole number of seconds');
      expect(existsSync(join(d, 'out')), bad).toBe(false);
    }
    expect((await relm(['report', '-C', d, '--format', 'md'], { env: { SOURCE_DATE_EPOCH: '253402300799' } })).status).toBe(0);
  });
});
