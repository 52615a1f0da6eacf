import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { alertPointsOf } from '../../src/deadlines/alert-points.js';
import { createManualClock } from '../../src/shared/clock.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { principals } from '../support/builders.js';
import { spawnFixture, killAndWait, waitForLine } from './support/child-process.js';
import { buildChain, counterValue, openPipeline, type Pipeline } from './support/harness.js';

/** Two hours after cell-1's congress was due: its overdue alert fires at once, escalations are a day away. */
const CLOCK_AT = '2020-03-31T12:00:00.000Z';
const LOCK_MS = 800;

let pipeline: Pipeline;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child) await killAndWait(child, 'SIGKILL');
  await pipeline.cleanup();
});

describe('worker killed in the middle of processing', () => {
  it.each([
    ['before-record', 'congress_alerts_written_total'],
    ['after-record', 'congress_alerts_duplicate_total'],
  ])(
    'when the worker is SIGKILLed %s, then after restart the alert exists exactly once',
    async (pause, counter) => {
      pipeline = await openPipeline('crash', createManualClock(CLOCK_AT));
      await pipeline.importUnits(buildChain(1));
      const view = await pipeline.engine.getUnit('cell-1', principals.system);
      const points = alertPointsOf('cell-1', view.deadlines[0]!);
      const overdue = points.find((p) => p.point.type === 'overdue')!;
      const rung1 = points.find((p) => p.point.type === 'escalation')!;

      child = spawnFixture('pausing-worker.ts', {
        REDIS_URL: TEST_REDIS_URL,
        PREFIX: pipeline.prefix,
        QUEUE: pipeline.names.deadlines,
        PAUSE: pause,
        LOCK_MS: String(LOCK_MS),
        CLOCK_AT,
      });
      await waitForLine(child, 'paused');
      await killAndWait(child, 'SIGKILL');
      expect(await pipeline.queue.getJobState(overdue.jobId)).toBe('active');
      expect((await pipeline.alerts.get(overdue.jobId)) !== null).toBe(pause === 'after-record');

      await pipeline.startWorkers({ locks: { lockDuration: LOCK_MS, stalledInterval: 300 } });
      await expect
        .poll(() => counterValue(pipeline.metrics, counter), { timeout: 15_000, interval: 50 })
        .toBe(1);
      const alerts = await pipeline.alerts.listUnit('cell-1');
      expect(alerts.map((a) => a.id)).toEqual([overdue.jobId]);
      // The chain goes on: the first escalation, a day away, is the deadline's one queued job.
      expect(await pipeline.queue.getJobState(rung1.jobId)).toBe('delayed');
      for (const team of ['unit:cell-1', 'wg:wg-c1']) {
        const feed = await pipeline.alerts.listFeed(team);
        expect(feed.items.map((i) => i.alert.id)).toEqual([overdue.jobId]);
      }
      expect(await counterValue(pipeline.metrics, 'congress_alerts_written_total')).toBe(
        pause === 'before-record' ? 1 : 0,
      );
    },
  );
});
