import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Where Chromium is looked for, in order: `CHROMIUM_PATH`, then the usual places of the operating system's
 * package (Debian's `chromium`, Ubuntu's `chromium-browser`, Google Chrome). Playwright's own browser
 * download is never used: the tests need no network beyond the package registry and apt.
 */
const USUAL_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * What Chromium needs to run headless here: no sandbox (CI runs as root, where Chromium's own sandbox
 * refuses to start), no GPU, and none of the background traffic (component updates, sync, field trials,
 * QUIC probes) that would try to reach the network. Playwright adds `--headless` and a fresh, temporary
 * `--user-data-dir` of its own.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to drive, or `undefined` when none is installed (`CHROMIUM_PATH`, when set, is the only one tried). */
export function chromiumPath(): string | undefined {
  const configured = process.env['CHROMIUM_PATH']?.trim();
  if (configured) return isExecutable(configured) ? configured : undefined;
  return USUAL_PATHS.find(isExecutable);
}

/**
 * Why the browser suites are skipped on this machine, or `false` to run them. With `REQUIRE_BROWSER=1` (as
 * in `.ci/run`) they always run, and a missing Chromium fails them instead of skipping them.
 */
export const browserSkipReason: string | false =
  process.env['REQUIRE_BROWSER'] === '1' || chromiumPath() !== undefined
    ? false
    : `no Chromium at ${process.env['CHROMIUM_PATH']?.trim() ? `CHROMIUM_PATH (${process.env['CHROMIUM_PATH']})` : USUAL_PATHS.join(', ')} (install the chromium package, or set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this skip into a failure)`;

/** Starts a headless Chromium of the operating system; `close()` it in `after`. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) {
    throw new Error(
      `REQUIRE_BROWSER=1 but there is no Chromium at ${process.env['CHROMIUM_PATH'] || USUAL_PATHS.join(', ')}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}
