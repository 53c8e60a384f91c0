import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join, posix, win32 } from 'node:path';
import { EXIT_USAGE, RelmError } from '../errors.js';
import { environment } from '../io/run-scope.js';

/**
 * Where Chrome, Chromium and Edge install themselves, per platform (as marp-cli and chrome-launcher look for
 * them): the system-wide places, and the per-user ones (Chrome installed without administrator rights on
 * Windows goes under %LOCALAPPDATA%; on macOS an app may live in ~/Applications).
 */
export function wellKnownBrowsers(env: NodeJS.ProcessEnv, platform: string): string[] {
  const win = (base: string | undefined, fallback: string | undefined, ...rest: string[]) =>
    base || fallback ? [win32.join((base || fallback)!, ...rest)] : [];
  switch (platform) {
    case 'linux':
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/opt/google/chrome/chrome',
        '/snap/bin/chromium',
        '/usr/bin/microsoft-edge',
        '/usr/bin/microsoft-edge-stable',
      ];
    case 'darwin': {
      const apps = [
        'Google Chrome.app/Contents/MacOS/Google Chrome',
        'Chromium.app/Contents/MacOS/Chromium',
        'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ];
      return [...apps.map((a) => `/Applications/${a}`), ...(env.HOME ? apps.map((a) => posix.join(env.HOME!, 'Applications', a)) : [])];
    }
    case 'win32':
      return [
        ...win(env.PROGRAMFILES, 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
        ...win(env['PROGRAMFILES(X86)'], 'C:\\Program Files (x86)', 'Google', 'Chrome', 'Application', 'chrome.exe'),
        ...win(env.LOCALAPPDATA, undefined, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        ...win(env.LOCALAPPDATA, undefined, 'Chromium', 'Application', 'chrome.exe'),
        ...win(env['PROGRAMFILES(X86)'], 'C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        ...win(env.PROGRAMFILES, 'C:\\Program Files', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ];
    default:
      return [];
  }
}
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
  'Install Chromium or Google Chrome (Debian/Ubuntu: sudo apt-get install chromium), then pass its path with --browser-path or set CHROME_PATH (or PUPPETEER_EXECUTABLE_PATH). Markdown and HTML need no browser: --format md,html.';

/** The environment variables that name a browser, in the order they are read. */
const BROWSER_VARIABLES = ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH'] as const;

/**
 * The browser to print PDFs with: --browser-path, then CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH, then
 * well-known install paths (system-wide, then per-user) and the PATH. None found is a runtime error (exit 2) that says how to install one.
 */
export function findBrowser(explicit?: string, env: Readonly<Record<string, string | undefined>> = environment(), platform: string = process.platform): string {
  if (explicit) {
    if (!existsSync(explicit) || !executable(explicit)) throw new RelmError(`--browser-path: no executable browser at ${explicit}`, EXIT_USAGE, INSTALL_HINT);
    return explicit;
  }
  for (const name of BROWSER_VARIABLES) {
    const path = env[name];
    if (!path) continue;
    if (!existsSync(path) || !executable(path)) throw new RelmError(`${name}: no executable browser at ${path}`, EXIT_USAGE, INSTALL_HINT);
    return path;
  }
  for (const p of wellKnownBrowsers(env, platform)) if (existsSync(p) && executable(p)) return p;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ON_PATH) {
      const p = join(dir, platform === 'win32' ? `${name}.exe` : name);
      if (existsSync(p) && executable(p)) return p;
    }
  }
  throw new RelmError('no Chrome or Chromium found to print PDFs with', EXIT_USAGE, INSTALL_HINT);
}

/** Chromium's sandbox does not start as root or in most containers; elsewhere it stays on. */
export function needsNoSandbox(env: Readonly<Record<string, string | undefined>> = environment()): boolean {
  return process.getuid?.() === 0 || existsSync('/.dockerenv') || env.container !== undefined || existsSync('/run/.containerenv');
}
