/**
 * Templates without reading the source (issue 17): the helpers, strict mode, template errors at file:line:col,
 * the data a template receives, the deck's stylesheet, and Markdown escaping.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDate, HELPERS } from '../../src/render/handlebars.js';
import { escapeInline, escapeMarkdownBlock } from '../../src/render/markdown.js';
import { copyFixture, relm, ROOT } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function engagement(path = 'examples/acme-bank'): string {
  const d = copyFixture(path);
  dirs.push(d);
  return d;
}
function template(dir: string, name: string, text: string): void {
  mkdirSync(join(dir, 'templates', 'partials'), { recursive: true });
  writeFileSync(join(dir, 'templates', name), text);
}

/** Renders a template string with relm's helpers (strict, no HTML escaping), as the deliverables do. */
function render(source: string, data: object): string {
  const hb = Handlebars.create();
  hb.registerHelper(HELPERS);
  return hb.compile(source, { strict: true, noEscape: true })(data);
}

describe('helpers', () => {
  it('compare: eq, lt and gt on numbers and on dates written YYYY-MM-DD; and, or, not', () => {
    const data = { a: 2, b: 3, d1: '2026-03-31', d2: '2026-04-01', none: null, list: [] as number[], text: 'x' };
    expect(render('{{#if (eq a 2)}}y{{else}}n{{/if}} {{#if (eq a "2")}}y{{else}}n{{/if}}', data)).toBe('y n');
    expect(render('{{#if (lt a b)}}y{{/if}}{{#if (gt a b)}}n{{/if}}{{#if (lt d1 d2)}}Y{{/if}}{{#if (lt a d1)}}mixed{{/if}}', data)).toBe('yY');
    expect(render('{{#if (and a b text)}}1{{/if}}{{#if (and a none)}}2{{/if}}{{#if (or none a)}}3{{/if}}{{#if (or none list)}}4{{/if}}', data)).toBe('13');
    expect(render('{{#if (not none)}}a{{/if}}{{#if (not list)}}b{{/if}}{{#if (not a)}}c{{/if}}', data)).toBe('ab');
  });

  it('formatMoney in the engagement currency by default, or the one named; formatDate in four styles', () => {
    expect(render('{{formatMoney 16000}} {{formatMoney 1234.6 "USD"}} {{formatMoney none}}', { currency: 'GBP', none: null })).toBe('£16,000 US$1,235 –');
    expect(render('{{formatMoney 5}}', {})).toBe('€5');
    expect(formatDate('2026-03-31')).toBe('31 March 2026');
    expect(formatDate('2026-03-31', 'short')).toBe('31 Mar 2026');
    expect(formatDate('2026-03-31T22:00:00Z', 'month')).toBe('March 2026');
    expect(formatDate('2026-03-31', 'iso')).toBe('2026-03-31');
    expect(formatDate(null)).toBe('–');
    expect(render('{{formatDate d "short"}}', { d: '2027-01-05' })).toBe('5 Jan 2027');
  });
});

describe('Markdown escaping', () => {
  it('escapes Markdown, not HTML: & stays &, what would be markup gets a backslash', () => {
    expect(escapeInline('Track & Trace portal')).toBe('Track & Trace portal');
    expect(escapeInline('R&D <b>x</b> | *a* _b_ [c] #1 `d` &amp; ~e~ > f')).toBe(
      'R&D \\<b\\>x\\</b\\> \\| \\*a\\* \\_b\\_ \\[c\\] \\#1 \\`d\\` \\&amp; \\~e\\~ \\> f',
    );
    expect(escapeMarkdownBlock('**bold** <script>x</script> & `a<b>` done\n```\n<raw>\n```')).toBe(
      '**bold** \\<script>x\\</script> & `a<b>` done\n```\n<raw>\n```',
    );
  });

  it('writes an application name with & as typed in the Markdown deliverables, and as &amp; only in HTML', async () => {
    const d = engagement();
    const backlog = readFileSync(join(d, 'backlog.yaml'), 'utf8').replace('name: Claims Management,', 'name: Claims Track & Trace,');
    writeFileSync(join(d, 'backlog.yaml'), backlog);
    expect((await relm(['report', '-C', d, '--format', 'md,html', '--only', 'report'])).status).toBe(0);
    const md = readFileSync(join(d, 'out', 'report.md'), 'utf8');
    expect(md).toContain('| Claims Track & Trace |');
    expect(md).not.toContain('&amp;');
    expect(readFileSync(join(d, 'out', 'report.html'), 'utf8')).toContain('Claims Track &amp; Trace');
  });
});

