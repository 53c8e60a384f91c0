/**
 * Set up before every test file (vitest.config.ts setupFiles): after each test, the worker gives its event loop a
 * turn. vitest runs the tests of a file one after another without one when they do not wait on anything (a file
 * of synchronous property tests ran 39 s in one stretch on a busy machine); meanwhile the answers to the
 * worker's reports to the main process lie unread, and after 60 s vitest fails the run with "Timeout calling
 * onTaskUpdate" although every test passed. A timer (vitest's own, and the test's) and then the I/O the loop
 * polls for run here. The timers are Node's own, which a test's fake timers would not replace.
 */
import { setImmediate, setTimeout } from 'node:timers/promises';
import { afterEach } from 'vitest';

/** One turn of the event loop: due timers, then the I/O it polls for. Long property runs await it between runs. */
export async function turn(): Promise<void> {
  await setTimeout(0);
  await setImmediate();
}

afterEach(turn);
