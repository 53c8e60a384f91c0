import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser, wellKnownBrowsers } from '../../src/render/browser.js';
import { BIN, CHILD_TIMEOUT_MS, copyFixture, relm, relmInProcess, ROOT } from '../helpers/cli.js';
import { fixturePath } from '../import/fixtures.js';

// The conventions of Unix tools and Node CLIs: a closed pipe, `-` for standard input, --json, --quiet and
// --max-warnings as eslint has them, shell completion, paths a shell can open, browsers where users have them.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const engagement = (path = 'examples/acme-bank') => {
  const d = copyFixture(path);
  dirs.push(d);
  return d;
};

interface Piped {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The binary in a child process, `input` written to its standard input; with `readBytes` the test stops
 * reading after that many bytes of standard output and closes the pipe, as `| head -c N` does.
 */
function relmPiped(args: string[], opts: { cwd: string; input?: string; readBytes?: number }): Promise<Piped> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      if (opts.readBytes === undefined) stdout += b.toString('utf8');
      else if (stdout.length < opts.readBytes) {
        stdout += b.toString('utf8').slice(0, opts.readBytes - stdout.length);
        if (stdout.length >= opts.readBytes) child.stdout.destroy();
      }
    });
    child.stderr.on('data', (b: Buffer) => void (stderr += b.toString('utf8')));
    child.on('error', fail);
    child.on('close', (status, signal) => done({ status, signal, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

describe('a reader that goes away (EPIPE)', () => {
  it.each([
    ['assess', '--json'],
    ['model', '--json'],
    ['schema', 'assessment'],
    ['templates', 'context', '--json'],
    ['duplicates', '--json', '--all'],
    ['validate', '--json'],
  ])('relm %s %s | head -c 10 ends quietly with exit 0', async (...args) => {
    const r = await relmPiped(args, { cwd: join(ROOT, 'examples/acme-bank'), readBytes: 10 });
    expect(r.stdout.length).toBe(10);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
  });
});

describe('- reads standard input', () => {
  it('relm import github - takes the export from standard input, as the file would', async () => {
    const viaFile = engagement('test/fixtures/minimal');
    const viaStdin = engagement('test/fixtures/minimal');
    const fromFile = await relmInProcess(['import', 'github', fixturePath('github-rest.json'), '-C', viaFile]);
    expect(fromFile.status).toBe(0);
    const piped = await relmPiped(['import', 'github', '-', '-C', viaStdin], { cwd: viaStdin, input: readFileSync(fixturePath('github-rest.json'), 'utf8') });
    expect(piped.stderr).toContain('-> backlog.yaml: added 4, updated 0, unchanged 0, skipped 1');
    expect(piped.status).toBe(0);
    expect(readFileSync(join(viaStdin, 'backlog.yaml'), 'utf8')).toBe(readFileSync(join(viaFile, 'backlog.yaml'), 'utf8'));
  });

  it('relm import jira - reads CSV from standard input; git-tags refuses it', async () => {
    const dir = engagement('test/fixtures/minimal');
    const r = await relmPiped(['import', 'jira', '-', '--dry-run'], { cwd: dir, input: readFileSync(fixturePath('jira.csv'), 'utf8') });
    expect(r.stderr).toContain('added 7, updated 0, unchanged 0, skipped 4');
    expect(r.status).toBe(0);
    const tags = await relmPiped(['import', 'git-tags', '-'], { cwd: dir });
    expect(tags.stderr).toContain('git-tags reads a repository, not standard input');
    expect(tags.status).toBe(2);
  });
});

describe('validate and check as eslint: --json, --quiet, --max-warnings', () => {
  it('--json prints what -f json prints', async () => {
    const dir = join(ROOT, 'examples/acme-bank');
    const json = await relm(['validate', '--json'], { cwd: dir });
    const f = await relm(['validate', '-f', 'json'], { cwd: dir });
    expect(json.status).toBe(0);
    expect(json.stdout).toBe(f.stdout);
    const findings = JSON.parse(json.stdout) as { severity: string }[];
    expect(findings.length).toBeGreaterThan(0);
    const both = await relm(['validate', '--json', '-f', 'stylish'], { cwd: dir });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--json prints JSON to standard output');
  });

  it('--quiet reports errors only; --max-warnings fails when the warnings are more than allowed', async () => {
    const dir = join(ROOT, 'examples/acme-bank');
    const all = JSON.parse((await relm(['validate', '--json'], { cwd: dir })).stdout) as { severity: string }[];
    const warnings = all.filter((d) => d.severity === 'warning').length;
    expect(warnings).toBeGreaterThan(0);
    expect(all.some((d) => d.severity === 'error')).toBe(false);

    const quiet = await relm(['validate', '--json', '--quiet'], { cwd: dir });
    expect(quiet.status).toBe(0);
    expect(JSON.parse(quiet.stdout)).toEqual([]);
    const quietStylish = await relm(['validate', '--quiet'], { cwd: dir });
    expect(quietStylish.stdout).toBe('');
    expect(quietStylish.stderr).toContain(`no errors (${warnings} warning(s) not shown: --quiet)`);

    const at = await relm(['validate', '--max-warnings', String(warnings)], { cwd: dir });
    expect(at.status).toBe(0);
    const over = await relm(['validate', '--max-warnings', String(warnings - 1)], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stderr).toContain(`${warnings} warning(s), more than --max-warnings ${warnings - 1} allows`);
    const check = await relm(['check', '--quiet', '--max-warnings', '0'], { cwd: dir });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('relm check: failed');
    const bad = await relm(['validate', '--max-warnings', 'many'], { cwd: dir });
    expect(bad.status).toBe(2);
  });
});

describe('paths a shell can open', () => {
  it('stylish and text name files relative to the folder relm runs in', async () => {
    const dir = engagement();
    const fromParent = await relm(['validate', '-f', 'text', '-C', basename(dir)], { cwd: dirname(dir) });
    const named = fromParent.stdout.trim().split('\n');
    expect(named.length).toBeGreaterThan(0);
    for (const l of named) expect(l.startsWith(`${basename(dir)}/`)).toBe(true);
    mkdirSync(join(dir, 'sub'));
    const r = await relm(['validate', '-f', 'text'], { cwd: join(dir, 'sub') });
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^\.\.\/[a-z-]+\.yaml:\d+:\d+ /);
    const stylish = await relm(['validate'], { cwd: join(dir, 'sub') });
    expect(stylish.stdout).toMatch(/^\.\.\/[a-z-]+\.yaml$/m);
  });

  it('SARIF and GitHub annotations name files from the repository root when the engagement is a subfolder', async () => {
    const repo = engagement('test/fixtures/minimal');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, timeout: CHILD_TIMEOUT_MS, stdio: 'pipe' });
    git('init', '-q');
    const sub = join(repo, 'eng', 'a');
    mkdirSync(sub, { recursive: true });
    for (const f of ['relm.yaml', 'practices.yaml', 'target.yaml']) writeFileSync(join(sub, f), readFileSync(join(repo, f)));
    writeFileSync(join(sub, 'practices.yaml'), `${readFileSync(join(sub, 'practices.yaml'), 'utf8')}\nbogus_key: 1\n`);
    const r = await relm(['validate', '-f', 'sarif', '-f', 'github', '-o', 'out.sarif', '-o', '-'], { cwd: sub });
    expect(r.status).toBe(1);
    const log = JSON.parse(readFileSync(join(sub, 'out.sarif'), 'utf8')) as {
      runs: { originalUriBaseIds: Record<string, { uri: string }>; artifacts: { location: { uri: string } }[] }[];
    };
    const base = log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri;
    expect(base.endsWith('/')).toBe(true);
    expect(decodeURIComponent(new URL(base).pathname)).toBe(
      `${execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: repo, timeout: CHILD_TIMEOUT_MS }).toString().trim()}/`,
    );
    expect(log.runs[0]!.artifacts.map((a) => a.location.uri)).toContain('eng/a/practices.yaml');
    expect(r.stdout).toContain('file=eng/a/practices.yaml,');
  });
});

