import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A 126-byte SVG that claims 100,000 × 100,000 pixels: drawn as claimed, 40 GB for the Office logo.
export default function (dir) {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'assets', 'huge.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="100000" height="100000" fill="#036"/></svg>',
  );
  appendFileSync(join(dir, 'relm.yaml'), 'branding:\n  logo: assets/huge.svg\n');
}
