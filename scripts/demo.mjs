// npm run demo: the main job on the bundled example — every deliverable (Markdown, HTML, PowerPoint, Excel,
// Word), PDFs too when a browser is found.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { findBrowser } = await import(join(root, 'dist/render/browser.js'));
let formats = 'md,html,pptx,xlsx,docx,pdf';
try {
  findBrowser();
} catch {
  formats = 'md,html,pptx,xlsx,docx';
  console.error('demo: no Chrome or Chromium found, so no PDFs; install one (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH to get them.');
}
const relm = (args) => spawnSync(process.execPath, [join(root, 'bin/relm'), ...args], { stdio: 'inherit', timeout: 300_000 });
const report = relm(['report', '-C', join(root, 'examples/acme-bank'), '--format', formats]);
if (report.status !== 0) process.exit(report.status ?? 1);
const assess = relm(['assess', '-C', join(root, 'examples/acme-bank')]);
process.exit(assess.status ?? 1);
