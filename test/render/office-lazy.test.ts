import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const OFFICE_LIBS = ['pptxgenjs', 'exceljs', '#docx', 'docx', 'jszip', 'image-size', '@resvg/resvg-js'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The modules a file imports at load time (static `import … from`, not `await import()` or `import type`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?\sfrom\s+'([^']+)'/gm)].map((m) => m[1]!);
}

describe('the Office libraries load only when an Office format is asked for', () => {
  const files = sources(join(ROOT, 'src'));
  it('only the writers in src/render/office import them', () => {
    for (const f of files) {
      const rel = relative(ROOT, f);
      const libs = staticImports(f).filter((m) => OFFICE_LIBS.includes(m));
      if (!rel.startsWith('src/render/office/')) expect(libs, rel).toEqual([]);
    }
  });
  it('nothing outside the writers imports a writer statically, and the entry point loads each writer on demand', () => {
    const writers = ['pptx', 'pptx-template', 'xlsx', 'docx', 'png', 'images', 'zip'];
    for (const f of files) {
      const rel = relative(ROOT, f);
      const own = staticImports(f).filter((m) =>
        writers.some((w) => m.endsWith(`office/${w}.js`) || (rel.startsWith('src/render/office/') && m === `./${w}.js`)),
      );
      if (!rel.startsWith('src/render/office/') || rel === 'src/render/office/index.ts') expect(own, rel).toEqual([]);
    }
    const report = readFileSync(join(ROOT, 'src/cli/report.ts'), 'utf8');
    expect(report).toContain("await import('../render/office/index.js')");
    expect(staticImports(join(ROOT, 'src/cli/report.ts')).some((m) => m.includes('/office/'))).toBe(false);
  });
});
