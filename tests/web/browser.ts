/**
 * Debian's Chromium driven by playwright-core: no browser download, no network beyond the test server.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = 'var/screenshots';

/** The one command that installs the browser the tests drive. */
export const INSTALL_CHROMIUM = 'apt-get install -y chromium';

export interface LaunchOptions {
  /** The Chromium binary (CHROMIUM_PATH, else /usr/bin/chromium). */
  executablePath?: string;
  /** More command-line switches, e.g. `--host-resolver-rules` to reach the server by another name. */
  args?: string[];
}

/** Launches headless Chromium with everything that would call home switched off. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath))
    throw new Error(
      `The browser tests need Chromium, and there is none at ${executablePath}. ` +
        `Install it with: ${INSTALL_CHROMIUM} (or set CHROMIUM_PATH to another Chromium).`,
    );
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
}
