import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Commands take what they need from their RunContext (src/cli/run-context.ts): nothing under src/ reads or
 * changes the process's streams, working folder, environment or exit code, so `run(argv, io)` can be called
 * in-process with streams and a folder of a test's own. bin/relm hands the process to run(). The few places
 * that genuinely need the process may use exactly the members listed, each for the reason given.
 */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const ALLOWED: Record<string, { members: string[]; why: string }> = {
  'io/run-scope.ts': { members: ['cwd', 'env', 'stdin'], why: "outside a run (a library call), the process's folder, environment and stdin" },
  'io/interrupt.ts': { members: ['listeners', 'on', 'removeListener', 'exit'], why: 'signal handlers, and the exit after an interrupt' },
  'io/atomic-write.ts': { members: ['listeners', 'on', 'removeListener', 'kill', 'pid'], why: 'signal handlers; temp names and liveness by process id' },
  'io/staging.ts': { members: ['kill', 'pid'], why: 'staging folders named by process id, and whether their owner still runs' },
  'io/lock.ts': { members: ['pid'], why: "the lock names its owner's process id" },
  'render/browser.ts': { members: ['platform', 'getuid'], why: 'where browsers are installed, and whether it runs as root (no sandbox)' },
  'render/browser-process.ts': { members: ['platform', 'kill'], why: "the browser's process group is stopped as a whole" },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each `process.<member>` in a source (comments and strings left out), with its line. */
function processUses(text: string): { member: string; line: number }[] {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''");
  return [...code.matchAll(/(?<![\w$.])process\s*(?:\?\.|\.)\s*([\w$]+)|(?<![\w$.])process\s*\[/g)].map((m) => ({
    member: m[1] ?? '[]',
    line: code.slice(0, m.index).split('\n').length,
  }));
}

describe('process globals', () => {
  it('finds a use of process in code, and none in comments or strings (the check itself)', () => {
    expect(processUses("const a = process.cwd();\n// process.env\nconst b = 'process.exit';\nprocess?.stdout.write('x');\nx.process.env;")).toEqual([
      { member: 'cwd', line: 1 },
      { member: 'stdout', line: 4 },
    ]);
    expect(processUses("const { env } = process; process['env'];")).toEqual([{ member: '[]', line: 1 }]);
  });

  it('nothing under src/ reads the process, except the members listed for the places that need them', () => {
    const found: string[] = [];
    for (const file of sources(SRC)) {
      const rel = relative(SRC, file).replaceAll('\\', '/');
      if (rel.startsWith('schema-types/')) continue;
      const allowed = ALLOWED[rel]?.members ?? [];
      for (const u of processUses(readFileSync(file, 'utf8'))) if (!allowed.includes(u.member)) found.push(`src/${rel}:${u.line} process.${u.member}`);
    }
    expect(found).toEqual([]);
  });

  it('the list of exceptions holds no file that no longer needs it', () => {
    const stale = Object.entries(ALLOWED)
      .filter(([rel, { members }]) => {
        const used = new Set(processUses(readFileSync(join(SRC, rel), 'utf8')).map((u) => u.member));
        return members.some((m) => !used.has(m));
      })
      .map(([rel]) => rel);
    expect(stale).toEqual([]);
  });
});
