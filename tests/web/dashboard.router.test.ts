import express from 'express';
import helmet from 'helmet';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { createDashboardRouter, PROCEDURE_ORDER } from '../../src/web/index.js';

/** The router behind the app-wide helmet() as createApp installs it, then a catch-all like the API's 404. */
function appWithDashboard() {
  return express()
    .use(helmet())
    .use(createDashboardRouter())
    .use((_req, res) => {
      res.status(404).json({ code: 'not_found' });
    });
}

describe('dashboard router', () => {
  const http = supertest(appWithDashboard());

  it('when / is requested, then the page is served with the dashboard’s own strict Content-Security-Policy', async () => {
    const res = await http.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<script type="module" src="/dashboard/js/main.js"></script>');
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

  it('when a module of the page or of the vendored zod is requested, then it is served as JavaScript', async () => {
    for (const path of ['/dashboard/js/main.js', '/dashboard/vendor/zod/mini/index.js']) {
      const res = await http.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toContain('javascript');
    }
  });

  it('when a vendored file that is not a module, or an unknown dashboard file, is requested, then it falls through to the app’s 404', async () => {
    for (const path of [
      '/dashboard/vendor/zod/package.json',
      '/dashboard/js/missing.js',
      '/dashboard/vendor/zod/src/index.ts',
    ]) {
      const res = await http.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual({ code: 'not_found' });
    }
  });

  it('when a path outside the dashboard is requested, then the router leaves it alone', async () => {
    const res = await http.get('/api/v1/units/D1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'not_found' });
    expect(res.headers['content-security-policy']).not.toContain("style-src 'self';");
  });
});
