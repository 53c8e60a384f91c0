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
    // The built CLI (dist/), which test/helpers/cli.ts runs in-process, is loaded by Node as the binary
    // loads it, not transformed by vitest.
    server: { deps: { external: [/\/dist\//] } },
  },
});
