import { UnrecoverableError, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { bullPrefix } from '../../src/deadlines/queues.js';
import { reconcileDeadlines } from '../../src/alerts/reconciler.js';
import { createManualClock } from '../../src/shared/clock.js';
import { buildChain, counterValue, openPipeline, type Pipeline } from './support/harness.js';

/** Two hours after the cells' congresses were due: overdue fires at once, escalations are a day away. */
const clock = createManualClock('2020-03-31T12:00:00.000Z');
const CELLS = 5;

let pipeline: Pipeline;
afterEach(async () => pipeline.cleanup());

function reconcile() {
  return reconcileDeadlines({
    engine: pipeline.engine,
    scheduler: pipeline.scheduler,
    alerts: pipeline.alerts,
    clock,
    metrics: pipeline.metrics,
  });
}

describe('reconciler', () => {
  it('when nothing was lost, then it checks the pending point of every deadline and adds nothing', async () => {
    pipeline = await openPipeline('reconcile', clock);
    await pipeline.importUnits(buildChain(CELLS));
    const jobs = await pipeline.queue.count();
    const report = await reconcile();
    expect(report).toEqual({ units: CELLS + 3, checked: jobs, added: 0 });
    expect(await pipeline.queue.count()).toBe(jobs);
  });

  it('when every BullMQ job was deleted, then it rebuilds them and every due alert still fires, once', async () => {
    pipeline = await openPipeline('reconcile', clock);
    await pipeline.importUnits(buildChain(CELLS));
    const jobs = await pipeline.queue.count();
    await pipeline.queue.obliterate({ force: true });
    expect(await pipeline.queue.count()).toBe(0);

    expect(await reconcile()).toEqual({ units: CELLS + 3, checked: jobs, added: jobs });
    expect(await counterValue(pipeline.metrics, 'congress_reconciler_added_total')).toBe(jobs);
    await pipeline.startWorkers();
    await expect
      .poll(() => counterValue(pipeline.metrics, 'congress_alerts_written_total'), { timeout: 10_000 })
      .toBe(CELLS);
    for (let i = 1; i <= CELLS; i++) {
      const alerts = await pipeline.alerts.listUnit(`cell-${i}`);
      expect(alerts.map((a) => a.type)).toEqual(['overdue']);
    }

    const again = await reconcile();
    expect(again.added).toBe(0);
    expect(await counterValue(pipeline.metrics, 'congress_alerts_duplicate_total')).toBe(0);
  });

  it('when overdue jobs already fired and were removed, then re-running adds nothing because their alerts exist', async () => {
    pipeline = await openPipeline('reconcile', clock);
    await pipeline.importUnits(buildChain(CELLS));
    await pipeline.startWorkers();
    await expect
      .poll(() => counterValue(pipeline.metrics, 'congress_alerts_written_total'), { timeout: 10_000 })
      .toBe(CELLS);
    const pending = await pipeline.queue.count();
    expect((await reconcile()).added).toBe(0);
    expect(await pipeline.queue.count()).toBe(pending);
  });

  it('when a worker died after recording an alert but before queueing the next point, then the next point is re-added', async () => {
    pipeline = await openPipeline('reconcile', clock);
    await pipeline.importUnits(buildChain(CELLS));
    await pipeline.startWorkers();
    await expect
      .poll(() => counterValue(pipeline.metrics, 'congress_alerts_written_total'), { timeout: 10_000 })
      .toBe(CELLS);
    const queued = (await pipeline.queue.getJobs(['delayed'])).map((j) => j.id!).sort();
    const escalations = queued.filter((id) => id.endsWith('|esc1'));
    expect(escalations).toHaveLength(CELLS);
    // The crash: the overdue alerts are recorded, the jobs of their following rung are gone.
    await Promise.all(escalations.map((id) => pipeline.queue.remove(id)));

    expect((await reconcile()).added).toBe(CELLS);
    expect((await pipeline.queue.getJobs(['delayed'])).map((j) => j.id!).sort()).toEqual(queued);
  });

  it('when a deadline job failed for good, then it is re-added and its alert fires', async () => {
    pipeline = await openPipeline('reconcile', clock);
    await pipeline.importUnits(buildChain(1));
    // An outage that outlasted every retry: the overdue job ends in the failed set without an alert.
    const outage = new Worker(
      pipeline.names.deadlines,
      () => Promise.reject(new UnrecoverableError('redis outage')),
      {
        connection: pipeline.redis,
        prefix: bullPrefix(pipeline.prefix),
      },
    );
    await expect
      .poll(() => pipeline.queue.getJobCounts('failed').then((c) => c.failed), { timeout: 10_000 })
      .toBe(1);
    await outage.close();

    expect((await reconcile()).added).toBe(1);
    expect((await pipeline.queue.getJobCounts('failed')).failed).toBe(0);
    await pipeline.startWorkers();
    await expect
      .poll(() => pipeline.alerts.listUnit('cell-1').then((a) => a.map((x) => x.type)), { timeout: 10_000 })
      .toEqual(['overdue']);
  });
});
