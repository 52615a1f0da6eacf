import { afterEach, describe, expect, it } from 'vitest';
import { alertPointsOf } from '../../src/deadlines/alert-points.js';
import { firstPoint } from '../../src/deadlines/point-chain.js';
import { createManualClock } from '../../src/shared/clock.js';
import { principals } from '../support/builders.js';
import { buildChain, openPipeline, type Pipeline } from '../workers/support/harness.js';

const clock = createManualClock('2020-03-02T02:00:00.000Z');
let pipeline: Pipeline;
afterEach(async () => pipeline.cleanup());

async function queuedIds(unitId: string): Promise<string[]> {
  const jobs = await pipeline.queue.getJobs(['delayed', 'waiting']);
  return jobs
    .filter((j) => j.data.unitId === unitId)
    .map((j) => j.id!)
    .sort();
}

/** Every point id of the unit's open deadlines. */
async function openPointIds(unitId: string): Promise<string[]> {
  const view = await pipeline.engine.getUnit(unitId, principals.system);
  return view.deadlines
    .flatMap((d) => alertPointsOf(unitId, d))
    .map((p) => p.jobId)
    .sort();
}

/** The one point per open deadline that should be queued: its first, as nothing has fired yet. */
async function firstPointIds(unitId: string): Promise<string[]> {
  const view = await pipeline.engine.getUnit(unitId, principals.system);
  return view.deadlines
    .flatMap((d) => firstPoint(unitId, d, clock.now()) ?? [])
    .map((p) => p.jobId)
    .sort();
}

describe('engine and scheduler together', () => {
  it('when a unit is imported, submits and is postponed, then exactly one job per open deadline is queued, its first point', async () => {
    pipeline = await openPipeline('sync', clock);
    await pipeline.importUnits(buildChain(1));
    const imported = await openPointIds('cell-1');
    expect(imported.length).toBeGreaterThan(0);
    expect(await queuedIds('cell-1')).toEqual(await firstPointIds('cell-1'));

    await pipeline.engine.dispatch(
      'cell-1',
      { type: 'plan.submitted', payload: { reference: 'KH-1' } },
      principals.secretaryOf('cell-1'),
    );
    const submitted = await openPointIds('cell-1');
    expect(submitted.some((id) => id.includes('|plan.approval|'))).toBe(true);
    expect(await queuedIds('cell-1')).toEqual(await firstPointIds('cell-1'));

    await pipeline.engine.dispatch(
      'cell-1',
      { type: 'congress.postponed', payload: { until: '2020-09-30', reason: 'COVID-19' } },
      principals.committeeOf('base-1'),
    );
    const postponed = await openPointIds('cell-1');
    expect(await queuedIds('cell-1')).toEqual(await firstPointIds('cell-1'));
    const movedAway = imported.filter((id) => !postponed.includes(id));
    expect(movedAway.length).toBeGreaterThan(0);
    for (const id of movedAway) expect(await pipeline.queue.getJob(id)).toBeUndefined();
  });
});
