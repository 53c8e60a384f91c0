import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { logoProblem } from '../../src/engagement/logo.js';
import { imageHeader } from '../../src/util/image-header.js';
import { TEMPLATE_LIMITS, templateShapeProblem } from '../../src/render/handlebars.js';
import { logoPicture } from '../../src/render/office/images.js';
import { svgRaster } from '../../src/render/office/png.js';
import { PackageProblem, readUserPackage } from '../../src/render/office/user-package.js';
import { ROOT } from '../helpers/cli.js';

// Sizes a hostile file can claim are bounded before anything is allocated or parsed.

describe('template shape, measured before Handlebars parses it', () => {
  const small = { maxBytes: 10_000, maxExpressions: 50, maxBlocks: 5, maxDepth: 3 };

  it('finds the first block nested too deep, at its line and column', () => {
    expect(templateShapeProblem('{{#a}}{{#b}}\n  {{#c}}{{#d}}x{{/d}}{{/c}}{{/b}}{{/a}}', small)).toEqual({
      line: 2,
      col: 9,
      detail: 'blocks are nested more than 3 deep here; close the blocks ({{/…}}) that should end before it',
    });
    expect(templateShapeProblem('{{#a}}{{#b}}{{#c}}x{{/c}}{{/b}}{{/a}}', small)).toBeNull();
    // Inverse blocks open a level too; closing brings it back.
    expect(templateShapeProblem('{{^a}}{{#b}}{{^c}}{{/c}}{{#d}}{{/d}}{{/b}}{{/a}}', small)).toBeNull();
  });

  it('counts blocks and expressions side by side, and leaves comments out', () => {
    expect(templateShapeProblem('{{#if x}}y{{/if}}'.repeat(6), small)?.detail).toBe('the template opens more than 5 blocks ({{#…}}); split it into partials');
    expect(templateShapeProblem('{{x}}'.repeat(51), small)?.detail).toBe('the template holds more than 50 {{…}} expressions; split it into partials');
    expect(templateShapeProblem(`{{!-- ${'{{#a}}'.repeat(100)} --}}{{! {{#b}} }}ok`, small)).toBeNull();
    expect(templateShapeProblem('x'.repeat(10_001), small)).toMatchObject({ line: 1, col: 1 });
  });

  it('leaves every built-in template well within the bounds', () => {
    const dir = join(ROOT, 'templates');
    const files = [...readdirSync(dir).map((f) => join(dir, f)), ...readdirSync(join(dir, 'partials')).map((f) => join(dir, 'partials', f))].filter((f) =>
      f.endsWith('.hbs'),
    );
    expect(files.length).toBeGreaterThan(5);
    const half = {
      maxBytes: TEMPLATE_LIMITS.maxBytes / 2,
      maxExpressions: TEMPLATE_LIMITS.maxExpressions / 2,
      maxBlocks: TEMPLATE_LIMITS.maxBlocks / 2,
      maxDepth: TEMPLATE_LIMITS.maxDepth / 2,
    };
    for (const f of files) expect(templateShapeProblem(readFileSync(f, 'utf8'), half), f).toBeNull();
  });
});

describe('logos', () => {
  const png = (w: number, h: number) => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(w, 0);
    ihdr.writeUInt32BE(h, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from([0, 0, 0, 13]),
      Buffer.from('IHDR'),
      ihdr,
      Buffer.alloc(4),
    ]);
  };
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

  it('checks the content against the name, and the pixels a browser would decode', () => {
    expect(logoProblem('logo.png', png(400, 120))).toBeNull();
    expect(logoProblem('logo.png', png(8000, 8000))).toBeNull();
    expect(logoProblem('logo.png', png(8001, 10))).toBe('it is 8,001 × 10 pixels; a logo may have at most 8,000 on a side (a few hundred are plenty)');
    expect(logoProblem('logo.png', Buffer.from('not a picture'))).toBe('it is named .png but is not an image');
    expect(logoProblem('logo.png', gif)).toBe('it is named .png but holds a GIF image; rename it or convert it');
    expect(logoProblem('logo.gif', gif)).toBeNull();
    expect(logoProblem('logo.svg', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).toBeNull();
    expect(logoProblem('logo.svg', Buffer.from('hello'))).toBe('it is named .svg but holds no <svg> element');
    expect(logoProblem('logo.bmp', png(1, 1))).toBe('it is not a PNG, JPEG, GIF, WebP or SVG file');
  });

  it('reads the declared size from the header as image-size does, for PNG, GIF, JPEG and WebP', async () => {
    const jpeg = Buffer.from(
      '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
      'base64',
    );
    const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
    const drawn = Buffer.from((await svgRaster('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"/>', 30)).png);
    for (const [bytes, type] of [
      [png(400, 120), 'png'],
      [gif, 'gif'],
      [jpeg, 'jpg'],
      [webp, 'webp'],
      [drawn, 'png'],
    ] as const) {
      const own = imageHeader(bytes);
      const lib = imageSize(bytes);
      expect(own).toEqual({ type, width: lib.width, height: lib.height });
    }
    expect(imageHeader(Buffer.from('GIF89'))).toBeNull();
  });

  it('draws an SVG that claims 100,000 pixels square as a bounded PNG, and keeps its proportions', async () => {
    const huge = '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="100000" height="100000" fill="#036"/></svg>';
    const picture = await logoPicture(`data:image/svg+xml;base64,${Buffer.from(huge).toString('base64')}`);
    expect(picture).toMatchObject({ type: 'png', width: 100_000, height: 100_000 });
    expect(imageSize(picture!.bytes)).toMatchObject({ width: 600, height: 600 });

    const tall = await svgRaster('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="50000"><rect width="10" height="50000"/></svg>', 600);
    expect(imageSize(tall.png)).toMatchObject({ width: 1, height: 4096 });
    await expect(svgRaster('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"/>', 600)).rejects.toThrow(
      'the SVG measures 1 × 100000: too thin to draw within 4096 pixels',
    );
    // A small logo is drawn 600 pixels wide, sharp on a slide.
    const small = await svgRaster('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40"/></svg>', 600);
    expect(imageSize(small.png)).toMatchObject({ width: 600, height: 200 });
  });
});

