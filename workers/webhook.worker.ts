import { UnrecoverableError, type Job } from 'bullmq';
import type { AlertStore } from '../src/alerts/alert-store.js';
import type { AlertMetrics } from '../src/alerts/metrics.js';
import type { WebhookConfigStore } from '../src/alerts/webhook-config.js';
import {
  postWebhook,
  WebhookDeliveryError,
  webhookJobSchema,
  type DeadLetters,
} from '../src/alerts/webhook-delivery.js';
import { redactWebhookUrl, type WebhookPolicy } from '../src/alerts/webhook-policy.js';
import type { Clock } from '../src/shared/clock.js';

export interface WebhookProcessorDeps {
  /** Deliveries given up after their last attempt (see `createDeadLetters`). */
  deadLetters: DeadLetters;
  alerts: AlertStore;
  configs: WebhookConfigStore;
  metrics: AlertMetrics;
  clock: Clock;
  timeoutMs?: number;
  /** Which URLs may be reached (default: nothing loopback, link-local or private). */
  policy?: WebhookPolicy;
}

/** What a delivery attempt did. */
export type WebhookOutcome = 'delivered' | 'no_webhook';

type DeliveryJob = Pick<Job, 'data' | 'attemptsMade' | 'opts'>;

/** Last try when retrying cannot help or the job has used up its attempts. */
function isLastAttempt(job: DeliveryJob, error: unknown): boolean {
  const permanent = error instanceof WebhookDeliveryError && error.permanent;
  return permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Processor of webhook deliveries: posts the signed alert; a failure is retried by BullMQ with
 * exponential backoff, and after the last attempt the delivery is dead-lettered and the job fails
 * for good. A team whose webhook was removed meanwhile is skipped.
 */
export function createWebhookProcessor(deps: WebhookProcessorDeps) {
  return async (job: DeliveryJob): Promise<WebhookOutcome> => {
    const parsed = webhookJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid webhook job: ${parsed.error.message}`);
    const { alertId, team } = parsed.data;
    const [alert, config] = await Promise.all([deps.alerts.get(alertId), deps.configs.getWebhook(team)]);
    if (alert === null) throw new UnrecoverableError(`alert ${alertId} does not exist`);
    if (config === null) return 'no_webhook';
    try {
      await postWebhook(config, team, alert, {
        clock: deps.clock,
        timeoutMs: deps.timeoutMs,
        policy: deps.policy,
      });
      deps.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      return 'delivered';
    } catch (error) {
      deps.metrics.webhookDeliveries.inc({ outcome: 'failed' });
      if (!isLastAttempt(job, error)) throw error;
      await deps.deadLetters.record({
        alertId,
        team,
        url: redactWebhookUrl(new URL(config.url)),
        attempts: job.attemptsMade + 1,
        error: error instanceof Error ? error.message : String(error),
        at: deps.clock.now().toISOString(),
      });
      deps.metrics.webhookDeliveries.inc({ outcome: 'dead_lettered' });
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
  };
}
