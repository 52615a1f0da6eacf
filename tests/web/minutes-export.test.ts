/**
 * The export's `minutes` document printed by Chromium: a unit with a tie round and the deciding round
 * prints to exactly two A4 pages, one round each, in log order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.js';
import { startTestApp, type TestApp } from '../api/api-harness.js';
import { recordTieThenDecidingRound } from '../support/election-rounds.js';

describe('vote-count minutes export in print', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await recordTieThenDecidingRound(t.engine, 'C1', '2020-03-30');
  });
  afterAll(async () => t.close());

  it('when Chromium prints the two-round export, then it is exactly two A4 pages, the tie round first', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({
        extraHTTPHeaders: { Authorization: `Bearer ${t.token.auditor}` },
      });
      const port = (t.server.address() as { port: number }).port;
      const response = await page.goto(`http://127.0.0.1:${port}/api/v1/units/C1/export?format=minutes`);
      expect(response?.status()).toBe(200);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages).toHaveLength(2);
      // An A4 page is 595 × 842 points.
      const boxes = pdf.toString('latin1').match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
      expect(boxes.map((box) => box.match(/[\d.]+/g)!.map((n) => Math.round(Number(n))))).toEqual([
        [0, 0, 595, 842],
        [0, 0, 595, 842],
      ]);
      // Strings run in the page: the test's TypeScript has no DOM types.
      const rounds = await page.evaluate<string[]>(
        `[...document.querySelectorAll('section.sheet')].map((s) => s.dataset.round + ' valid=' + s.querySelector('[data-field="valid"]').textContent)`,
      );
      expect(rounds).toEqual(['committee-1 valid=9', 'committee-2 valid=7']);
      // Each round starts its own page even when the one before is short.
      const breaks = await page.evaluate<string[]>(
        `[...document.querySelectorAll('section.sheet')].map((s) => getComputedStyle(s).breakBefore)`,
      );
      expect(breaks).toEqual(['auto', 'page']);
    } finally {
      await browser.close();
    }
  });
});