describe('Office templates, read with bounds', () => {
  const CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
  const rels = (...r: string[]) =>
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${r.join('')}</Relationships>`;
  const rel = (id: string, target: string, extra = '', type = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument') =>
    `<Relationship Id="${id}" Type="${type}" Target="${target}"${extra}/>`;
  const pack = async (parts: Record<string, string | Uint8Array>) => {
    const zip = new JSZip();
    for (const [k, v] of Object.entries(parts)) zip.file(k, v);
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  };
  const base = {
    '[Content_Types].xml': CT,
    '_rels/.rels': rels(rel('r1', 'word/document.xml')),
    'word/document.xml': '<w:document/>',
    'word/_rels/document.xml.rels': rels(rel('r1', 'styles.xml', '', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles')),
    'word/styles.xml': '<w:styles/>',
  };

  it('keeps only the parts its relationships reach', async () => {
    const parts = await readUserPackage(await pack({ ...base, 'junk/huge.bin': new Uint8Array(1000), 'word/media/unused.png': new Uint8Array(10) }));
    expect([...parts.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/styles.xml']);
  });

  it('refuses links outside the file but web hyperlinks, and DOCTYPEs', async () => {
    const linked = (target: string, type?: string) =>
      pack({ ...base, 'word/_rels/document.xml.rels': rels(rel('r9', target, ' TargetMode="External"', type)) });
    await expect(
      readUserPackage(await linked('file:///etc/passwd', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject')),
    ).rejects.toThrow('word/_rels/document.xml.rels links to something outside the file (file:///etc/passwd)');
    await expect(
      readUserPackage(await linked('http://example.com/x.png', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image')),
    ).rejects.toThrow(PackageProblem);
    await expect(
      readUserPackage(await linked('https://example.com/', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink')),
    ).resolves.toBeInstanceOf(Map);
    const doctype = await pack({ ...base, 'word/styles.xml': '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:styles/>' });
    await expect(readUserPackage(doctype)).rejects.toThrow('its part word/styles.xml declares a DOCTYPE, which Office files never hold');
  });

  it('refuses more entries, or bigger ones, than an Office file has, before inflating; and stops an entry that inflates past what it declared', async () => {
    const limits = { maxEntries: 10, maxEntryBytes: 100_000, maxTotalBytes: 150_000 };
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`x/${i}.xml`, '<x/>']));
    await expect(readUserPackage(await pack({ ...base, ...many }), limits)).rejects.toThrow('it holds 16 files, more than an Office file needs');
    await expect(readUserPackage(await pack({ ...base, 'word/styles.xml': new Uint8Array(100_001) }), limits)).rejects.toThrow(
      'its part word/styles.xml is 0 MB unpacked, more than 0 MB',
    );
    await expect(readUserPackage(await pack({ ...base, 'a.bin': new Uint8Array(80_000), 'b.bin': new Uint8Array(80_000) }), limits)).rejects.toThrow(
      'unpacked, more than',
    );
    // A directory that lies: styles.xml declares 10 bytes and inflates to 100,001.
    const bytes = Buffer.from(await pack({ ...base, 'word/styles.xml': new Uint8Array(100_001) }));
    const name = Buffer.from('word/styles.xml');
    for (let i = bytes.indexOf(name); i !== -1; i = bytes.indexOf(name, i + 1)) {
      if (bytes.readUInt32LE(i - 30) === 0x04034b50) bytes.writeUInt32LE(10, i - 30 + 22); // local header
      if (bytes.readUInt32LE(i - 46) === 0x02014b50) bytes.writeUInt32LE(10, i - 46 + 24); // central directory
    }
    await expect(readUserPackage(bytes, limits)).rejects.toThrow('its part word/styles.xml inflates to more than');
  });
});
