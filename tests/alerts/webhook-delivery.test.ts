import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertStore } from '../../src/alerts/alert-store.js';
import { createAlertMetrics } from '../../src/alerts/metrics.js';
import { createWebhookConfigStore } from '../../src/alerts/webhook-config.js';
import {
  enqueueWebhookDeliveries,
  createDeadLetters,
  listDeadLetters,
  type WebhookJobData,
} from '../../src/alerts/webhook-delivery.js';
import { verifyWebhookSignature } from '../../src/alerts/webhook-signature.js';
import { bullPrefix } from '../../src/deadlines/queues.js';
import { ValidationError } from '../../src/shared/errors.js';
import { systemClock } from '../../src/shared/clock.js';
import { createWebhookProcessor } from '../../workers/webhook.worker.js';
import { uniqueQueueNames } from '../deadlines/support/queues.js';
import { createTestRedis } from '../support/redis.js';
import { buildAlert } from './support/build-alert.js';
import { startReceiver } from './support/webhook-receiver.js';

const SECRET = 'team-secret-0123456789';
const RETRY = { attempts: 3, backoffMs: 20 };
/** The receivers listen on loopback, which webhooks may reach only when WEBHOOK_ALLOW_HOSTS lists it. */
const LOCAL = { allowHosts: ['127.0.0.1'] };

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let queue: Queue<WebhookJobData>;
let worker: Worker;
const metrics = createAlertMetrics();

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('webhook'));
  const name = uniqueQueueNames().webhooks;
  const connection = { connection: redis, prefix: bullPrefix(prefix) };
  queue = new Queue<WebhookJobData>(name, connection);
  const deps = {
    deadLetters: createDeadLetters(redis, prefix),
    alerts: createAlertStore(redis, prefix),
    configs: createWebhookConfigStore(redis, prefix, LOCAL),
    metrics,
    clock: systemClock,
    policy: LOCAL,
  };
  worker = new Worker(name, createWebhookProcessor(deps), connection);
});
afterEach(async () => {
  await worker.close();
  await queue.close();
  await cleanup();
});

async function recordAlertWithWebhook(url: string) {
  const alert = buildAlert();
  await createAlertStore(redis, prefix).record(alert);
  await createWebhookConfigStore(redis, prefix, LOCAL).setWebhook('wg:wg-1', { url, secret: SECRET });
  return alert;
}

describe('webhook delivery', () => {
  it('when the receiver fails twice then succeeds, then it accepts the alert once, correctly signed', async () => {
    const receiver = await startReceiver([500, 500, 204]);
    const alert = await recordAlertWithWebhook(receiver.url);
    expect(await enqueueWebhookDeliveries(queue, createWebhookConfigStore(redis, prefix), alert, RETRY)).toBe(
      1,
    );
    await expect
      .poll(async () => queue.getJobCounts('completed').then((c) => c.completed), { timeout: 10_000 })
      .toBe(1);
    await receiver.close();
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 204]);
    const accepted = receiver.received.at(-1)!;
    expect(accepted.headers['x-congress-delivery']).toBe(alert.id);
    expect(JSON.parse(accepted.rawBody)).toEqual({ delivery: alert.id, team: 'wg:wg-1', alert });
    const valid = verifyWebhookSignature({
      secret: SECRET,
      rawBody: accepted.rawBody,
      signature: accepted.headers['x-congress-signature'] as string,
      timestamp: accepted.headers['x-congress-timestamp'] as string,
    });
    expect(valid).toBe(true);
    expect(await listDeadLetters(redis, prefix)).toEqual([]);
  });

  it('when the same alert is enqueued again, then no second delivery happens', async () => {
    const receiver = await startReceiver([200]);
    const alert = await recordAlertWithWebhook(receiver.url);
    const configs = createWebhookConfigStore(redis, prefix);
    await enqueueWebhookDeliveries(queue, configs, alert, RETRY);
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    await enqueueWebhookDeliveries(queue, configs, alert, RETRY);
    const marker = buildAlert();
    await createAlertStore(redis, prefix).record(marker);
    await enqueueWebhookDeliveries(queue, configs, marker, RETRY);
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(2);
    await receiver.close();
    expect(receiver.received.map((r) => r.headers['x-congress-delivery'])).toEqual([alert.id, marker.id]);
  });

  it('when the receiver always fails, then after the last attempt the delivery is dead-lettered', async () => {
    const receiver = await startReceiver([500]);
    const alert = await recordAlertWithWebhook(receiver.url);
    await enqueueWebhookDeliveries(queue, createWebhookConfigStore(redis, prefix), alert, RETRY);
    await expect.poll(async () => (await listDeadLetters(redis, prefix)).length, { timeout: 10_000 }).toBe(1);
    const [letter] = await listDeadLetters(redis, prefix);
    expect(letter).toMatchObject({ alertId: alert.id, team: 'wg:wg-1', url: receiver.url, attempts: 3 });
    expect(letter!.error).toContain('500');
    expect(receiver.received).toHaveLength(3);
    expect((await queue.getJobCounts('failed')).failed).toBe(1);
    await receiver.close();
  });

  it('when a team has no webhook, then nothing is enqueued for it', async () => {
    const alert = buildAlert();
    expect(await enqueueWebhookDeliveries(queue, createWebhookConfigStore(redis, prefix), alert, RETRY)).toBe(
      0,
    );
    expect(await queue.count()).toBe(0);
  });

  it('when a webhook config is invalid, then it is refused and nothing is stored', async () => {
    const configs = createWebhookConfigStore(redis, prefix);
    await expect(configs.setWebhook('wg:wg-1', { url: 'ftp://x', secret: SECRET })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(configs.setWebhook('wg:wg-1', { url: 'http://x', secret: 'short' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(configs.setWebhook('nobody', { url: 'http://x', secret: SECRET })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
  });
});
