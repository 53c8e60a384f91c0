/**
 * Golden files of the Markdown deliverables: their structure and wording stay stable unless a change means
 * them to move. After an intended change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts`
 * and read the diff before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngagement } from '../../src/engagement/load.js';
import { assess } from '../../src/engine/assess.js';
import { renderDeliverables } from '../../src/render/deliverables.js';
import { ROOT } from '../helpers/cli.js';

const GOLDEN = join(ROOT, 'test', 'fixtures', 'golden', 'md');
const update = process.env.UPDATE_GOLDEN === '1';

/** Chart placeholders carry a per-run token in HTML; the Markdown has none, but keep the test honest about it. */
const stable = (md: string) => md.replace(/@@chart:[0-9a-f]+:/g, '@@chart:');

describe.each(['examples/acme-bank', 'test/fixtures/harbour'])('golden Markdown of %s', (path) => {
  const loaded = loadEngagement(join(ROOT, path));
  const e = loaded.engagement!;
  const set = renderDeliverables(assess(e), e, ['report', 'plan', 'presentation', 'training'], { version: 'golden' });
  const dir = join(GOLDEN, path.split('/').pop()!);
  for (const d of set.docs) {
    it(`renders ${d.file}.md as the golden file`, () => {
      const file = join(dir, `${d.file}.md`);
      if (update) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, stable(d.md));
      }
      expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(stable(d.md)).toBe(readFileSync(file, 'utf8'));
    });
  }
});
