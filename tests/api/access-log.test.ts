import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { accessLog } from '../../src/api/access-log.js';

function appLoggingAt(level: 'info' | 'warn'): { app: express.Express; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
  const app = express().use(accessLog(pino({ level }, sink)));
  app.get('/ping', (_req, res) => void res.json({ ok: true }));
  return { app, lines };
}

describe('access log', () => {
  it('when the logger is at info, then each request leaves one line with method, path and status', async () => {
    const { app, lines } = appLoggingAt('info');
    expect((await supertest(app).get('/ping')).status).toBe(200);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/ping',
      status: 200,
    });
  });

  it('when the route sits in a mounted router, then the line carries the full path without the query', async () => {
    const { app, lines } = appLoggingAt('info');
    const router = express.Router();
    router.get('/units/:id', (_req, res) => void res.json({ ok: true }));
    app.use('/api/v1', router);
    expect((await supertest(app).get('/api/v1/units/dong-da?limit=5')).status).toBe(200);
    expect(JSON.parse(lines[0]!)).toMatchObject({ path: '/api/v1/units/dong-da', status: 200 });
  });

  it('when the logger is at warn, then requests are answered and leave no line', async () => {
    const { app, lines } = appLoggingAt('warn');
    const res = await supertest(app).get('/ping');
    expect(res.body).toEqual({ ok: true });
    expect(lines).toEqual([]);
  });
});
