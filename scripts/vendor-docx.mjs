// Build step: the docx library as one file in dist/vendor/. docx's own ESM build is self-contained (it has
// nanoid and fflate inside), but its package.json asks for nanoid 6, which needs Node 22: installed as a
// dependency, docx would make npm warn (or, with engine-strict, refuse) on the Node 20 relm supports. So relm
// ships the file it runs, with docx's licence beside it, and imports it as `#docx` (package.json "imports").
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkgDir = dirname(dirname(createRequire(join(root, 'package.json')).resolve('docx')));
const { version, license } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const out = join(root, 'dist', 'vendor');
mkdirSync(out, { recursive: true });
copyFileSync(join(pkgDir, 'dist', 'index.mjs'), join(out, 'docx.mjs'));
// docx/layout (self-contained too): lays the pages out as Word does, for the contents' page numbers (#docx/layout).
copyFileSync(join(pkgDir, 'dist', 'layout.mjs'), join(out, 'docx-layout.mjs'));
writeFileSync(
  join(out, 'docx.LICENSE.md'),
  `dist/vendor/docx.mjs and docx-layout.mjs are dist/index.mjs and dist/layout.mjs of docx ${version} (https://github.com/dolanmiu/docx), ${license} licence:\n\n${readFileSync(join(pkgDir, 'LICENSE'), 'utf8')}`,
);
console.log(`copied docx ${version} into dist/vendor/docx.mjs and docx-layout.mjs`);
