import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import supertest from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { createDashboardRouter, NOT_BUILT_MESSAGE, PROCEDURE_ORDER } from '../../src/web/index.js';

/** The router behind the app-wide helmet() as createApp installs it, then a catch-all like the API's 404. */
function appWithDashboard(bundleDir?: string) {
  return express()
    .use(helmet())
    .use(createDashboardRouter(bundleDir === undefined ? {} : { bundleDir }))
    .use((_req, res) => {
      res.status(404).json({ code: 'not_found' });
    });
}

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

describe('dashboard router', () => {
  // The bundle the global setup built from the current sources, where `npm run build` puts it.
  const http = supertest(appWithDashboard());
  const bundledFile = async (extension: 'js' | 'css') => {
    const page = await http.get('/');
    const pattern = new RegExp(`"(/dashboard/assets/[a-z]+-[A-Z0-9]{8}\\.${extension})"`);
    const path = pattern.exec(page.text)?.[1];
    if (path === undefined) throw new Error(`the page references no bundled .${extension} file`);
    return path;
  };

  it('when / is requested, then the page is served with the dashboard’s own strict Content-Security-Policy', async () => {
    const res = await http.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toMatch(
      /<script type="module" src="\/dashboard\/assets\/main-[A-Z0-9]{8}\.js"><\/script>/,
    );
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('when the catalogue is requested, then every event of the machines has both labels and the stepper has the phase order', async () => {
    const res = await http.get('/dashboard/catalogue.json');
    expect(res.status).toBe(200);
    const body = res.body as { events: Record<string, { vi: string; en: string }>; procedure: string[] };
    expect(Object.keys(body.events).sort()).toEqual(Object.keys(EVENT_CATALOGUE).sort());
    expect(body.events['results.confirmed']).toMatchObject({
      vi: 'Chuẩn y kết quả bầu cử',
      en: 'Results confirmed',
    });
    expect(body.procedure).toEqual([...PROCEDURE_ORDER]);
  });

  it('when the page’s bundled script and style sheet are requested, then they are served by type, compressed, and kept a year', async () => {
    for (const [extension, type] of [
      ['js', 'javascript'],
      ['css', 'text/css'],
    ] as const) {
      const path = await bundledFile(extension);
      const res = await http.get(path).set('Accept-Encoding', 'gzip');
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toContain(type);
      expect(res.headers['content-encoding'], path).toBe('gzip');
      expect(res.headers['cache-control'], path).toBe(YEAR_IMMUTABLE);
      expect(res.headers['content-security-policy'], path).toContain("default-src 'self'");
    }
  });

  it('when the bundled script is requested, then zod is inside it rather than fetched from node_modules', async () => {
    const res = await http.get(await bundledFile('js'));
    expect(res.text).toContain('"ZodMiniObject"');
    expect(res.text).not.toContain('/dashboard/vendor/');
    expect(res.text).not.toMatch(/\bimport\s*[{*"']/);
  });

  it('when a source module, a formerly vendored file or an unknown dashboard file is requested, then it falls through to the app’s 404', async () => {
    for (const path of [
      '/dashboard/js/main.js',
      '/dashboard/vendor/zod/mini/index.js',
      '/dashboard/vendor/zod/package.json',
      '/dashboard/js/missing.js',
      '/dashboard/assets/main-AAAAAAAA.js',
      '/dashboard/vendor/zod/src/index.ts',
    ]) {
      const res = await http.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual({ code: 'not_found' });
    }
  });

  it('when a path outside the dashboard is requested, then the router leaves it alone', async () => {
    const res = await http.get('/api/v1/units/D1').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'not_found' });
    expect(res.headers['content-security-policy']).not.toContain("style-src 'self';");
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  describe('before the first build', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cg-no-bundle-'));
    afterAll(() => rmSync(empty, { recursive: true, force: true }));

    it('when / is requested and no bundle exists, then it answers 503 saying, in both languages, to run npm run build', async () => {
      const res = await supertest(appWithDashboard(empty)).get('/');
      expect(res.status).toBe(503);
      expect(res.text).toBe(NOT_BUILT_MESSAGE);
      expect(res.text).toContain('chạy `npm run build`');
      expect(res.text).toContain('run `npm run build`');
    });
  });
});
