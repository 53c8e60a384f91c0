import { readFileSync } from 'node:fs';

/** The text of a fixture in test/fixtures/import/. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');
}

export const fixturePath = (name: string): string => new URL(`../fixtures/import/${name}`, import.meta.url).pathname;
