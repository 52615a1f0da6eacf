import { Queue } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueueDashboard } from '../../src/alerts/bull-board.js';
import { bullPrefix } from '../../src/deadlines/queues.js';
import { uniqueQueueNames } from '../deadlines/support/queues.js';
import { createTestRedis } from '../support/redis.js';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let queues: Queue[];

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('board'));
  const names = uniqueQueueNames();
  queues = [names.deadlines, names.webhooks].map(
    (n) => new Queue(n, { connection: redis, prefix: bullPrefix(prefix) }),
  );
});
afterEach(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await cleanup();
});

describe('queue dashboard', () => {
  it('when mounted, then it serves the UI and lists the given queues with their jobs', async () => {
    await queues[0]!.add('overdue', { n: 1 }, { jobId: 'dl|x|k|1|2|due', delay: 60_000 });
    const app = express();
    app.use('/admin/queues', createQueueDashboard(queues, '/admin/queues'));

    const page = await request(app).get('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.text).toContain('congress-engine queues');

    const api = await request(app)
      .get('/admin/queues/api/queues')
      .query({ activeQueue: queues[0]!.name, status: 'delayed' });
    expect(api.status).toBe(200);
    const listed = api.body as { queues: { name: string; counts: Record<string, number> }[] };
    expect(listed.queues.map((q) => q.name).sort()).toEqual(queues.map((q) => q.name).sort());
    expect(listed.queues.find((q) => q.name === queues[0]!.name)!.counts.delayed).toBe(1);
  });
});
