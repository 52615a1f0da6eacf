import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/shared/clock.js';
import { principals } from '../support/builders.js';
import { buildChain, openPipeline, type Pipeline } from '../workers/support/harness.js';

let pipeline: Pipeline;
afterEach(async () => pipeline.cleanup());

async function queuedUnits(): Promise<string[]> {
  const jobs = await pipeline.queue.getJobs(['delayed', 'waiting']);
  return [...new Set(jobs.map((j) => j.data.unitId))].sort();
}

describe('importTree with a real deadline queue', () => {
  it('when a cell is dissolved, then its queued deadline jobs are removed and its siblings keep theirs', async () => {
    pipeline = await openPipeline('import-dissolve-jobs', createManualClock('2020-03-02T02:00:00.000Z'));
    const tree = buildChain(2);
    await pipeline.importUnits(tree);
    expect(await queuedUnits()).toEqual(expect.arrayContaining(['cell-1', 'cell-2']));

    const dissolved = tree.map((u) => (u.id === 'cell-1' ? { ...u, status: 'dissolved' as const } : u));
    await pipeline.engine.importTree(
      { format: 'json', content: JSON.stringify(dissolved) },
      principals.admin,
    );

    const queued = await queuedUnits();
    expect(queued).not.toContain('cell-1');
    expect(queued).toContain('cell-2');
  });
});