describe('strict mode and template errors', () => {
  it('renders every built-in template on the example, the fixtures and a fresh scaffold', async () => {
    const fresh = join(engagement('test/fixtures/minimal'), 'fresh');
    expect((await relm(['init', fresh, '--yes', '--client', 'Fresh & Co', '--as-of', '2026-03-31', '--application', 'web'])).status).toBe(0);
    const example = engagement();
    for (const d of [example, engagement('test/fixtures/minimal'), engagement('test/fixtures/sparse'), fresh]) {
      const r = await relm(['report', '-C', d, '--format', 'md,html']);
      expect(r.stderr, d).not.toContain('relm:');
      expect(r.status, d).toBe(0);
      for (const f of ['report', 'strategic-plan', 'presentation']) expect(existsSync(join(d, 'out', `${f}.html`)), `${d} ${f}`).toBe(true);
      // The training plan is written when team.yaml records people, else left out with a note (the example has a team).
      const leftOut = r.stderr.includes('the training plan was left out');
      expect(existsSync(join(d, 'out', 'training-plan.html')), `${d} training-plan`).toBe(!leftOut);
      if (d === example) expect(leftOut).toBe(false);
    }
  });

  it('makes an unknown list an error at its line, not an empty slide, and writes nothing', async () => {
    const d = engagement();
    template(d, 'presentation.md.hbs', '# Deck\n\n---\n\n## Gaps\n\n{{#each top_gapz}}\n- {{text name}}\n{{/each}}\n');
    const r = await relm(['report', '-C', d, '--format', 'md', '--only', 'presentation']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^relm: templates\/presentation\.md\.hbs:7:9 "top_gapz" is neither in the data here nor a helper/);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(existsSync(join(d, 'out'))).toBe(false);
  });

  it('names the template, line and column of a syntax error, with the parser message', async () => {
    const d = engagement();
    template(d, 'report.md.hbs', '# Report\n\nScore {{fixed overall.score 2}}\n{{#if overall.score}}\nno end\n');
    const r = await relm(['report', '-C', d, '--format', 'md', '--only', 'report']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^relm: templates\/report\.md\.hbs:\d+:\d+ the template does not parse: Expecting .*got 'EOF'/);
  });

  it('names a missing partial where it is included, and a partial that includes itself', async () => {
    const d = engagement();
    template(d, 'training-plan.md.hbs', '# Training\n\n   {{> footer}}\n');
    let r = await relm(['report', '-C', d, '--format', 'md', '--only', 'training']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('relm: templates/training-plan.md.hbs:3:4 the partial "footer" does not exist (partials: business-case, title-block)');

    template(d, 'partials/footer.hbs', 'Page {{> footer}}\n');
    r = await relm(['report', '-C', d, '--format', 'md', '--only', 'training']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('relm: templates/partials/footer.hbs:1:6 the partial "footer" includes itself');

    template(d, 'partials/footer.hbs', 'Prepared for {{text clinet}}\n');
    r = await relm(['report', '-C', d, '--format', 'md', '--only', 'training']);
    expect(r.stderr).toContain('relm: templates/partials/footer.hbs:1:21 "clinet" is neither in the data here nor a helper');
    expect(existsSync(join(d, 'out'))).toBe(false);
  });
});

describe('relm templates context', () => {
  it('prints the data a template receives as JSON, the same the templates render from', async () => {
    const d = engagement();
    const r = await relm(['templates', 'context', 'presentation', '--json', '-C', d]);
    expect(r.status).toBe(0);
    const data = JSON.parse(r.stdout) as { client: string; perspectives: { name: string; practices: { id: string }[] }[]; training: { total_days: number } };
    expect(data.client).toBe('Northwind Mutual Insurance');
    expect(data.perspectives.map((p) => p.name)).toEqual(['People', 'Process', 'Technology', 'Organization', 'Integration']);
    // A template written from that data renders it.
    template(d, 'training-plan.md.hbs', '# {{text client}}\n\n{{training.total_days}} days; first practice {{perspectives.0.practices.0.id}}.\n');
    // An id in client text is a preflight finding: the run fails, and with --draft writes it with a warning.
    const strict = await relm(['report', '-C', d, '--format', 'md', '--only', 'training']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(new RegExp(`line 3\\s+error\\s+internal-id\\s+shows the internal id "${data.perspectives[0]!.practices[0]!.id}"`));
    expect((await relm(['report', '-C', d, '--format', 'md', '--only', 'training', '--draft'])).status).toBe(0);
    expect(readFileSync(join(d, 'out', 'training-plan.md'), 'utf8')).toBe(
      `# Northwind Mutual Insurance\n\n${data.training.total_days} days; first practice ${data.perspectives[0]!.practices[0]!.id}.\n`,
    );
  });

  it('outlines the fields with their types and an example, lists once by their entries', async () => {
    const r = await relm(['templates', 'context', '-C', 'examples/acme-bank']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The data report.md.hbs receives (deliverable "report"), on Northwind Mutual Insurance:');
    expect(r.stdout).toMatch(/^client {2,}text {2,}"Northwind Mutual Insurance"$/m);
    expect(r.stdout).toMatch(/^perspectives {2,}list of 5 mappings$/m);
    expect(r.stdout).toMatch(/^ {2}perspectives\[\] {2,}each entry:$/m);
    expect(r.stdout).toMatch(/^ {2}top_gaps\[\] {2,}each entry: as perspectives\[\]\.practices\[\]$/m);
    expect(r.stdout).toMatch(/^ {4}recommendations\[\] {2,}each entry: as first_steps\[\]$/m);
    expect(r.stdout).toMatch(/^ {4}horizon {2,}text {2,}"tactical"$/m);
  });

  it('renders the documented example template on the example engagement', async () => {
    const readme = readFileSync(join(ROOT, 'docs', 'formats-and-templates.md'), 'utf8');
    const example = /So a training plan of your own could read:\n\n```handlebars\n([\s\S]*?)```/.exec(readme)![1]!;
    const d = engagement();
    template(d, 'training-plan.md.hbs', example);
    expect((await relm(['report', '-C', d, '--format', 'md', '--only', 'training'])).status).toBe(0);
    const md = readFileSync(join(d, 'out', 'training-plan.md'), 'utf8');
    expect(md).toMatch(/^# Training for Northwind Mutual Insurance\n\n- Release planning: ITIL 4 Practitioner: Release Management, \d+ days, €[\d,]+\n/);
    expect(md).toContain('(needs approval)');
    expect(md).toMatch(/\nPrepared 31 March 2026\.\n$/);
  });

  it('refuses an unknown deliverable, naming the ones there are', async () => {
    const r = await relm(['templates', 'context', 'deck', '-C', 'examples/acme-bank']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('report, plan, presentation, training');
    expect((await relm(['templates', 'context', 'slides.html.hbs', '-C', 'examples/acme-bank'])).stderr).toContain('slides [{html, number, total}]');
  });
});

describe('stylesheets', () => {
  it('styles the deck with templates/slides.css and the documents with templates/style.css, each on its own', async () => {
    const d = engagement();
    template(d, 'slides.css', '.slide { background: #123456; }\n');
    template(d, 'style.css', 'body { color: #654321; }\n');
    expect((await relm(['report', '-C', d, '--format', 'html', '--only', 'report,presentation'])).status).toBe(0);
    const deck = readFileSync(join(d, 'out', 'presentation.html'), 'utf8');
    const report = readFileSync(join(d, 'out', 'report.html'), 'utf8');
    expect(deck).toContain('#123456');
    expect(deck).not.toContain('#654321');
    expect(report).toContain('#654321');
    expect(report).not.toContain('#123456');
    expect((await relm(['templates', 'list'])).stdout).toMatch(
      /^slides\.css +the stylesheet of the presentation \(HTML and PDF\); style\.css does not apply to it$/m,
    );
  });
});
