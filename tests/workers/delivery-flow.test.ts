import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { subscribeAlerts } from '../../src/alerts/live-alerts.js';
import { createWebhookConfigStore } from '../../src/alerts/webhook-config.js';
import { verifyWebhookSignature } from '../../src/alerts/webhook-signature.js';
import { createManualClock } from '../../src/shared/clock.js';
import { startReceiver } from '../alerts/support/webhook-receiver.js';
import { buildChain, openPipeline, type Pipeline } from './support/harness.js';

const SECRET = 'working-group-secret-42';
let pipeline: Pipeline;
let teardown: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of teardown) await step();
  teardown = [];
  await pipeline.cleanup();
});

describe('delivery of deadline alerts', () => {
  it('when a unit becomes overdue, then its working group webhook and live subscribers each get the alert once', async () => {
    pipeline = await openPipeline('delivery', createManualClock('2020-03-31T12:00:00.000Z'));
    const receiver = await startReceiver([500, 200]);
    teardown.push(receiver.close);
    const local = { allowHosts: ['127.0.0.1'] };
    await createWebhookConfigStore(pipeline.redis, pipeline.prefix, local).setWebhook('wg:wg-c1', {
      url: receiver.url,
      secret: SECRET,
    });
    const live: Alert[] = [];
    teardown.push(await subscribeAlerts(pipeline.redis, pipeline.prefix, (a) => live.push(a)));

    await pipeline.importUnits(buildChain(1));
    await pipeline.startWorkers({
      webhookRetry: { attempts: 3, backoffMs: 20 },
      webhookAllowHosts: local.allowHosts,
    });

    await expect
      .poll(() => receiver.received.filter((r) => r.status === 200).length, { timeout: 10_000 })
      .toBe(1);
    const accepted = receiver.received.find((r) => r.status === 200)!;
    const body = JSON.parse(accepted.rawBody) as { team: string; alert: Alert };
    expect(body.team).toBe('wg:wg-c1');
    expect(body.alert).toMatchObject({ type: 'overdue', unitId: 'cell-1' });
    expect(accepted.headers['x-congress-delivery']).toBe(body.alert.id);
    const signature = accepted.headers['x-congress-signature'] as string;
    const timestamp = accepted.headers['x-congress-timestamp'] as string;
    expect(verifyWebhookSignature({ secret: SECRET, rawBody: accepted.rawBody, signature, timestamp })).toBe(
      true,
    );
    expect(receiver.received).toHaveLength(2);

    await expect.poll(() => live.length).toBe(1);
    expect(live[0]).toEqual(await pipeline.alerts.get(body.alert.id));
  });
});
