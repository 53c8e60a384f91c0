// A model path that climbs out of the engagement to a real file (with content that must never be shown).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(_dir, { outside }) {
  writeFileSync(join(outside, 'model.yaml'), 'SECRET-OUTSIDE-THE-ENGAGEMENT: [\n');
}
