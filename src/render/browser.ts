import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';

/** Where Chrome, Chromium and Edge install themselves, per platform (as marp-cli looks for them). */
const WELL_KNOWN: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
  ],
};
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge'];

function executable(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const INSTALL_HINT =
  'Install Chromium or Google Chrome (Debian/Ubuntu: sudo apt-get install chromium), then pass its path with --browser-path or set CHROME_PATH. Markdown and HTML need no browser: --format md,html.';

/**
 * The browser to print PDFs with: --browser-path, then CHROME_PATH, then well-known install paths and
 * the PATH. None found is a runtime error (exit 2) that says how to install one.
 */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string {
  if (explicit) {
    if (!existsSync(explicit) || !executable(explicit)) throw new RelmError(`--browser-path: no executable browser at ${explicit}`, EXIT_USAGE, INSTALL_HINT);
    return explicit;
  }
  if (env.CHROME_PATH) {
    if (!existsSync(env.CHROME_PATH) || !executable(env.CHROME_PATH))
      throw new RelmError(`CHROME_PATH: no executable browser at ${env.CHROME_PATH}`, EXIT_USAGE, INSTALL_HINT);
    return env.CHROME_PATH;
  }
  for (const p of WELL_KNOWN[platform] ?? []) if (existsSync(p) && executable(p)) return p;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ON_PATH) {
      const p = join(dir, platform === 'win32' ? `${name}.exe` : name);
      if (existsSync(p) && executable(p)) return p;
    }
  }
  throw new RelmError('no Chrome or Chromium found to print PDFs with', EXIT_USAGE, INSTALL_HINT);
}

/** Chromium's sandbox does not start as root or in most containers; elsewhere it stays on. */
export function needsNoSandbox(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.getuid?.() === 0 || existsSync('/.dockerenv') || env.container !== undefined || existsSync('/run/.containerenv');
}
