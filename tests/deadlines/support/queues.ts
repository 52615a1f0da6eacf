import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { DeadlineJobData } from '../../../src/deadlines/deadline-job.schema.js';
import { bullPrefix, deadlineJobOptions, type QueueNames } from '../../../src/deadlines/queues.js';

/** Queue names unique to one test, on top of its unique key prefix. */
export function uniqueQueueNames(): QueueNames {
  const tag = randomUUID().slice(0, 8);
  return { deadlines: `deadlines-${tag}`, webhooks: `webhooks-${tag}`, digests: `digests-${tag}` };
}

/** The deadline queue of a test, under the test's prefix so its cleanup removes the queue too. */
export function testDeadlineQueue(redis: Redis, prefix: string, name: string): Queue<DeadlineJobData> {
  return new Queue<DeadlineJobData>(name, {
    connection: redis,
    prefix: bullPrefix(prefix),
    defaultJobOptions: deadlineJobOptions,
  });
}
