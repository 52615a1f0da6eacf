import { UnrecoverableError } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { alertPointsOf, type AlertPoint } from '../../src/deadlines/alert-points.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createAlertContextReader } from '../../src/alerts/alert-context.js';
import { createKeySpace } from '../../src/store/keys.js';
import { createDeadlineProcessor } from '../../workers/deadline.worker.js';
import { principals } from '../support/builders.js';
import { buildChain, counterValue, openPipeline, type Pipeline } from './support/harness.js';

const clock = createManualClock('2020-03-31T12:00:00.000Z');
let pipeline: Pipeline;
let delivered: Alert[];
let sentTo: string[][];

beforeEach(async () => {
  pipeline = await openPipeline('processor', clock);
  await pipeline.importUnits(buildChain(1));
  delivered = [];
  sentTo = [];
});
afterEach(async () => pipeline.cleanup());

function processor() {
  return createDeadlineProcessor({
    units: createAlertContextReader(pipeline.redis, createKeySpace(pipeline.prefix)),
    alerts: pipeline.alerts,
    metrics: pipeline.metrics,
    clock,
    // Working groups stand for the teams that configured a webhook.
    delivery: {
      prepare: (recipients) => Promise.resolve(recipients.filter((t) => t.startsWith('wg:'))),
      send: (alert, teams) => {
        delivered.push(alert);
        sentTo.push([...teams]);
        return Promise.resolve();
      },
    },
    scheduler: pipeline.scheduler,
  });
}

async function pointsOf(unitId: string): Promise<AlertPoint[]> {
  const view = await pipeline.engine.getUnit(unitId, principals.system);
  return view.deadlines.flatMap((d) => alertPointsOf(unitId, d));
}

describe('deadline processor', () => {
  it('when an open point fires twice, then one alert is recorded and delivery is asked both times with it', async () => {
    const overdue = (await pointsOf('cell-1')).find((p) => p.point.type === 'overdue')!;
    expect(await processor()({ data: overdue })).toBe('recorded');
    expect(await processor()({ data: overdue })).toBe('duplicate');
    const stored = await pipeline.alerts.get(overdue.jobId);
    expect(stored).toMatchObject({
      id: overdue.jobId,
      type: 'overdue',
      unitId: 'cell-1',
      recipients: ['unit:cell-1', 'wg:wg-c1'],
    });
    expect(delivered).toEqual([stored, stored]);
    expect(sentTo).toEqual([['wg:wg-c1'], ['wg:wg-c1']]);
    expect(await counterValue(pipeline.metrics, 'congress_alerts_duplicate_total')).toBe(1);
  });

  it('when a point fires, then the following point of its deadline is queued, and a repeated firing re-queues it once', async () => {
    const points = await pointsOf('cell-1');
    const overdue = points.find((p) => p.point.type === 'overdue')!;
    const rung1 = points.find(
      (p) => p.deadline.kind === overdue.deadline.kind && p.point.type === 'escalation',
    )!;
    expect(await processor()({ data: overdue })).toBe('recorded');
    expect(await pipeline.queue.getJobState(rung1.jobId)).toBe('delayed');
    await pipeline.queue.remove(rung1.jobId);
    // A retry after a crash between recording and queueing repairs the chain.
    expect(await processor()({ data: overdue })).toBe('duplicate');
    expect(await pipeline.queue.getJobState(rung1.jobId)).toBe('delayed');
    expect((await pipeline.queue.getJobs(['delayed'])).filter((j) => j.id === rung1.jobId)).toHaveLength(1);
  });

  it('when the job data is malformed, then it fails for good and writes nothing', async () => {
    const [point] = await pointsOf('cell-1');
    const bad = { ...point!, deadline: { ...point!.deadline, enteredSeq: 'three' } };
    await expect(processor()({ data: bad })).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(processor()({ data: { jobId: 'x' } })).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await pipeline.alerts.listUnit('cell-1')).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('when the unit does not exist, then the firing is stale', async () => {
    const [point] = await pointsOf('cell-1');
    const ghost = {
      ...point!,
      unitId: 'no-such-unit',
      jobId: point!.jobId.replace('cell-1', 'no-such-unit'),
    };
    expect(await processor()({ data: ghost })).toBe('stale');
    expect(await counterValue(pipeline.metrics, 'congress_alerts_stale_total')).toBe(1);
    expect(await pipeline.alerts.get(ghost.jobId)).toBeNull();
  });

  it('when an escalation rung lies above the root, then no alert is raised and it is counted skipped', async () => {
    const points = await pointsOf('district-1');
    const levelAbove = points.find(
      (p) => p.point.type === 'escalation' && p.point.recipient === 'level_above',
    )!;
    expect(await processor()({ data: levelAbove })).toBe('skipped');
    expect(await pipeline.alerts.get(levelAbove.jobId)).toBeNull();
    expect(await counterValue(pipeline.metrics, 'congress_alerts_skipped_total')).toBe(1);
  });

  it("when an approval clock escalates to the working group, then the superior's working group gets it", async () => {
    await pipeline.engine.dispatch(
      'cell-1',
      { type: 'plan.submitted', payload: { reference: 'KH-1' } },
      principals.secretaryOf('cell-1'),
    );
    const points = await pointsOf('cell-1');
    const approval = (type: string) =>
      points.find((p) => p.deadline.kind === 'plan.approval' && p.point.type === type)!;
    const rung1 = points.find(
      (p) =>
        p.deadline.kind === 'plan.approval' &&
        p.point.type === 'escalation' &&
        p.point.recipient === 'working_group',
    )!;
    expect(await processor()({ data: approval('overdue') })).toBe('recorded');
    expect(await processor()({ data: rung1 })).toBe('recorded');
    expect((await pipeline.alerts.get(approval('overdue').jobId))?.recipients).toEqual(['sc:base-1']);
    // base-1's working group belongs to district-1; cell-1's own (wg-c1) is not concerned.
    expect((await pipeline.alerts.get(rung1.jobId))?.recipients).toEqual(['wg:wg-b']);
  });

  it('when the step a point belongs to was left, then the firing is stale and nothing is written', async () => {
    const overdue = (await pointsOf('cell-1')).find((p) => p.point.type === 'overdue')!;
    await pipeline.redis.set(createKeySpace(pipeline.prefix).deadlines('cell-1'), '[]');
    expect(await processor()({ data: overdue })).toBe('stale');
    expect(await pipeline.alerts.get(overdue.jobId)).toBeNull();
    expect(delivered).toEqual([]);
    const following = (await pointsOf('cell-1')).filter((p) => p.fireAt > overdue.fireAt);
    for (const p of following) expect(await pipeline.queue.getJob(p.jobId)).toBeUndefined();
  });

  it('when the unit was dissolved, then its firing is stale even if a deadline set lingers', async () => {
    const overdue = (await pointsOf('cell-1')).find((p) => p.point.type === 'overdue')!;
    await pipeline.redis.hset(createKeySpace(pipeline.prefix).unit('cell-1'), 'status', 'dissolved');
    expect(await processor()({ data: overdue })).toBe('stale');
    expect(await pipeline.alerts.get(overdue.jobId)).toBeNull();
  });
});