describe('relm completion', () => {
  const script = async (shell: string) => {
    const r = await relm(['completion', shell]);
    expect(r.status).toBe(0);
    return r.stdout;
  };
  const has = (cmd: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'pipe', timeout: CHILD_TIMEOUT_MS });
      return true;
    } catch {
      return false;
    }
  };

  it('bash: completes commands, subcommands and options from the program itself', async () => {
    const dir = engagement('test/fixtures/minimal');
    writeFileSync(join(dir, 'relm.bash'), await script('bash'));
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source relm.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _relm_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { cwd: dir, timeout: CHILD_TIMEOUT_MS },
      )
        .toString()
        .trim()
        .split('\n');
    expect(complete(['relm', 'val'])).toEqual(['validate']);
    expect(complete(['relm', 'validate', '--max'])).toEqual(['--max-warnings']);
    expect(complete(['relm', 'templates', 'con'])).toEqual(['context']);
    expect(complete(['relm', 'templates', 'context', '--js'])).toEqual(['--json']);
    expect(complete(['relm', 'progress', 'set', '--no'])).toEqual(['--note']);
    expect(complete(['relm', 'validate', 'relm.y'])).toEqual(['relm.yaml']);
  });

  it.skipIf(!has('fish'))('fish: completes commands and options', async () => {
    const dir = engagement('test/fixtures/minimal');
    writeFileSync(join(dir, 'relm.fish'), await script('fish'));
    const out = execFileSync('fish', ['-c', 'source relm.fish; complete -C "relm vali"; complete -C "relm templates context --js"'], {
      cwd: dir,
      timeout: CHILD_TIMEOUT_MS,
    }).toString();
    expect(out).toMatch(/^validate\tcheck the engagement files/m);
    expect(out).toMatch(/^--json\t/m);
  });

  it.skipIf(!has('zsh'))('zsh: the script parses', async () => {
    const dir = engagement('test/fixtures/minimal');
    writeFileSync(join(dir, '_relm'), await script('zsh'));
    execFileSync('zsh', ['-n', '_relm'], { cwd: dir, timeout: CHILD_TIMEOUT_MS });
  });

  it('an unknown shell is a usage error naming the three', async () => {
    const r = await relm(['completion', 'powershell']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Choose one of: bash, zsh, fish');
  });
});

