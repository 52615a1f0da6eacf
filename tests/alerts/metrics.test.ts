import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertMetrics } from '../../src/alerts/metrics.js';
import { bullPrefix } from '../../src/deadlines/queues.js';
import { uniqueQueueNames } from '../deadlines/support/queues.js';
import { createTestRedis } from '../support/redis.js';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let queue: Queue;

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('metrics'));
  queue = new Queue(uniqueQueueNames().deadlines, { connection: redis, prefix: bullPrefix(prefix) });
});
afterEach(async () => {
  await queue.close();
  await cleanup();
});

describe('alert metrics', () => {
  it('when scraped, then watched queues report their job counts per state', async () => {
    const metrics = createAlertMetrics();
    metrics.watchQueues([queue]);
    await queue.add('overdue', {}, { jobId: 'a|1', delay: 60_000 });
    await queue.add('overdue', {}, { jobId: 'a|2', delay: 60_000 });
    await queue.add('overdue', {}, { jobId: 'a|3' });
    const text = await metrics.registry.metrics();
    expect(text).toContain(`congress_queue_jobs{queue="${queue.name}",state="delayed"} 2`);
    expect(text).toContain(`congress_queue_jobs{queue="${queue.name}",state="waiting"} 1`);
  });

  it('when counters move, then the exposition shows them, and two instances never collide', async () => {
    const metrics = createAlertMetrics();
    const other = createAlertMetrics();
    metrics.alertsWritten.inc({ type: 'overdue' });
    metrics.staleFirings.inc(2);
    metrics.webhookDeliveries.inc({ outcome: 'dead_lettered' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('congress_alerts_written_total{type="overdue"} 1');
    expect(text).toContain('congress_alerts_stale_total 2');
    expect(text).toContain('congress_webhook_deliveries_total{outcome="dead_lettered"} 1');
    expect(await other.registry.metrics()).toContain('congress_alerts_stale_total 0');
    const merged = Registry.merge([metrics.registry, new Registry()]);
    expect(await merged.metrics()).toContain('congress_alerts_stale_total 2');
  });
});
