import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { firstPoint } from '../../src/deadlines/point-chain.js';
import { createEngine } from '../../src/engine/index.js';
import { principals } from '../support/builders.js';
import {
  buildChain,
  counterValue,
  createScaledClock,
  openPipeline,
  type Pipeline,
} from './support/harness.js';

/** Virtual days pass this many real milliseconds: the cell's 25-day deadline story runs in ~5 s. */
const VIRTUAL_DAY_MS = 200;
const START = '2020-03-16T02:00:00.000Z';
const pointOf = (a: Alert) => a.id.split('|').at(-1);

let pipeline: Pipeline;
afterEach(async () => pipeline.cleanup());

async function alertsOf(unitId: string, kind: string): Promise<Alert[]> {
  const all = await pipeline.alerts.listUnit(unitId);
  return all.filter((a) => a.deadline?.kind === kind).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

describe('deadline alerts end to end', () => {
  it('when a unit is late, then reminders, overdue and each escalation arrive in order to the right teams; an on-time unit gets none after finishing', async () => {
    const clock = createScaledClock(START, VIRTUAL_DAY_MS);
    pipeline = await openPipeline('late', clock);
    await pipeline.importUnits(buildChain(2));
    await pipeline.startWorkers({ concurrency: 1 });
    await pipeline.engine.dispatch(
      'cell-2',
      { type: 'plan.submitted', payload: { reference: 'KH-2' } },
      principals.secretaryOf('cell-2'),
    );
    await expect
      .poll(() => alertsOf('cell-2', 'plan.approval').then((a) => a.length), {
        timeout: 10_000,
        interval: 20,
      })
      .toBeGreaterThanOrEqual(1);
    await pipeline.engine.dispatch(
      'cell-2',
      { type: 'plan.approved', payload: {} },
      principals.committeeOf('base-1'),
    );
    const approvedAt = clock.now().toISOString();

    await expect
      .poll(() => alertsOf('cell-1', 'congress.held').then((a) => a.length), {
        timeout: 20_000,
        interval: 50,
      })
      .toBe(7);
    const late = await alertsOf('cell-1', 'congress.held');
    expect(late.map(pointOf)).toEqual(['rem7', 'rem3', 'rem1', 'due', 'esc1', 'esc2', 'esc3']);
    expect(late.map((a) => a.type)).toEqual([
      'reminder',
      'reminder',
      'reminder',
      'overdue',
      'escalation',
      'escalation',
      'escalation',
    ]);
    for (const a of late) expect(Date.parse(a.createdAt)).toBeGreaterThanOrEqual(Date.parse(a.fireAt));
    expect(late.map((a) => a.recipients)).toEqual([
      ['unit:cell-1', 'wg:wg-c1'],
      ['unit:cell-1', 'wg:wg-c1'],
      ['unit:cell-1', 'wg:wg-c1'],
      ['unit:cell-1', 'wg:wg-c1'],
      ['wg:wg-c1'],
      ['sc:base-1'],
      ['sc:district-1'],
    ]);
    expect(late.slice(4).map((a) => a.rung)).toEqual([1, 2, 3]);

    // Approved days before its due time: only reminders raised before approval, never overdue or escalations.
    const onTime = await alertsOf('cell-2', 'plan.approval');
    expect(onTime.map(pointOf)[0]).toBe('rem7');
    expect(new Set(onTime.map((a) => a.type))).toEqual(new Set(['reminder']));
    expect(onTime.every((a) => a.recipients.join() === 'sc:base-1')).toBe(true);
    expect(onTime.every((a) => a.createdAt <= approvedAt)).toBe(true);
    const feed = await pipeline.alerts.listFeed('sc:district-1');
    expect(feed.items.filter((i) => i.alert.unitId === 'cell-1').map((i) => i.alert.id)).toEqual([
      late[6]!.id,
    ]);
  }, 60_000);

  it('when a job fires after the unit advanced without rescheduling, then no alert is raised and the firing is counted stale', async () => {
    const clock = createScaledClock(START, VIRTUAL_DAY_MS / 2);
    pipeline = await openPipeline('stale', clock);
    await pipeline.importUnits(buildChain(1));
    await pipeline.engine.dispatch(
      'cell-1',
      { type: 'plan.submitted', payload: { reference: 'KH-1' } },
      principals.secretaryOf('cell-1'),
    );
    const view = await pipeline.engine.getUnit('cell-1', principals.system);
    const approval = view.deadlines.find((d) => d.kind === 'plan.approval')!;
    const queued = firstPoint('cell-1', approval, clock.now())!;
    // A second engine without a scheduler: the append happens, the job removal does not (a crash in between).
    const unscheduled = createEngine({ redis: pipeline.redis, prefix: pipeline.prefix, clock });
    await unscheduled.dispatch(
      'cell-1',
      { type: 'plan.approved', payload: {} },
      principals.committeeOf('base-1'),
    );
    expect(queued.jobId).toMatch(/^dl\|cell-1\|plan\.approval\|1\|/);
    expect(await pipeline.queue.getJob(queued.jobId)).toBeDefined();
    await pipeline.startWorkers({ concurrency: 4 });
    await expect
      .poll(() => counterValue(pipeline.metrics, 'congress_alerts_stale_total'), {
        timeout: 20_000,
        interval: 50,
      })
      .toBe(1);
    // A stale firing ends its deadline's chain: nothing further of the approval clock is queued.
    const left = await pipeline.queue.getJobs(['delayed', 'waiting', 'active']);
    expect(left.filter((j) => j.data.deadline.kind === 'plan.approval')).toEqual([]);
    // The unit's other deadline keeps its chain going meanwhile.
    await expect
      .poll(() => alertsOf('cell-1', 'congress.held').then((a) => a.length), {
        timeout: 20_000,
        interval: 50,
      })
      .toBeGreaterThan(0);
    expect(await alertsOf('cell-1', 'plan.approval')).toEqual([]);
    expect(await counterValue(pipeline.metrics, 'congress_alerts_stale_total')).toBe(1);
  }, 60_000);
});
