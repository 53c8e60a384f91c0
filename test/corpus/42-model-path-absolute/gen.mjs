// An absolute model path, to a real file outside the engagement.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  const secret = join(outside, 'model.yaml');
  writeFileSync(secret, 'SECRET-OUTSIDE-THE-ENGAGEMENT: [\n');
  const manifest = readFileSync(join(dir, 'relm.yaml'), 'utf8').replace('model: model.yaml', `model: ${JSON.stringify(secret)}`);
  writeFileSync(join(dir, 'relm.yaml'), manifest);
}
