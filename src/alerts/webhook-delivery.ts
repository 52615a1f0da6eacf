import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { systemClock, type Clock } from '../shared/clock.js';
import { alertKeys } from './alert-keys.js';
import type { Alert } from './alert.schema.js';
import type { AlertDelivery } from './deadline-firing.ports.js';
import type { WebhookConfig, WebhookConfigStore } from './webhook-config.js';
import { signWebhookBody, WEBHOOK_HEADERS } from './webhook-signature.js';
import { postJson } from './webhook-http.js';
import {
  redactWebhookUrl,
  STRICT_WEBHOOK_POLICY,
  webhookUrlProblem,
  type WebhookPolicy,
} from './webhook-policy.js';

/** Data of one webhook delivery job: which alert to post to which team's endpoint. */
export const webhookJobSchema = z.object({ alertId: z.string().min(1), team: z.string().min(1) });
export type WebhookJobData = z.infer<typeof webhookJobSchema>;

/** Retry policy of deliveries: `attempts` tries, exponential backoff starting at `backoffMs`. */
export interface WebhookRetryPolicy {
  attempts: number;
  backoffMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { attempts: 8, backoffMs: 5_000 };

/**
 * One delivery per (alert, team), so re-enqueueing after a crash is ignored while the job is kept.
 * Completed jobs are kept for a week for that reason; receivers de-duplicate on the delivery header.
 */
export function webhookJobId(alertId: string, team: string): string {
  return `wh|${encodeURIComponent(alertId)}|${encodeURIComponent(team)}`;
}

/** The teams among `recipients` that have a webhook configured, in order. */
export async function webhookTeams(
  configs: WebhookConfigStore,
  recipients: readonly string[],
): Promise<string[]> {
  const found = await configs.getWebhooks(recipients);
  return recipients.filter((_, i) => found[i] !== null);
}

/** Enqueues one delivery job of alert `alertId` per team; returns how many. */
export async function enqueueWebhookJobs(
  queue: Queue<WebhookJobData>,
  alertId: string,
  teams: readonly string[],
  retry: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY,
): Promise<number> {
  if (teams.length === 0) return 0;
  await queue.addBulk(
    teams.map((team) => ({
      name: 'deliver',
      data: { alertId, team },
      opts: {
        jobId: webhookJobId(alertId, team),
        attempts: retry.attempts,
        backoff: { type: 'exponential', delay: retry.backoffMs },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    })),
  );
  return teams.length;
}

/** Enqueues a delivery job for every recipient team of `alert` that has a webhook; returns how many. */
export async function enqueueWebhookDeliveries(
  queue: Queue<WebhookJobData>,
  configs: WebhookConfigStore,
  alert: Alert,
  retry: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY,
): Promise<number> {
  return enqueueWebhookJobs(queue, alert.id, await webhookTeams(configs, alert.recipients), retry);
}

/** The delivery port of a deadline firing over webhooks: teams with a webhook each get a job. */
export function createWebhookAlertDelivery(
  queue: Queue<WebhookJobData>,
  configs: WebhookConfigStore,
  retry: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY,
): AlertDelivery {
  return {
    prepare: (recipients) => webhookTeams(configs, recipients),
    send: async (alert, teams) => void (await enqueueWebhookJobs(queue, alert.id, teams, retry)),
  };
}

/** A failed HTTP delivery; `permanent` when retrying cannot help (4xx other than 408/429). */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/** The raw body posted to receivers; it is what the signature covers. */
export function webhookBody(team: string, alert: Alert): string {
  return JSON.stringify({ delivery: alert.id, team, alert });
}

/** Posts one signed alert; resolves on 2xx, throws `WebhookDeliveryError` otherwise. */
export async function postWebhook(
  config: WebhookConfig,
  team: string,
  alert: Alert,
  options: { clock?: Clock; timeoutMs?: number; policy?: WebhookPolicy } = {},
): Promise<void> {
  const url = new URL(config.url);
  const shown = redactWebhookUrl(url);
  const policy = options.policy ?? STRICT_WEBHOOK_POLICY;
  // Checked again here: the configuration may predate the policy.
  const problem = webhookUrlProblem(url, policy);
  if (problem !== null) throw new WebhookDeliveryError(`webhook ${shown} refused: it ${problem}`, true);
  const body = webhookBody(team, alert);
  const timestamp = Math.floor((options.clock ?? systemClock).now().getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    [WEBHOOK_HEADERS.signature]: signWebhookBody(config.secret, timestamp, body),
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.delivery]: alert.id,
  };
  const outcome = await postJson(url, body, headers, { policy, timeoutMs: options.timeoutMs ?? 10_000 });
  if (outcome.kind === 'refused')
    throw new WebhookDeliveryError(`webhook ${shown} refused: ${outcome.message}`, true);
  if (outcome.kind === 'unreachable')
    throw new WebhookDeliveryError(`webhook ${shown} unreachable: ${outcome.message}`, false);
  const { status } = outcome;
  if (status >= 200 && status < 300) return;
  if (status >= 300 && status < 400)
    throw new WebhookDeliveryError(
      `webhook ${shown} answered ${status}: redirects are not followed; configure the final URL`,
      true,
    );
  const permanent = status >= 400 && status < 500 && ![408, 429].includes(status);
  throw new WebhookDeliveryError(`webhook ${shown} answered ${status}`, permanent);
}

/** A delivery given up after its last attempt. */
export const deadLetterSchema = z.object({
  alertId: z.string(),
  team: z.string(),
  url: z.string(),
  attempts: z.number().int(),
  error: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

/** Appends a dead letter; the list is what an operator replays or inspects. */
export async function recordDeadLetter(redis: Redis, prefix: string, letter: DeadLetter): Promise<void> {
  await redis.rpush(alertKeys(prefix).deadLetters(), JSON.stringify(deadLetterSchema.parse(letter)));
}

/** Where a worker puts the deliveries it gave up on. */
export interface DeadLetters {
  record(letter: DeadLetter): Promise<void>;
}

/** The dead-letter list of one deployment prefix. */
export function createDeadLetters(redis: Redis, prefix: string): DeadLetters {
  return { record: (letter) => recordDeadLetter(redis, prefix, letter) };
}

/** Dead-lettered deliveries, oldest first. */
export async function listDeadLetters(redis: Redis, prefix: string): Promise<DeadLetter[]> {
  const raws = await redis.lrange(alertKeys(prefix).deadLetters(), 0, -1);
  return raws.map((r) => deadLetterSchema.parse(JSON.parse(r)));
}
