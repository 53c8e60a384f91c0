import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A text file named .png passes a check by name only, then fails the Office formats.
export default function (dir) {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'logo.png'), 'this is not a picture\n');
  appendFileSync(join(dir, 'relm.yaml'), 'branding:\n  logo: assets/logo.png\n');
}
