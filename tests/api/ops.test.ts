import { Redis } from 'ioredis';
import { pino } from 'pino';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { createApp } from '../../src/api/app.js';
import { createTokenStore } from '../../src/auth/token-store.js';
import { createEngine } from '../../src/engine/index.js';
import { sparePort } from '../../src/redis/private-server.js';
import { startTestApp, type TestApp } from './api-harness.js';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('when /healthz is called without a token, then it answers 200', async () => {
    const res = await t.http().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when Redis answers PING, then /readyz is 200', async () => {
    const res = await t.http().get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', redis: true });
  });

  it('when Redis does not answer, then /readyz is 503', async () => {
    const dead = new Redis(`redis://127.0.0.1:${await sparePort()}`, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined);
    const engine = createEngine({ redis: dead, prefix: t.prefix });
    const app = createApp({
      engine,
      redis: dead,
      prefix: t.prefix,
      tokens: createTokenStore(dead, t.prefix),
      logger: pino({ level: 'silent' }),
      catalogue: EVENT_CATALOGUE,
    });
    const res = await supertest(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', redis: false });
    dead.disconnect();
  });

  it('when /metrics is scraped after a request, then the latency histogram has that route template, method and status', async () => {
    await t.http().get('/api/v1/units/C1').auth(t.token.secretary, { type: 'bearer' });
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/units\/:id"[^}]*\} [1-9]/,
    );
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/units\/:id",status="200"\}/,
    );
  });

  it('when events are appended and refused, then the dispatch outcome counter counts each kind', async () => {
    const send = (key: string, type: string, payload: object) =>
      t
        .http()
        .post('/api/v1/units/C1/events')
        .auth(t.token.secretary, { type: 'bearer' })
        .set('Idempotency-Key', key)
        .send({ type, payload });
    expect((await send('m1', 'plan.submitted', { reference: 'KH' })).status).toBe(201);
    expect((await send('m1', 'plan.submitted', { reference: 'KH' })).status).toBe(200);
    expect((await send('m2', 'results.reported', {})).status).toBe(409);
    const metrics = (await t.http().get('/metrics')).text;
    expect(metrics).toContain('congress_api_dispatch_total{outcome="appended"} 1');
    expect(metrics).toContain('congress_api_dispatch_total{outcome="duplicate"} 1');
    expect(metrics).toContain('congress_api_dispatch_total{outcome="not_allowed"} 1');
  });

  it('when a unit is fetched with its current ETag in If-None-Match, then 304 Not Modified', async () => {
    const first = await t.http().get('/api/v1/units/C2').auth(t.token.admin, { type: 'bearer' });
    const again = await t
      .http()
      .get('/api/v1/units/C2')
      .auth(t.token.admin, { type: 'bearer' })
      .set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
  });

  it('when a request carries X-Request-Id, then the same id comes back; otherwise one is minted', async () => {
    const given = await t.http().get('/healthz').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const minted = await t.http().get('/healthz').set('X-Request-Id', 'bad id with spaces');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when any response is sent, then helmet security headers are present', async () => {
    const res = await t.http().get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when the OpenAPI document is fetched, then it is 3.1 and describes every route and every catalogued event body', async () => {
    const res = await t.http().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = Object.keys(res.body.paths as object);
    for (const path of [
      '/api/v1/units/{id}',
      '/api/v1/units/{id}/events',
      '/api/v1/units/{id}/history',
      '/api/v1/units/{id}/state',
      '/api/v1/units/{id}/verify',
      '/api/v1/units/{id}/progress',
      '/api/v1/units/{id}/children',
      '/api/v1/units/{id}/export',
      '/api/v1/alerts',
      '/api/v1/alerts/{id}/ack',
      '/api/v1/alerts/stream',
      '/api/v1/import',
      '/api/v1/tokens',
      '/api/v1/tokens/{id}',
    ]) {
      expect(paths).toContain(path);
    }
    const post = res.body.paths['/api/v1/units/{id}/events'].post;
    const variants = post.requestBody.content['application/json'].schema.oneOf as {
      properties: { type: { enum: string[] } };
    }[];
    expect(variants.map((v) => v.properties.type.enum[0]).sort()).toEqual(
      Object.keys(EVENT_CATALOGUE).sort(),
    );
    expect((post.parameters as { name: string }[]).map((p) => p.name)).toEqual(
      expect.arrayContaining(['id', 'idempotency-key', 'if-match']),
    );
  });

  it('when /docs is opened, then Swagger UI and its assets are served from this server', async () => {
    const page = await t.http().get('/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
    const bundle = await t.http().get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });

  it('when a route does not exist, then the answer is a 404 problem without a stack trace', async () => {
    const res = await t.http().get('/api/v1/nothing-here').auth(t.token.admin, { type: 'bearer' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', code: 'not_found' });
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
