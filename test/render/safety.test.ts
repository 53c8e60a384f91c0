import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { CSP, secureHead } from '../../src/render/html.js';
import { codeSpan, markdown } from '../../src/render/markdown.js';
import { limitTemplates } from '../../src/render/render-limits.js';
import { RelmError } from '../../src/errors.js';

describe('HTML that loads nothing', () => {
  it('puts the Content-Security-Policy first in the head, whatever the layout', () => {
    expect(secureHead('<!doctype html>\n<html><head>\n<title>t</title></head></html>')).toMatch(
      new RegExp(`^<!doctype html>\\n<html><head>\\n<meta http-equiv="Content-Security-Policy" content="${CSP}">\\n<style>`),
    );
    expect(secureHead('<html><head lang="en"><title>t</title>')).toContain('<head lang="en"><meta http-equiv="Content-Security-Policy"');
    // A layout without a head still gets it, after the doctype (never before it: that would be quirks mode).
    expect(secureHead('<!DOCTYPE html><p>x</p>')).toMatch(/^<!DOCTYPE html><meta http-equiv="Content-Security-Policy"/);
    expect(secureHead('<header>x</header>')).toMatch(/^<meta http-equiv="Content-Security-Policy"/);
  });

  it('renders a remote image in Markdown as a link to it, and keeps embedded ones', () => {
    const html = markdown().render('![chart of "x"](https://evil.example/p.png "t") ![](/local.png) ![d](data:image/png;base64,AAAA)');
    expect(html).toContain('<a class="remote-image" href="https://evil.example/p.png" title="t">chart of &quot;x&quot;</a>');
    expect(html).toContain('<a class="remote-image" href="/local.png">/local.png</a>');
    expect(html).toContain('<img src="data:image/png;base64,AAAA" alt="d">');
    expect(html).not.toMatch(/<img[^>]+(https:|\/local)/);
  });
});

describe('codeSpan', () => {
  it('fences user text so that no backtick ends the span early', () => {
    expect(codeSpan('docs/cal_2026.xlsx')).toBe('`docs/cal_2026.xlsx`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('x ``` y')).toBe('````x ``` y````');
    expect(codeSpan('`edge`')).toBe('`` `edge` ``');
    expect(codeSpan('   ')).toBe('');
    for (const s of ['a`b', '`', 'x ``` y`', '<b>&</b>', 'a\nb']) {
      const html = markdown().renderInline(codeSpan(s));
      expect(html, s).toMatch(/^<code>[^<]*<\/code>$/);
      expect(
        html
          .replace(/<\/?code>/g, '')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"'),
        s,
      ).toBe(s.replace('\n', ' '));
    }
  });
});

describe('template limits', () => {
  function env(limits: { maxChars: number; maxMs: number }) {
    const hb = Handlebars.create();
    const guard = limitTemplates(hb, undefined, limits);
    return (src: string, context: object) => {
      guard.start('report.md.hbs');
      return guard.finish(hb.compile(src, { strict: true })(context));
    };
  }
  const list = Array.from({ length: 50 }, (_, i) => i);

  it('stops a template that produces too much, naming it', () => {
    const run = env({ maxChars: 100_000, maxMs: 60_000 });
    expect(run('{{#each l}}{{#each @root.l}}x{{/each}}{{/each}}', { l: list })).toBe('x'.repeat(2500));
    let err: unknown;
    try {
      run('{{#each l}}{{#each @root.l}}{{#each @root.l}}{{#each @root.l}}xxxx{{/each}}{{/each}}{{/each}}{{/each}}', { l: list });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RelmError);
    expect((err as RelmError).message).toBe('the built-in template report.md.hbs was stopped: it produced more than 0.1 MB of text');
    expect((err as RelmError).exitCode).toBe(1);
  });

  it('stops a template that runs too long, sections and `with` included', () => {
    const run = env({ maxChars: 1e9, maxMs: 50 });
    expect(() =>
      run('{{#l}}{{#with @root}}{{#each l}}{{#each @root.l}}{{#each @root.l}}{{#if true}}y{{/if}}{{/each}}{{/each}}{{/each}}{{/with}}{{/l}}', { l: list }),
    ).toThrow(/was stopped: it ran for more than 0\.05 s/);
  });
});
