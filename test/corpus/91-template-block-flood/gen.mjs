import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// 30,000 closed blocks side by side: 600 KB, over the size bound; 5,000 of them, under it, over the block bound.
export default function (dir) {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'templates', 'report.md.hbs'), '{{#if true}}x{{/if}}'.repeat(30_000));
  writeFileSync(join(dir, 'templates', 'strategic-plan.md.hbs'), '{{#if true}}x{{/if}}\n'.repeat(5_000));
}
