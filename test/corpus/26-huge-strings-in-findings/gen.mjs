// 5 MB strings where findings name them: an unknown key and a value outside its list. The messages show
// at most a few dozen characters of them, and no "did you mean" is computed against 5 MB.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const huge = 'HUGE'.repeat((5 * 1024 * 1024) / 4);

export default function gen(dir) {
  writeFileSync(join(dir, 'relm.yaml'), `relm: 1\nengagement:\n  client: Fixture Co\n  as_of: 2026-03-31\nmodel: model.yaml\n${huge}: 1\n`);
  writeFileSync(join(dir, 'practices.yaml'), `practices:\n  alpha:\n    answers:\n      alpha-1a: ${huge}\n  beta: {rating: 2}\n`);
}
