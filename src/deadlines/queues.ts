import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';

/** Names of the BullMQ queues the deadline and alert pipeline uses. */
export interface QueueNames {
  deadlines: string;
  webhooks: string;
  digests: string;
}

export const DEFAULT_QUEUE_NAMES: QueueNames = {
  deadlines: 'deadlines',
  webhooks: 'webhooks',
  digests: 'digests',
};

/**
 * BullMQ key prefix for an application prefix. Queues live under the same prefix as the rest of the
 * data so one deployment (or one test) owns and cleans exactly its own keys.
 */
export function bullPrefix(prefix: string): string {
  return `${prefix}:bull`;
}

/** Where a queue lives: a connection plus the application prefix and the queue's name. */
export interface QueueLocation {
  connection: ConnectionOptions;
  prefix: string;
  name: string;
}

/**
 * Deadline jobs are removed once done: the alert record is the durable trace, and the reconciler
 * checks alerts before re-adding. Failed jobs stay visible for the dashboard.
 */
export const deadlineJobOptions: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { count: 10_000 },
};
