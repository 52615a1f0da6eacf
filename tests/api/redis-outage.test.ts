/**
 * Redis stalled (SIGSTOP), killed, or its answer lost on the way: the API answers 503 with
 * Retry-After within 3 s instead of hanging, recovers by itself, and a write retried with the same
 * Idempotency-Key is in the log once.
 */
import { get } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateTestRedis, type PrivateTestRedis } from '../support/private-redis.js';
import { startCuttingProxy, type CuttingProxy } from '../support/tcp-proxy.js';
import { startRealServer, type RealServer } from './server-harness.js';

const FLAG = { type: 'unit.flagged_difficult', payload: { reason: 'mất điện' } };
const CLEAR = { type: 'unit.difficulty_cleared', payload: { reason: 'có điện' } };

function client(s: RealServer) {
  const auth = { Authorization: `Bearer ${s.token.working_group}` };
  return {
    read: () => s.http().get('/api/v1/units/C1').set(auth),
    send: (unit: string, event: object, key: string) =>
      s.http().post(`/api/v1/units/${unit}/events`).set(auth).set('Idempotency-Key', key).send(event),
  };
}

async function timed<T>(work: () => PromiseLike<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Entries of `type` in the unit's log, read by the test's own client. */
async function logged(s: RealServer, unit: string, type: string): Promise<number> {
  const { entries } = await s.engine.history(unit, { limit: 500 }, { id: 'test', role: 'admin' });
  return entries.filter((e) => e.type === type).length;
}

describe('Redis stalled or down', () => {
  let redis: PrivateTestRedis;
  let s: RealServer;
  beforeAll(async () => {
    redis = await startPrivateTestRedis({ aof: true });
    s = await startRealServer(redis.url);
  });
  afterEach(() => redis.resume());
  afterAll(async () => {
    await s.stop();
    await redis.stop();
  });

  it('when Redis is frozen, then writes and reads answer 503 with Retry-After within 3 s, and a retry after it resumes is in the log once', async () => {
    const api = client(s);
    expect((await api.read()).status).toBe(200);
    redis.freeze();

    const write = await timed(() => api.send('C1', FLAG, 'stall-1'));
    expect(write.value.status).toBe(503);
    expect(write.value.headers['retry-after']).toBe('2');
    expect(write.value.body.code).toBe('unavailable');
    expect(write.ms).toBeLessThan(3_000);
    const read = await timed(() => api.read());
    expect(read.value.status).toBe(503);
    expect(read.ms).toBeLessThan(3_000);

    redis.resume();
    await expect.poll(async () => (await api.read()).status, { timeout: 5_000 }).toBe(200);
    const retry = await api.send('C1', FLAG, 'stall-1');
    const again = await api.send('C1', FLAG, 'stall-1');
    expect([200, 201]).toContain(retry.status);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, seq: retry.body.seq, hash: retry.body.hash });
    expect(await logged(s, 'C1', FLAG.type)).toBe(1);
  });

  it('when requests keep arriving as Redis freezes, then each is answered 503 within 3 s of its start, not after the requests queued before it', async () => {
    const api = client(s);
    await expect.poll(async () => (await api.read()).status, { timeout: 5_000 }).toBe(200);
    redis.freeze();
    // Staggered, so they land in successive client pipelines, each waiting for the one before.
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 100));
        return timed(() => api.read());
      }),
    );
    redis.resume();
    expect(answers.map((a) => a.value.status)).toEqual(Array.from({ length: 12 }, () => 503));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(3_000);
  });

  it('when Redis is killed, then requests answer 503 within 3 s, and once it is back they succeed again', async () => {
    const api = client(s);
    await redis.kill();
    const read = await timed(() => api.read());
    expect(read.value.status).toBe(503);
    expect(read.value.headers['retry-after']).toBe('2');
    expect(read.ms).toBeLessThan(3_000);

    await redis.restart();
    await expect.poll(async () => (await api.read()).status, { timeout: 5_000 }).toBe(200);
    expect((await api.send('C1', CLEAR, 'after-restart')).status).toBe(201);
  });
});

describe('request time-out', () => {
  let redis: PrivateTestRedis;
  let s: RealServer;
  beforeAll(async () => {
    redis = await startPrivateTestRedis();
    s = await startRealServer(redis.url, { REDIS_COMMAND_TIMEOUT_MS: '10000', REQUEST_TIMEOUT_MS: '800' });
  });
  afterAll(async () => {
    redis.resume();
    await s.stop();
    await redis.stop();
  });

  it('when a request gets no answer within REQUEST_TIMEOUT_MS, then it is answered 503 timeout then, not when Redis gives up', async () => {
    const api = client(s);
    expect((await api.read()).status).toBe(200);
    redis.freeze();
    const read = await timed(() => api.read());
    redis.resume();
    expect(read.value.status).toBe(503);
    expect(read.value.body.code).toBe('timeout');
    expect(read.value.headers['retry-after']).toBe('2');
    expect(read.ms).toBeGreaterThanOrEqual(790);
    expect(read.ms).toBeLessThan(3_000);
  });
});

describe("the request's own retry", () => {
  let redis: PrivateTestRedis;
  let proxy: CuttingProxy;
  let s: RealServer;
  beforeAll(async () => {
    redis = await startPrivateTestRedis();
    proxy = await startCuttingProxy(redis.port);
    s = await startRealServer(proxy.url);
  });
  afterAll(async () => {
    await s.stop();
    await proxy.close();
    await redis.stop();
  });

  it('when the connection drops after Redis appended the event, then the resent command answers 201 with duplicate false, and the log holds it once', async () => {
    const api = client(s);
    // A first append loads the script on the server, and leaves C1 known to the engine, so the next
    // write to C1 goes straight to the append: the cut command below is the append itself.
    expect((await api.send('C1', FLAG, 'warm-up')).status).toBe(201);
    proxy.cutAnswerTo('own-retry-1');

    const first = await api.send('C1', CLEAR, 'own-retry-1');
    expect(proxy.cuts()).toBe(1);
    expect(first.status).toBe(201);
    expect(first.body.duplicate).toBe(false);
    const retry = await api.send('C1', CLEAR, 'own-retry-1');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ duplicate: true, seq: first.body.seq, hash: first.body.hash });
    expect(await logged(s, 'C1', CLEAR.type)).toBe(1);
  });
});

describe('live streams across a stall', () => {
  let redis: PrivateTestRedis;
  let s: RealServer;
  beforeAll(async () => {
    redis = await startPrivateTestRedis();
    s = await startRealServer(redis.url);
  });
  afterAll(async () => {
    redis.resume();
    await s.stop();
    await redis.stop();
  });

  it('when the first stream of the process is opened while Redis is frozen, then 503, and once Redis resumes streams open again', async () => {
    /** The status a stream request is answered with; the stream itself is dropped at once. */
    const streamStatus = () =>
      new Promise<number>((resolve, reject) => {
        const headers = { Authorization: `Bearer ${s.token.secretary}` };
        get({ host: '127.0.0.1', port: s.port, path: '/api/v1/alerts/stream', headers }, (res) => {
          resolve(res.statusCode ?? 0);
          res.destroy();
        }).on('error', reject);
      });
    expect((await client(s).read()).status).toBe(200);
    redis.freeze();
    const refused = await timed(streamStatus);
    expect(refused.value).toBe(503);
    expect(refused.ms).toBeLessThan(3_000);
    redis.resume();
    await expect.poll(streamStatus, { timeout: 10_000, interval: 300 }).toBe(200);
  });
});
