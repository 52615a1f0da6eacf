import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, DigestContent } from '../../src/alerts/alert.schema.js';
import { recordDigests } from '../../src/alerts/digest.js';
import { createManualClock } from '../../src/shared/clock.js';
import { principals } from '../support/builders.js';
import { buildChain, openPipeline, type Pipeline } from './support/harness.js';

let pipeline: Pipeline;
afterEach(async () => pipeline.cleanup());

const cellOverdue = (i: number) => ({
  unitId: `cell-${i}`,
  kind: 'congress.held',
  dueAt: '2020-03-31T10:00:00.000Z',
});

/** cell-1..3 are overdue on their congress; cell-3's plan waits for base-1's approval past its first reminder. */
async function scenario() {
  const clock = createManualClock('2020-03-25T02:00:00.000Z');
  pipeline = await openPipeline('digest', clock);
  await pipeline.importUnits(buildChain(3));
  await pipeline.engine.dispatch(
    'cell-3',
    { type: 'plan.submitted', payload: { reference: 'KH-3' } },
    principals.secretaryOf('cell-3'),
  );
  const view = await pipeline.engine.getUnit('cell-3', principals.system);
  const approval = view.deadlines.find((d) => d.kind === 'plan.approval')!;
  clock.set('2020-03-31T12:00:00.000Z');
  const atRisk = { unitId: 'cell-3', kind: 'plan.approval', dueAt: approval.dueAt };
  return { clock, atRisk };
}

function byTick(digests: Alert[]): Map<string, Alert[]> {
  const ticks = new Map<string, Alert[]>();
  for (const d of digests) ticks.set(d.fireAt, [...(ticks.get(d.fireAt) ?? []), d]);
  return ticks;
}

describe('daily digest', () => {
  it('when the digest scheduler ticks, then each supervisor team gets one digest per tick listing its overdue and at-risk units and progress', async () => {
    const { atRisk } = await scenario();
    const baseProgress = (await pipeline.engine.progress('base-1', principals.system)).map(
      ({ level, block, done, total, percent }) => ({ level, block, done, total, percent }),
    );
    const expected: DigestContent[] = [
      { team: 'sc:base-1', overdue: [1, 2, 3].map(cellOverdue), atRisk: [atRisk], progress: baseProgress },
      {
        team: 'sc:district-1',
        overdue: [1, 2, 3].map(cellOverdue),
        atRisk: [atRisk],
        progress: expect.any(Array),
      },
      { team: 'sc:province-1', overdue: [], atRisk: [atRisk], progress: expect.any(Array) },
      { team: 'wg:wg-b', overdue: [], atRisk: [atRisk], progress: [] },
      { team: 'wg:wg-c1', overdue: [cellOverdue(1)], atRisk: [], progress: [] },
      { team: 'wg:wg-c2', overdue: [cellOverdue(2)], atRisk: [], progress: [] },
      { team: 'wg:wg-c3', overdue: [cellOverdue(3)], atRisk: [], progress: [] },
    ];
    expect(baseProgress.length).toBeGreaterThan(0);

    const workers = await pipeline.startWorkers({
      digest: { pattern: '* * * * * *', tz: 'Asia/Ho_Chi_Minh' },
    });
    await expect
      .poll(async () => byTick(await pipeline.alerts.listDigests()).size, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    // Closing waits for the tick in progress, so every recorded tick is complete.
    await workers.close();
    const ticks = [...byTick(await pipeline.alerts.listDigests()).values()];
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const digests of ticks) {
      const sorted = [...digests].sort((a, b) => a.recipients[0]!.localeCompare(b.recipients[0]!));
      expect(sorted.map((d) => d.recipients)).toEqual(expected.map((e) => [e.team]));
      expect(sorted.map((d) => d.digest)).toEqual(expected);
    }
    const feed = await pipeline.alerts.listFeed('wg:wg-b');
    expect(feed.items.filter((i) => i.alert.type === 'digest').length).toBeGreaterThanOrEqual(1);
  });

  it('when a tick is processed twice, then no second digest is written', async () => {
    const { clock } = await scenario();
    const tick = new Date('2020-04-01T00:00:00.000Z');
    const first = await recordDigests(pipeline, tick, clock.now());
    expect(first.length).toBe(7);
    expect(await recordDigests(pipeline, tick, clock.now())).toEqual([]);
    expect(await pipeline.alerts.listDigests()).toHaveLength(7);
  });
});
