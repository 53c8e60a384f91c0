import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';

// The time since the event loop last ran a timer: how long the worker has been busy without a turn of its loop.
let last = performance.now();
let worst = 0;
setInterval(() => {
  const now = performance.now();
  worst = Math.max(worst, now - last);
  last = now;
}, 50).unref();
const log = (what: string) => {
  const now = performance.now();
  const max = Math.max(worst, now - last);
  const file = expect.getState().testPath;
  if (max > 1000) appendFileSync('/tmp/w30lag/lag.txt', `${Math.round(max)}\t${file?.replace(/.*\/test\//, '')}\t${what}\n`);
  worst = 0;
};
beforeEach(() => log('(before) ' + expect.getState().currentTestName));
afterEach(() => log(expect.getState().currentTestName ?? '?'));
afterAll(() => log('(afterAll)'));
