import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** The real data some tests read, beside the repository (../shared/data). */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/**
 * `describe` and `it` for tests that read files of ../shared/data (paths relative to it). With every file
 * there: vitest's own. Without: outside CI the tests are skipped, with a warning naming what is missing; in
 * CI (CI=true: .ci/run sets it, as CI services do) each becomes one failing test naming the missing files, so
 * that a CI run without the data cannot pass without these tests.
 */
type Describe = (name: string, body: () => void) => void;
type It = (name: string, body: () => unknown, timeout?: number) => void;

export function withSharedData(...rels: string[]): { paths: string[]; describe: Describe; it: It } {
  const paths = rels.map((r) => fileURLToPath(new URL(r, `file://${SHARED_DATA}`)));
  const missing = paths.filter((p) => !existsSync(p));
  if (!missing.length) return { paths, describe, it };
  const what = `missing ${missing.join(', ')} (../shared/data)`;
  if (ciRun()) {
    const fail: It = (name) =>
      it(`${name} [${what}]`, () => {
        throw new Error(`${what}: CI must provide the data this test reads`);
      });
    return { paths, describe: (name) => describe(name, () => fail('reads its data', () => {})), it: fail };
  }
  console.warn(`skipped: ${what}`);
  return { paths, describe: describe.skip, it: it.skip };
}

/** Whether the suite runs in CI: CI set to anything but empty, 0 or false. */
export function ciRun(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}
