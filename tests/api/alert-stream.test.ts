/**
 * The live alert stream under abuse: streams dropped at any moment leave no Redis connection behind,
 * the per-token and per-process limits hold at their boundaries, and a reconnecting client gets what
 * it missed since its Last-Event-ID.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { startPrivateTestRedis, type PrivateTestRedis } from '../support/private-redis.js';
import { startTestApp, type TestApp } from './api-harness.js';
import { openStream, refusedStatus, type OpenStream } from './sse-client.js';

const alertFor = (id: string, unitId: string, recipients: string[]): Alert => ({
  id,
  type: 'overdue',
  unitId,
  recipients,
  fireAt: '2026-03-01T00:00:00.000Z',
  createdAt: '2026-03-01T00:00:01.000Z',
});

const idOf = (frame: string) => /^id: (.*)$/m.exec(frame)?.[1];

/** Sends a stream request and drops it at one of three moments: at once, on the headers, on the first bytes. */
function abortedStream(t: TestApp, token: string, moment: number): Promise<void> {
  const { port } = t.server.address() as AddressInfo;
  return new Promise((resolve) => {
    const req = request({
      port,
      host: '127.0.0.1',
      path: '/api/v1/alerts/stream',
      headers: { Authorization: `Bearer ${token}` },
    });
    const drop = () => {
      req.destroy();
      resolve();
    };
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    if (moment === 0) req.on('socket', (socket) => socket.on('connect', () => setImmediate(drop)));
    if (moment === 1) req.on('response', drop);
    if (moment === 2) req.on('response', (res) => res.once('data', drop));
    req.end();
  });
}

async function refusal(promise: Promise<OpenStream>) {
  const error = await promise.then(
    (open) => {
      open.res.destroy();
      throw new Error('the stream was accepted');
    },
    (e: unknown) => e,
  );
  return refusedStatus(error);
}

describe('live alert stream: connections', () => {
  let redis: PrivateTestRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await startPrivateTestRedis();
    t = await startTestApp({ sseMaxPerToken: 1_000 }, undefined, {}, redis.url);
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('when 300 streams are dropped before, during and after subscribing, then Redis has as many clients as before', async () => {
    const warm = await openStream(t.server, t.token.secretary);
    warm.res.destroy();
    const baseline = await redis.clientCount();
    const drops = Array.from({ length: 300 }, (_, i) => abortedStream(t, t.token.secretary, i % 3));
    await Promise.all(drops);

    await expect.poll(() => redis.clientCount(), { timeout: 5_000 }).toBe(baseline);
    // The process still serves a stream after the storm, from the same connections.
    const after = await openStream(t.server, t.token.secretary);
    const frame = after.next();
    await t.alertStore.record(alertFor('after-storm', 'C1', ['unit:C1']));
    expect(idOf(await frame)).toBe('after-storm');
    expect(await redis.clientCount()).toBe(baseline);
    after.res.destroy();
  });
});

describe('live alert stream: limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ sseMaxPerToken: 2, sseMaxPerProcess: 3 });
  });
  afterAll(async () => t.close());

  it('when a token opens one stream more than its limit, then that one is refused with 429 until another closes', async () => {
    const first = await openStream(t.server, t.token.secretary);
    const second = await openStream(t.server, t.token.secretary);
    const third = await refusal(openStream(t.server, t.token.secretary));
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('5');

    first.res.destroy();
    await expect
      .poll(async () => {
        const open = await openStream(t.server, t.token.secretary).catch(() => null);
        open?.res.destroy();
        return open !== null;
      })
      .toBe(true);
    second.res.destroy();
  });

  it('when the process serves as many streams as its limit, then the next is refused whatever the token', async () => {
    const held = [
      await openStream(t.server, t.token.secretary),
      await openStream(t.server, t.token.working_group),
      await openStream(t.server, t.token.auditor),
    ];
    const refused = await refusal(openStream(t.server, t.token.standing_committee));
    expect(refused.statusCode).toBe(429);
    held.forEach((s) => s.res.destroy());
  });
});

describe('live alert stream: replay after a reconnect', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('when a client reconnects with Last-Event-ID, then it first gets the alerts of its feeds recorded since, in order, then live ones', async () => {
    const first = await openStream(t.server, t.token.secretary);
    const seen = first.next();
    await t.alertStore.record(alertFor('r-1', 'C1', ['unit:C1']));
    expect(idOf(await seen)).toBe('r-1');
    first.res.destroy();

    await t.alertStore.record(alertFor('r-2', 'C1', ['unit:C1']));
    await t.alertStore.record(alertFor('r-other', 'B3', ['wg:wg3']));
    await t.alertStore.record(alertFor('r-3', 'C1', ['unit:C1']));
    const again = await openStream(t.server, t.token.secretary, { 'Last-Event-ID': 'r-1' });
    expect(idOf(await again.next())).toBe('r-2');
    expect(idOf(await again.next())).toBe('r-3');
    const live = again.next();
    await t.alertStore.record(alertFor('r-4', 'C1', ['unit:C1']));
    expect(idOf(await live)).toBe('r-4');
    again.res.destroy();
  });

  it('when the Last-Event-ID is no longer in the live stream, then the stream opens with a gap notice', async () => {
    const stream = await openStream(t.server, t.token.secretary, { 'Last-Event-ID': 'never-recorded' });
    const frame = await stream.next();
    expect(frame).toContain('event: gap');
    expect(frame).toContain('reload GET /api/v1/alerts');
    stream.res.destroy();
  });
});
