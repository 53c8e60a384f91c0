import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `.relm` a link to a folder outside the engagement: the lock and the import record would land there.
export default function (dir, { outside }) {
  mkdirSync(join(outside, 'elsewhere'));
  rmSync(join(dir, '.relm'), { recursive: true, force: true });
  symlinkSync(join(outside, 'elsewhere'), join(dir, '.relm'));
  writeFileSync(join(outside, 'x.csv'), 'Summary,Issue key,Status,Created\nOne,A-1,Open,2026-01-02\n');
}
