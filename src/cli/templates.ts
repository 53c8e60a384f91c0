import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findEngagementRoot } from '../engagement/find-root.js';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { atomicWrite } from '../io/atomic-write.js';
import { withEngagementLock } from '../io/lock.js';
import { TEMPLATES_DIR } from '../paths.js';
import type { CommonOptions } from './main.js';
import { colorsFor, writeErr } from './ui.js';

/** The built-in templates, as paths relative to templates/. */
export function builtinTemplates(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(TEMPLATES_DIR, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${name.name}` : name.name;
      if (name.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

export async function runTemplatesEject(names: string[], opts: CommonOptions & { force?: boolean }): Promise<void> {
  const root = findEngagementRoot(process.cwd(), opts.dir);
  await withEngagementLock(root, { command: 'templates eject' }, () => eject(root, names, opts));
}

function eject(root: string, names: string[], opts: { force?: boolean }): void {
  const all = builtinTemplates();
  const chosen = names.length ? names : all;
  for (const n of chosen) if (!all.includes(n)) throw new RelmError(`no built-in template "${n}"`, EXIT_USAGE, `Choose from: ${all.join(', ')}.`);
  const existing = chosen.filter((n) => existsSync(join(root, 'templates', n)));
  if (existing.length && !opts.force) {
    throw new RelmError(`not overwriting templates you have: ${existing.map((n) => `templates/${n}`).join(', ')}`, EXIT_USAGE, 'Nothing was written. Pass --force to overwrite them, or name the templates to eject.');
  }
  const c = colorsFor('stderr');
  for (const n of chosen) {
    const dest = join(root, 'templates', n);
    atomicWrite(dest, readFileSync(join(TEMPLATES_DIR, n)), { within: root });
    writeErr(`${c.green('✔')} ${relative(process.cwd(), dest)}`);
  }
  writeErr(`Edit them: relm report uses a template in ${relative(process.cwd(), join(root, 'templates')) || 'templates'}/ in place of the built-in one of the same name.`);
}

export function runTemplatesList(): void {
  process.stdout.write(builtinTemplates().join('\n') + '\n');
}
