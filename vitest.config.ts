import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // These limits catch a hang; they are not speed targets, and no test sets a shorter one. The slowest test
    // takes about 25 s alone on 2 cores; on a shared machine at load 30 (or beside two CPU-burning processes)
    // the same test takes up to ten times as long, and must still pass. Every child process a test spawns is
    // killed sooner (test/helpers/cli.ts CHILD_TIMEOUT_MS), so that a hung child fails its test with its output.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    // After each test the worker's event loop gets a turn (test/helpers/yield.ts), so that no run of synchronous
    // tests keeps vitest's own messages waiting.
    setupFiles: ['test/helpers/yield.ts'],
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on a 2-core machine, which left the other core
    // idle once the end-to-end tests stopped starting a Node process per case.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The built CLI (dist/), which test/helpers/cli.ts runs in-process, is loaded by Node as the binary
    // loads it, not transformed by vitest.
    server: { deps: { external: [/\/dist\//] } },
    // A worker runs one test file after another without starting afresh (a third of the suite's time went to
    // setting up each file's module graph). Tests therefore leave the process as they found it (run() restores
    // it), and a file that mocks a module imports what it tests afresh (test/io/staging.test.ts).
    isolate: false,
  },
});
