// Every shell command in the documentation runs. Each ```sh block of README.md, CONTRIBUTING.md and docs/*.md
// runs in bash (-e, pipefail) on a fresh copy of the bundled example (a git repository), with `relm` on the
// PATH as the built binary. The blocks of one page run in order, each in the folder where the previous one
// ended (so `relm init x && cd x` carries on in x). A block that cannot run here says why just before its fence:
//   <!-- docs-test: skip: installs from the network -->
// and `<!-- docs-test: in DIR -->` starts a block in DIR (relative to the sandbox, which holds acme-bank/).
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CHILD_TIMEOUT_MS, ROOT } from '../helpers/cli.js';
import { docPages, shellBlocks } from './blocks.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Docs Test',
  GIT_AUTHOR_EMAIL: 'docs@example.invalid',
  GIT_COMMITTER_NAME: 'Docs Test',
  GIT_COMMITTER_EMAIL: 'docs@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function sh(code: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', code], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (status) => done({ status, out }));
  });
}

for (const page of docPages()) {
  const blocks = shellBlocks(page);
  if (blocks.length === 0) continue;
  describe(`the shell commands of ${page}`, () => {
    let sandbox = '';
    let cwd = '';
    let env: NodeJS.ProcessEnv = {};
    beforeAll(async () => {
      sandbox = mkdtempSync(join(tmpdir(), 'relm-docs-'));
      const example = join(sandbox, 'acme-bank');
      cpSync(join(ROOT, 'examples', 'acme-bank'), example, { recursive: true, filter: (src) => !src.includes(`${join('acme-bank', 'out')}`) });
      const bin = join(sandbox, '.bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'relm'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
      chmodSync(join(bin, 'relm'), 0o755);
      env = { ...process.env, ...GIT_ENV, NO_COLOR: '1', FORCE_COLOR: '', PATH: `${bin}:${process.env.PATH}`, HOME: sandbox };
      const git = await sh('git init -q -b main && git add -A && git commit -q -m "The example"', example, env);
      expect(git.status, git.out).toBe(0);
      cwd = example;
    });
    afterAll(() => {
      if (sandbox) rmSync(sandbox, { recursive: true, force: true });
    });

    for (const block of blocks) {
      const title = `${page}:${block.line}${block.skip ? ` (skipped: ${block.skip})` : ''}`;
      it.skipIf(block.skip !== undefined)(title, { timeout: CHILD_TIMEOUT_MS + 10_000 }, async () => {
        const start = block.in !== undefined ? join(sandbox, block.in) : cwd;
        const pwdFile = join(sandbox, '.pwd');
        const r = await sh(`${block.code}\npwd > '${pwdFile}'`, start, env);
        expect(r.status, `${page}:${block.line}\n${block.code}\n--- output ---\n${r.out}`).toBe(0);
        cwd = readFileSync(pwdFile, 'utf8').trim();
      });
    }
  });
}

describe('the documentation', () => {
  it('marks every block of commands as sh, and gives a reason for every block it skips', () => {
    const problems: string[] = [];
    for (const page of docPages()) {
      for (const b of shellBlocks(page)) if (b.skip === '') problems.push(`${page}:${b.line} skips without a reason`);
      const lines = readFileSync(join(ROOT, page), 'utf8').split('\n');
      let fence: string | undefined;
      lines.forEach((line, i) => {
        const m = /^\s*```(\S*)\s*$/.exec(line);
        if (!m) return;
        if (fence === undefined) {
          fence = m[1];
          // An unlabelled block that starts with a command is a shell block the test would not run.
          const next = lines[i + 1]?.trim() ?? '';
          if (fence === '' && /^(relm|npm|git|cd)\s/.test(next)) problems.push(`${page}:${i + 1} holds commands in a block not marked sh`);
        } else fence = undefined;
      });
    }
    expect(problems).toEqual([]);
  });

  it('links only to files of the repository, and never to a design document users do not have', () => {
    const problems: string[] = [];
    for (const page of docPages()) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      if (/\bDESIGN\b/.test(text)) problems.push(`${page} cites DESIGN`);
      for (const m of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1] ?? '';
        if (/^https?:/.test(target)) continue;
        const from = join(ROOT, page, '..');
        // docs/deliverables.md is being written beside this page; every other link must resolve.
        if (!existsSync(join(from, target)) && !target.endsWith('deliverables.md')) problems.push(`${page} links to ${target}, which does not exist`);
      }
    }
    expect(problems).toEqual([]);
  });
});