describe('the browser, where users have it', () => {
  const fake = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };

  it('PUPPETEER_EXECUTABLE_PATH is read after CHROME_PATH', () => {
    const dir = engagement('test/fixtures/minimal');
    const a = fake(join(dir, 'a', 'chrome'));
    const b = fake(join(dir, 'b', 'chrome'));
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: b, PATH: '' }, 'plan9')).toBe(b);
    expect(findBrowser(undefined, { CHROME_PATH: a, PUPPETEER_EXECUTABLE_PATH: b, PATH: '' }, 'plan9')).toBe(a);
    expect(() => findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: join(dir, 'none'), PATH: '' }, 'plan9')).toThrow(
      /PUPPETEER_EXECUTABLE_PATH: no executable browser/,
    );
  });

  it('per-user installs: Chrome under %LOCALAPPDATA% on Windows, apps in ~/Applications on macOS', () => {
    expect(wellKnownBrowsers({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32')).toContain(
      'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    );
    expect(wellKnownBrowsers({ HOME: '/Users/ann' }, 'darwin')).toContain('/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const home = engagement('test/fixtures/minimal');
    const chrome = fake(join(home, 'Applications', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'));
    expect(findBrowser(undefined, { HOME: home, PATH: '' }, 'darwin')).toBe(chrome);
  });
});
