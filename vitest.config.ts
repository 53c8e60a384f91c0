import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Nothing may hang CI: a test, a hook or the teardown that runs past these fails instead. Every child
    // process a test spawns has a timeout of its own too (test/helpers/cli.ts CHILD_TIMEOUT_MS).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
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
