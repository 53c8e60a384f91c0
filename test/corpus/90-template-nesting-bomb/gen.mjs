import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// 30,000 unclosed blocks: Handlebars' parser would take hours, in one call no signal interrupts.
export default function (dir) {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'templates', 'strategic-plan.md.hbs'), `# Training\n${'{{#if true}}'.repeat(30_000)}\n`);
}
