import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, CHILD_TIMEOUT_MS } from '../helpers/cli.js';

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', up: '\u001b[A', down: '\u001b[B', left: '\u001b[D', esc: '\u001b', ctrlC: '\u0003' } as const;

// CSI sequences (colours, cursor moves, erase), OSC strings, and the two-byte escapes.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][A-Z0-9]|\u001b[=>78]/g;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The built relm under a pseudo-terminal: util-linux `script` gives it a TTY on stdin and stdout, so the
 * prompts run as they do for a user. Keys go in through `script`'s stdin; what the terminal shows comes out
 * of its stdout. A wide terminal keeps inquirer from wrapping the prompt text.
 */
export class Terminal {
  private readonly child: ChildProcessWithoutNullStreams;
  private raw = '';
  private seen = 0;
  private exitCode: number | null | undefined;
  readonly exited: Promise<number | null>;

  constructor(args: string[], cwd: string) {
    const cmd = `stty cols 400 rows 60 2>/dev/null; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
    this.child = spawn('script', ['-qfec', cmd, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TERM: 'xterm-256color', SHELL: '/bin/sh' },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so that a test that gives up can stop script and relm together.
      detached: true,
    });
    // However a test ends, the terminal and relm do not outlive it.
    setTimeout(() => this.kill(), CHILD_TIMEOUT_MS).unref();
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => (this.raw += d));
    this.child.stderr.on('data', (d: Buffer) => (this.raw += d.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
  }

  /** Everything shown so far, without colours and cursor movements. */
  get screen(): string {
    return this.raw.replace(ANSI, '').replace(/\r/g, '');
  }

  /**
   * Waits until `text` appears after what earlier waits matched, then moves past it. The limit only turns a prompt
   * that never comes into a failure with the screen; on a busy machine relm may take many seconds to show one.
   */
  async waitFor(text: string, timeoutMs = CHILD_TIMEOUT_MS / 2): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen;
      const i = screen.indexOf(text, this.seen);
      if (i >= 0) {
        this.seen = i + text.length;
        return;
      }
      if (this.exitCode !== undefined || Date.now() > deadline) {
        const why = this.exitCode !== undefined ? `relm exited with ${this.exitCode}` : `no "${text}" after ${timeoutMs} ms`;
        throw new Error(`${why}; the terminal ends with:\n${screen.slice(-1500)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  send(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits for a prompt, then types. */
  async answer(prompt: string, keys: string): Promise<void> {
    await this.waitFor(prompt);
    this.send(keys);
  }

  /** Waits for a select prompt, moves with `moves` (each followed by the highlighted line it leads to), then Enter. */
  async choose(prompt: string, moves: [key: string, highlighted: string][] = []): Promise<void> {
    await this.waitFor(prompt);
    for (const [key, highlighted] of moves) {
      this.send(key);
      await this.waitFor(`❯ ${highlighted}`);
    }
    this.send(KEY.enter);
  }

  /** The exit code, once relm has exited. */
  async exit(timeoutMs = 30_000): Promise<number | null> {
    const timer = setTimeout(() => this.kill(), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  kill(): void {
    if (this.exitCode !== undefined || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }
}
