import { describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';

describe('the browser the dashboard tests drive', () => {
  it('when Chromium is not installed, then launching fails with the one command that installs it', async () => {
    const missing = '/nonexistent/chromium';
    await expect(launchBrowser({ executablePath: missing })).rejects.toThrow(
      `there is none at ${missing}. Install it with: apt-get install -y chromium`,
    );
  });

  it('when Chromium is installed, then it launches', async () => {
    const browser = await launchBrowser();
    expect(browser.isConnected()).toBe(true);
    await browser.close();
  });
});
