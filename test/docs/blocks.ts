import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

/** The documentation pages, relative to the repository: README.md, CONTRIBUTING.md and docs/*.md. */
export function docPages(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', 'CONTRIBUTING.md', ...docs];
}

export interface ShellBlock {
  /** The line of the opening fence (1-based). */
  line: number;
  /** The commands, unindented. */
  code: string;
  /** `<!-- docs-test: skip: REASON -->` before the fence: the reason ('' when none is given). */
  skip?: string;
  /** `<!-- docs-test: in DIR -->` before the fence: the folder, relative to the sandbox, the block starts in. */
  in?: string;
}

/** The ```sh blocks of a page, with the docs-test annotation on the last non-blank line before each fence. */
export function shellBlocks(page: string): ShellBlock[] {
  const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```sh\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] ?? ''); j++) body.push((lines[j] ?? '').slice(indent));
    const block: ShellBlock = { line: i + 1, code: body.join('\n') };
    let k = i - 1;
    while (k >= 0 && (lines[k] ?? '').trim() === '') k--;
    const note = /^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$/.exec(lines[k] ?? '');
    if (note) {
      const what = note[1] ?? '';
      const skip = /^skip\b:?\s*(.*)$/.exec(what);
      const dir = /^in\s+(\S+)$/.exec(what);
      if (skip) block.skip = skip[1] ?? '';
      else if (dir) block.in = dir[1];
      else throw new Error(`${page}:${k + 1}: unknown docs-test annotation "${what}" (skip: REASON, or in DIR)`);
    }
    blocks.push(block);
    i = j;
  }
  return blocks;
}
