import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertStore } from '../../src/alerts/alert-store.js';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { subscribeAlerts } from '../../src/alerts/live-alerts.js';
import { createTestRedis } from '../support/redis.js';
import { buildAlert } from './support/build-alert.js';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('live'));
});
afterEach(async () => cleanup());

describe('live alerts', () => {
  it('when an alert is recorded twice, then subscribers of that prefix hear it exactly once and others not at all', async () => {
    const heard: Alert[] = [];
    const elsewhere: Alert[] = [];
    const stop = await subscribeAlerts(redis, prefix, (a) => heard.push(a));
    const stopOther = await subscribeAlerts(redis, `${prefix}-other`, (a) => elsewhere.push(a));
    const store = createAlertStore(redis, prefix);
    const alert = buildAlert();
    await store.record(alert);
    await store.record(alert);
    const marker = buildAlert();
    await store.record(marker);
    await expect.poll(() => heard.length).toBe(2);
    expect(heard.map((a) => a.id)).toEqual([alert.id, marker.id]);
    expect(heard[0]).toEqual(alert);
    expect(elsewhere).toEqual([]);
    await stop();
    await stopOther();
  });

  it('when unsubscribed, then later alerts are not delivered', async () => {
    const heard: Alert[] = [];
    const stop = await subscribeAlerts(redis, prefix, (a) => heard.push(a));
    await stop();
    await createAlertStore(redis, prefix).record(buildAlert());
    const probe: Alert[] = [];
    const stopProbe = await subscribeAlerts(redis, prefix, (a) => probe.push(a));
    await createAlertStore(redis, prefix).record(buildAlert());
    await expect.poll(() => probe.length).toBe(1);
    expect(heard).toEqual([]);
    await stopProbe();
  });
});
