import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertContextReader } from '../../src/alerts/alert-context.js';
import type { FireDeadlinePointDeps } from '../../src/alerts/deadline-firing.ports.js';
import { fireDeadlinePoint } from '../../src/alerts/fire-deadline-point.js';
import { createWebhookConfigStore } from '../../src/alerts/webhook-config.js';
import {
  createWebhookAlertDelivery,
  webhookJobId,
  type WebhookJobData,
} from '../../src/alerts/webhook-delivery.js';
import { alertPointsOf, type AlertPoint } from '../../src/deadlines/alert-points.js';
import { bullPrefix } from '../../src/deadlines/queues.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createKeySpace } from '../../src/store/keys.js';
import { principals } from '../support/builders.js';
import { buildChain, counterValue, openPipeline, type Pipeline } from '../workers/support/harness.js';

// Every port is a real adapter on the test's own Redis namespace: the unit context reader, the alert
// store, webhook delivery onto a real BullMQ queue, and the BullMQ scheduler of the deadline queue.
const clock = createManualClock('2020-03-31T12:00:00.000Z');
let pipeline: Pipeline;
let webhooks: Queue<WebhookJobData>;
let deps: FireDeadlinePointDeps;

beforeEach(async () => {
  pipeline = await openPipeline('fire-point', clock);
  await pipeline.importUnits(buildChain(1));
  webhooks = new Queue<WebhookJobData>(pipeline.names.webhooks, {
    connection: pipeline.redis,
    prefix: bullPrefix(pipeline.prefix),
  });
  // The receiver listens on this machine: the host policy lets the test name it.
  const configs = createWebhookConfigStore(pipeline.redis, pipeline.prefix, { allowHosts: ['127.0.0.1'] });
  await configs.setWebhook('wg:wg-c1', { url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars' });
  deps = {
    units: createAlertContextReader(pipeline.redis, createKeySpace(pipeline.prefix)),
    alerts: pipeline.alerts,
    metrics: pipeline.metrics,
    clock,
    delivery: createWebhookAlertDelivery(webhooks, configs),
    scheduler: pipeline.scheduler,
  };
});
afterEach(async () => {
  await webhooks.close();
  await pipeline.cleanup();
});

async function pointOf(unitId: string, kind: string, type: AlertPoint['point']['type'], rung = 1) {
  const view = await pipeline.engine.getUnit(unitId, principals.system);
  const points = view.deadlines.flatMap((d) => alertPointsOf(unitId, d));
  return points.find(
    (p) =>
      p.deadline.kind === kind &&
      p.point.type === type &&
      (p.point.type !== 'escalation' || p.point.rung === rung),
  )!;
}

describe('fireDeadlinePoint', () => {
  it('when the overdue point fires, then the unit is marked overdue (at risk); an escalation marks nothing', async () => {
    const marking = { ...deps, overdueMarks: pipeline.engine };
    expect(await fireDeadlinePoint(marking, await pointOf('cell-1', 'congress.held', 'escalation', 1))).toBe(
      'recorded',
    );
    expect((await pipeline.engine.getUnit('cell-1', principals.system)).riskReasons).toEqual([]);
    expect(await fireDeadlinePoint(marking, await pointOf('cell-1', 'congress.held', 'overdue'))).toBe(
      'recorded',
    );
    expect((await pipeline.engine.getUnit('cell-1', principals.system)).riskReasons).toEqual(['overdue']);
  });

  it('when an open overdue point fires, then its alert is stored, the team with a webhook gets one job and the next rung is queued', async () => {
    const overdue = await pointOf('cell-1', 'congress.held', 'overdue');
    const rung1 = await pointOf('cell-1', 'congress.held', 'escalation', 1);
    expect(await pipeline.queue.getJobState(rung1.jobId)).toBe('unknown');

    expect(await fireDeadlinePoint(deps, overdue)).toBe('recorded');

    expect(await pipeline.alerts.get(overdue.jobId)).toMatchObject({
      id: overdue.jobId,
      type: 'overdue',
      unitId: 'cell-1',
      recipients: ['unit:cell-1', 'wg:wg-c1'],
      createdAt: clock.now().toISOString(),
    });
    const jobs = await webhooks.getJobs(['waiting', 'delayed']);
    expect(jobs.map((j) => j.id)).toEqual([webhookJobId(overdue.jobId, 'wg:wg-c1')]);
    expect(await pipeline.queue.getJobState(rung1.jobId)).toBe('delayed');
    expect(await counterValue(pipeline.metrics, 'congress_alerts_written_total')).toBe(1);
  });

  it('when the same point fires again later, then the first record is kept and delivery is not queued twice', async () => {
    const overdue = await pointOf('cell-1', 'congress.held', 'overdue');
    expect(await fireDeadlinePoint(deps, overdue)).toBe('recorded');
    const first = await pipeline.alerts.get(overdue.jobId);
    clock.advance(60_000);

    expect(await fireDeadlinePoint(deps, overdue)).toBe('duplicate');

    expect(await pipeline.alerts.get(overdue.jobId)).toEqual(first);
    expect(await pipeline.alerts.listUnit('cell-1')).toHaveLength(1);
    expect(await webhooks.count()).toBe(1);
    expect(await counterValue(pipeline.metrics, 'congress_alerts_written_total')).toBe(1);
    expect(await counterValue(pipeline.metrics, 'congress_alerts_duplicate_total')).toBe(1);
  });

  it('when the unit has since left the step, then the firing is stale and writes, delivers and queues nothing', async () => {
    await pipeline.engine.dispatch(
      'cell-1',
      { type: 'plan.submitted', payload: { reference: 'KH-1' } },
      principals.secretaryOf('cell-1'),
    );
    const overdue = await pointOf('cell-1', 'plan.approval', 'overdue');
    const rung1 = await pointOf('cell-1', 'plan.approval', 'escalation', 1);
    await pipeline.engine.dispatch(
      'cell-1',
      { type: 'plan.approved', payload: {} },
      principals.committeeOf('base-1'),
    );

    expect(await fireDeadlinePoint(deps, overdue)).toBe('stale');

    expect(await pipeline.alerts.get(overdue.jobId)).toBeNull();
    expect(await webhooks.count()).toBe(0);
    expect(await pipeline.queue.getJobState(rung1.jobId)).toBe('unknown');
    expect(await counterValue(pipeline.metrics, 'congress_alerts_stale_total')).toBe(1);
  });

  it('when the escalation rung lies above the root, then no alert is raised and it is counted skipped', async () => {
    const levelAbove = await pointOf('province-1', 'congress.held', 'escalation', 3);
    expect(levelAbove.point).toMatchObject({ type: 'escalation', recipient: 'level_above' });

    expect(await fireDeadlinePoint(deps, levelAbove)).toBe('skipped');

    expect(await pipeline.alerts.get(levelAbove.jobId)).toBeNull();
    expect(await webhooks.count()).toBe(0);
    expect(await counterValue(pipeline.metrics, 'congress_alerts_skipped_total')).toBe(1);
  });
});
