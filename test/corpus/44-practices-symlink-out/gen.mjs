// practices.yaml is a relative link that climbs out of the folder; backlog.yaml a link that leads
// nowhere; team.yaml a folder. None is read, and nothing of the outside file is shown.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function gen(dir, { outside }) {
  writeFileSync(join(outside, 'practices.yaml'), 'SECRET-OUTSIDE-THE-ENGAGEMENT: [\n');
  rmSync(join(dir, 'practices.yaml'));
  symlinkSync('../outside/practices.yaml', join(dir, 'practices.yaml'));
  symlinkSync(join(dir, 'no-such-file.yaml'), join(dir, 'backlog.yaml'));
  mkdirSync(join(dir, 'team.yaml'));
}
